/**
 * Expired access tokens (ACCESS_SECONDS=2 on both backends, one 2.2 s wait per scenario) and
 * Authorization headers sent to public endpoints (contract §3.3, §5 preamble, §11 fact 4).
 */
import type { Scenario } from '../harness/dsl'
import { claimsOf } from '../harness/normalise'
import { ACCOUNTS, API, AUTH, badAccess, BEARER, login, me, ME } from './helpers'

const EXPIRED = { status: 401, body: badAccess(), headers: BEARER }
const PAIR = { access: '<jwt>', refresh: '<jwt>' }

export const expiryScenarios: Scenario[] = [
  {
    name: 'expired access: 401 with messages; refresh works; the new access works',
    config: 'short',
    steps: [
      login('staff'),
      me('{staff.access}', 200),
      { wait: 2200 },
      me('{staff.access}', EXPIRED),
      {
        do: 'expired access on expenses',
        path: `${API}/expenses/`,
        auth: '{staff.access}',
        expect: EXPIRED,
      },
      {
        do: 'expired access on another tenant: expiry wins over the tenant check',
        path: `${AUTH}/users/me/`,
        host: 'globex',
        auth: '{staff.access}',
        expect: EXPIRED,
      },
      {
        do: 'verify the expired access',
        method: 'POST',
        path: `${AUTH}/jwt/verify/`,
        json: { token: '{staff.access}' },
        expect: {
          status: 401,
          body: { detail: 'Token is invalid or expired', code: 'token_not_valid' },
        },
      },
      {
        do: 'refresh',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        json: { refresh: '{staff.refresh}' },
        expect: { status: 200, body: PAIR },
        save: { 'r.access': 'access' },
      },
      {
        check: 'the refreshed access keeps the login iat (5.2.2 quirk), exp is refresh time + 2 s',
        value: (v) => {
          const login = claimsOf(v['staff.access'])
          const access = claimsOf(v['r.access'])
          const lifetimeByIat = Number(access.exp) - Number(access.iat)
          return { sameIat: access.iat === login.iat, expMinusIatOver4s: lifetimeByIat >= 4 }
        },
        expect: { sameIat: true, expMinusIatOver4s: true },
      },
      me('{r.access}', { status: 200, body: ME.staff }),
    ],
  },
  {
    name: 'expired access on public endpoints: register, reset_password, tenants/info, activation 401; jwt/* ignore it',
    config: 'short',
    steps: [
      login('admin'),
      { wait: 2200 },
      {
        do: 'register with the expired header',
        method: 'POST',
        path: `${AUTH}/users/`,
        auth: '{admin.access}',
        json: { email: 'new@acme.test', password: 'sup3r-Secret-xyz' },
        expect: EXPIRED,
      },
      {
        do: 'reset_password with the expired header',
        method: 'POST',
        path: `${AUTH}/users/reset_password/`,
        auth: '{admin.access}',
        json: { email: 'admin@acme.test' },
        expect: EXPIRED,
      },
      { mail: 'no mail was sent', expectCount: 0 },
      {
        do: 'tenants/info with the expired header',
        method: 'POST',
        path: `${API}/tenants/info/`,
        auth: '{admin.access}',
        json: { tenant_id: 'ACM-1001' },
        expect: EXPIRED,
      },
      {
        do: 'activation with the expired header',
        method: 'POST',
        path: `${AUTH}/users/activation/`,
        auth: '{admin.access}',
        json: {},
        expect: EXPIRED,
      },
      {
        do: 'jwt/create with the expired header',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        auth: '{admin.access}',
        json: ACCOUNTS.admin,
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'jwt/refresh with the expired header',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        auth: '{admin.access}',
        json: { refresh: '{admin.refresh}' },
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'register without the header',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: 'new@acme.test', password: 'sup3r-Secret-xyz' },
        expect: 201,
      },
    ],
  },
  {
    name: 'garbage Authorization on public endpoints: register, reset_password, tenants/info on the public host',
    // The same answers on the original backend (and the fixture's original profile).
    profiles: ['original', 'hardened'],
    steps: [
      {
        do: 'register with Bearer garbage',
        method: 'POST',
        path: `${AUTH}/users/`,
        auth: 'garbage',
        json: { email: 'new@acme.test', password: 'sup3r-Secret-xyz' },
        expect: { status: 401, body: badAccess() },
      },
      {
        do: 'reset_password_confirm with Bearer garbage',
        method: 'POST',
        path: `${AUTH}/users/reset_password_confirm/`,
        auth: 'garbage',
        json: {},
        expect: { status: 401, body: badAccess() },
      },
      {
        do: 'tenants/info on localhost with Bearer garbage',
        method: 'POST',
        path: `${API}/tenants/info/`,
        host: 'public',
        auth: 'garbage',
        json: { tenant_id: 'ACM-1001' },
        expect: { status: 401, body: badAccess() },
      },
      {
        do: 'tenants/info on localhost with a valid-looking scheme it ignores',
        method: 'POST',
        path: `${API}/tenants/info/`,
        host: 'public',
        headers: { authorization: 'Token abc' },
        json: { tenant_id: 'ACM-1001' },
        expect: 200,
      },
    ],
  },
  {
    name: 'a refresh token sent as Bearer: wrong type, before any tenant check',
    steps: [
      login('gstaff'),
      {
        do: 'globex refresh token as Bearer on globex',
        path: `${AUTH}/users/me/`,
        host: 'globex',
        auth: '{gstaff.refresh}',
        expect: { status: 401, body: badAccess('Token has wrong type') },
      },
      {
        do: 'globex refresh token as Bearer on acme',
        path: `${AUTH}/users/me/`,
        auth: '{gstaff.refresh}',
        expect: { status: 401, body: badAccess('Token has wrong type') },
      },
    ],
  },
]

/** Contract §3 and §4 (jwt create / refresh / verify), §3.3 (Authorization header) and §12 (blacklist). */
import type { Scenario } from '../harness/dsl'
import { claimsOf } from '../harness/normalise'
import {
  ACCOUNTS,
  AUTH,
  API,
  BEARER,
  badAccess,
  login,
  NO_ACCOUNT,
  NOT_PROVIDED,
  REQUIRED,
} from './helpers'

const CREATE = `${AUTH}/jwt/create/`
const REFRESH = `${AUTH}/jwt/refresh/`
const VERIFY = `${AUTH}/jwt/verify/`
const BLACKLIST = `${AUTH}/jwt/blacklist/`
const PAIR = { access: '<jwt>', refresh: '<jwt>' }
const BLACKLISTED = { detail: 'Token is blacklisted', code: 'token_not_valid' }
const INVALID = { detail: 'Token is invalid or expired', code: 'token_not_valid' }

export const jwtScenarios: Scenario[] = [
  {
    name: 'jwt/create: a pair with the custom claims (email, username, tenant, int user_id)',
    steps: [
      login('staff'),
      {
        check: 'access and refresh claims',
        value: (v) => {
          const a = claimsOf(v['staff.access'])
          const r = claimsOf(v['staff.refresh'])
          return {
            access: Object.keys(a).sort(),
            refresh: Object.keys(r).sort(),
            types: [a.token_type, r.token_type],
            user_id: [a.user_id, r.user_id],
            tenant: [a.tenant, r.tenant],
            email: a.email,
            username: a.username,
            sameIat: a.iat === r.iat,
            distinctJti: a.jti !== r.jti,
            noRole: !('role' in a) && !('is_staff' in a) && !('organization' in a),
          }
        },
        expect: {
          access: ['email', 'exp', 'iat', 'jti', 'tenant', 'token_type', 'user_id', 'username'],
          refresh: ['email', 'exp', 'iat', 'jti', 'tenant', 'token_type', 'user_id', 'username'],
          types: ['access', 'refresh'],
          user_id: [2, 2],
          tenant: ['acme', 'acme'],
          email: 'staff@acme.test',
          username: 'staff@acme.test',
          sameIat: true,
          distinctJti: true,
          noRole: true,
        },
      },
      login('gadmin'),
      {
        check: 'globex tenant claim',
        value: (v) => claimsOf(v['gadmin.access']).tenant,
        expect: 'globex',
      },
    ],
  },
  {
    name: 'jwt/create: the jwt routes have no end anchor (no slash, suffix), and accept forms',
    steps: [
      {
        do: 'jwt/create without slash',
        method: 'POST',
        path: `${AUTH}/jwt/create`,
        json: ACCOUNTS.admin,
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'jwt/createXYZ',
        method: 'POST',
        path: `${AUTH}/jwt/createXYZ`,
        json: ACCOUNTS.admin,
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'form-encoded jwt/create',
        method: 'POST',
        path: CREATE,
        form: ACCOUNTS.staff,
        expect: { status: 200, body: PAIR },
      },
    ],
  },
  {
    name: 'jwt/create: wrong password, unknown email, other letter case, missing fields',
    // The same answers on the original backend (and the fixture's original profile).
    profiles: ['original', 'hardened'],
    steps: [
      {
        do: 'wrong password',
        method: 'POST',
        path: CREATE,
        json: { email: 'admin@acme.test', password: 'nope-nope-1' },
        expect: { status: 401, body: NO_ACCOUNT, headers: BEARER },
      },
      {
        do: 'unknown email',
        method: 'POST',
        path: CREATE,
        json: { email: 'ghost@acme.test', password: 'acme-admin-pass-1' },
        expect: { status: 401, body: NO_ACCOUNT },
      },
      {
        do: 'email in another letter case',
        method: 'POST',
        path: CREATE,
        json: { email: 'Admin@acme.test', password: 'acme-admin-pass-1' },
        expect: { status: 401, body: NO_ACCOUNT },
      },
      {
        do: 'empty body',
        method: 'POST',
        path: CREATE,
        json: {},
        expect: { status: 400, body: { email: REQUIRED, password: REQUIRED } },
      },
      {
        do: 'username instead of email',
        method: 'POST',
        path: CREATE,
        json: { username: 'admin@acme.test', password: 'acme-admin-pass-1' },
        expect: { status: 400, body: { email: REQUIRED } },
      },
      {
        do: 'empty strings',
        method: 'POST',
        path: CREATE,
        json: { email: '', password: '' },
        expect: 400,
      },
    ],
  },
  {
    name: 'jwt endpoints: GET is 405 and a stale Authorization header is ignored',
    steps: [
      {
        do: 'GET jwt/create',
        path: CREATE,
        expect: { status: 405, body: { detail: 'Method "GET" not allowed.' } },
      },
      {
        do: 'GET jwt/refresh',
        path: REFRESH,
        expect: { status: 405, body: { detail: 'Method "GET" not allowed.' } },
      },
      {
        do: 'GET jwt/verify',
        path: VERIFY,
        expect: { status: 405, body: { detail: 'Method "GET" not allowed.' } },
      },
      {
        do: 'jwt/create with Bearer garbage',
        method: 'POST',
        path: CREATE,
        auth: 'garbage',
        json: ACCOUNTS.admin,
        expect: { status: 200, body: PAIR },
        save: { 'a.access': 'access', 'a.refresh': 'refresh' },
      },
      {
        do: 'jwt/refresh with Bearer garbage',
        method: 'POST',
        path: REFRESH,
        auth: 'garbage',
        json: { refresh: '{a.refresh}' },
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'jwt/verify with Bearer garbage',
        method: 'POST',
        path: VERIFY,
        auth: 'garbage',
        json: { token: '{a.access}' },
        expect: { status: 200, body: {} },
      },
    ],
  },
  {
    name: 'jwt/refresh: rotation, blacklisting of the old token, and the iat quirk',
    steps: [
      login('admin'),
      { wait: 1100 },
      {
        do: 'refresh',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 200, body: PAIR },
        save: { 'r1.access': 'access', 'r1.refresh': 'refresh' },
      },
      {
        check: 'rotated claims',
        value: (v) => {
          const login = claimsOf(v['admin.refresh'])
          const access = claimsOf(v['r1.access'])
          const refresh = claimsOf(v['r1.refresh'])
          return {
            accessIatIsLoginIat: access.iat === login.iat,
            accessExpAfterLoginLifetime:
              Number(access.exp) - Number(access.iat) >
              Number(claimsOf(v['admin.access']).exp) - Number(login.iat),
            newRefreshIatIsLater: Number(refresh.iat) > Number(login.iat),
            newRefreshJti: refresh.jti !== login.jti,
            claimsCopied: [access.email, access.username, access.tenant, access.user_id],
          }
        },
        expect: {
          accessIatIsLoginIat: true,
          accessExpAfterLoginLifetime: true,
          newRefreshIatIsLater: true,
          newRefreshJti: true,
          claimsCopied: ['admin@acme.test', 'admin@acme.test', 'acme', 1],
        },
      },
      {
        do: 'reuse the old refresh token',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 401, body: BLACKLISTED, headers: BEARER },
      },
      {
        do: 'verify the old refresh token',
        method: 'POST',
        path: VERIFY,
        json: { token: '{admin.refresh}' },
        expect: { status: 400, body: { non_field_errors: ['Token is blacklisted'] } },
      },
      {
        do: 'the rotated refresh token works',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{r1.refresh}' },
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'the refreshed access token works on me',
        path: `${AUTH}/users/me/`,
        auth: '{r1.access}',
        expect: 200,
      },
    ],
  },
  {
    name: 'jwt/refresh: empty body, garbage, an access token',
    steps: [
      login('staff'),
      {
        do: 'empty body',
        method: 'POST',
        path: REFRESH,
        json: {},
        expect: { status: 400, body: { refresh: REQUIRED } },
      },
      {
        do: 'garbage',
        method: 'POST',
        path: REFRESH,
        json: { refresh: 'garbage' },
        expect: { status: 401, body: INVALID },
      },
      {
        do: 'an access token',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{staff.access}' },
        expect: { status: 401, body: { detail: 'Token has wrong type', code: 'token_not_valid' } },
      },
      {
        do: 'a tampered refresh token',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{staff.refresh}x' },
        expect: { status: 401, body: INVALID },
      },
    ],
  },
  {
    name: 'jwt/refresh: five simultaneous refreshes with one token, one wins',
    steps: [
      login('staff'),
      {
        do: '5 refreshes at once',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{staff.refresh}' },
        times: 5,
        expectStatuses: [200, 401, 401, 401, 401],
      },
      {
        do: 'a sixth, sequential',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{staff.refresh}' },
        expect: { status: 401, body: BLACKLISTED },
      },
    ],
  },
  {
    name: 'jwt/verify: access, refresh, garbage, empty body',
    steps: [
      login('admin'),
      {
        do: 'verify access',
        method: 'POST',
        path: VERIFY,
        json: { token: '{admin.access}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'verify refresh',
        method: 'POST',
        path: VERIFY,
        json: { token: '{admin.refresh}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'verify garbage',
        method: 'POST',
        path: VERIFY,
        json: { token: 'garbage' },
        expect: { status: 401, body: INVALID, headers: BEARER },
      },
      {
        do: 'verify empty body',
        method: 'POST',
        path: VERIFY,
        json: {},
        expect: { status: 400, body: { token: REQUIRED } },
      },
    ],
  },
  {
    name: 'Authorization header: schemes, value counts, token types',
    steps: [
      login('staff'),
      {
        do: 'no header',
        path: `${AUTH}/users/me/`,
        expect: { status: 401, body: NOT_PROVIDED, headers: BEARER },
      },
      {
        do: 'lower-case bearer is ignored',
        path: `${AUTH}/users/me/`,
        headers: { authorization: 'bearer {staff.access}' },
        expect: { status: 401, body: NOT_PROVIDED },
      },
      {
        do: 'JWT scheme is ignored',
        path: `${AUTH}/users/me/`,
        headers: { authorization: 'JWT {staff.access}' },
        expect: { status: 401, body: NOT_PROVIDED },
      },
      {
        do: 'Token scheme is ignored',
        path: `${AUTH}/users/me/`,
        headers: { authorization: 'Token {staff.access}' },
        expect: { status: 401, body: NOT_PROVIDED },
      },
      {
        do: 'Bearer without a value',
        path: `${AUTH}/users/me/`,
        headers: { authorization: 'Bearer' },
        expect: {
          status: 401,
          body: {
            detail: 'Authorization header must contain two space-delimited values',
            code: 'bad_authorization_header',
          },
        },
      },
      {
        do: 'Bearer with two values',
        path: `${AUTH}/users/me/`,
        headers: { authorization: 'Bearer {staff.access} extra' },
        expect: {
          status: 401,
          body: {
            detail: 'Authorization header must contain two space-delimited values',
            code: 'bad_authorization_header',
          },
        },
      },
      {
        do: 'Bearer garbage',
        path: `${AUTH}/users/me/`,
        auth: 'garbage',
        expect: { status: 401, body: badAccess(), headers: BEARER },
      },
      {
        do: 'a refresh token as Bearer',
        path: `${AUTH}/users/me/`,
        auth: '{staff.refresh}',
        expect: { status: 401, body: badAccess('Token has wrong type') },
      },
      {
        do: 'the access token',
        path: `${API}/tenants/current/`,
        auth: '{staff.access}',
        expect: 200,
      },
    ],
  },
  {
    name: 'jwt/blacklist (§12): revokes a refresh token',
    steps: [
      login('staff'),
      {
        do: 'blacklist the refresh token',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: '{staff.refresh}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'blacklist it again',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: '{staff.refresh}' },
        expect: { status: 401, body: BLACKLISTED },
      },
      {
        do: 'refresh with it',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{staff.refresh}' },
        expect: { status: 401, body: BLACKLISTED },
      },
      {
        do: 'the access token still works',
        path: `${AUTH}/users/me/`,
        auth: '{staff.access}',
        expect: 200,
      },
    ],
  },
  {
    name: 'jwt/blacklist (§12): empty body, garbage, access token, GET',
    steps: [
      login('admin'),
      {
        do: 'empty body',
        method: 'POST',
        path: BLACKLIST,
        json: {},
        expect: { status: 400, body: { refresh: REQUIRED } },
      },
      {
        do: 'garbage',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: 'garbage' },
        expect: { status: 401, body: INVALID },
      },
      {
        do: 'an access token',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: '{admin.access}' },
        expect: { status: 401, body: { detail: 'Token has wrong type', code: 'token_not_valid' } },
      },
      {
        do: 'GET',
        path: BLACKLIST,
        expect: { status: 405, body: { detail: 'Method "GET" not allowed.' } },
      },
    ],
  },
]

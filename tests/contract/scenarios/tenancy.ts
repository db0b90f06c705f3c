/** Contract §2 (tenant gate, tenants/info, cross-tenant table) and §7 (CORS). */
import type { Scenario } from '../harness/dsl'
import { Books } from './domainSeed'
import {
  ACCOUNTS,
  API,
  AUTH,
  BEARER,
  INACTIVE_ORG,
  login,
  NO_ACCOUNT,
  NOT_FOUND,
  NOT_PROVIDED,
  USER_NOT_FOUND,
} from './helpers'

const ORIGIN = { origin: 'http://acme.localhost:5173' }
/** A globex expense's id (hardened: one id sequence for every tenant). */
const GLOBEX_EXPENSE = new Books('hardened').expense('globex', 'Courier').id

export const tenancyScenarios: Scenario[] = [
  {
    name: 'gate: unknown tenant hosts get 404 tenant_not_found (with CORS)',
    steps: [
      {
        do: 'GET me on nope.localhost',
        path: `${AUTH}/users/me/`,
        host: 'nope',
        headers: ORIGIN,
        expect: {
          status: 404,
          body: {
            detail: "No tenant matches the host 'nope.localhost'.",
            code: 'tenant_not_found',
          },
          headers: { 'access-control-allow-origin': '*' },
        },
      },
      {
        do: 'POST jwt/create on nope.localhost',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        host: 'nope',
        json: ACCOUNTS.admin,
        expect: 404,
      },
      {
        do: 'GET expenses on a.b.localhost',
        path: `${API}/expenses/`,
        host: 'a.b',
        expect: {
          status: 404,
          body: { detail: "No tenant matches the host 'a.b.localhost'.", code: 'tenant_not_found' },
        },
      },
    ],
  },
  {
    name: 'gate: the inactive tenant answers 403 tenant_inactive on every path',
    steps: [
      {
        do: 'POST jwt/create on initech',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        host: 'initech',
        json: ACCOUNTS.admin,
        expect: { status: 403, body: { detail: INACTIVE_ORG, code: 'tenant_inactive' } },
      },
      {
        do: 'GET expenses on initech',
        path: `${API}/expenses/`,
        host: 'initech',
        expect: { status: 403, body: { detail: INACTIVE_ORG, code: 'tenant_inactive' } },
      },
      {
        do: 'POST register on initech',
        method: 'POST',
        path: `${AUTH}/users/`,
        host: 'initech',
        json: { email: 'x@initech.test', password: 'sup3r-Secret-xyz' },
        expect: 403,
      },
    ],
  },
  {
    name: 'gate: the public host is closed except tenants/info',
    steps: [
      {
        do: 'GET me on localhost',
        path: `${AUTH}/users/me/`,
        host: 'public',
        expect: {
          status: 404,
          body: {
            detail: 'This endpoint needs a tenant host such as acme.localhost.',
            code: 'tenant_required',
          },
        },
      },
      {
        do: 'POST jwt/create on 127.0.0.1',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        host: '127.0.0.1',
        json: ACCOUNTS.admin,
        expect: 404,
      },
      {
        do: 'POST tenants/info on localhost',
        method: 'POST',
        path: `${API}/tenants/info/`,
        host: 'public',
        json: { tenant_id: 'GLO-1002' },
        expect: {
          status: 200,
          body: {
            name: 'Globex Corporation',
            subdomain: 'globex.localhost',
            organization_id: 'GLO-1002',
          },
        },
      },
      {
        do: 'GET tenants/info on localhost (only POST is open)',
        path: `${API}/tenants/info/`,
        host: 'public',
        expect: 404,
      },
    ],
  },
  {
    name: 'gate: a host outside ALLOWED_HOSTS is a 400 HTML page; unknown paths a 404 page',
    // The same answers on the original backend (and the fixture's original profile).
    profiles: ['original', 'hardened'],
    steps: [
      {
        do: 'GET expenses on evil.example.com',
        path: `${API}/expenses/`,
        host: 'evil.example.com',
        expect: { status: 400, body: '(html) Bad Request (400)' },
      },
      { do: 'GET an unknown API path', path: `${API}/nothing-here/`, expect: 404 },
      { do: 'GET an unknown auth path', path: `${AUTH}/nothing-here/`, expect: 404 },
    ],
  },
  {
    name: 'tenants/info: found, missing key, unknown, inactive (on a tenant host)',
    steps: [
      {
        do: 'ACM-1001',
        method: 'POST',
        path: `${API}/tenants/info/`,
        json: { tenant_id: 'ACM-1001' },
        expect: {
          status: 200,
          body: {
            name: 'Acme Corporation',
            subdomain: 'acme.localhost',
            organization_id: 'ACM-1001',
          },
        },
      },
      {
        do: 'empty body',
        method: 'POST',
        path: `${API}/tenants/info/`,
        json: {},
        expect: {
          status: 400,
          body: { detail: 'Please pass tenant_id as a key in your request' },
        },
      },
      {
        do: 'unknown id',
        method: 'POST',
        path: `${API}/tenants/info/`,
        json: { tenant_id: 'XXX-0000' },
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'inactive tenant id',
        method: 'POST',
        path: `${API}/tenants/info/`,
        host: 'globex',
        json: { tenant_id: 'INI-1003' },
        expect: { status: 403, body: { detail: INACTIVE_ORG } },
      },
      {
        do: 'GET tenants/info (AllowAny: 405)',
        path: `${API}/tenants/info/`,
        expect: { status: 405, body: { detail: 'Method "GET" not allowed.' } },
      },
    ],
  },
  {
    name: 'cross-tenant: credentials and access token of acme on globex',
    steps: [
      {
        do: 'acme admin signs in on globex',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        host: 'globex',
        json: ACCOUNTS.admin,
        expect: { status: 401, body: NO_ACCOUNT, headers: BEARER },
      },
      login('admin'),
      {
        do: 'acme access on globex me',
        path: `${AUTH}/users/me/`,
        host: 'globex',
        auth: '{admin.access}',
        expect: { status: 401, body: USER_NOT_FOUND, headers: BEARER },
      },
      {
        do: 'acme access on globex expenses',
        path: `${API}/expenses/`,
        host: 'globex',
        auth: '{admin.access}',
        expect: { status: 401, body: USER_NOT_FOUND },
      },
      {
        do: 'acme access on globex tenants/current',
        path: `${API}/tenants/current/`,
        host: 'globex',
        auth: '{admin.access}',
        expect: { status: 401, body: USER_NOT_FOUND },
      },
    ],
  },
  {
    name: 'cross-tenant: refresh refused on globex without blacklisting; verify says 200',
    steps: [
      login('admin'),
      {
        do: 'acme refresh on globex',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        host: 'globex',
        json: { refresh: '{admin.refresh}' },
        expect: {
          status: 401,
          body: { detail: 'Token is not valid for this tenant', code: 'token_not_valid' },
        },
      },
      {
        do: 'acme access verified on globex',
        method: 'POST',
        path: `${AUTH}/jwt/verify/`,
        host: 'globex',
        json: { token: '{admin.access}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'acme refresh verified on globex',
        method: 'POST',
        path: `${AUTH}/jwt/verify/`,
        host: 'globex',
        json: { token: '{admin.refresh}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'the same refresh still works on acme',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 200, body: { access: '<jwt>', refresh: '<jwt>' } },
      },
    ],
  },
  {
    name: 'cross-tenant: ids of the other tenant are 404 even for staff',
    steps: [
      login('admin'),
      {
        do: 'globex user 3',
        path: `${AUTH}/users/3/`,
        auth: '{admin.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'a globex expense',
        path: `${API}/expenses/${GLOBEX_EXPENSE}/`,
        auth: '{admin.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'PATCH a globex expense',
        method: 'PATCH',
        path: `${API}/expenses/${GLOBEX_EXPENSE}/`,
        auth: '{admin.access}',
        json: { amount: 1 },
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'globex department 3',
        path: `${API}/departments/3/`,
        auth: '{admin.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
    ],
  },
  {
    name: 'CORS: preflight and headers on 401 and gate answers',
    steps: [
      {
        do: 'preflight of GET me',
        method: 'OPTIONS',
        path: `${AUTH}/users/me/`,
        headers: {
          ...ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, content-type',
        },
        expect: {
          status: 200,
          headers: {
            'access-control-allow-origin': '*',
            'access-control-allow-headers':
              'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with',
            'access-control-allow-methods': 'DELETE, GET, OPTIONS, PATCH, POST, PUT',
            'access-control-max-age': '86400',
          },
        },
      },
      {
        do: 'anonymous GET me from the SPA origin',
        path: `${AUTH}/users/me/`,
        headers: ORIGIN,
        expect: {
          status: 401,
          body: NOT_PROVIDED,
          headers: { 'access-control-allow-origin': '*' },
        },
      },
      {
        do: 'inactive tenant from the SPA origin',
        path: `${API}/expenses/`,
        host: 'initech',
        headers: ORIGIN,
        expect: { status: 403, headers: { 'access-control-allow-origin': '*' } },
      },
    ],
  },
]

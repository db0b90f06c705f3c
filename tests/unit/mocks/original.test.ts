/**
 * The `original` profile: lewis-kori/budgeting-app as published, answer by answer against
 * shared/seed-backend-observed.txt section B (status, body, Content-Type). The names are the
 * hardened seed's (Acme Corporation...), the ids the original's (from 1 in each schema).
 */
import { decodeProtectedHeader } from 'jose'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureMock } from '@/mocks/config'
import { db } from '@/mocks/db'
import { ACCOUNTS, ACME, GLOBEX, call, claims, login } from './helpers'

const API = '/api/v1'
const PUBLIC = 'http://localhost'
const NOPE = 'http://nope.localhost'
const INITECH = 'http://initech.localhost'

const NOT_FOUND_PAGE =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
  '  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n'
const SERVER_ERROR_PAGE =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n' +
  '  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n'
const BAD_REQUEST_PAGE =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Bad Request (400)</title>\n</head>\n<body>\n' +
  '  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n'

const NO_ACCOUNT = { detail: 'No active account found with the given credentials' }
const CHALLENGE = 'Bearer realm="api"'

const ACME_ADMIN = {
  id: 1,
  first_name: 'Ada',
  last_name: 'Admin',
  email: 'admin@acme.test',
  photo: null,
  organization: 1,
  department: 1,
  employee_id: 'ACM-E001',
  role: 'Admin',
  is_active: true,
}
const ACME_STAFF = {
  id: 2,
  first_name: 'Sam',
  last_name: 'Staff',
  email: 'staff@acme.test',
  photo: null,
  organization: 1,
  department: 2,
  employee_id: 'ACM-E002',
  role: 'Staff',
  is_active: true,
}
const GLOBEX_ADMIN = {
  id: 1,
  first_name: 'Gina',
  last_name: 'Admin',
  email: 'admin@globex.test',
  photo: null,
  organization: 1,
  department: 1,
  employee_id: 'GLO-E001',
  role: 'Admin',
  is_active: true,
}

function advance(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.now() + ms)
}

/** Status, body and the Content-Type's media type, as the observed file prints them. */
const seen = (r: { status: number; body: unknown; headers: Headers }) => [
  r.status,
  r.body,
  r.headers.get('content-type'),
]
const page = (r: { status: number; text: string; headers: Headers }) => [
  r.status,
  r.text,
  r.headers.get('content-type'),
]

beforeEach(() => configureMock({ profile: 'original' }))
afterEach(() => {
  vi.useRealTimers()
})

describe('original: sign-in (B1)', () => {
  it('login answers a pair whose claims are exactly simplejwt 5.2.2 defaults', async () => {
    const r = await call(`${ACME}${API}/auth/jwt/create/`, { body: ACCOUNTS.acmeAdmin })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('application/json')
    const { access, refresh } = r.body as { access: string; refresh: string }
    expect(Object.keys(r.body as object).sort()).toEqual(['access', 'refresh'])
    for (const token of [access, refresh])
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' })
    const a = claims(access)
    const rf = claims(refresh)
    expect(Object.keys(a)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id'])
    expect(Object.keys(rf)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id'])
    expect([a.token_type, a.user_id, rf.token_type, rf.user_id]).toEqual([
      'access',
      1,
      'refresh',
      1,
    ])
    // simplejwt's defaults: the original's SIMPLE_JWT keys are another library's.
    expect((a.exp as number) - (a.iat as number)).toBe(300)
    expect((rf.exp as number) - (rf.iat as number)).toBe(86400)
    expect(a.jti).toMatch(/^[0-9a-f]{32}$/)
  })

  it.each([
    ['wrong password', ACME, { email: 'admin@acme.test', password: 'nope' }],
    ['an acme user on the globex host', GLOBEX, ACCOUNTS.acmeAdmin],
    ['the inactive tenant (no gate, no users)', INITECH, ACCOUNTS.acmeAdmin],
    ['the public host (an empty public schema)', PUBLIC, ACCOUNTS.acmeAdmin],
  ])('login with %s is 401 "No active account"', async (_case, origin, body) => {
    const r = await call(`${origin}${API}/auth/jwt/create/`, { body })
    expect(seen(r)).toEqual([401, NO_ACCOUNT, 'application/json'])
    expect(r.headers.get('www-authenticate')).toBe(CHALLENGE)
  })

  it('login with an empty body names both fields', async () => {
    const r = await call(`${ACME}${API}/auth/jwt/create/`, { body: {} })
    expect(seen(r)).toEqual([
      400,
      { email: ['This field is required.'], password: ['This field is required.'] },
      'application/json',
    ])
  })

  it('staff of acme is user 2, the admin of globex is user 1 again', async () => {
    expect(claims((await login(ACCOUNTS.acmeStaff)).access).user_id).toBe(2)
    expect(claims((await login(ACCOUNTS.globexAdmin, GLOBEX)).access).user_id).toBe(1)
    expect(claims((await login(ACCOUNTS.globexStaff, GLOBEX)).access).user_id).toBe(2)
  })
})

describe('original: authenticated reads (B2, B7)', () => {
  it('users/me answers the user row', async () => {
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const r = await call(`${ACME}${API}/auth/users/me/`, { token: access })
    expect(seen(r)).toEqual([200, ACME_ADMIN, 'application/json'])
    const staff = await login(ACCOUNTS.acmeStaff)
    expect((await call(`${ACME}${API}/auth/users/me/`, { token: staff.access })).body).toEqual(
      ACME_STAFF,
    )
  })

  it('users/me without a token is 401 with the Bearer challenge', async () => {
    const r = await call(`${ACME}${API}/auth/users/me/`)
    expect(seen(r)).toEqual([
      401,
      { detail: 'Authentication credentials were not provided.' },
      'application/json',
    ])
    expect(r.headers.get('www-authenticate')).toBe(CHALLENGE)
  })

  it('users/ lists the schema for is_staff, only oneself otherwise', async () => {
    const admin = await login(ACCOUNTS.acmeAdmin)
    const all = await call(`${ACME}${API}/auth/users/`, { token: admin.access })
    expect(seen(all)).toEqual([200, [ACME_STAFF, ACME_ADMIN], 'application/json'])
    const staff = await login(ACCOUNTS.acmeStaff)
    expect((await call(`${ACME}${API}/auth/users/`, { token: staff.access })).body).toEqual([
      ACME_STAFF,
    ])
  })

  it("departments have the original's shape, newest save first, ids from 1 in each schema", async () => {
    const acme = await login(ACCOUNTS.acmeAdmin)
    const globex = await login(ACCOUNTS.globexAdmin, GLOBEX)
    const deps = await call(`${ACME}${API}/departments/`, { token: acme.access })
    expect(deps.body).toEqual([
      { id: 2, created: expect.any(String), updated: expect.any(String), name: 'Engineering' },
      { id: 1, created: expect.any(String), updated: expect.any(String), name: 'Finance' },
    ])
    expect(deps.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS')
    const gDeps = await call(`${GLOBEX}${API}/departments/`, { token: globex.access })
    expect((gDeps.body as { id: number; name: string }[]).map((d) => [d.id, d.name])).toEqual([
      [2, 'Marketing'],
      [1, 'Finance'],
    ])
    const exp = await call(`${ACME}${API}/expenses/`, { token: acme.access })
    expect((exp.body as { id: number }[]).map((e) => e.id)).toEqual([5, 4, 3, 2, 1])
    const gExp = await call(`${GLOBEX}${API}/expenses/`, { token: globex.access })
    expect((gExp.body as { id: number; use: string }[]).map((e) => [e.id, e.use])).toEqual([
      [3, 'Courier'],
      [2, 'Trade show booth'],
      [1, 'Print ads'],
    ])
  })

  it('a new department takes the next id of its own schema', async () => {
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const r = await call(`${ACME}${API}/departments/`, { token: access, body: { name: 'Legal' } })
    expect([r.status, (r.body as { id: number }).id]).toEqual([201, 3])
    const g = await login(ACCOUNTS.globexAdmin, GLOBEX)
    const rg = await call(`${GLOBEX}${API}/departments/`, {
      token: g.access,
      body: { name: 'Legal' },
    })
    expect([rg.status, (rg.body as { id: number }).id]).toEqual([201, 3])
  })
})

describe('original: the tenants app (B2)', () => {
  it('tenants/current/ does not exist: Django 404 page', async () => {
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const r = await call(`${ACME}${API}/tenants/current/`, { token: access })
    expect(page(r)).toEqual([404, NOT_FOUND_PAGE, 'text/html'])
  })

  it('tenants/ on a tenant host lists its own schema copy, anonymously', async () => {
    const r = await call(`${ACME}${API}/tenants/`)
    expect(r.status).toBe(200)
    const rows = r.body as Record<string, unknown>[]
    expect(rows).toHaveLength(1)
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'created',
      'updated',
      'name',
      'business_phone_number',
      'business_email',
      'is_active',
      'schema',
      'subdomain',
      'tenant_id',
    ])
    expect(rows[0]).toMatchObject({
      id: 1,
      name: 'Acme Corporation',
      business_phone_number: '+254700000000',
      business_email: 'info@acme.test',
      is_active: true,
      schema: 'acme',
      subdomain: 'acme.localhost',
      tenant_id: 'ACM-1001',
    })
    expect(rows[0]!.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+03:00$/)
    const globex = (await call(`${GLOBEX}${API}/tenants/`)).body as Record<string, unknown>[]
    expect(globex.map((t) => [t.id, t.tenant_id])).toEqual([[1, 'GLO-1002']])
  })

  it('tenants/ on the public host lists every tenant, newest first', async () => {
    const r = await call(`${PUBLIC}${API}/tenants/`)
    const rows = r.body as Record<string, unknown>[]
    expect(
      rows.map((t) => [t.id, t.name, t.is_active, t.schema, t.subdomain, t.tenant_id]),
    ).toEqual([
      [3, 'Initech', false, 'initech', 'initech.localhost', 'INI-1003'],
      [2, 'Globex Corporation', true, 'globex', 'globex.localhost', 'GLO-1002'],
      [1, 'Acme Corporation', true, 'acme', 'acme.localhost', 'ACM-1001'],
    ])
  })

  it.each([
    [
      PUBLIC,
      'ACM-1001',
      200,
      { name: 'Acme Corporation', subdomain: 'acme.localhost', organization_id: 'ACM-1001' },
    ],
    [
      PUBLIC,
      'INI-1003',
      403,
      {
        detail: 'It appears your organization is inactive, please contact support to rectify this.',
      },
    ],
    [
      ACME,
      'ACM-1001',
      200,
      { name: 'Acme Corporation', subdomain: 'acme.localhost', organization_id: 'ACM-1001' },
    ],
    [PUBLIC, 'XXX-0000', 404, { detail: 'Not found.' }],
  ])('tenants/info on %s for %s is %i', async (origin, code, status, body) => {
    const r = await call(`${origin}${API}/tenants/info/`, { body: { tenant_id: code } })
    expect(seen(r)).toEqual([status, body, 'application/json'])
  })

  it('tenants/info without the key is 400', async () => {
    const r = await call(`${PUBLIC}${API}/tenants/info/`, { body: {} })
    expect(seen(r)).toEqual([
      400,
      { detail: 'Please pass tenant_id as a key in your request' },
      'application/json',
    ])
  })
})

describe('original: refresh without rotation or blacklist (B4, B5)', () => {
  it('refresh answers the access token only; the refreshed one keeps the login iat', async () => {
    const pair = await login(ACCOUNTS.acmeAdmin)
    const loginIat = claims(pair.access).iat as number
    advance(2000)
    const r = await call(`${ACME}${API}/auth/jwt/refresh/`, { body: { refresh: pair.refresh } })
    expect(r.status).toBe(200)
    expect(Object.keys(r.body as object)).toEqual(['access'])
    const a = claims((r.body as { access: string }).access)
    expect(Object.keys(a)).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id'])
    expect(a.iat).toBe(loginIat)
    // exp counts from now, iat from the login: exp - iat is 300 s plus the time since sign-in.
    expect(a.exp).toBe(Math.floor(Date.now() / 1000) + 300)
    expect((a.exp as number) - (a.iat as number)).toBeGreaterThanOrEqual(302)
  })

  it('the same refresh token works again and again', async () => {
    const { refresh } = await login(ACCOUNTS.acmeAdmin)
    for (let i = 0; i < 3; i++) {
      const r = await call(`${ACME}${API}/auth/jwt/refresh/`, { body: { refresh } })
      expect([r.status, Object.keys(r.body as object)]).toEqual([200, ['access']])
    }
  })

  it.each([
    [
      'the access token',
      'access',
      401,
      { detail: 'Token has wrong type', code: 'token_not_valid' },
    ],
    ['garbage', 'garbage', 401, { detail: 'Token is invalid or expired', code: 'token_not_valid' }],
  ])('refresh with %s', async (_case, which, status, body) => {
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const r = await call(`${ACME}${API}/auth/jwt/refresh/`, {
      body: { refresh: which === 'access' ? access : 'abc' },
    })
    expect(seen(r)).toEqual([status, body, 'application/json'])
    expect(r.headers.get('www-authenticate')).toBe(CHALLENGE)
  })

  it('refresh with an empty body, and verify', async () => {
    const r = await call(`${ACME}${API}/auth/jwt/refresh/`, { body: {} })
    expect(seen(r)).toEqual([400, { refresh: ['This field is required.'] }, 'application/json'])
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const v = await call(`${ACME}${API}/auth/jwt/verify/`, { body: { token: access } })
    expect(seen(v)).toEqual([200, {}, 'application/json'])
  })

  it.each(['/auth/jwt/blacklist/', '/auth/jwt/blacklist'])(
    'POST %s is the HTML 404 page, and the token still refreshes',
    async (path) => {
      const { refresh } = await login(ACCOUNTS.acmeAdmin)
      const r = await call(`${ACME}${API}${path}`, { body: { refresh } })
      expect(page(r)).toEqual([404, NOT_FOUND_PAGE, 'text/html'])
      const again = await call(`${ACME}${API}/auth/jwt/refresh/`, { body: { refresh } })
      expect(again.status).toBe(200)
    },
  )
})

describe('original: tenancy (B6)', () => {
  it("acme's access token on globex authenticates globex's user 1", async () => {
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const me = await call(`${GLOBEX}${API}/auth/users/me/`, { token: access })
    expect(seen(me)).toEqual([200, GLOBEX_ADMIN, 'application/json'])
    const expenses = await call(`${GLOBEX}${API}/expenses/`, { token: access })
    expect((expenses.body as { use: string }[]).map((e) => e.use)).toEqual([
      'Courier',
      'Trade show booth',
      'Print ads',
    ])
  })

  it("acme's refresh token refreshes on globex", async () => {
    const { refresh } = await login(ACCOUNTS.acmeAdmin)
    const r = await call(`${GLOBEX}${API}/auth/jwt/refresh/`, { body: { refresh } })
    expect([r.status, Object.keys(r.body as object)]).toEqual([200, ['access']])
  })

  it('an unknown tenant host is the HTML 500 page', async () => {
    const r = await call(`${NOPE}${API}/auth/jwt/create/`, { body: ACCOUNTS.acmeAdmin })
    expect(page(r)).toEqual([500, SERVER_ERROR_PAGE, 'text/html'])
  })

  it('an unknown host fails wherever the database is read (tenants, info, users, departments)', async () => {
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const answers = await Promise.all([
      call(`${NOPE}${API}/tenants/`),
      call(`${NOPE}${API}/tenants/info/`, { body: { tenant_id: 'ACM-1001' } }),
      call(`${NOPE}${API}/auth/users/me/`, { token: access }),
      call(`${NOPE}${API}/departments/`, { token: access }),
      call(`${NOPE}${API}/auth/users/`, {
        body: { email: 'x@nope.test', password: 'a-long-new-pass-9' },
      }),
    ])
    for (const r of answers) expect(page(r)).toEqual([500, SERVER_ERROR_PAGE, 'text/html'])
  })

  it('an unknown host answers as usual where nothing reads the database', async () => {
    const { refresh } = await login(ACCOUNTS.acmeAdmin)
    const anonymous = await call(`${NOPE}${API}/auth/users/me/`)
    expect(seen(anonymous)).toEqual([
      401,
      { detail: 'Authentication credentials were not provided.' },
      'application/json',
    ])
    expect(page(await call(`${NOPE}${API}/tenants/current/`))).toEqual([
      404,
      NOT_FOUND_PAGE,
      'text/html',
    ])
    // simplejwt's refresh reads no table without the blacklist app; with it, it does.
    expect((await call(`${NOPE}${API}/auth/jwt/refresh/`, { body: { refresh } })).status).toBe(200)
    configureMock({ blacklist: true })
    const listed = await call(`${NOPE}${API}/auth/jwt/refresh/`, { body: { refresh } })
    expect(page(listed)).toEqual([500, SERVER_ERROR_PAGE, 'text/html'])
  })

  it('Host 127.0.0.1 is the HTML 400 page', async () => {
    const r = await call(`http://127.0.0.1${API}/auth/jwt/create/`, { body: ACCOUNTS.acmeAdmin })
    expect(page(r)).toEqual([400, BAD_REQUEST_PAGE, 'text/html'])
  })

  it('the same address may sign up with each tenant, with the next id of each schema', async () => {
    const body = {
      email: 'new@both.test',
      password: 'a-long-new-pass-9',
      first_name: 'New',
      last_name: 'Person',
    }
    const a = await call(`${ACME}${API}/auth/users/`, { body })
    const g = await call(`${GLOBEX}${API}/auth/users/`, { body })
    expect([a.status, (a.body as { id: number }).id]).toEqual([201, 3])
    expect([g.status, (g.body as { id: number }).id]).toEqual([201, 3])
    expect(db.users.filter((u) => u.email === 'new@both.test').map((u) => u.schema)).toEqual([
      'acme',
      'globex',
    ])
  })
})

describe('original: profile, registration, deletion (B7b)', () => {
  it('PATCH users/me answers the row', async () => {
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const r = await call(`${ACME}${API}/auth/users/me/`, {
      method: 'PATCH',
      token: access,
      body: { first_name: 'Ada' },
    })
    expect(seen(r)).toEqual([200, ACME_ADMIN, 'application/json'])
  })

  it('register answers the row without is_active and with no organization', async () => {
    const r = await call(`${ACME}${API}/auth/users/`, {
      body: {
        email: 'new@acme.test',
        password: 'a-long-new-pass-9',
        first_name: 'New',
        last_name: 'Person',
        employee_id: 'ACM-E009',
        department: 1,
      },
    })
    expect(seen(r)).toEqual([
      201,
      {
        id: 3,
        first_name: 'New',
        last_name: 'Person',
        email: 'new@acme.test',
        photo: null,
        organization: null,
        department: 1,
        employee_id: 'ACM-E009',
        role: 'Staff',
      },
      'application/json',
    ])
    const { access } = await login({ email: 'new@acme.test', password: 'a-long-new-pass-9' })
    expect(claims(access).user_id).toBe(3)
  })

  it('DELETE users/me is the HTML 500 page and the account stays', async () => {
    const { access } = await login(ACCOUNTS.acmeStaff)
    const r = await call(`${ACME}${API}/auth/users/me/`, {
      method: 'DELETE',
      token: access,
      body: { current_password: ACCOUNTS.acmeStaff.password },
    })
    expect(page(r)).toEqual([500, SERVER_ERROR_PAGE, 'text/html'])
    await expect(login(ACCOUNTS.acmeStaff)).resolves.toHaveProperty('access')
  })
})

describe('original: expiry (B8)', () => {
  it.each(['/auth/users/me/', '/expenses/'])('an expired access token on %s', async (path) => {
    configureMock({ accessSeconds: 10 })
    const { access } = await login(ACCOUNTS.acmeAdmin)
    advance(12_000)
    const r = await call(`${ACME}${API}${path}`, { token: access })
    expect(seen(r)).toEqual([
      401,
      {
        detail: 'Given token not valid for any token type',
        code: 'token_not_valid',
        messages: [
          {
            token_class: 'AccessToken',
            token_type: 'access',
            message: 'Token is invalid or expired',
          },
        ],
      },
      'application/json',
    ])
    expect(r.headers.get('www-authenticate')).toBe(CHALLENGE)
  })
})

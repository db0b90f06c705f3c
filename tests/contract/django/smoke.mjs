// Self-check of the fixture against a sample of backend-contract.md rows.
//   node tests/contract/django/smoke.mjs        (about 10 s; needs setup.sh done)
// The real contract suite lives elsewhere; this only proves the fixture itself.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startDjango } from './fixture.mjs'

let django
const ADMIN = { email: 'admin@acme.test', password: 'acme-admin-pass-1' }
const STAFF = { email: 'staff@acme.test', password: 'acme-staff-pass-1' }

async function call(method, path, { tenant = 'acme', body, token, headers = {} } = {}) {
  const res = await django.request({
    method,
    path,
    host: tenant === null ? django.host() : django.host(tenant),
    body,
    headers: token ? { authorization: `Bearer ${token}`, ...headers } : headers,
  })
  let json
  try {
    json = JSON.parse(res.text)
  } catch {
    json = undefined
  }
  return { ...res, json }
}
const login = async (who, tenant = 'acme') =>
  (await call('POST', '/api/v1/auth/jwt/create/', { tenant, body: who })).json
const claims = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'))

before(async () => {
  django = await startDjango({ accessSeconds: 2 })
})
after(async () => {
  await django?.stop()
})

test('jwt/create: 200 with claims, 401 without code, 400 field errors', async () => {
  const ok = await call('POST', '/api/v1/auth/jwt/create/', { body: ADMIN })
  assert.equal(ok.status, 200)
  const c = claims(ok.json.access)
  assert.deepEqual(
    {
      user_id: c.user_id,
      email: c.email,
      username: c.username,
      tenant: c.tenant,
      type: c.token_type,
    },
    {
      user_id: 1,
      email: 'admin@acme.test',
      username: 'admin@acme.test',
      tenant: 'acme',
      type: 'access',
    },
  )
  assert.equal(c.exp - c.iat, 2)
  const bad = await call('POST', '/api/v1/auth/jwt/create/', { body: { ...ADMIN, password: 'x' } })
  assert.equal(bad.status, 401)
  assert.equal(bad.text, '{"detail":"No active account found with the given credentials"}')
  assert.equal(bad.headers['www-authenticate'], 'Bearer realm="api"')
  const other = await call('POST', '/api/v1/auth/jwt/create/', { tenant: 'globex', body: ADMIN })
  assert.equal(other.status, 401)
  const empty = await call('POST', '/api/v1/auth/jwt/create/', { body: {} })
  assert.equal(
    empty.text,
    '{"email":["This field is required."],"password":["This field is required."]}',
  )
  assert.equal((await call('POST', '/api/v1/auth/jwt/create', { body: ADMIN })).status, 200)
})

test('refresh rotates, blacklists, refuses other tenants without blacklisting', async () => {
  const first = await login(ADMIN)
  const refreshed = await call('POST', '/api/v1/auth/jwt/refresh/', {
    body: { refresh: first.refresh },
  })
  assert.equal(refreshed.status, 200)
  assert.deepEqual(Object.keys(refreshed.json).sort(), ['access', 'refresh'])
  const reuse = await call('POST', '/api/v1/auth/jwt/refresh/', {
    body: { refresh: first.refresh },
  })
  assert.equal(reuse.status, 401)
  assert.equal(reuse.text, '{"detail":"Token is blacklisted","code":"token_not_valid"}')
  const elsewhere = await call('POST', '/api/v1/auth/jwt/refresh/', {
    tenant: 'globex',
    body: { refresh: refreshed.json.refresh },
  })
  assert.equal(elsewhere.status, 401)
  assert.equal(
    elsewhere.text,
    '{"detail":"Token is not valid for this tenant","code":"token_not_valid"}',
  )
  const still = await call('POST', '/api/v1/auth/jwt/refresh/', {
    body: { refresh: refreshed.json.refresh },
  })
  assert.equal(still.status, 200)
  const verify = await call('POST', '/api/v1/auth/jwt/verify/', { body: { token: first.refresh } })
  assert.equal(verify.status, 400)
  assert.equal(verify.text, '{"non_field_errors":["Token is blacklisted"]}')
  const crossVerify = await call('POST', '/api/v1/auth/jwt/verify/', {
    tenant: 'globex',
    body: { token: still.json.access },
  })
  assert.equal(crossVerify.text, '{}')
})

test('five simultaneous refreshes: one wins', async () => {
  const { refresh } = await login(STAFF)
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      call('POST', '/api/v1/auth/jwt/refresh/', { body: { refresh } }),
    ),
  )
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 401, 401, 401, 401])
})

test('blacklist endpoint (contract §12)', async () => {
  const { refresh } = await login(STAFF)
  assert.equal(
    (await call('POST', '/api/v1/auth/jwt/blacklist/', { body: { refresh } })).text,
    '{}',
  )
  const again = await call('POST', '/api/v1/auth/jwt/blacklist/', { body: { refresh } })
  assert.equal(again.text, '{"detail":"Token is blacklisted","code":"token_not_valid"}')
})

test('me: cross-tenant 401 user_not_found; expired token body with messages', async () => {
  const { access } = await login(ADMIN)
  const me = await call('GET', '/api/v1/auth/users/me/', { token: access })
  assert.equal(
    me.text,
    '{"id":1,"first_name":"Ada","last_name":"Admin","email":"admin@acme.test","photo":null,"organization":1,"department":1,"employee_id":"ACM-E001","role":"Admin","is_active":true}',
  )
  const cross = await call('GET', '/api/v1/auth/users/me/', { tenant: 'globex', token: access })
  assert.equal(cross.text, '{"detail":"User not found","code":"user_not_found"}')
  await new Promise((r) => setTimeout(r, 2100))
  const expired = await call('GET', '/api/v1/auth/users/me/', { token: access })
  assert.equal(expired.status, 401)
  assert.equal(
    expired.text,
    '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]}',
  )
})

test('register and password validators', async () => {
  const reg = await call('POST', '/api/v1/auth/users/', {
    body: {
      email: 'reg1@acme.test',
      password: 'sup3r-Secret-xyz',
      first_name: 'Reg',
      last_name: 'One',
    },
  })
  assert.equal(reg.status, 201)
  assert.equal(
    reg.text,
    '{"id":5,"first_name":"Reg","last_name":"One","email":"reg1@acme.test","photo":null,"organization":1,"department":null,"employee_id":null,"role":"Staff"}',
  )
  const rows = [
    [
      { email: 'reg1@acme.test', password: 'sup3r-Secret-xyz' },
      '{"email":["user account with this email already exists."]}',
    ],
    [
      { email: 'r2@acme.test', password: '12345678' },
      '{"password":["This password is too common.","This password is entirely numeric."]}',
    ],
    [
      { email: 'r2@acme.test', password: 'r2@acme.test' },
      '{"password":["The password is too similar to the email."]}',
    ],
    [
      { email: 'r2@acme.test', password: 'sup3r-Secret-xyz', role: 'Boss' },
      '{"role":["\\"Boss\\" is not a valid choice."]}',
    ],
    [
      { email: 'r2@acme.test', password: 'sup3r-Secret-xyz', organization: 2 },
      '{"organization":["Invalid pk \\"2\\" - object does not exist."]}',
    ],
    [
      { email: 'r2@acme.test', password: 'sup3r-Secret-xyz', department: 3 },
      '{"department":["Invalid pk \\"3\\" - object does not exist."]}',
    ],
  ]
  for (const [body, expected] of rows) {
    const res = await call('POST', '/api/v1/auth/users/', { body })
    assert.equal(res.status, 400)
    assert.equal(res.text, expected)
  }
})

test('users list: staff sees the tenant, newest first; others see themselves', async () => {
  const admin = await login(ADMIN)
  const staff = await login(STAFF)
  const all = await call('GET', '/api/v1/auth/users/', { token: admin.access })
  assert.deepEqual(
    all.json.map((u) => u.id),
    [5, 2, 1],
  )
  const mine = await call('GET', '/api/v1/auth/users/', { token: staff.access })
  assert.deepEqual(
    mine.json.map((u) => u.id),
    [2],
  )
  assert.equal((await call('GET', '/api/v1/auth/users/1/', { token: staff.access })).status, 404)
})

test('password reset by mail, then confirm', async () => {
  await django.reset()
  assert.equal(
    (
      await call('POST', '/api/v1/auth/users/reset_password/', {
        body: { email: 'admin@globex.test' },
      })
    ).status,
    204,
  )
  assert.equal(django.lastMail(), undefined)
  await call('POST', '/api/v1/auth/users/reset_password/', { body: { email: 'admin@acme.test' } })
  const mail = django.lastMail()
  assert.equal(mail.to, 'admin@acme.test')
  assert.match(
    mail.url,
    new RegExp(`^http://acme\\.localhost:${django.port}/auth/password/reset/MQ/`),
  )
  const body = { uid: mail.uid, token: mail.token, new_password: 'n3w-Secret-pass' }
  assert.equal(
    (await call('POST', '/api/v1/auth/users/reset_password_confirm/', { body })).status,
    204,
  )
  const reuse = await call('POST', '/api/v1/auth/users/reset_password_confirm/', { body })
  assert.equal(reuse.text, '{"token":["Invalid token for given user."]}')
  const ok = await call('POST', '/api/v1/auth/jwt/create/', {
    body: { email: 'admin@acme.test', password: 'n3w-Secret-pass' },
  })
  assert.equal(ok.status, 200)
})

test('tenant gate, tenants/info, ALLOWED_HOSTS, CORS', async () => {
  const nope = await call('GET', '/api/v1/expenses/', {
    tenant: 'nope',
    headers: { origin: 'http://acme.localhost:5173' },
  })
  assert.equal(nope.status, 404)
  assert.equal(
    nope.text,
    `{"detail": "No tenant matches the host 'nope.localhost'.", "code": "tenant_not_found"}`,
  )
  assert.equal(nope.headers['access-control-allow-origin'], '*')
  const inactive = await call('GET', '/api/v1/expenses/', { tenant: 'initech' })
  assert.equal(inactive.status, 403)
  assert.equal(inactive.json.code, 'tenant_inactive')
  const publicHost = await call('GET', '/api/v1/auth/users/me/', { tenant: null })
  assert.equal(publicHost.status, 404)
  assert.equal(publicHost.json.code, 'tenant_required')
  const info = await call('POST', '/api/v1/tenants/info/', {
    tenant: null,
    body: { tenant_id: 'ACM-1001' },
  })
  assert.equal(
    info.text,
    '{"name":"Acme Corporation","subdomain":"acme.localhost","organization_id":"ACM-1001"}',
  )
  const evil = await django.request({ path: '/api/v1/expenses/', host: 'evil.example.com' })
  assert.equal(evil.status, 400)
  assert.match(evil.text, /Bad Request \(400\)/)
})

test('expenses: list, create charges the budget, validation, 405 on DELETE, 301 without slash', async () => {
  await django.reset()
  const { access: token } = await login(ADMIN)
  const list = await call('GET', '/api/v1/expenses/', { token })
  // hardened: newest created first (acme's seeded expenses are 1-5)
  assert.deepEqual(
    list.json.map((e) => e.id),
    [5, 4, 3, 2, 1],
  )
  const before = await call('GET', '/api/v1/budgets/1/', { token })
  const created = await call('POST', '/api/v1/expenses/', {
    token,
    body: { budget: 1, date: '2026-12-01', use: 'Taxi', amount: 1500 },
  })
  assert.equal(created.status, 201)
  assert.deepEqual(Object.keys(created.json), [
    'id',
    'created',
    'updated',
    'date',
    'use',
    'amount',
    'budget',
  ])
  const after = await call('GET', '/api/v1/budgets/1/', { token })
  assert.equal(after.json.amount, before.json.amount - 1500)
  const bad = await call('POST', '/api/v1/expenses/', {
    token,
    body: { budget: 1, date: '2026-12-01', use: 'x', amount: -5 },
  })
  assert.equal(bad.text, '{"amount":["Ensure this value is greater than or equal to 0."]}')
  const del = await call('DELETE', '/api/v1/expenses/1/', { token })
  assert.equal(del.status, 405)
  assert.equal(del.text, '{"detail":"Method \\"DELETE\\" not allowed."}')
  const noSlash = await call('POST', '/api/v1/auth/users', { body: {} })
  assert.equal(noSlash.status, 301)
  assert.equal(noSlash.headers.location, '/api/v1/auth/users/')
})

/** The middleware stack and URLconf: host gate (§2), APPEND_SLASH (§1), 404/405 shapes. */
import { describe, expect, it } from 'vitest'
import { ACCOUNTS, ACME, call, login } from './helpers'

describe('tenant gate', () => {
  it.each([
    [
      'http://nope.localhost',
      404,
      "No tenant matches the host 'nope.localhost'.",
      'tenant_not_found',
    ],
    [
      'http://a.b.localhost',
      404,
      "No tenant matches the host 'a.b.localhost'.",
      'tenant_not_found',
    ],
    [
      'http://initech.localhost',
      403,
      'It appears your organization is inactive, please contact support to rectify this.',
      'tenant_inactive',
    ],
    [
      'http://localhost',
      404,
      'This endpoint needs a tenant host such as acme.localhost.',
      'tenant_required',
    ],
  ])('%s answers %i %s', async (origin, status, detail, code) => {
    const r = await call(`${origin}/api/v1/auth/jwt/create/`, { body: ACCOUNTS.acmeAdmin })
    expect([r.status, r.body]).toEqual([status, { detail, code }])
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('a host outside ALLOWED_HOSTS gets the HTML 400', async () => {
    const r = await call('http://evil.example.com/api/v1/tenants/current/')
    expect(r.status).toBe(400)
    expect(r.headers.get('content-type')).toContain('text/html')
    expect(r.text).toContain('Bad Request (400)')
  })

  it('tenants/info works on the public host (POST only) and on tenant hosts', async () => {
    const pub = await call('http://localhost/api/v1/tenants/info/', {
      body: { tenant_id: 'ACM-1001' },
    })
    expect([pub.status, pub.body]).toEqual([
      200,
      { name: 'Acme Corporation', subdomain: 'acme.localhost', organization_id: 'ACM-1001' },
    ])
    expect((await call('http://localhost/api/v1/tenants/info/')).body).toMatchObject({
      code: 'tenant_required',
    })
    const missing = await call(`${ACME}/api/v1/tenants/info/`, { body: {} })
    expect(missing.body).toEqual({ detail: 'Please pass tenant_id as a key in your request' })
    expect((await call(`${ACME}/api/v1/tenants/info/`, { body: { tenant_id: 'X' } })).body).toEqual(
      {
        detail: 'Not found.',
      },
    )
    const inactive = await call(`${ACME}/api/v1/tenants/info/`, { body: { tenant_id: 'INI-1003' } })
    expect([inactive.status, inactive.body]).toEqual([
      403,
      {
        detail: 'It appears your organization is inactive, please contact support to rectify this.',
      },
    ])
    expect((await call(`${ACME}/api/v1/tenants/info/`)).status).toBe(405)
  })

  it('tenants/current needs a user and describes the host tenant', async () => {
    expect((await call(`${ACME}/api/v1/tenants/current/`)).body).toEqual({
      detail: 'Authentication credentials were not provided.',
    })
    const { access } = await login(ACCOUNTS.acmeStaff)
    const r = await call(`${ACME}/api/v1/tenants/current/`, { token: access })
    expect(r.body).toMatchObject({
      id: 1,
      name: 'Acme Corporation',
      schema: 'acme',
      subdomain: 'acme.localhost',
      tenant_id: 'ACM-1001',
      business_email: 'info@acme.test',
      is_active: true,
    })
    expect((r.body as { created: string }).created).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+03:00$/,
    )
  })
})

describe('APPEND_SLASH and the URLconf', () => {
  it('301s a missing slash with an empty body, also for POST and before the tenant gate', async () => {
    for (const url of [`${ACME}/api/v1/auth/users`, 'http://nope.localhost/api/v1/expenses']) {
      const r = await call(url, { body: { email: 'a@acme.test' } })
      expect(r.status).toBe(301)
      expect(r.headers.get('location')).toBe(`${new URL(url).pathname}/`)
      expect(r.text).toBe('')
    }
    expect((await call(`${ACME}/api/v1/auth/users/me?x=1`)).headers.get('location')).toBe(
      '/api/v1/auth/users/me/?x=1',
    )
  })

  it('an unknown path is Django’s HTML 404', async () => {
    const r = await call(`${ACME}/api/v1/nothing-here/`)
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toContain('text/html')
    expect(r.text).toContain('<h1>Not Found</h1>')
  })

  it('permission comes before the method: anonymous 401, authenticated 405', async () => {
    expect((await call(`${ACME}/api/v1/auth/users/me/`, { body: {} })).status).toBe(401)
    const { access } = await login(ACCOUNTS.acmeStaff)
    const r = await call(`${ACME}/api/v1/auth/users/me/`, { body: {}, token: access })
    expect([r.status, r.body]).toEqual([405, { detail: 'Method "POST" not allowed.' }])
  })

  it('answers a CORS preflight itself', async () => {
    const r = await fetch(`${ACME}/api/v1/auth/users/me/`, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'PATCH', Origin: 'http://acme.localhost:5173' },
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-methods')).toBe(
      'DELETE, GET, OPTIONS, PATCH, POST, PUT',
    )
    expect(r.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('malformed JSON gets Python’s message; a list body is not a dictionary', async () => {
    const r = await call(`${ACME}/api/v1/auth/users/`, {
      body: '{"email":}',
      headers: { 'Content-Type': 'application/json' },
    })
    expect([r.status, r.body]).toEqual([
      400,
      { detail: 'JSON parse error - Expecting value: line 1 column 10 (char 9)' },
    ])
    const list = await call(`${ACME}/api/v1/auth/users/`, { body: [1] })
    expect(list.body).toEqual({
      non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
    })
  })
})

/** simplejwt's views in the mock: contract §3, §4 and §12. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureMock } from '@/mocks/config'
import { ACCOUNTS, ACME, GLOBEX, call, claims, login } from './helpers'

const JWT = `${ACME}/api/v1/auth/jwt`
/** Moves the clock the server (and jose) read, without waiting. */
function advance(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.now() + ms)
}

afterEach(() => {
  vi.useRealTimers()
})

describe('jwt/create', () => {
  it('returns a pair with the simplejwt claims plus email, username and tenant', async () => {
    const r = await call(`${JWT}/create/`, { body: ACCOUNTS.acmeStaff })
    expect(r.status).toBe(200)
    const { access, refresh } = r.body as { access: string; refresh: string }
    expect(Object.keys(r.body as object)).toEqual(['refresh', 'access'])
    const a = claims(access)
    expect(a).toMatchObject({
      token_type: 'access',
      user_id: 2,
      email: 'staff@acme.test',
      username: 'staff@acme.test',
      tenant: 'acme',
    })
    expect(a.jti).toMatch(/^[0-9a-f]{32}$/)
    expect((a.exp as number) - (a.iat as number)).toBe(120)
    expect(claims(refresh)).toMatchObject({ token_type: 'refresh', user_id: 2, tenant: 'acme' })
    expect(a).not.toHaveProperty('role')
  })

  it.each([
    ['wrong password', { email: 'admin@acme.test', password: 'nope-nope-1' }],
    ['another letter case', { email: 'ADMIN@acme.test', password: 'acme-admin-pass-1' }],
    ['a user of another tenant', ACCOUNTS.globexAdmin],
  ])('401 without code for %s', async (_case, body) => {
    const r = await call(`${JWT}/create/`, { body })
    expect(r.status).toBe(401)
    expect(r.body).toEqual({ detail: 'No active account found with the given credentials' })
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="api"')
  })

  it('400s name the email field, not username', async () => {
    expect((await call(`${JWT}/create/`, { body: {} })).body).toEqual({
      email: ['This field is required.'],
      password: ['This field is required.'],
    })
    const r = await call(`${JWT}/create/`, { body: { username: 'admin@acme.test', password: 'x' } })
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ email: ['This field is required.'] })
  })

  it('ignores a stale Authorization header, tolerates a missing slash, refuses GET with 405', async () => {
    const r = await call(`${JWT}/create`, { body: ACCOUNTS.acmeAdmin, token: 'garbage' })
    expect(r.status).toBe(200)
    expect((await call(`${JWT}/createXYZ`, { body: ACCOUNTS.acmeAdmin })).status).toBe(200)
    const get = await call(`${JWT}/create/`)
    expect(get.status).toBe(405)
    expect(get.body).toEqual({ detail: 'Method "GET" not allowed.' })
  })
})

describe('jwt/refresh', () => {
  it('rotates, blacklists the used token, and keeps the login iat in the new access token', async () => {
    configureMock({ accessSeconds: 3 })
    const first = await login(ACCOUNTS.acmeAdmin)
    const loginIat = claims(first.refresh).iat as number
    advance(1100)
    const r = await call(`${JWT}/refresh/`, { body: { refresh: first.refresh } })
    expect(r.status).toBe(200)
    expect(Object.keys(r.body as object)).toEqual(['access', 'refresh'])
    const next = r.body as { access: string; refresh: string }
    const access = claims(next.access)
    const refresh = claims(next.refresh)
    expect(access.iat).toBe(loginIat) // the 5.2.2 quirk
    expect(access.exp as number).toBeGreaterThan(loginIat + 3) // exp = refresh time + lifetime
    expect(refresh.iat as number).toBeGreaterThan(loginIat) // the window slides
    expect(refresh.jti).not.toBe(claims(first.refresh).jti)
    expect(access.email).toBe('admin@acme.test')

    const reuse = await call(`${JWT}/refresh/`, { body: { refresh: first.refresh } })
    expect(reuse.status).toBe(401)
    expect(reuse.body).toEqual({ detail: 'Token is blacklisted', code: 'token_not_valid' })
    expect((await call(`${JWT}/refresh/`, { body: { refresh: next.refresh } })).status).toBe(200)
  })

  it('of five concurrent refreshes with one token, exactly one wins', async () => {
    const { refresh } = await login(ACCOUNTS.acmeStaff)
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => call(`${JWT}/refresh/`, { body: { refresh } })),
    )
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401])
  })

  it('refuses another tenant without spending the token, and has no messages list', async () => {
    const { refresh, access } = await login(ACCOUNTS.acmeAdmin)
    const other = await call(`${GLOBEX}/api/v1/auth/jwt/refresh/`, { body: { refresh } })
    expect(other.status).toBe(401)
    expect(other.body).toEqual({
      detail: 'Token is not valid for this tenant',
      code: 'token_not_valid',
    })
    expect((await call(`${JWT}/refresh/`, { body: { refresh } })).status).toBe(200)
    const wrongType = await call(`${JWT}/refresh/`, { body: { refresh: access } })
    expect(wrongType.body).toEqual({ detail: 'Token has wrong type', code: 'token_not_valid' })
    const garbage = await call(`${JWT}/refresh/`, { body: { refresh: 'abc' } })
    expect(garbage.body).toEqual({ detail: 'Token is invalid or expired', code: 'token_not_valid' })
    expect((await call(`${JWT}/refresh/`, { body: {} })).body).toEqual({
      refresh: ['This field is required.'],
    })
  })
})

describe('jwt/verify', () => {
  it('200 {} for any valid token, even of another tenant; 400 for a blacklisted refresh', async () => {
    const { refresh, access } = await login(ACCOUNTS.acmeAdmin)
    expect(
      (await call(`${GLOBEX}/api/v1/auth/jwt/verify/`, { body: { token: access } })).body,
    ).toEqual({})
    await call(`${JWT}/refresh/`, { body: { refresh } })
    const r = await call(`${JWT}/verify/`, { body: { token: refresh } })
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ non_field_errors: ['Token is blacklisted'] })
    const bad = await call(`${JWT}/verify/`, { body: { token: 'x.y.z' } })
    expect([bad.status, bad.body]).toEqual([
      401,
      { detail: 'Token is invalid or expired', code: 'token_not_valid' },
    ])
    expect((await call(`${JWT}/verify/`, { body: {} })).body).toEqual({
      token: ['This field is required.'],
    })
  })
})

describe('jwt/blacklist (§12)', () => {
  it('200 {} once, then 401 blacklisted; the token no longer refreshes', async () => {
    const { refresh } = await login(ACCOUNTS.acmeStaff)
    const first = await call(`${JWT}/blacklist/`, { body: { refresh } })
    expect([first.status, first.body]).toEqual([200, {}])
    const again = await call(`${JWT}/blacklist/`, { body: { refresh } })
    expect([again.status, again.body]).toEqual([
      401,
      { detail: 'Token is blacklisted', code: 'token_not_valid' },
    ])
    expect((await call(`${JWT}/refresh/`, { body: { refresh } })).status).toBe(401)
    expect((await call(`${JWT}/blacklist/`, { body: {} })).body).toEqual({
      refresh: ['This field is required.'],
    })
    const garbage = await call(`${JWT}/blacklist/`, { body: { refresh: 'garbage' } })
    expect([garbage.status, garbage.body]).toEqual([
      401,
      { detail: 'Token is invalid or expired', code: 'token_not_valid' },
    ])
  })
})

describe('JWTAuthentication on protected and AllowAny views', () => {
  const ME = `${ACME}/api/v1/auth/users/me/`

  it('an expired access token gives the 401 with messages, also on register', async () => {
    configureMock({ accessSeconds: 1 })
    const { access } = await login(ACCOUNTS.acmeStaff)
    advance(2100)
    const expected = {
      detail: 'Given token not valid for any token type',
      code: 'token_not_valid',
      messages: [
        {
          token_class: 'AccessToken',
          token_type: 'access',
          message: 'Token is invalid or expired',
        },
      ],
    }
    expect((await call(ME, { token: access })).body).toEqual(expected)
    const register = await call(`${ACME}/api/v1/auth/users/`, {
      token: access,
      body: { email: 'new@acme.test', password: 'a-fine-passphrase-9' },
    })
    expect([register.status, register.body]).toEqual([401, expected])
  })

  it('another tenant’s access token is user_not_found; a refresh token as Bearer has wrong type', async () => {
    const { access } = await login(ACCOUNTS.globexStaff, GLOBEX)
    const r = await call(ME, { token: access })
    expect([r.status, r.body]).toEqual([401, { detail: 'User not found', code: 'user_not_found' }])
    const own = await login(ACCOUNTS.acmeStaff)
    const wrong = await call(ME, { token: own.refresh })
    expect((wrong.body as { messages: { message: string }[] }).messages[0]?.message).toBe(
      'Token has wrong type',
    )
  })

  it('bad_authorization_header for Bearer with 0 or 2 values; other schemes are anonymous', async () => {
    for (const header of ['Bearer', 'Bearer a b']) {
      const r = await call(ME, { headers: { Authorization: header } })
      expect(r.body).toEqual({
        detail: 'Authorization header must contain two space-delimited values',
        code: 'bad_authorization_header',
      })
    }
    const { access } = await login(ACCOUNTS.acmeStaff)
    for (const scheme of ['bearer', 'JWT', 'Token']) {
      const r = await call(ME, { headers: { Authorization: `${scheme} ${access}` } })
      expect([r.status, r.body]).toEqual([
        401,
        { detail: 'Authentication credentials were not provided.' },
      ])
    }
  })
})

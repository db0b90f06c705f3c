/**
 * The knobs on top of a profile (each defaults from it): rotate, blacklist (section C of
 * shared/seed-backend-observed.txt: per tenant schema on the original), tenantClaim, issueIat,
 * authHeaderTypes, lifetimes; configureMock / resetMockConfig and the re-seed on a profile change;
 * the Date header; the `?mock=` items.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureMock, mockConfig, resetMockConfig } from '@/mocks/config'
import { db, resetDb } from '@/mocks/db'
import { parseMockQuery, queryPatch } from '@/mocks/query'
import { ACCOUNTS, ACME, GLOBEX, call, claims, login } from './helpers'

const JWT = '/api/v1/auth/jwt'
const BLACKLISTED = { detail: 'Token is blacklisted', code: 'token_not_valid' }

const refreshOn = (origin: string, refresh: string) =>
  call(`${origin}${JWT}/refresh/`, { body: { refresh } })
const blacklistOn = (origin: string, refresh: string) =>
  call(`${origin}${JWT}/blacklist/`, { body: { refresh } })
const seen = (r: { status: number; body: unknown }) => [r.status, r.body]

afterEach(() => {
  vi.useRealTimers()
})

describe('original + rotate + blacklist (section C)', () => {
  const setup = () => configureMock({ profile: 'original', rotate: true, blacklist: true })

  it('C1-C4: refresh rotates, the spent token is blacklisted, verify says so', async () => {
    setup()
    const { refresh: r1 } = await login(ACCOUNTS.acmeAdmin)
    const c2 = await refreshOn(ACME, r1)
    expect(c2.status).toBe(200)
    expect(Object.keys(c2.body as object)).toEqual(['access', 'refresh'])
    const r2 = (c2.body as { refresh: string }).refresh
    expect(Object.keys(claims(r2))).toEqual(['token_type', 'exp', 'iat', 'jti', 'user_id'])
    expect(claims((c2.body as { access: string }).access).iat).toBe(claims(r1).iat)
    expect(seen(await refreshOn(ACME, r1))).toEqual([401, BLACKLISTED])
    const c4 = await refreshOn(ACME, r2)
    expect([c4.status, Object.keys(c4.body as object)]).toEqual([200, ['access', 'refresh']])
    const v = await call(`${ACME}${JWT}/verify/`, { body: { token: r1 } })
    expect(seen(v)).toEqual([400, { non_field_errors: ['Token is blacklisted'] }])
  })

  it('C5-C9: jwt/blacklist revokes the refresh token only', async () => {
    setup()
    const { access, refresh } = await login(ACCOUNTS.acmeAdmin)
    const c5 = await blacklistOn(ACME, refresh)
    expect([...seen(c5), c5.headers.get('content-type')]).toEqual([200, {}, 'application/json'])
    const c6 = await refreshOn(ACME, refresh)
    expect(seen(c6)).toEqual([401, BLACKLISTED])
    expect(c6.headers.get('www-authenticate')).toBe('Bearer realm="api"')
    expect(seen(await blacklistOn(ACME, refresh))).toEqual([401, BLACKLISTED])
    const c8 = await call(`${ACME}${JWT}/verify/`, { body: { token: refresh } })
    expect(seen(c8)).toEqual([400, { non_field_errors: ['Token is blacklisted'] }])
    const c9 = await call(`${ACME}/api/v1/auth/users/me/`, { token: access })
    expect(c9.status).toBe(200)
  })

  it('C10: the route is anchored (301 without the slash) and checks its input', async () => {
    setup()
    const { access, refresh } = await login(ACCOUNTS.acmeAdmin)
    const c10 = await call(`${ACME}${JWT}/blacklist`, { body: { refresh } })
    expect([c10.status, c10.headers.get('location')]).toEqual([301, '/api/v1/auth/jwt/blacklist/'])
    expect(seen(await blacklistOn(ACME, access))).toEqual([
      401,
      { detail: 'Token has wrong type', code: 'token_not_valid' },
    ])
    expect(seen(await blacklistOn(ACME, 'abc'))).toEqual([
      401,
      { detail: 'Token is invalid or expired', code: 'token_not_valid' },
    ])
    expect(seen(await call(`${ACME}${JWT}/blacklist/`, { body: {} }))).toEqual([
      400,
      { refresh: ['This field is required.'] },
    ])
    expect(seen(await call(`${ACME}${JWT}/blacklist/`))).toEqual([
      405,
      { detail: 'Method "GET" not allowed.' },
    ])
  })

  it('C11-C16: the blacklist tables are per schema', async () => {
    setup()
    const { refresh: r4 } = await login(ACCOUNTS.acmeAdmin)
    expect((await refreshOn(GLOBEX, r4)).status).toBe(200)
    expect(seen(await refreshOn(GLOBEX, r4))).toEqual([401, BLACKLISTED])
    expect((await refreshOn(ACME, r4)).status).toBe(200)
    expect(seen(await refreshOn(ACME, r4))).toEqual([401, BLACKLISTED])
    const { refresh: r3 } = await login(ACCOUNTS.acmeAdmin)
    expect((await blacklistOn(ACME, r3)).status).toBe(200)
    expect(seen(await blacklistOn(GLOBEX, r3))).toEqual([200, {}])
    expect(db.schemas.acme!.blacklist).toContain(claims(r3).jti)
    expect(db.schemas.globex!.blacklist).toContain(claims(r3).jti)
  })

  it('still issues no tenant claim', async () => {
    setup()
    const { access } = await login(ACCOUNTS.acmeAdmin)
    expect(Object.keys(claims(access)).sort()).toEqual([
      'exp',
      'iat',
      'jti',
      'token_type',
      'user_id',
    ])
  })
})

describe('rotate and blacklist apart', () => {
  it('rotation without the blacklist app: both tokens come back, the old one still works', async () => {
    configureMock({ profile: 'original', rotate: true })
    const { refresh } = await login(ACCOUNTS.acmeAdmin)
    const first = await refreshOn(ACME, refresh)
    expect(Object.keys(first.body as object)).toEqual(['access', 'refresh'])
    expect((first.body as { refresh: string }).refresh).not.toBe(refresh)
    expect((await refreshOn(ACME, refresh)).status).toBe(200)
    expect((await blacklistOn(ACME, refresh)).status).toBe(404)
  })

  it('the blacklist app without rotation: refresh gives {access}, sign-out revokes', async () => {
    configureMock({ profile: 'original', blacklist: true })
    const { refresh } = await login(ACCOUNTS.acmeAdmin)
    const r = await refreshOn(ACME, refresh)
    expect(Object.keys(r.body as object)).toEqual(['access'])
    expect((await refreshOn(ACME, refresh)).status).toBe(200)
    expect(seen(await blacklistOn(ACME, refresh))).toEqual([200, {}])
    expect(seen(await refreshOn(ACME, refresh))).toEqual([401, BLACKLISTED])
  })

  it('hardened without the blacklist app: jwt/blacklist/ is 404 and rotated tokens stay valid', async () => {
    configureMock({ profile: 'hardened', blacklist: false })
    const { refresh } = await login(ACCOUNTS.acmeAdmin)
    expect((await refreshOn(ACME, refresh)).status).toBe(200)
    expect((await refreshOn(ACME, refresh)).status).toBe(200)
    expect((await blacklistOn(ACME, refresh)).status).toBe(404)
  })

  it('hardened without rotation: {access} only, and the token may be used again', async () => {
    configureMock({ rotate: false })
    const { refresh } = await login(ACCOUNTS.acmeAdmin)
    const r = await refreshOn(ACME, refresh)
    expect(Object.keys(r.body as object)).toEqual(['access'])
    expect((await refreshOn(ACME, refresh)).status).toBe(200)
  })
})

describe('tenantClaim', () => {
  it('on the original: email, username and tenant appear, and still no tenant check', async () => {
    configureMock({ profile: 'original', tenantClaim: true })
    const { access, refresh } = await login(ACCOUNTS.acmeAdmin)
    expect(claims(access)).toMatchObject({
      email: 'admin@acme.test',
      username: 'admin@acme.test',
      tenant: 'acme',
    })
    const me = await call(`${GLOBEX}/api/v1/auth/users/me/`, { token: access })
    expect((me.body as { email: string }).email).toBe('admin@globex.test')
    expect((await refreshOn(GLOBEX, refresh)).status).toBe(200)
  })

  it('off on the hardened profile: no custom claims; another tenant still refuses the user', async () => {
    configureMock({ tenantClaim: false })
    const { access } = await login(ACCOUNTS.acmeAdmin)
    expect(Object.keys(claims(access)).sort()).toEqual([
      'exp',
      'iat',
      'jti',
      'token_type',
      'user_id',
    ])
    expect((await call(`${ACME}/api/v1/auth/users/me/`, { token: access })).status).toBe(200)
    const other = await call(`${GLOBEX}/api/v1/auth/users/me/`, { token: access })
    expect(seen(other)).toEqual([401, { detail: 'User not found', code: 'user_not_found' }])
  })
})

describe('issueIat: false (simplejwt 4.4)', () => {
  it.each(['original', 'hardened'] as const)(
    'no token of the %s profile carries iat, refreshed or rotated',
    async (profile) => {
      configureMock({ profile, issueIat: false, rotate: true })
      const pair = await login(ACCOUNTS.acmeAdmin)
      const r = (await refreshOn(ACME, pair.refresh)).body as { access: string; refresh: string }
      for (const token of [pair.access, pair.refresh, r.access, r.refresh]) {
        expect(claims(token)).not.toHaveProperty('iat')
        expect(claims(token).exp).toBeGreaterThan(Date.now() / 1000)
      }
    },
  )
})

describe('authHeaderTypes', () => {
  it("['JWT']: a Bearer header is anonymous, the JWT word authenticates, 401s say JWT", async () => {
    configureMock({ profile: 'original', authHeaderTypes: ['JWT'] })
    const { access } = await login(ACCOUNTS.acmeAdmin)
    const bearer = await call(`${ACME}/api/v1/auth/users/me/`, {
      headers: { Authorization: `Bearer ${access}` },
    })
    expect(seen(bearer)).toEqual([401, { detail: 'Authentication credentials were not provided.' }])
    expect(bearer.headers.get('www-authenticate')).toBe('JWT realm="api"')
    const jwt = await call(`${ACME}/api/v1/auth/users/me/`, {
      headers: { Authorization: `JWT ${access}` },
    })
    expect(jwt.status).toBe(200)
    const wrong = await call(`${ACME}${JWT}/create/`, {
      body: { ...ACCOUNTS.acmeAdmin, password: 'x' },
    })
    expect([wrong.status, wrong.headers.get('www-authenticate')]).toEqual([401, 'JWT realm="api"'])
  })

  it("['Bearer', 'JWT'] takes either word and challenges with the first", async () => {
    configureMock({ authHeaderTypes: ['Bearer', 'JWT'] })
    const { access } = await login(ACCOUNTS.acmeAdmin)
    for (const word of ['Bearer', 'JWT']) {
      const r = await call(`${ACME}/api/v1/auth/users/me/`, {
        headers: { Authorization: `${word} ${access}` },
      })
      expect(r.status).toBe(200)
    }
    const none = await call(`${ACME}/api/v1/auth/users/me/`)
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"')
  })
})

describe('configureMock and resetMockConfig', () => {
  it('each profile gives its defaults; overrides win; undefined returns to the default', () => {
    configureMock({ profile: 'original' })
    expect(mockConfig).toMatchObject({
      profile: 'original',
      rotate: false,
      blacklist: false,
      tenantClaim: false,
      issueIat: true,
      authHeaderTypes: ['Bearer'],
      accessSeconds: 300,
      refreshSeconds: 86400,
    })
    configureMock({ rotate: true, accessSeconds: 10 })
    configureMock({ profile: 'hardened' })
    expect(mockConfig).toMatchObject({ profile: 'hardened', rotate: true, accessSeconds: 10 })
    configureMock({ accessSeconds: undefined })
    expect(mockConfig.accessSeconds).toBe(120)
    resetMockConfig()
    expect(mockConfig).toMatchObject({
      profile: 'hardened',
      rotate: true,
      blacklist: true,
      tenantClaim: true,
      accessSeconds: 120,
      refreshSeconds: 7 * 24 * 3600,
    })
  })

  it('a profile change re-seeds the database for it, and resetMockConfig goes back', async () => {
    await login(ACCOUNTS.acmeAdmin) // hardened: nothing to see, but the db is in use
    db.outbox.push({} as never)
    configureMock({ profile: 'original' })
    expect(db.profile).toBe('original')
    expect(db.outbox).toEqual([])
    expect(db.users.map((u) => [u.schema, u.id])).toEqual([
      ['acme', 1],
      ['acme', 2],
      ['globex', 1],
      ['globex', 2],
    ])
    configureMock({ rotate: true }) // no profile change: the data stays
    db.outbox.push({} as never)
    configureMock({ profile: 'original' })
    expect(db.outbox).toHaveLength(1)
    resetMockConfig()
    expect(db.profile).toBe('hardened')
    expect(db.users.map((u) => u.id)).toEqual([1, 2, 3, 4])
    resetDb()
    expect(db.profile).toBe('hardened')
  })
})

describe('the Date header', () => {
  it.each(['original', 'hardened'] as const)(
    'every %s answer carries an HTTP-date',
    async (profile) => {
      configureMock({ profile })
      const before = Math.floor(Date.now() / 1000) * 1000
      const answers = await Promise.all([
        call(`${ACME}${JWT}/create/`, { body: ACCOUNTS.acmeAdmin }),
        call(`${ACME}/api/v1/auth/users/me/`),
        call(`${ACME}/api/v1/nowhere/`),
        call(`http://evil.example.com/api/v1/auth/users/me/`),
      ])
      for (const r of answers) {
        const date = r.headers.get('date') ?? ''
        expect(date).toMatch(
          /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/,
        )
        const at = Date.parse(date)
        expect(at).toBeGreaterThanOrEqual(before)
        expect(at).toBeLessThanOrEqual(Date.now())
      }
    },
  )

  it('follows the server clock (a client can learn the offset without iat)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.UTC(2030, 0, 2, 3, 4, 5))
    const r = await call(`${ACME}/api/v1/auth/users/me/`)
    expect(r.headers.get('date')).toBe('Wed, 02 Jan 2030 03:04:05 GMT')
  })
})

describe('?mock= items for the profile and the knobs', () => {
  it('parses the profile, switches, header types and leaves scenarios to the scenario parser', () => {
    const q = parseMockQuery(
      'profile:hardened,rotate:on,blacklist:off,tenantClaim:on,iat:off,header:Bearer/JWT,latency:800,bogus,rotate:maybe',
    )
    expect(q.profile).toBe('hardened')
    expect(q.knobs).toEqual({
      rotate: true,
      blacklist: false,
      tenantClaim: true,
      issueIat: false,
      authHeaderTypes: ['Bearer', 'JWT'],
    })
    expect(q.scenario).toEqual({ latencyMs: 800 })
    expect(q.unknown).toEqual(['rotate:maybe', 'bogus'])
    expect(queryPatch(q)).toEqual({ profile: 'hardened', ...q.knobs })
  })

  it('refuses a profile it does not know and a malformed header list', () => {
    const q = parseMockQuery('profile:legacy,header:,header:Bearer/')
    expect(q.profile).toBeUndefined()
    expect(q.knobs).toEqual({})
    expect(q.unknown).toEqual(['profile:legacy', 'header:', 'header:Bearer/'])
    expect(queryPatch(parseMockQuery('profile:original'))).toEqual({ profile: 'original' })
  })
})

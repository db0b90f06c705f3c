/**
 * One client for every common simplejwt + Djoser setup, against the mock backend set up each way:
 * the original as published (no rotation, no blacklist, no tenant claim), rotation with and
 * without the blacklist, simplejwt 4.x (no iat), AUTH_HEADER_TYPES = ('JWT',), and access
 * lifetimes from 10 s to a day. Counts are taken at the network edge.
 */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { createBackendKnowledge } from '@/core/auth/session/backend'
import { isBackendMismatch, isSessionExpired } from '@/core/auth/errors'
import { readToken } from '@/core/auth/session/tokens'
import { memoryStorage } from '@/core/auth/tokenStorage'
import { configureMock, type MockConfig } from '@/mocks/config'
import { resetDb } from '@/mocks/db'
import { server } from '@/mocks/node'
import { ADMIN, fakeDate, fakeJwt, GLOBEX, harness, settle, watchNetwork } from '../helpers'
import { browser } from './tabs/harness'

const REFRESH = '/auth/jwt/refresh/'
const BLACKLIST = '/auth/jwt/blacklist/'
const ME = '/auth/users/me/'

beforeEach(fakeDate)

/** The mock set up one way; access tokens live 120 s unless the test says otherwise. */
function backendAs(setup: Partial<MockConfig>): void {
  configureMock({ accessSeconds: 120, ...setup })
  resetDb()
}

/** Signed in, then past the access token's end: the next request must refresh first. */
async function signedInThenExpired(accessSeconds = 120, deps: Parameters<typeof harness>[0] = {}) {
  const logs: string[] = []
  const h = harness({ log: (m) => logs.push(m), ...deps })
  await h.session.signIn(ADMIN.email, ADMIN.password)
  h.timers.sleep((accessSeconds + 1) * 1000)
  return { ...h, logs }
}

const SETUPS: Array<[string, Partial<MockConfig>]> = [
  [
    'the original as published (no rotation, no blacklist, no tenant claim)',
    { profile: 'original' },
  ],
  [
    'the original with rotation and the blacklist',
    { profile: 'original', rotate: true, blacklist: true },
  ],
  [
    'the original with rotation, no blacklist',
    { profile: 'original', rotate: true, blacklist: false },
  ],
  ['the hardened setup (rotation, blacklist, tenant claim)', { profile: 'hardened' }],
  ['simplejwt 4.x: no iat in any token', { profile: 'original', issueIat: false }],
]

describe.each(SETUPS)('%s', (_name, setup) => {
  beforeEach(() => backendAs(setup))

  it('signs in, renews once per expiry across three expiries, and every request succeeds', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    for (let i = 0; i < 3; i++) {
      h.timers.sleep(121_000)
      const results = await Promise.allSettled([h.http.get(ME), h.http.get(ME), h.http.get(ME)])
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled'])
    }
    expect(net.count(REFRESH)).toBe(3)
    expect(h.session.signedIn).toBe(true)
    expect(h.events.filter((e) => e.type === 'signedOut')).toEqual([])
  })

  it('a reload right after sign-in restores the session with one refresh', async () => {
    const first = harness()
    await first.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    const reloaded = harness({ storage: first.storage })
    await expect(reloaded.session.restore()).resolves.toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    await expect(reloaded.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(reloaded.session.signedIn).toBe(true)
  })

  it('signs out without an error, whether or not the server can revoke', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await expect(h.session.signOut()).resolves.toBeUndefined()
    expect(h.session.signedIn).toBe(false)
    expect(h.storage.get()).toBeNull()
  })
})

describe('refresh without rotation (simplejwt default)', () => {
  beforeEach(() => backendAs({ profile: 'original' }))

  it('keeps the refresh token it has: stored once, sent again at every renewal', async () => {
    const h = await signedInThenExpired()
    const kept = h.storage.get()
    expect(kept).not.toBeNull()
    const sent: string[] = []
    const spy = ({ request }: { request: Request }) => {
      if (new URL(request.url).pathname.endsWith(REFRESH))
        void request
          .clone()
          .json()
          .then((b: { refresh: string }) => sent.push(b.refresh))
    }
    server.events.on('request:start', spy)
    try {
      await h.http.get(ME)
      h.timers.sleep(121_000)
      await h.http.get(ME)
    } finally {
      server.events.removeListener('request:start', spy)
    }
    expect(sent).toEqual([kept, kept])
    expect(h.storage.get()).toBe(kept)
    expect(h.session.backend.rotates).toBe(false)
    expect(h.logs).toContain('refresh keeps the refresh token')
  })

  it('ends the session when the kept refresh token itself expires, and says so', async () => {
    configureMock({ refreshSeconds: 300 })
    const h = await signedInThenExpired()
    await h.http.get(ME)
    h.timers.sleep(301_000)
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isSessionExpired(error)).toBe(true)
    expect(h.session.signedIn).toBe(false)
    expect(h.events.filter((e) => e.type === 'signedOut')).toMatchObject([{ reason: 'expired' }])
  })

  it('three tabs expiring together: 1 refresh, the others take the new access token', async () => {
    const b = browser()
    const tabs = [b.open(), b.open(), b.open()]
    await b.drive(tabs[0]!.session.signIn(ADMIN.email, ADMIN.password))
    await settle(10) // every tab has heard of the sign-in
    const net = watchNetwork()
    b.timers.sleep(121_000)
    const results = await b.drive(
      Promise.allSettled(tabs.flatMap((t) => [t.http.get(ME), t.http.get(ME)])),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6)
    expect(net.count(REFRESH)).toBe(1)
    expect(new Set(tabs.map((t) => t.session.accessToken)).size).toBe(1)
    expect(tabs.flatMap((t) => t.events).filter((e) => e.type === 'signedOut')).toEqual([])
  })

  it('the news arrives after the lock: the tab that waited asks for the later token, 1 refresh', async () => {
    const b = browser()
    const tabs = [b.open(), b.open(), b.open()]
    await b.drive(tabs[0]!.session.signIn(ADMIN.email, ADMIN.password))
    await settle(10) // every tab has heard of the sign-in
    b.hub.hops = 40 // channel messages land well after the lock is handed on
    const net = watchNetwork()
    b.timers.sleep(121_000)
    const results = await b.drive(
      Promise.allSettled(tabs.flatMap((t) => [t.http.get(ME), t.http.get(ME)])),
    )
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    expect(b.hub.sent('ask')).toBeGreaterThan(0)
    expect(new Set(tabs.map((t) => t.session.accessToken)).size).toBe(1)
  })
  it("a tab renewing early just after another tab's renewal, before the news: it asks, 1 refresh", async () => {
    const b = browser()
    const [first, second] = [b.open(), b.open()]
    await b.drive(first!.session.signIn(ADMIN.email, ADMIN.password))
    await settle(10)
    b.hub.hops = 40 // the news of the first renewal is still on its way
    b.timers.sleep(5_000) // a later second than the sign-in: the renewed token expires later
    const net = watchNetwork()
    await b.drive(first!.session.refresh())
    // The lock is free again: the second tab does not wait, its token still works (proactive).
    await b.drive(second!.session.refresh())
    expect(net.count(REFRESH)).toBe(1)
    expect(second!.session.accessToken).toBe(first!.session.accessToken)
  })
})

describe('no blacklist endpoint (404 HTML)', () => {
  beforeEach(() => backendAs({ profile: 'original' }))

  it('signs out locally, says so once in the log, and never calls it again', async () => {
    const logs: string[] = []
    const h = harness({ log: (m) => logs.push(m) })
    const net = watchNetwork()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.signOut()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.signOut()
    expect(net.count(BLACKLIST)).toBe(1)
    expect(logs.filter((m) => m.includes('sign-out is local'))).toHaveLength(1)
    expect(h.session.backend.blacklist).toBe(false)
    expect(h.events.filter((e) => e.type === 'signedOut')).toHaveLength(2)
  })

  it('with the blacklist installed, each sign-out revokes its token', async () => {
    backendAs({ profile: 'original', rotate: true, blacklist: true })
    const h = harness()
    const net = watchNetwork()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const token = h.storage.get()!
    await h.session.signOut()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.signOut()
    expect(net.count(BLACKLIST)).toBe(2)
    const again = await fetch(`http://acme.localhost/api/v1${REFRESH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh: token }),
    })
    expect(again.status).toBe(401)
  })
})

describe('the tenant claim', () => {
  const now = () => Math.floor(Date.now() / 1000)
  const stored = (claims: Record<string, unknown>) => {
    const storage = memoryStorage('acme')
    storage.set(fakeJwt({ token_type: 'refresh', exp: now() + 3600, user_id: 1, ...claims }))
    return storage
  }

  it('none expected by default: a token without one is bound by the host (kept and used)', async () => {
    backendAs({ profile: 'original' })
    const first = harness()
    await first.session.signIn(ADMIN.email, ADMIN.password)
    expect(readToken(first.session.accessToken, 'access')).not.toHaveProperty('tenant')
    const h = harness({ storage: stored({}) })
    expect(h.session.signedIn).toBe(true)
  })

  it("when present it must match: another tenant's token is dropped, whatever the claim's name", () => {
    expect(harness({ storage: stored({ tenant: 'globex' }) }).session.signedIn).toBe(false)
    const org = createBackendKnowledge({ tenantClaim: 'org' })
    expect(harness({ backend: org, storage: stored({ org: 'globex' }) }).session.signedIn).toBe(
      false,
    )
    expect(harness({ backend: org, storage: stored({ org: 'acme' }) }).session.signedIn).toBe(true)
    // The default name is not read when another is configured.
    expect(harness({ backend: org, storage: stored({ tenant: 'globex' }) }).session.signedIn).toBe(
      true,
    )
  })

  it('a sign-in answer for another tenant is refused with the reason', async () => {
    server.use(
      mock.post('*/api/v1/auth/jwt/create/', () => {
        const base = { exp: now() + 600, iat: now(), user_id: 1, tenant: 'globex' }
        return HttpResponse.json({
          access: fakeJwt({ ...base, token_type: 'access' }),
          refresh: fakeJwt({ ...base, token_type: 'refresh' }),
        })
      }),
    )
    const h = harness()
    const error = await h.session.signIn(ADMIN.email, ADMIN.password).catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toMatch(
      /issued for tenant 'globex', not 'acme'/,
    )
    expect(h.session.signedIn).toBe(false)
    expect(h.storage.get()).toBeNull()
  })

  it('required but missing: sign-in fails naming the setting to change', async () => {
    backendAs({ profile: 'original' })
    const h = harness({ backend: createBackendKnowledge({ requireTenantClaim: true }) })
    const error = await h.session.signIn(ADMIN.email, ADMIN.password).catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toMatch(/VITE_REQUIRE_TENANT_CLAIM=false/)
  })

  it("the original accepts acme's token on globex: the client never sends it there", async () => {
    backendAs({ profile: 'original' })
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await h.http.get(`${GLOBEX}${ME}`).catch(() => {})
    const toGlobex = net.seen.filter((s) => s.host.startsWith('globex.'))
    expect(toGlobex).toHaveLength(1)
    expect(toGlobex[0]!.authorization).toBeNull()
  })
})

describe('the server clock without iat (simplejwt 4.x)', () => {
  beforeEach(() => backendAs({ profile: 'original', issueIat: false, accessSeconds: 10 }))

  it("learns the offset from the Date header and renews before exp, though this machine's clock is 40 s behind", async () => {
    const h = harness()
    h.clock.skewMs = -40_000
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(readToken(h.session.accessToken, 'access')).not.toHaveProperty('iat')
    expect(Math.abs(h.session.clockOffsetMs - 40_000)).toBeLessThan(2_000)
    const net = watchNetwork()
    // The proactive refresh is due at 7.5 s of the 10: before the server's exp.
    await h.timers.advance(8_500)
    expect(net.count(REFRESH)).toBe(1)
    await expect(h.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.count(ME)).toBe(1)
  })
})

describe('AUTH_HEADER_TYPES', () => {
  it("('JWT',): the challenge of the first 401 switches the header, the request is sent again and succeeds", async () => {
    backendAs({ profile: 'original', authHeaderTypes: ['JWT'] })
    const logs: string[] = []
    const h = harness({ log: (m) => logs.push(m) })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await expect(h.http.get(ME)).resolves.toMatchObject({ status: 200 })
    await expect(h.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.seen.map((s) => s.authorization?.split(' ')[0])).toEqual(['Bearer', 'JWT', 'JWT'])
    expect(logs.some((m) => m.includes('VITE_AUTH_HEADER_TYPE=JWT'))).toBe(true)
  })

  it("a wrong password's 401 already names the type: the first request goes out right", async () => {
    backendAs({ profile: 'original', authHeaderTypes: ['JWT'] })
    const h = harness()
    await h.session.signIn(ADMIN.email, 'wrong-password').catch(() => {})
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await h.http.get(ME)
    expect(net.seen.map((s) => s.authorization?.split(' ')[0])).toEqual(['JWT'])
  })

  it('configured as JWT from the start (VITE_AUTH_HEADER_TYPE=JWT): no 401 at all', async () => {
    backendAs({ profile: 'original', authHeaderTypes: ['JWT'] })
    const h = harness({ backend: createBackendKnowledge({ headerType: 'JWT' }) })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await expect(h.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.seen).toHaveLength(1)
  })

  it('the challenge cannot be read (a proxy, or CORS): a typed error names the setting', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(
      mock.get('*/api/v1/auth/users/me/', () =>
        HttpResponse.json(
          { detail: 'Authentication credentials were not provided.' },
          { status: 401 },
        ),
      ),
    )
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isBackendMismatch(error) && error.setting).toBe('VITE_AUTH_HEADER_TYPE')
  })
})

describe('access lifetimes from 10 s to a day', () => {
  it.each([10, 300, 86_400])(
    '%i s: one refresh per lifetime, proactive, before exp',
    async (seconds) => {
      backendAs({ profile: 'original', accessSeconds: seconds, refreshSeconds: 3 * 86_400 })
      const h = harness()
      await h.session.signIn(ADMIN.email, ADMIN.password)
      const net = watchNetwork()
      const exp = readToken(h.session.accessToken, 'access')!.exp * 1000
      // Step through two lifetimes: a renewal lands before each exp, never after.
      for (let t = 0; t < 2 * seconds * 1000; t += Math.max(1_000, seconds * 10)) {
        await h.timers.advance(Math.max(1_000, seconds * 10))
        expect(h.session.usableToken()).not.toBeNull()
      }
      expect(net.count(REFRESH)).toBe(2)
      expect(Date.now()).toBeGreaterThan(exp)
    },
  )
})

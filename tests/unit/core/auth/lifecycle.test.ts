/** Storage, rotation, the proactive scheduler (sleep, visibility, online), clock skew and sign-out. */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { readToken } from '@/core/auth/session/tokens'
import { memoryStorage } from '@/core/auth/tokenStorage'
import { db } from '@/mocks/db'
import { server } from '@/mocks/node'
import { ADMIN, fakeDate, fakeJwt, harness, settle, watchNetwork } from '../helpers'

const REFRESH = '/auth/jwt/refresh/'
const ME = '/auth/users/me/'

beforeEach(fakeDate)

describe('stored tokens', () => {
  const now = () => Math.floor(Date.now() / 1000)
  const refreshClaims = (over: Record<string, unknown> = {}) => ({
    token_type: 'refresh',
    exp: now() + 3600,
    iat: now(),
    user_id: 1,
    tenant: 'acme',
    ...over,
  })
  it.each([
    ['not a JWT', () => 'garbage'],
    ['three parts, not JSON', () => 'a.b.c'],
    ['an access token', () => fakeJwt(refreshClaims({ token_type: 'access' }))],
    ['another tenant', () => fakeJwt(refreshClaims({ tenant: 'globex' }))],
    ['no exp', () => fakeJwt(refreshClaims({ exp: undefined }))],
    ['expired', () => fakeJwt(refreshClaims({ exp: now() - 1 }))],
  ])('%s is discarded and the user is simply signed out', async (_name, make) => {
    const storage = memoryStorage('acme')
    storage.set(make())
    const net = watchNetwork()
    const h = harness({ storage })
    expect(storage.get()).toBeNull()
    expect(h.session.signedIn).toBe(false)
    await expect(h.session.restore()).resolves.toBe(false)
    expect(net.seen).toHaveLength(0)
  })

  it('a usable stored refresh token restores the session with one refresh', async () => {
    const first = harness()
    await first.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    const h = harness({ storage: first.storage })
    await expect(h.session.restore()).resolves.toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    await expect(h.http.get(ME)).resolves.toMatchObject({ status: 200 })
  })

  it('stores the rotated refresh token on every refresh; the old ones are blacklisted', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const seen = [h.storage.get()]
    for (let i = 0; i < 3; i++) {
      await h.timers.advance(1_000) // a new iat, so a different token
      await h.session.refresh()
      seen.push(h.storage.get())
    }
    expect(new Set(seen).size).toBe(4)
    const jtis = seen.slice(0, 3).map((t) => readToken(t, 'refresh')?.jti)
    expect(jtis.every((jti) => jti && db.blacklist.includes(jti))).toBe(true)
    expect(h.session.accessToken).not.toBeNull()
  })
})

describe('proactive refresh', () => {
  it('refreshes shortly before exp, from the wall-clock check', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await h.timers.advance(85_000) // 120 s token, 30 s margin: not due yet
    expect(net.count(REFRESH)).toBe(0)
    await h.timers.advance(10_000)
    await settle(20)
    expect(net.count(REFRESH)).toBe(1)
    await h.timers.advance(60_000) // the new token is due 90 s after arrival
    expect(net.count(REFRESH)).toBe(1)
  })

  it('after sleeping past exp: exactly one refresh on wake', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    h.timers.sleep(3_600_000)
    const request = h.http.get(ME)
    await h.timers.advance(5_000)
    await settle(20)
    await expect(request).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(1)
  })

  it('is paused while hidden and runs when the tab becomes visible', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    h.env.isVisible = false
    await h.timers.advance(200_000)
    expect(net.count(REFRESH)).toBe(0)
    h.env.fire('visible')
    await settle(20)
    expect(net.count(REFRESH)).toBe(1)
  })

  it('coming back online lifts the backoff and retries at once', async () => {
    const h = harness({ backoff: { baseMs: 60_000, random: () => 0.5 } })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.post(`*/api/v1${REFRESH}`, () => HttpResponse.error()))
    h.timers.sleep(100_000) // due
    await expect(h.session.refresh()).rejects.toMatchObject({ transient: true })
    await h.timers.advance(5_000) // inside the 45 s backoff: nothing sent
    server.resetHandlers()
    const net = watchNetwork()
    h.env.fire('online')
    // The lost spend may have rotated the token: the server is asked first, then it is spent.
    await vi.waitFor(() => expect(net.count(REFRESH)).toBe(1), { timeout: 5_000 })
    expect(net.seen.map((s) => s.path.replace('/api/v1/auth/jwt', ''))).toEqual([
      '/verify/',
      '/refresh/',
    ])
    await vi.waitFor(() => expect(h.session.backend.rotates).not.toBeNull(), { timeout: 5_000 })
    expect(h.session.signedIn).toBe(true)
  })

  it.each([[-600_000], [600_000]])(
    'a client clock off by %i ms still refreshes on the server schedule',
    async (skew) => {
      const h = harness()
      h.clock.skewMs = skew
      await h.session.signIn(ADMIN.email, ADMIN.password)
      expect(Math.abs(h.session.clockOffsetMs + skew)).toBeLessThan(1_500)
      const net = watchNetwork()
      await h.timers.advance(80_000)
      expect(net.count(REFRESH)).toBe(0)
      await h.timers.advance(15_000)
      await vi.waitFor(() => expect(h.session.refreshing).toBe(false))
      expect(net.count(REFRESH)).toBe(1)
      // The refreshed access token carries the login iat: the offset must not move.
      expect(Math.abs(h.session.clockOffsetMs + skew)).toBeLessThan(1_500)
    },
  )
})

describe('sign-out', () => {
  it('calls jwt/blacklist/ when offered and clears the session', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    let body: unknown = null
    server.use(
      mock.post('*/api/v1/auth/jwt/blacklist/', async ({ request }) => {
        body = await request.json()
        return HttpResponse.json({})
      }),
    )
    const refresh = h.storage.get()
    await h.session.signOut()
    expect(body).toEqual({ refresh })
    expect(h.session.signedIn).toBe(false)
    expect(h.events.filter((e) => e.type === 'signedOut')).toEqual([
      { type: 'signedOut', reason: 'user' },
    ])
  })

  it('clears the session when the backend offers no blacklist (404) or is down', async () => {
    for (const answer of [
      () => new HttpResponse('', { status: 404 }),
      () => HttpResponse.error(),
    ]) {
      const h = harness()
      await h.session.signIn(ADMIN.email, ADMIN.password)
      server.use(mock.post('*/api/v1/auth/jwt/blacklist/', answer, { once: true }))
      await h.session.signOut()
      expect(h.session.signedIn).toBe(false)
      expect(h.storage.get()).toBeNull()
    }
  })

  it('does not hang on a blacklist call that never answers: it gives up after the refresh timeout', async () => {
    const h = harness({ refreshTimeoutMs: 200 })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    let asked = 0
    server.use(
      mock.post('*/api/v1/auth/jwt/blacklist/', () => {
        asked++
        return new Promise<never>(() => {})
      }),
    )
    const outcome = await Promise.race([
      h.session.signOut().then(() => 'finished'),
      new Promise((resolve) => setTimeout(resolve, 3_000, 'still waiting')),
    ])
    expect(outcome).toBe('finished')
    expect(asked).toBe(1)
    expect(h.session.signedIn).toBe(false)
    expect(h.storage.get()).toBeNull()
  })
})

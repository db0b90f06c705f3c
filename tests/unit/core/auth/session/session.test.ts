/**
 * The session as its callers see it, against the mock backend: how it backs off after transient
 * failures, what a new session forgets of the old one, how a stalled refresh ends, and what its
 * log may say. Counts are taken at the network edge.
 */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { isRefreshFailed, isSessionExpired, type RefreshFailedError } from '@/core/auth/errors'
import { configureMock } from '@/mocks/config'
import { server } from '@/mocks/node'
import { memoryLedger } from '@/core/auth/tabs/spendLedger'
import { singleTab, type TabSyncPlugin } from '@/core/auth/session/tabSeam'
import { readToken, redact } from '@/core/auth/session/tokens'
import {
  ADMIN,
  fakeDate,
  gate,
  harness,
  ManualTimers,
  settle,
  watchNetwork,
  watchRefreshes,
} from '../../helpers'
import { browser } from '../tabs/harness'

const REFRESH = '/auth/jwt/refresh/'
const ME = '/auth/users/me/'
const STAFF = { email: 'staff@acme.test', password: 'acme-staff-pass-1' }

beforeEach(fakeDate)

const failRefresh = (
  answer = () => new HttpResponse('<h1>Server Error (500)</h1>', { status: 500 }),
) => server.use(mock.post(`*/api/v1${REFRESH}`, answer))

/** The retry delays the session announced, in order (its `refreshFailed` events). */
const announced = (h: ReturnType<typeof harness>) =>
  h.events.flatMap((e) =>
    e.type === 'refreshFailed' && isRefreshFailed(e.error) ? [e.error.retryAfterMs] : [],
  )

describe('transient failures back off', () => {
  it('each failure in a row waits longer: the server is not hammered while it is down', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    failRefresh()
    const net = watchNetwork()
    h.timers.sleep(121_000)
    await expect(h.session.refresh()).rejects.toMatchObject({ transient: true })
    // The scheduler retries on its own once each backoff has passed.
    await h.timers.advance(20_000)
    const delays = announced(h)
    expect(delays.length).toBeGreaterThanOrEqual(3)
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]!)
    // Doubling from 1 s: about 5 tries in 20 s (a fixed 1 s backoff would make 20 or more).
    expect(net.count(REFRESH)).toBeLessThanOrEqual(6)
    expect(net.count(REFRESH)).toBe(delays.length)
    expect(h.session.signedIn).toBe(true)
  })

  it('a success ends the backoff: the next failure waits the first delay again', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const failOnce = (status: number) =>
      server.use(
        mock.post(`*/api/v1${REFRESH}`, () => new HttpResponse('', { status }), { once: true }),
      )
    const failed = async () => {
      const error = (await h.session.refresh().catch((e: unknown) => e)) as RefreshFailedError
      expect(isRefreshFailed(error) && error.transient).toBe(true)
      await h.timers.advance(error.retryAfterMs)
      return error.retryAfterMs
    }
    failOnce(502)
    const first = await failed()
    failOnce(503)
    const second = await failed()
    expect(second).toBeGreaterThan(first)
    expect(await h.session.refresh()).toBe(h.session.accessToken)
    failOnce(500)
    expect(await failed()).toBe(first)
  })

  it('a refresh that times out is retryable: the session stays and the next try renews it', async () => {
    const h = harness({ refreshTimeoutMs: 3_000 })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    h.timers.sleep(121_000)
    h.timers.idle = () => true // the refresh below never answers: time must move on
    server.use(mock.post(`*/api/v1${REFRESH}`, () => new Promise<never>(() => {}), { once: true }))
    const refresh = h.session.refresh()
    refresh.catch(() => {})
    await settle(10)
    await h.timers.advance(3_000)
    const error = (await refresh.catch((e: unknown) => e)) as RefreshFailedError
    expect(isRefreshFailed(error) && error.transient).toBe(true)
    expect(error.message).toMatch(/timed out/)
    expect(error.retryAfterMs).toBeGreaterThan(0)
    expect(h.session.signedIn).toBe(true)
    expect(h.session.refreshing).toBe(false)
    // The scheduler tries again once the backoff has passed, and that try renews the session.
    h.timers.idle = () => !h.session.refreshing
    const net = watchNetwork()
    await h.timers.advance(error.retryAfterMs)
    await settle(20)
    expect(net.count(REFRESH)).toBe(1)
    expect(h.events.filter((e) => e.type === 'refreshed')).toHaveLength(1)
  })
})

describe('a session closed before its tab plug-in came', () => {
  it('refuses to refresh, and says so as a failure not worth retrying', async () => {
    const h = harness({ loadTabs: () => new Promise(() => {}) })
    h.session.dispose()
    const error = (await h.session.refresh().catch((e: unknown) => e)) as RefreshFailedError
    expect(isRefreshFailed(error) && [error.transient, error.retryAfterMs]).toEqual([false, 0])
    expect(h.session.refreshing).toBe(false)
  })
})

describe('a failed refresh, as listeners and the log see it', () => {
  it('refused (401): one refreshFailed, the session has ended, then signedOut', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    failRefresh(() =>
      HttpResponse.json(
        { detail: 'Token is invalid or expired', code: 'token_not_valid' },
        { status: 401 },
      ),
    )
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toBe(
      'Your session has ended: please sign in again.',
    )
    expect(((error as Error).cause as { response?: { status?: number } }).response?.status).toBe(
      401,
    )
    expect(h.events.slice(1)).toEqual([
      { type: 'refreshFailed', error },
      { type: 'signedOut', reason: 'expired' },
    ])
  })

  it('a 400 answer is a refusal too: the session ends', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    failRefresh(() =>
      HttpResponse.json({ refresh: ['This field may not be blank.'] }, { status: 400 }),
    )
    await expect(h.session.refresh()).rejects.toSatisfy(isSessionExpired)
    expect(h.session.signedIn).toBe(false)
  })

  it('down (500): retryable, with its cause, and the log gives the retry delay', async () => {
    const logs: string[] = []
    const h = harness({ log: (m) => logs.push(m) })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    failRefresh()
    const error = (await h.session.refresh().catch((e: unknown) => e)) as RefreshFailedError
    expect(isRefreshFailed(error) && error.message).toBe('Could not renew the session.')
    expect((error.cause as { response?: { status?: number } }).response?.status).toBe(500)
    expect(logs).toContainEqual(
      `refresh failed (Could not renew the session.); retry in ${error.retryAfterMs} ms`,
    )
    expect(h.session.signedIn).toBe(true)
  })
})

describe('loading the tab plug-in', () => {
  it('a failed load: the sign-in fails retryably, asks for a reload, and the log says why', async () => {
    const logs: string[] = []
    const cause = new Error('Failed to fetch dynamically imported module')
    const h = harness({ loadTabs: () => Promise.reject(cause), log: (m) => logs.push(m) })
    const error = await h.session.signIn(ADMIN.email, ADMIN.password).catch((e: unknown) => e)
    expect(isRefreshFailed(error) && [error.transient, error.message, error.cause]).toEqual([
      true,
      'Could not load part of the app: reload the page to try again.',
      cause,
    ])
    expect(logs).toContainEqual(
      expect.stringMatching(/^could not load the tab sync: .*dynamically/),
    )
    expect(h.session.signedIn).toBe(false)
  })

  it('a load that never answers gives up after the refresh timeout, saying there was no answer', async () => {
    const h = harness({ loadTabs: () => new Promise(() => {}), refreshTimeoutMs: 3_000 })
    h.timers.idle = () => true
    const signIn = h.session.signIn(ADMIN.email, ADMIN.password).catch((e: unknown) => e)
    await h.timers.advance(3_000)
    const error = await signIn
    expect(isRefreshFailed(error) && (error.cause as Error).message).toBe('no answer')
  })

  it('after the session is closed, a plug-in that arrives late is not started', async () => {
    let arrive!: (plugin: TabSyncPlugin) => void
    let started = 0
    const h = harness({ loadTabs: () => new Promise((r) => (arrive = r)) })
    h.session.dispose()
    arrive(() => {
      started += 1
      return singleTab
    })
    await settle()
    expect(started).toBe(0)
    const error = await h.session.signIn(ADMIN.email, ADMIN.password).catch((e: unknown) => e)
    expect(isRefreshFailed(error) && error.message).toMatch(/closed/)
  })
})

describe('a new session starts clean', () => {
  // A backoff far longer than the test: only a reset lets a refresh out.
  const longBackoff = { backoff: { baseMs: 600_000, capMs: 600_000, random: () => 0.5 } }

  it.each([
    [
      'a sign-in as another user',
      (h: ReturnType<typeof harness>) => h.session.signIn(STAFF.email, STAFF.password),
    ],
    [
      'a sign-out and a sign-in',
      async (h: ReturnType<typeof harness>) => {
        await h.session.signOut()
        await h.session.signIn(ADMIN.email, ADMIN.password)
      },
    ],
  ])("after %s, the old session's backoff does not hold the new one back", async (_what, next) => {
    const h = harness(longBackoff)
    await h.session.signIn(ADMIN.email, ADMIN.password)
    failRefresh()
    await expect(h.session.refresh()).rejects.toMatchObject({ transient: true })
    await expect(h.session.refresh()).rejects.toMatchObject({ message: /retrying shortly/ })
    server.resetHandlers()
    await next(h)
    const net = watchNetwork()
    expect(await h.session.refresh()).toBe(h.session.accessToken)
    expect(net.count(REFRESH)).toBe(1)
  })

  it("a refresh asked for after a new sign-in is the new session's, not the old one's still on the wire", async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const held = gate()
    server.use(mock.post(`*/api/v1${REFRESH}`, () => held.wait, { once: true }))
    const old = h.session.refresh()
    old.catch(() => {})
    await settle(10)
    await h.session.signIn(STAFF.email, STAFF.password)
    const net = watchNetwork()
    const fresh = await h.session.refresh()
    expect(fresh).toBe(h.session.accessToken)
    expect(h.session.claims?.email).toBe(STAFF.email)
    expect(net.count(REFRESH)).toBe(1)
    held.open()
    await expect(old).rejects.toSatisfy(isSessionExpired)
    expect(h.session.claims?.email).toBe(STAFF.email)
  })
})

describe('the log', () => {
  it('never holds a whole token, through sign-in, refresh, a refused refresh and sign-out', async () => {
    const logs: string[] = []
    const h = harness({ log: (m) => logs.push(m) })
    const tokens: string[] = []
    const keep = () => tokens.push(h.session.accessToken!, h.storage.get()!)
    await h.session.signIn(ADMIN.email, ADMIN.password)
    keep()
    await h.session.refresh()
    keep()
    await h.http.get(ME)
    server.use(
      mock.post(`*/api/v1${REFRESH}`, () =>
        HttpResponse.json(
          { detail: 'Token is blacklisted', code: 'token_not_valid' },
          { status: 401 },
        ),
      ),
    )
    await h.session.refresh().catch(() => {})
    await h.session.signIn(ADMIN.email, ADMIN.password)
    keep()
    await h.session.signOut()
    expect(logs.length).toBeGreaterThan(3)
    for (const token of tokens) {
      expect(token.length).toBeGreaterThan(20)
      // Not the token, nor its signature (the part that makes it usable).
      const signature = token.split('.')[2]!
      expect(logs.filter((m) => m.includes(token) || m.includes(signature))).toEqual([])
    }
    // Yet it tells the tokens apart (every JWT begins alike): their last characters and length.
    const said = (token: string) =>
      logs.filter((m) => m.includes(`…${token.slice(-8)}(${token.length})`))
    const [signedIn, firstRefresh, refreshed] = tokens as [string, string, string]
    expect(signedIn.slice(0, 6)).toBe(refreshed.slice(0, 6))
    expect(said(signedIn)).toEqual([expect.stringMatching(/^signed in; access /)])
    expect(said(refreshed)).toEqual([expect.stringMatching(/^refreshed; access /)])
    expect(said(firstRefresh)).toContainEqual(
      expect.stringMatching(/^refreshing with .*; access token still usable$/),
    )
  })

  it('a token too short to be a JWT is not given away: a quarter of it at most', () => {
    expect(redact('abcdefghijkl')).toBe('…jkl(12)')
    expect(redact('abc')).toBe('…(3)')
    expect(redact(null)).toBe('null')
    expect(redact('')).toBe('')
  })
})

describe('the periodic check', () => {
  // The check catches a timer the page delayed (a laptop asleep, a throttled background tab).
  it.each([
    ['every checkEveryMs when given', 60_000, 60_000],
    ['every 5 s unless told otherwise', undefined, 5_000],
  ])('wakes the page %s', async (_what, checkEveryMs, expected) => {
    const timers = new ManualTimers()
    const every: number[] = []
    const setInterval = timers.setInterval
    timers.setInterval = (fn, ms) => (every.push(ms), setInterval(fn, ms))
    const h = harness({ timers, ...(checkEveryMs !== undefined && { checkEveryMs }) })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(every).toEqual([expected])
  })
})

describe('what a session leaves behind', () => {
  it('signed out after several renewals: no timer of the session is left running', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    for (let i = 0; i < 3; i++) await h.session.refresh()
    await h.timers.advance(1_000)
    expect(h.timers.pending).toBeGreaterThan(0)
    await h.session.signOut()
    expect(h.timers.pending).toBe(0)
  })

  it.each([
    ['rotates: its new token is revoked too', true],
    ['keeps the refresh token: only the signed-out token is revoked', false],
  ])(
    'a refresh that lands as the session ends is not adopted; a backend that %s',
    async (_what, rotate) => {
      configureMock({ rotate })
      // The tab is still writing down what it spent (the spend ledger) when the user signs out.
      const b = browser()
      const writing = gate()
      const called = gate()
      const ledger = memoryLedger(15_000)
      b.ledgers.set('acme', {
        ...ledger,
        settle: (token, by, next) => {
          called.open()
          return writing.wait.then(() => ledger.settle(token, by, next))
        },
      })
      const tab = b.open('acme')
      await tab.session.signIn(ADMIN.email, ADMIN.password)
      const first = tab.storage.get()
      const refreshes = watchRefreshes()
      const revoked: unknown[] = []
      const onRequest = ({ request }: { request: Request }) => {
        if (request.url.endsWith('/jwt/blacklist/'))
          void request
            .clone()
            .json()
            .then((body: { refresh?: string }) => revoked.push(body.refresh))
      }
      server.events.on('request:start', onRequest)
      try {
        const refresh = tab.session.refresh()
        refresh.catch(() => {})
        await b.drive(called.wait)
        expect(refreshes.statuses).toEqual([200])
        const signOut = tab.session.signOut()
        writing.open()
        await expect(b.drive(refresh)).rejects.toMatchObject({
          name: 'SessionExpiredError',
          message: expect.stringMatching(/session changed/),
        })
        await b.drive(signOut)
        await vi.waitFor(() => expect(revoked).toContain(first), { timeout: 10_000 })
        await settle(20)
        expect(tab.session.signedIn).toBe(false)
        expect(tab.session.accessToken).toBeNull()
        expect(tab.storage.get()).toBeNull()
        expect(tab.events.some((e) => e.type === 'refreshed')).toBe(false)
        // The token signed out, and the one a late rotation brought: both refused from now on.
        const late = revoked.filter((t) => t !== first)
        expect(late).toHaveLength(rotate ? 1 : 0)
        if (rotate) expect(readToken(late[0] as string, 'refresh')?.user_id).toBe(1)
      } finally {
        server.events.removeListener('request:start', onRequest)
      }
    },
  )
})

/** The refresh coordinator against the mock Django backend: counts taken at the network edge. */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  isRefreshFailed,
  isSessionExpired,
  isTokenRejected,
  RefreshFailedError,
  SessionExpiredError,
} from '@/core/auth/errors'
import { isApiError } from '@/core/http/errors'
import { server } from '@/mocks/node'
import { ADMIN, fakeDate, gate, harness, settle, watchNetwork } from '../helpers'

const REFRESH = '/auth/jwt/refresh/'
const ME = '/auth/users/me/'

beforeEach(fakeDate)

async function signedIn(h = harness()) {
  await h.session.signIn(ADMIN.email, ADMIN.password)
  return h
}

describe('single flight', () => {
  it('50 concurrent requests with an expired token (client knows): 1 refresh, 50 successes', async () => {
    const h = await signedIn()
    const net = watchNetwork()
    h.timers.sleep(121_000)
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => h.http.get(ME)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50)
    expect(net.count(REFRESH)).toBe(1)
    expect(net.count(ME)).toBe(50)
  })

  it('50 concurrent 401s (client clock frozen, server says expired): 1 refresh, 50 successes', async () => {
    const h = await signedIn()
    h.clock.frozenAt = Date.now()
    const net = watchNetwork()
    h.timers.sleep(121_000)
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => h.http.get(ME)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50)
    expect(net.count(REFRESH)).toBe(1)
    expect(net.count(ME)).toBe(100)
  })

  it('requests in flight while a refresh runs are retried, not dropped', async () => {
    const h = await signedIn()
    h.clock.frozenAt = Date.now()
    h.timers.sleep(121_000)
    const held = gate()
    server.use(mock.post(`*/api/v1${REFRESH}`, () => held.wait))
    const net = watchNetwork()
    const refresh = h.session.refresh()
    const inFlight = Array.from({ length: 10 }, () => h.http.get(ME))
    await settle(20)
    expect(net.count(ME)).toBe(10) // all went out with the old token and got 401
    held.open()
    const results = await Promise.allSettled(inFlight)
    await refresh
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
  })

  it('a request made while a due token is being renewed waits for the new one: sent once, no 401', async () => {
    const h = await signedIn()
    const exp = h.session.claims!.exp * 1000
    h.timers.sleep(exp - Date.now() - 5_000) // due for renewal, 5 s left: still fit to send
    expect(h.session.usableToken()).not.toBeNull()
    const held = gate()
    server.use(mock.post(`*/api/v1${REFRESH}`, () => held.wait, { once: true }))
    const net = watchNetwork()
    const refresh = h.session.refresh() // what the proactive timer does
    const request = h.http.get(ME)
    await settle(20)
    expect(net.count(ME)).toBe(0) // it waits for the renewal rather than race the old token
    held.open()
    await expect(request).resolves.toMatchObject({ status: 200 })
    await refresh
    const sent = net.seen.filter((s) => s.path.endsWith(ME))
    expect(sent.map((s) => s.authorization)).toEqual([`Bearer ${h.session.accessToken}`])
    expect(net.count(REFRESH)).toBe(1)
  })

  it('a request made at the very moment the token falls due, with the renewal under way, waits for it', async () => {
    const h = harness({ marginMs: 10_000 })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const old = h.session.accessToken
    h.timers.sleep(h.session.claims!.exp * 1000 - Date.now() - 10_000) // due in 0 ms, 10 s left
    expect(h.session.usableToken()).toBe(old) // no renewal under way: it is sent as it stands
    const held = gate()
    server.use(mock.post(`*/api/v1${REFRESH}`, () => held.wait, { once: true }))
    const net = watchNetwork()
    const refresh = h.session.refresh()
    const request = h.http.get(ME)
    await settle(20)
    expect(h.session.usableToken()).toBeNull()
    expect(net.count(ME)).toBe(0)
    held.open()
    await expect(request).resolves.toMatchObject({ status: 200 })
    await refresh
    const sent = net.seen.filter((s) => s.path.endsWith(ME)).map((s) => s.authorization)
    expect(sent).toEqual([`Bearer ${h.session.accessToken}`])
    expect(h.session.accessToken).not.toBe(old)
  })

  it('a late 401 from a request sent with an older token replays without refreshing', async () => {
    const h = await signedIn()
    h.clock.frozenAt = Date.now()
    h.timers.sleep(121_000)
    const held = gate()
    server.use(mock.get(`*/api/v1${ME}`, () => held.wait, { once: true }))
    const net = watchNetwork()
    const late = h.http.get(ME)
    await settle(10)
    await h.session.refresh()
    expect(net.count(REFRESH)).toBe(1)
    held.open()
    await expect(late).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(1)
  })

  it('the proactive timer and a 401 at the same moment: 1 refresh', async () => {
    const h = await signedIn()
    h.clock.frozenAt = Date.now()
    const net = watchNetwork()
    h.timers.sleep(121_000) // expired for the server; the client's clock has not moved
    const request = h.http.get(ME)
    h.session.refresh().catch(() => {}) // what the scheduler's tick does
    await h.timers.advance(5_000)
    await expect(request).resolves.toMatchObject({ status: 200 })
    expect(net.count(ME)).toBe(2) // refused (401), then replayed once
    expect(net.count(REFRESH)).toBe(1)
  })
})

describe('definitive failure', () => {
  it('refresh answers 401: every waiter gets SessionExpiredError, one signedOut, no loop', async () => {
    const h = await signedIn()
    h.clock.frozenAt = Date.now()
    h.timers.sleep(121_000)
    server.use(
      mock.post(`*/api/v1${REFRESH}`, () =>
        HttpResponse.json(
          { detail: 'Token is blacklisted', code: 'token_not_valid' },
          { status: 401 },
        ),
      ),
    )
    const net = watchNetwork()
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => h.http.get(ME)))
    expect(results.every((r) => r.status === 'rejected' && isSessionExpired(r.reason))).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    expect(h.events.filter((e) => e.type === 'signedOut')).toEqual([
      { type: 'signedOut', reason: 'expired' },
    ])
    expect(h.session.signedIn).toBe(false)
    expect(h.storage.get()).toBeNull()
    await h.http.get(ME).catch(() => {}) // signed out: goes anonymous, no refresh
    expect(net.count(REFRESH)).toBe(1)
  })

  it('a second 401 after a fresh token is a TokenRejectedError, not a loop', async () => {
    const h = await signedIn()
    server.use(
      mock.get(`*/api/v1${ME}`, () =>
        HttpResponse.json(
          { detail: 'Given token not valid', code: 'token_not_valid' },
          { status: 401 },
        ),
      ),
    )
    const net = watchNetwork()
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isTokenRejected(error)).toBe(true)
    expect(net.count(ME)).toBe(2)
    expect(net.count(REFRESH)).toBe(1)
  })

  it.each([
    [401, 'user_not_found', 'User not found'],
    [401, 'user_inactive', 'User is inactive'],
    [403, null, 'You do not have permission to perform this action.'],
  ])('a %i %s surfaces as ApiError without a refresh', async (status, code, detail) => {
    const h = await signedIn()
    const body = code ? { detail, code } : { detail }
    server.use(mock.get(`*/api/v1${ME}`, () => HttpResponse.json(body, { status })))
    const net = watchNetwork()
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isApiError(error) && error.status === status && error.code === code).toBe(true)
    expect(net.count(REFRESH)).toBe(0)
  })
})

describe('transient failure', () => {
  it.each([
    ['a 500', () => new HttpResponse('<h1>Server Error (500)</h1>', { status: 500 })],
    ['a network error', () => HttpResponse.error()],
  ])('%s keeps the session, backs off, and recovers', async (_name, fail) => {
    const h = await signedIn()
    h.timers.sleep(121_000)
    server.use(mock.post(`*/api/v1${REFRESH}`, fail, { once: true }))
    const net = watchNetwork()
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => h.http.get(ME)))
    const reasons = results.map((r) => (r.status === 'rejected' ? r.reason : null))
    expect(reasons.every((e) => isRefreshFailed(e) && e.transient && e.retryAfterMs > 0)).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    expect(h.session.signedIn).toBe(true)
    expect(h.events.some((e) => e.type === 'signedOut')).toBe(false)
    // Within the backoff window nothing is sent; the scheduler retries once it has passed.
    const waiting = (reasons[0] as RefreshFailedError).retryAfterMs
    await expect(h.http.get(ME)).rejects.toBeInstanceOf(RefreshFailedError)
    expect(net.count(REFRESH)).toBe(1)
    await h.timers.advance(waiting + 10)
    await settle(20)
    expect(net.count(REFRESH)).toBe(2)
    await expect(h.http.get(ME)).resolves.toMatchObject({ status: 200 })
  })

  it('a refresh that never answers times out: waiters reject, nothing hangs', async () => {
    const h = await signedIn(harness({ refreshTimeoutMs: 3_000 }))
    // This refresh never answers: time must move on while it is on the wire.
    h.timers.idle = () => true
    h.timers.sleep(121_000)
    server.use(mock.post(`*/api/v1${REFRESH}`, () => new Promise<never>(() => {})))
    const pending = Promise.allSettled(Array.from({ length: 3 }, () => h.http.get(ME)))
    await settle(10)
    await h.timers.advance(3_000)
    const results = await pending
    expect(results.every((r) => r.status === 'rejected' && isRefreshFailed(r.reason))).toBe(true)
    expect(h.session.signedIn).toBe(true)
  })
})

describe('session epoch', () => {
  it('sign-out during a refresh: the late result is discarded', async () => {
    const h = await signedIn()
    const held = gate()
    server.use(mock.post(`*/api/v1${REFRESH}`, () => held.wait, { once: true }))
    const refresh = h.session.refresh()
    await settle(10)
    await h.session.signOut()
    held.open()
    await expect(refresh).rejects.toBeInstanceOf(SessionExpiredError)
    expect(h.session.accessToken).toBeNull()
    expect(h.storage.get()).toBeNull()
    expect(h.events.filter((e) => e.type === 'signedOut')).toHaveLength(1)
    expect(h.events.some((e) => e.type === 'refreshed')).toBe(false)
  })

  it('a new sign-in during a refresh keeps the new tokens', async () => {
    const h = await signedIn()
    const held = gate()
    server.use(mock.post(`*/api/v1${REFRESH}`, () => held.wait, { once: true }))
    const refresh = h.session.refresh()
    await settle(10)
    await h.session.signIn('staff@acme.test', 'acme-staff-pass-1')
    const mine = h.session.accessToken
    held.open()
    await expect(refresh).rejects.toBeInstanceOf(SessionExpiredError)
    expect(h.session.accessToken).toBe(mine)
    expect(h.session.claims?.email).toBe('staff@acme.test')
  })
})

/**
 * One rotation of the refresh token: what an answer means (kept or rotated), that a rotated token
 * is never sent again, that a kept one is, and what happens to an answer that cannot be used. Against the mock backend, counted at the network edge.
 */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { SessionExpiredError } from '@/core/auth/errors'
import { readRotation } from '@/core/auth/session/rotation'
import { configureMock } from '@/mocks/config'
import { resetDb } from '@/mocks/db'
import { server } from '@/mocks/node'
import { isRefreshFailed, SessionExpiredError as Expired } from '@/core/auth/errors'
import {
  ADMIN,
  fakeDate,
  harness,
  loseRefreshAnswers,
  settle,
  watchNetwork,
  watchRefreshes,
} from '../../helpers'

const REFRESH = '/auth/jwt/refresh/'
const VERIFY = '/auth/jwt/verify/'

beforeEach(fakeDate)

async function signedIn(profile: 'original' | 'hardened') {
  configureMock({ profile, accessSeconds: 120 })
  resetDb()
  const logs: string[] = []
  const h = harness({ log: (m) => logs.push(m) })
  await h.session.signIn(ADMIN.email, ADMIN.password)
  return { ...h, logs }
}

describe('what a refresh answer means', () => {
  it('an answer with no refresh token, or the same one, keeps the token sent', () => {
    expect(readRotation('R1', { access: 'A2' })).toEqual({
      pair: { access: 'A2', refresh: 'R1' },
      rotated: null,
    })
    expect(readRotation('R1', { access: 'A2', refresh: 'R1' }).rotated).toBeNull()
    expect(readRotation('R1', { access: 'A2', refresh: '' }).rotated).toBeNull()
    expect(readRotation('R1', { access: 'A2', refresh: 42 }).rotated).toBeNull()
  })

  it('an answer with another refresh token rotates it', () => {
    expect(readRotation('R1', { access: 'A2', refresh: 'R2' })).toEqual({
      pair: { access: 'A2', refresh: 'R2' },
      rotated: 'R2',
    })
  })

  it('no answer at all keeps the token and brings no access token', () => {
    expect(readRotation('R1', null)).toEqual({
      pair: { access: undefined, refresh: 'R1' },
      rotated: null,
    })
  })
})

describe('rotation on (hardened)', () => {
  it('each refresh spends the token the last one returned, and stores its successor', async () => {
    const h = await signedIn('hardened')
    const refreshes = watchRefreshes()
    const tokens = [h.storage.get()]
    for (let i = 0; i < 3; i++) {
      h.timers.sleep(121_000)
      await h.session.refresh()
      tokens.push(h.storage.get())
    }
    await settle()
    expect(new Set(tokens).size).toBe(4)
    expect(refreshes.sent).toEqual(tokens.slice(0, 3))
    expect(refreshes.statuses).toEqual([200, 200, 200])
    expect(h.session.backend.rotates).toBe(true)
  })
})

describe('rotation off (original)', () => {
  it('the refresh token is kept: the same one is spent each time and stays stored', async () => {
    const h = await signedIn('original')
    const refreshes = watchRefreshes()
    const kept = h.storage.get()
    const seen = [h.session.accessToken]
    for (let i = 0; i < 2; i++) {
      h.timers.sleep(121_000)
      seen.push(await h.session.refresh())
    }
    await settle()
    expect(refreshes.sent).toEqual([kept, kept])
    expect(h.storage.get()).toBe(kept)
    expect(new Set(seen).size).toBe(3)
    expect(h.session.backend.rotates).toBe(false)
  })

  it('a kept refresh token that has run out ends the session as expired, without a request', async () => {
    const h = await signedIn('original')
    const net = watchNetwork()
    h.timers.sleep(24 * 3600 * 1000 + 1_000)
    await expect(h.session.refresh()).rejects.toBeInstanceOf(SessionExpiredError)
    expect(net.count(REFRESH)).toBe(0)
    expect(h.events.at(-1)).toMatchObject({ type: 'signedOut', reason: 'expired' })
  })
})

describe('nothing to rotate', () => {
  it('a refresh asked for when signed out is a SessionExpiredError, with no request and no event', async () => {
    const h = await signedIn('hardened')
    await h.session.signOut()
    const events = h.events.length
    const net = watchNetwork()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(net.count(REFRESH)).toBe(0)
    expect(h.events.length).toBe(events)
    expect(h.session.signedIn).toBe(false)
  })
})

describe('answers that cannot be used', () => {
  it('an answer whose tokens are unusable ends the session as invalid-token', async () => {
    const h = await signedIn('hardened')
    server.use(
      mock.post(`*/api/v1${REFRESH}`, () => HttpResponse.json({ access: 'not-a-jwt' }), {
        once: true,
      }),
    )
    h.timers.sleep(121_000)
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SessionExpiredError)
    expect(String((error as Error).message)).toContain('unusable tokens')
    expect(h.session.signedIn).toBe(false)
    expect(h.events.at(-1)).toMatchObject({ type: 'signedOut', reason: 'invalid-token' })
  })
})

describe('a spend whose answer was lost', () => {
  /** Signed in, one refresh sent whose answer never came back; the next one is due. */
  async function lostOnce(profile: 'original' | 'hardened', reached: boolean) {
    const h = await signedIn(profile)
    const sent = h.storage.get()
    loseRefreshAnswers(1, { reached })
    h.timers.sleep(121_000)
    const first = await h.session.refresh().catch((e: unknown) => e)
    expect(isRefreshFailed(first) && first.transient).toBe(true)
    expect(h.session.signedIn).toBe(true)
    h.timers.sleep(5_000) // past the backoff (no timer fires: the test makes the next refresh)
    return { ...h, sent }
  }

  it('rotated by the server (hardened): the token is never spent again, the session ends as expired', async () => {
    const h = await signedIn('hardened')
    const refreshes = watchRefreshes()
    const net = watchNetwork()
    loseRefreshAnswers(1)
    h.timers.sleep(121_000)
    await h.session.refresh().catch(() => {})
    h.timers.sleep(5_000)
    const error = await h.session.refresh().catch((e: unknown) => e)
    await settle()
    expect(error).toBeInstanceOf(Expired)
    expect(refreshes.sent).toHaveLength(1) // the lost one; the blacklisted token went out once
    expect(net.count(VERIFY)).toBe(1)
    expect(h.session.signedIn).toBe(false)
    expect(h.events.at(-1)).toMatchObject({ type: 'signedOut', reason: 'expired' })
    expect(h.logs.join('\n')).toContain('was rotated by the spend whose answer was lost')
  })

  it('lost before it reached the server (hardened): verified, then spent again, and the session goes on', async () => {
    const h = await lostOnce('hardened', false)
    const refreshes = watchRefreshes()
    const net = watchNetwork()
    const access = await h.session.refresh()
    await settle()
    expect(net.seen.map((s) => s.path.replace('/api/v1', ''))).toEqual([VERIFY, REFRESH])
    expect(refreshes.sent).toEqual([h.sent])
    expect(refreshes.statuses).toEqual([200])
    expect(h.session.accessToken).toBe(access)
    expect(h.storage.get()).not.toBe(h.sent)
  })

  it('answered the time after: the token that one returned is spent with no verify', async () => {
    const h = await lostOnce('hardened', false)
    await h.session.refresh()
    const net = watchNetwork()
    h.timers.sleep(121_000)
    await h.session.refresh()
    expect(net.count(VERIFY)).toBe(0)
    expect(net.count(REFRESH)).toBe(1)
  })

  it('a kept token (original) is spent again at once: no verify needed', async () => {
    const h = await signedIn('original')
    await h.session.refresh() // the backend is now known to keep its token
    loseRefreshAnswers(1)
    h.timers.sleep(121_000)
    await h.session.refresh().catch(() => {})
    h.timers.sleep(5_000)
    const net = watchNetwork()
    await h.session.refresh()
    expect(net.count(VERIFY)).toBe(0)
    expect(net.count(REFRESH)).toBe(1)
    expect(h.session.signedIn).toBe(true)
  })

  it('a verify that gets no answer either: nothing is spent, the failure is retryable', async () => {
    const h = await lostOnce('hardened', false)
    server.use(mock.post(`*/api/v1${VERIFY}`, () => HttpResponse.error(), { once: true }))
    const refreshes = watchRefreshes()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isRefreshFailed(error) && error.transient).toBe(true)
    expect(refreshes.sent).toEqual([])
    expect(h.session.signedIn).toBe(true)
    h.timers.sleep(5_000)
    await h.session.refresh() // verified this time, then spent
    expect(refreshes.sent).toEqual([h.sent])
  })

  it('a backend with no verify endpoint (404): the token is spent unverified, and the log says so', async () => {
    const h = await lostOnce('hardened', false)
    server.use(
      mock.post(`*/api/v1${VERIFY}`, () => new HttpResponse('', { status: 404 }), { once: true }),
    )
    const refreshes = watchRefreshes()
    await h.session.refresh()
    expect(refreshes.sent).toEqual([h.sent])
    expect(h.logs.join('\n')).toContain('no verify endpoint')
  })
})

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
import { ADMIN, fakeDate, harness, settle, watchNetwork, watchRefreshes } from '../../helpers'

const REFRESH = '/auth/jwt/refresh/'

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

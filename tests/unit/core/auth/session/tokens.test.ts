/**
 * The tokens a session takes and keeps: a pair is checked (shape, type, tenant) before it is taken,
 * the server clock is learnt from the right `iat`, and what a reload keeps (the access token, the
 * clock offset, the refresh margin) brings the session back as it was. Against the mock backend,
 * with answers rewritten at the network edge where a test needs a token the mock would not issue.
 */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { isSessionExpired } from '@/core/auth/errors'
import { accessExp, loadStoredRefresh, readToken, userOf } from '@/core/auth/session/tokens'
import {
  createAccessStorage,
  createTokenStorage,
  memoryStorage,
  type TokenStorage,
} from '@/core/auth/tokenStorage'
import { configureMock } from '@/mocks/config'
import { resetDb } from '@/mocks/db'
import { server } from '@/mocks/node'
import { ADMIN, fakeDate, fakeJwt, harness, watchNetwork, webStore } from '../../helpers'

const REFRESH = '/auth/jwt/refresh/'
const CREATE = '/auth/jwt/create/'
const ME = '/auth/users/me/'

beforeEach(fakeDate)

const now = () => Math.floor(Date.now() / 1000)
const claims = (type: 'access' | 'refresh', over: Record<string, unknown> = {}) => ({
  token_type: type,
  exp: now() + 600,
  iat: now(),
  user_id: 1,
  ...over,
})
const pair = (access: Record<string, unknown> = {}, refresh: Record<string, unknown> = {}) => ({
  access: fakeJwt(claims('access', access)),
  refresh: fakeJwt(claims('refresh', refresh)),
})
const signInAnswers = (body: unknown) =>
  server.use(mock.post(`*/api/v1${CREATE}`, () => HttpResponse.json(body as object)))

describe('a sign-in answer is checked before it is taken', () => {
  it.each([
    [
      'the refresh token is another tenant’s',
      pair({ tenant: 'acme' }, { tenant: 'globex' }),
      /globex/,
    ],
    [
      'the access token is another tenant’s',
      pair({ tenant: 'globex' }, { tenant: 'acme' }),
      /globex/,
    ],
    ['the access token is missing', { refresh: pair().refresh }, /not a token pair/],
    [
      'the tokens are swapped',
      { access: pair().refresh, refresh: pair().access },
      /not a token pair/,
    ],
  ])('%s: refused, nothing stored, still signed out', async (_what, body, why) => {
    signInAnswers(body)
    const logs: string[] = []
    const h = harness({ log: (m) => logs.push(m) })
    const error = await h.session.signIn(ADMIN.email, ADMIN.password).catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toMatch(why)
    expect(logs.filter((m) => m.startsWith('sign-in answer refused: '))).toEqual([
      expect.stringMatching(why),
    ])
    expect(h.session.signedIn).toBe(false)
    expect(h.session.accessToken).toBeNull()
    expect(h.storage.get()).toBeNull()
    expect(h.events).toEqual([])
  })

  it('a pair of this tenant is taken whole', async () => {
    const body = pair({ tenant: 'acme' }, { tenant: 'acme' })
    signInAnswers(body)
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect([h.session.accessToken, h.storage.get()]).toEqual([body.access, body.refresh])
    expect(h.events.map((e) => e.type)).toEqual(['signedIn'])
  })
})

describe('a refresh answer is checked too', () => {
  it('a rotated refresh token of another tenant ends the session; it is never stored', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const foreign = pair({ tenant: 'acme' }, { tenant: 'globex' })
    server.use(mock.post(`*/api/v1${REFRESH}`, () => HttpResponse.json(foreign)))
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toMatch(/globex/)
    expect(h.session.signedIn).toBe(false)
    expect(h.storage.get()).toBeNull()
    expect(h.events).toEqual([
      expect.objectContaining({ type: 'signedIn' }),
      { type: 'signedOut', reason: 'invalid-token' },
    ])
  })
})

describe('the generation counts the access tokens a session took', () => {
  it('one per sign-in and one per refresh', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(h.session.generation).toBe(1)
    await h.session.refresh()
    await h.session.refresh()
    expect(h.session.generation).toBe(3)
  })
})

describe('the server clock', () => {
  it('a login access token without iat: the refresh token’s iat sets the clock', async () => {
    const serverNow = now() + 40 // the server is 40 s ahead of this machine
    signInAnswers({
      access: fakeJwt(claims('access', { iat: undefined, exp: serverNow + 120 })),
      refresh: fakeJwt(claims('refresh', { iat: serverNow, exp: serverNow + 3600 })),
    })
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(h.session.clockOffsetMs).toBe(40_000)
  })

  it('a rotated refresh token’s iat moves it; a refreshed access token’s (the login one) does not', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const login = h.session.clockOffsetMs
    const answer = (access: Record<string, unknown>, refresh?: Record<string, unknown>) =>
      server.use(
        mock.post(
          `*/api/v1${REFRESH}`,
          () =>
            HttpResponse.json({
              access: fakeJwt(claims('access', { tenant: 'acme', ...access })),
              ...(refresh && {
                refresh: fakeJwt(claims('refresh', { tenant: 'acme', ...refresh })),
              }),
            }),
          { once: true },
        ),
      )
    // Kept refresh token (no rotation): the access token carries an old iat; no Date either.
    answer({ iat: now() - 500 })
    await h.session.refresh()
    expect(h.session.clockOffsetMs).toBe(login)
    answer({ iat: now() - 500 }, { iat: now() + 90 })
    await h.session.refresh()
    expect(h.session.clockOffsetMs).toBe(login + 90_000)
  })
})

describe('what a reload keeps', () => {
  const tab = () => {
    const scope = { localStorage: webStore(), sessionStorage: webStore() }
    const storage = createTokenStorage('local', 'acme', scope)
    const accessStorage = createAccessStorage('local', 'acme', scope) as TokenStorage
    return (over: Parameters<typeof harness>[0] = {}) =>
      harness({ storage, accessStorage, ...over })
  }

  it('a short-lived token keeps its quarter-lifetime margin: renewed at 15 s of 20, not at once', async () => {
    configureMock({ accessSeconds: 20 })
    resetDb()
    const open = tab()
    const before = open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    const net = watchNetwork()
    const after = open()
    await expect(after.session.restore()).resolves.toBe(true)
    await after.timers.advance(14_000)
    expect(net.count(REFRESH)).toBe(0)
    await after.timers.advance(2_000)
    expect(net.count(REFRESH)).toBe(1)
  })

  it("this machine's clock 200 s ahead of the server's: the kept offset keeps the token, 0 refreshes", async () => {
    const open = tab()
    const ahead = { now: () => Date.now() + 200_000 }
    const before = open({ clock: ahead })
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    const net = watchNetwork()
    const after = open({ clock: ahead })
    await expect(after.session.restore()).resolves.toBe(true)
    await expect(after.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(0)
    expect(after.session.clockOffsetMs).toBe(before.session.clockOffsetMs)
  })
})

describe('what a reload finds', () => {
  const tab = () => {
    const scope = { localStorage: webStore(), sessionStorage: webStore() }
    const storage = createTokenStorage('local', 'acme', scope)
    const accessStorage = createAccessStorage('local', 'acme', scope) as TokenStorage
    const logs: string[] = []
    const open = () => harness({ storage, accessStorage, log: (m) => logs.push(m) })
    return { scope, storage, accessStorage, logs, open }
  }
  const kept = (t: ReturnType<typeof tab>) => t.scope.sessionStorage.getItem('auth:acme:access')

  it('a kept token restored is the session’s first access token (generation 1)', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    const after = t.open()
    expect(after.session.generation).toBe(1)
    await after.session.refresh()
    expect(after.session.generation).toBe(2)
  })

  it('a kept record written without the clock offset and margin: the token is kept, the clock left as it is', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    const access = before.session.accessToken!
    before.session.dispose()
    t.accessStorage.set(JSON.stringify({ access }))
    const net = watchNetwork()
    const after = t.open()
    await expect(after.session.restore()).resolves.toBe(true)
    expect(after.session.accessToken).toBe(access)
    expect(after.session.clockOffsetMs).toBe(0)
    await expect(after.http.get(ME)).resolves.toMatchObject({ status: 200 })
    // The margin is the default's: the renewal goes out 30 s before the 120 s are up, not at once.
    await after.timers.advance(89_000)
    expect(net.count(REFRESH)).toBe(0)
    await after.timers.advance(2_000)
    expect(net.count(REFRESH)).toBe(1)
  })

  it('a kept token that does not go with the stored one is dropped, and the log says so', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    t.accessStorage.set('{"access":"nonsense"}')
    t.open()
    expect(t.logs.filter((m) => m.startsWith('dropping a kept access token'))).toHaveLength(1)
    expect(kept(t)).toBeNull()
  })

  it('a new tab (nothing kept) restores from the refresh token with nothing to drop', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    t.accessStorage.clear()
    const after = t.open()
    await expect(after.session.restore()).resolves.toBe(true)
    expect(t.logs.filter((m) => m.startsWith('dropping'))).toEqual([])
  })

  it('no refresh token stored (signed out elsewhere): a kept access token is not left behind', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    t.storage.clear()
    expect(kept(t)).not.toBeNull()
    const after = t.open()
    expect([after.session.signedIn, after.session.accessToken]).toEqual([false, null])
    expect(kept(t)).toBeNull()
    expect(t.logs.filter((m) => m.startsWith('dropping'))).toEqual([])
  })

  it('a stored refresh token that is not a JWT is discarded, and the log says which and why', () => {
    const storage = memoryStorage('acme')
    storage.set('not-a-jwt-at-all-1234')
    const logs: string[] = []
    expect(loadStoredRefresh(storage, 'acme', Date.now(), (m) => logs.push(m))).toEqual({
      kind: 'discarded',
      why: 'not a refresh JWT',
    })
    expect(logs).toEqual(['discarding stored refresh token …-1234(21): not a refresh JWT'])
    expect(storage.get()).toBeNull()
  })
})

describe('reading a token', () => {
  const jwt = (over: Record<string, unknown>) => fakeJwt(claims('refresh', over))
  /** A token whose payload is exactly `json` (JSON.stringify cannot write 1e400). */
  const withBody = (json: string) =>
    jwt({}).replace(/\.[^.]+\./, `.${Buffer.from(json).toString('base64url')}.`)

  it.each([
    ['a string user id (simplejwt 5.5)', jwt({ user_id: '7' }), '7'],
    ['a numeric user id', jwt({ user_id: 7 }), '7'],
    ['no user id', jwt({ user_id: undefined }), 'undefined'],
    ['a user id that is neither', jwt({ user_id: true }), 'undefined'],
    ['an exp that is not a number', jwt({ exp: '2000000000' }), 'undefined'],
    [
      'an exp beyond any date (1e400 reads as Infinity)',
      withBody('{"token_type":"refresh","user_id":7,"exp":1e400}'),
      'undefined',
    ],
    ['four parts', `${jwt({ user_id: 7 })}.x`, 'undefined'],
    ['null', null, 'undefined'],
  ])('%s', (_what, token, user) => {
    expect(userOf(token)).toBe(user)
  })

  it('an access token is not a refresh token, nor the other way round', () => {
    const access = fakeJwt(claims('access', { exp: 2_000_000_000 }))
    expect(readToken(access, 'access')?.exp).toBe(2_000_000_000)
    expect(readToken(access, 'refresh')).toBeNull()
    expect(accessExp(access)).toBe(2_000_000_000)
    expect(accessExp(fakeJwt(claims('refresh')))).toBe(0)
    expect(accessExp('not.a.jwt')).toBe(0)
  })

  it('a stored refresh token is expired from the very second of its exp', () => {
    const storage = memoryStorage('acme')
    const exp = now() + 10
    storage.set(fakeJwt(claims('refresh', { exp })))
    expect(loadStoredRefresh(storage, 'acme', exp * 1000 - 1).kind).toBe('usable')
    expect(loadStoredRefresh(storage, 'acme', exp * 1000)).toEqual({
      kind: 'discarded',
      why: 'expired',
    })
    expect(storage.get()).toBeNull()
    expect(loadStoredRefresh(storage, 'acme', 0)).toEqual({ kind: 'none' })
  })
})

/**
 * A reload (a new session over the same tab's storages): the access token kept in the tab's
 * sessionStorage saves the refresh while it still works; anything that does not go with the
 * stored refresh token is dropped, and costs one refresh.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import {
  createAccessStorage,
  createTokenStorage,
  type TokenStorage,
} from '@/core/auth/tokenStorage'
import { readToken } from '@/core/auth/session/tokens'
import { ADMIN, fakeDate, fakeJwt, harness, settle, watchNetwork, webStore } from '../helpers'

const REFRESH = '/auth/jwt/refresh/'
const ME = '/auth/users/me/'

beforeEach(fakeDate)

function tab() {
  const scope = { localStorage: webStore(), sessionStorage: webStore() }
  const storage = createTokenStorage('local', 'acme', scope)
  const accessStorage = createAccessStorage('local', 'acme', scope) as TokenStorage
  const open = () => harness({ storage, accessStorage })
  return { scope, storage, accessStorage, open }
}

describe('a reload keeps the access token in the tab’s sessionStorage', () => {
  it('signed in, then reloaded: 0 refreshes, the same access token, and requests go out with it', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    const access = before.session.accessToken
    before.session.dispose()
    const net = watchNetwork()
    const after = t.open()
    await expect(after.session.restore()).resolves.toBe(true)
    expect(after.session.accessToken).toBe(access)
    await expect(after.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(0)
  })

  it('the reloaded session still renews itself before expiry: its timer runs', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    const after = t.open()
    await after.session.restore()
    const net = watchNetwork()
    await after.timers.advance(115_000) // hardened access tokens live 120 s
    await settle(10)
    expect(net.count(REFRESH)).toBe(1)
    expect(after.events).toContainEqual(expect.objectContaining({ type: 'refreshed' }))
  })

  it('a kept access token that ran out costs one refresh', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    before.timers.sleep(121_000)
    const net = watchNetwork()
    const after = t.open()
    await expect(after.session.restore()).resolves.toBe(true)
    expect(net.count(REFRESH)).toBe(1)
  })

  it.each([
    ['not JSON', () => 'eyJ...'],
    ['not a token', () => JSON.stringify({ access: 'nonsense', offsetMs: 0, marginMs: 0 })],
    [
      "another user's token",
      () =>
        JSON.stringify({
          access: fakeJwt({ token_type: 'access', user_id: 999, exp: Date.now() / 1000 + 60 }),
          offsetMs: 0,
          marginMs: 0,
        }),
    ],
  ])(
    'a kept access token that is %s is dropped: one refresh, and nothing crashes',
    async (_what, kept) => {
      const t = tab()
      const before = t.open()
      await before.session.signIn(ADMIN.email, ADMIN.password)
      before.session.dispose()
      t.accessStorage.set(kept())
      const net = watchNetwork()
      const after = t.open()
      await expect(after.session.restore()).resolves.toBe(true)
      expect(net.count(REFRESH)).toBe(1)
      expect(after.session.accessToken).not.toBe(null)
    },
  )

  it('a kept access token with a second or less to live is dropped; with more, it is kept', async () => {
    const t = tab()
    const before = t.open()
    await before.session.signIn(ADMIN.email, ADMIN.password)
    before.session.dispose()
    const user_id = readToken(t.storage.get(), 'refresh')?.user_id
    const keptFor = (seconds: number) => {
      const access = fakeJwt({ token_type: 'access', user_id, exp: Date.now() / 1000 + seconds })
      t.accessStorage.set(JSON.stringify({ access, offsetMs: 0, marginMs: 0 }))
      return { access, after: t.open() }
    }
    const short = keptFor(1) // too little to send: the server could see it expired
    expect(short.after.session.accessToken).toBe(null)
    expect(t.accessStorage.get()).toBe(null)
    short.after.session.dispose()
    const longer = keptFor(2)
    expect(longer.after.session.accessToken).toBe(longer.access)
  })

  it('a sign-out removes the kept access token', async () => {
    const t = tab()
    const h = t.open()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(t.scope.sessionStorage.getItem('auth:acme:access')).toContain(h.session.accessToken)
    await h.session.signOut()
    expect(t.scope.sessionStorage.getItem('auth:acme:access')).toBeNull()
    expect(t.scope.localStorage.getItem('auth:acme:refresh')).toBeNull()
  })

  it('with VITE_TOKEN_STORAGE=memory no access token is kept anywhere', () => {
    const scope = { sessionStorage: webStore() }
    expect(createAccessStorage('memory', 'acme', scope)).toBeNull()
    expect(createAccessStorage('session', 'acme', scope)).not.toBeNull()
  })
})

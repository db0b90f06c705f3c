/**
 * What a sign-out revokes and whom it tells: the user's own refresh token, and a newer one of the
 * same user another session stored meanwhile; nothing on a sign-out the user did not ask for; and
 * listeners hear of it whenever something was held here or stored for the tenant.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { http as mock, HttpResponse } from 'msw'
import { memoryStorage } from '@/core/auth/tokenStorage'
import { server } from '@/mocks/node'
import { ADMIN, fakeDate, harness, settle } from '../../helpers'

const STAFF = { email: 'staff@acme.test', password: 'acme-staff-pass-1' }

beforeEach(fakeDate)
const listeners: Array<(e: { request: Request }) => void> = []
afterEach(() =>
  listeners.splice(0).forEach((l) => server.events.removeListener('request:start', l)),
)

/** The refresh tokens sent to jwt/blacklist/, as the server saw them. */
function watchRevoked(): string[] {
  const revoked: string[] = []
  const onRequest = ({ request }: { request: Request }) => {
    if (new URL(request.url).pathname.endsWith('/jwt/blacklist/'))
      void request
        .clone()
        .json()
        .then((body: { refresh?: string }) => revoked.push(String(body.refresh)))
  }
  server.events.on('request:start', onRequest)
  listeners.push(onRequest)
  return revoked
}

describe('what a sign-out revokes', () => {
  it("the user's sign-out also revokes a newer token of the same user another session stored", async () => {
    const storage = memoryStorage('acme')
    const mine = harness({ storage })
    await mine.session.signIn(ADMIN.email, ADMIN.password)
    const own = storage.get()!
    const other = harness({ storage })
    await other.session.signIn(ADMIN.email, ADMIN.password)
    const newer = storage.get()!
    expect(newer).not.toBe(own)
    const revoked = watchRevoked()
    await mine.session.signOut()
    await settle(10)
    expect(revoked.sort()).toEqual([own, newer].sort())
    expect(storage.get()).toBeNull()
  })

  it("another user's stored token is not this user's to revoke", async () => {
    const storage = memoryStorage('acme')
    const mine = harness({ storage })
    await mine.session.signIn(ADMIN.email, ADMIN.password)
    const own = storage.get()!
    const other = harness({ storage })
    await other.session.signIn(STAFF.email, STAFF.password)
    const revoked = watchRevoked()
    await mine.session.signOut()
    await settle(10)
    expect(revoked).toEqual([own])
  })

  it('a sign-out the user did not ask for (the session expired) revokes nothing', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const revoked = watchRevoked()
    await h.session.signOut('expired')
    await settle(10)
    expect(revoked).toEqual([])
    expect(h.session.signedIn).toBe(false)
    expect(h.events.at(-1)).toEqual({ type: 'signedOut', reason: 'expired' })
  })
})

describe('a blacklist that cannot be reached', () => {
  it('the sign-out still completes, and the log says the call failed', async () => {
    const logs: string[] = []
    const h = harness({ log: (m) => logs.push(m) })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.post('*/api/v1/auth/jwt/blacklist/', () => HttpResponse.error()))
    await h.session.signOut()
    expect(h.session.signedIn).toBe(false)
    expect(logs).toContainEqual(expect.stringMatching(/^blacklist call failed: .*network error/i))
  })
})

describe('who hears of a sign-out', () => {
  it('a tab holding only its refresh token (not yet renewed) tells its listeners, even with storage already emptied', async () => {
    const storage = memoryStorage('acme')
    const first = harness({ storage })
    await first.session.signIn(ADMIN.email, ADMIN.password)
    first.session.dispose()
    // Reopened: the stored refresh token, no access token yet.
    const reopened = harness({ storage })
    expect([reopened.session.signedIn, reopened.session.accessToken]).toEqual([true, null])
    storage.clear()
    await reopened.session.signOut()
    expect(reopened.events).toEqual([{ type: 'signedOut', reason: 'user' }])
    expect(reopened.session.signedIn).toBe(false)
  })

  it("a signed-out tab's sign-out still removes the tenant's stored token, and says so", async () => {
    const storage = memoryStorage('acme')
    const idle = harness({ storage })
    const other = harness({ storage })
    await other.session.signIn(ADMIN.email, ADMIN.password)
    await idle.session.signOut()
    expect(storage.get()).toBeNull()
    expect(idle.events).toEqual([{ type: 'signedOut', reason: 'user' }])
  })

  it('a sign-in over another session ends that one first: listeners hear the sign-out, then the sign-in', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.signIn(STAFF.email, STAFF.password)
    expect(
      h.events.map((e) => (e.type === 'signedOut' ? `signedOut:${e.reason}` : e.type)),
    ).toEqual(['signedIn', 'signedOut:user', 'signedIn'])
    expect(h.session.claims?.email).toBe(STAFF.email)
  })
})

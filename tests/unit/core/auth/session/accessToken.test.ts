/**
 * The token a request gets: the current one while it is good, a renewed one once it is due, and,
 * when the renewal fails for now, the old one for as long as it still has time. At the edges:
 * a token with a second left is not sent as it stands, and a refresh token at its `exp` is not
 * spent. Against the mock backend; the clock is frozen where a test needs an exact instant.
 */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { isRefreshFailed, isSessionExpired } from '@/core/auth/errors'
import { readToken } from '@/core/auth/session/tokens'
import { server } from '@/mocks/node'
import { ADMIN, fakeDate, gate, harness, settle, watchNetwork } from '../../helpers'

const REFRESH = '/auth/jwt/refresh/'
const STAFF = { email: 'staff@acme.test', password: 'acme-staff-pass-1' }

beforeEach(fakeDate)

const failRefresh = () =>
  server.use(
    mock.post(
      `*/api/v1${REFRESH}`,
      () => new HttpResponse('<h1>Server Error (500)</h1>', { status: 500 }),
    ),
  )

async function signedIn() {
  const h = harness()
  await h.session.signIn(ADMIN.email, ADMIN.password)
  expect(h.session.clockOffsetMs).toBe(0)
  const expMs = h.session.claims!.exp * 1000
  return { h, expMs, access: h.session.accessToken! }
}

describe('validAccessToken', () => {
  it('a token with time left is handed out as it is: no refresh', async () => {
    const { h, access } = await signedIn()
    const net = watchNetwork()
    await expect(h.session.validAccessToken()).resolves.toBe(access)
    expect(net.count(REFRESH)).toBe(0)
  })

  it('under a second left, and the renewal fails for now: the old token, which still has time, is sent', async () => {
    const { h, expMs, access } = await signedIn()
    h.clock.frozenAt = expMs - 500
    failRefresh()
    const net = watchNetwork()
    await expect(h.session.validAccessToken()).resolves.toBe(access)
    expect(net.count(REFRESH)).toBe(1)
  })

  it.each([
    ['at its exp', 0],
    ['past its exp', 1_000],
  ])('%s, and the renewal fails: the failure, not a dead token', async (_what, past) => {
    const { h, expMs } = await signedIn()
    h.clock.frozenAt = expMs + past
    failRefresh()
    const error = await h.session.validAccessToken().catch((e: unknown) => e)
    expect(isRefreshFailed(error)).toBe(true)
    expect(h.session.signedIn).toBe(true)
  })
})

describe('at the edges', () => {
  it('an access token with exactly a second left is not sent as it stands', async () => {
    const { h, expMs, access } = await signedIn()
    h.clock.frozenAt = expMs - 1_001
    expect(h.session.usableToken()).toBe(access)
    h.clock.frozenAt = expMs - 1_000
    expect(h.session.usableToken()).toBeNull()
  })

  it('a refresh token at its exp is not spent: the session ends as expired, nothing is sent', async () => {
    const { h } = await signedIn()
    const refreshExpMs = readToken(h.storage.get(), 'refresh')!.exp * 1000
    h.clock.frozenAt = refreshExpMs
    const net = watchNetwork()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error)).toBe(true)
    expect(net.count(REFRESH)).toBe(0)
    expect(h.events.at(-1)).toEqual({ type: 'signedOut', reason: 'expired' })
  })
})

describe('when the session changes under a renewal', () => {
  it("a token asked for by the session that ended is refused, not the new session's token", async () => {
    const { h, expMs } = await signedIn()
    h.clock.frozenAt = expMs - 500 // under a second left: it must be renewed first
    const held = gate()
    server.use(mock.post(`*/api/v1${REFRESH}`, () => held.wait, { once: true }))
    const asked = h.session.validAccessToken()
    await settle(10)
    await h.session.signIn(STAFF.email, STAFF.password)
    const staffToken = h.session.accessToken
    held.open()
    const answer = await asked.catch((e: unknown) => e)
    expect(answer).not.toBe(staffToken)
    expect(isSessionExpired(answer)).toBe(true)
    expect(h.session.claims?.email).toBe(STAFF.email)
  })
})

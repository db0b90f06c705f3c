/**
 * What a caller of the API gets back when a request does not simply succeed: cancelled, refused on
 * a public endpoint, outlived by its session, refused again after a refresh, or answered with an
 * error body. Counts are taken at the network edge.
 */
import axios, { isCancel } from 'axios'
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { isBackendMismatch, isSessionExpired, isTokenRejected } from '@/core/auth/errors'
import { installAuthInterceptors } from '@/core/http/authInterceptors'
import { ApiError, isApiError, isNetworkError } from '@/core/http/errors'
import { server } from '@/mocks/node'
import {
  ACME,
  ADMIN,
  fakeDate,
  gate,
  harness,
  type Harness,
  settle,
  watchNetwork,
} from '../helpers'

const REFRESH = '/auth/jwt/refresh/'
const ME = '/auth/users/me/'
const STAFF = { email: 'staff@acme.test', password: 'acme-staff-pass-1' }
const expired = () =>
  HttpResponse.json(
    { detail: 'Given token not valid for any token type', code: 'token_not_valid' },
    { status: 401 },
  )

beforeEach(fakeDate)

describe('a request the caller cancels', () => {
  it('comes back as a cancellation, not as a network error, and nothing is refreshed', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const held = gate()
    server.use(mock.get(`*/api/v1${ME}`, () => held.wait.then(() => HttpResponse.json({}))))
    const net = watchNetwork()
    const controller = new AbortController()
    const request = h.http.get(ME, { signal: controller.signal })
    await settle(10)
    controller.abort()
    const error = await request.catch((e: unknown) => e)
    held.open()
    expect(isCancel(error)).toBe(true)
    expect(isNetworkError(error)).toBe(false)
    expect(net.count(REFRESH)).toBe(0)
  })
})

describe('a 401 from a public endpoint', () => {
  it('is an ApiError with the server’s words, with no refresh and no replay', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.post('*/api/v1/auth/users/reset_password/', expired))
    const net = watchNetwork()
    const error = await h.http
      .post('/auth/users/reset_password/', { email: ADMIN.email })
      .catch((e: unknown) => e)
    expect(isApiError(error) && [error.status, error.code, error.message]).toEqual([
      401,
      'token_not_valid',
      'Given token not valid for any token type',
    ])
    expect(net.seen.map((s) => [s.path.replace('/api/v1', ''), s.authorization])).toEqual([
      ['/auth/users/reset_password/', null],
    ])
  })

  it('the same for a request sent with skipAuth', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.get(`*/api/v1${ME}`, expired))
    const net = watchNetwork()
    await expect(h.http.get(ME, { skipAuth: true })).rejects.toMatchObject({
      name: 'ApiError',
      status: 401,
    })
    expect(net.count(REFRESH)).toBe(0)
    expect(net.count(ME)).toBe(1)
  })
})

describe('a request that outlives its session', () => {
  /** Sends `me` with ADMIN's token, holds its expired-token 401 while `change` runs, then lets it in. */
  async function heldAcross(change: (h: Harness) => Promise<unknown>) {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const held = gate()
    server.use(mock.get(`*/api/v1${ME}`, () => held.wait.then(expired), { once: true }))
    const net = watchNetwork()
    const request = h.http.get(ME)
    await settle(10)
    await change(h)
    const events = h.events.length
    held.open()
    const error = await request.catch((e: unknown) => e)
    return { h, net, error, eventsAfter: h.events.length - events }
  }

  it("its expired-token 401 after another user signed in is not replayed with that user's token", async () => {
    const { net, error } = await heldAcross((h) => h.session.signIn(STAFF.email, STAFF.password))
    expect(isSessionExpired(error)).toBe(true)
    expect(net.count(ME)).toBe(1)
    expect(net.count(REFRESH)).toBe(0)
  })

  it('its expired-token 401 after a sign-out: no refresh is tried, the session changed', async () => {
    const { net, error, eventsAfter } = await heldAcross((h) => h.session.signOut())
    expect(isSessionExpired(error) && error.message).toMatch(/session changed/)
    expect(net.count(ME)).toBe(1)
    expect(net.count(REFRESH)).toBe(0)
    expect(eventsAfter).toBe(0)
  })

  it('signed out while its refresh was out: not replayed, the session changed', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.get(`*/api/v1${ME}`, expired, { once: true }))
    h.session.on((e) => {
      if (e.type === 'refreshed') void h.session.signOut()
    })
    const net = watchNetwork()
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toMatch(/session changed/)
    expect(net.count(REFRESH)).toBe(1)
    expect(net.count(ME)).toBe(1)
  })

  it('a request made while signed out goes without Authorization', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.signOut()
    server.use(mock.get(`*/api/v1/tenants/current/`, () => HttpResponse.json({ ok: true })))
    const net = watchNetwork()
    await h.http.get('/tenants/current/')
    expect(net.seen.map((s) => s.authorization)).toEqual([null])
  })
})

describe('refused again after a refresh', () => {
  it("a TokenRejectedError with the status and the server's code, its cause the ApiError", async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.get(`*/api/v1${ME}`, expired))
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isTokenRejected(error) && [error.status, error.code]).toEqual([401, 'token_not_valid'])
    expect((error as Error).message).toMatch(/refused a freshly renewed token/)
    expect((error as Error).cause).toBeInstanceOf(ApiError)
  })

  it('with a custom shouldRefresh and an empty (null) body: a TokenRejectedError with no code', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const http = axios.create({ baseURL: ACME })
    installAuthInterceptors(http, h.session, { shouldRefresh: (e) => e.response?.status === 419 })
    server.use(mock.get(`*/api/v1${ME}`, () => HttpResponse.json(null, { status: 419 })))
    const net = watchNetwork()
    const error = await http.get(ME).catch((e: unknown) => e)
    expect(isTokenRejected(error) && error.code).toBeNull()
    expect(net.count(ME)).toBe(2)
  })
})

describe('an Authorization header the server ignores', () => {
  it('with no challenge to read, a BackendMismatchError names the setting, its cause the 401', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(
      mock.get(`*/api/v1${ME}`, () =>
        HttpResponse.json(
          { detail: 'Authentication credentials were not provided.' },
          { status: 401 },
        ),
      ),
    )
    const net = watchNetwork()
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isBackendMismatch(error) && error.message).toMatch(/check VITE_AUTH_HEADER_TYPE/)
    expect((error as Error).cause).toMatchObject({ name: 'ApiError', status: 401 })
    expect(net.count(ME)).toBe(1)
  })

  it('a challenge naming another type: sent once more with it; ignored again, the error says what to set', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    let challenge = 'JWT realm="api"'
    server.use(
      mock.get(`*/api/v1${ME}`, () => {
        const answer = HttpResponse.json(
          { detail: 'Authentication credentials were not provided.' },
          { status: 401, headers: { 'WWW-Authenticate': challenge } },
        )
        challenge = 'Token realm="api"'
        return answer
      }),
    )
    const net = watchNetwork()
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isBackendMismatch(error) && error.message).toMatch(/set VITE_AUTH_HEADER_TYPE=Token/)
    expect(net.seen.map((s) => s.authorization?.split(' ')[0])).toEqual(['Bearer', 'JWT'])
  })
})

describe('an Authorization header the caller set', () => {
  it('is not sent while signed out, nor to a public endpoint', async () => {
    const h = harness()
    server.use(
      mock.get('*/api/v1/tenants/current/', () => HttpResponse.json({})),
      mock.post(
        '*/api/v1/auth/users/reset_password/',
        () => new HttpResponse(null, { status: 204 }),
      ),
    )
    const net = watchNetwork()
    const headers = { Authorization: 'Bearer left-over' }
    await h.http.get('/tenants/current/', { headers })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.http.post('/auth/users/reset_password/', { email: ADMIN.email }, { headers })
    await h.http.get('/tenants/current/', { headers, skipAuth: true })
    expect(
      net.seen.filter((s) => !s.path.includes('/auth/jwt/')).map((s) => s.authorization),
    ).toEqual([null, null, null])
  })
})

describe('a 401 whose body is JSON null', () => {
  const nullBody = () => HttpResponse.json(null, { status: 401 })

  it('signed out: an ApiError from the status, no refresh', async () => {
    const h = harness()
    server.use(mock.get(`*/api/v1${ME}`, nullBody))
    const net = watchNetwork()
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isApiError(error) && [error.status, error.message]).toEqual([
      401,
      'Request failed (401).',
    ])
    expect(net.count(REFRESH)).toBe(0)
  })

  it('signed in: the token was ignored, a BackendMismatchError', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.get(`*/api/v1${ME}`, nullBody))
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isBackendMismatch(error)).toBe(true)
  })
})

describe('only a 401 is an expired token', () => {
  it("a 403 carrying simplejwt's code is an ApiError, with no refresh and no replay", async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(
      mock.get(`*/api/v1${ME}`, () =>
        HttpResponse.json({ detail: 'Not yours.', code: 'token_not_valid' }, { status: 403 }),
      ),
    )
    const net = watchNetwork()
    const error = await h.http.get(ME).catch((e: unknown) => e)
    expect(isApiError(error) && [error.status, error.message]).toEqual([403, 'Not yours.'])
    expect(net.count(REFRESH)).toBe(0)
    expect(net.count(ME)).toBe(1)
  })
})

describe('installed and removed', () => {
  it('with a custom list of public endpoints, that list decides', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const http = axios.create({ baseURL: ACME })
    installAuthInterceptors(http, h.session, {
      publicEndpoints: [{ method: 'get', path: /\/health\/$/ }],
    })
    server.use(
      mock.get('*/api/v1/health/', () => HttpResponse.json({})),
      mock.post(
        '*/api/v1/auth/users/reset_password/',
        () => new HttpResponse(null, { status: 204 }),
      ),
    )
    const net = watchNetwork()
    await http.get('/health/')
    await http.post('/auth/users/reset_password/', { email: ADMIN.email })
    expect(net.seen.map((s) => s.authorization?.split(' ')[0] ?? null)).toEqual([null, 'Bearer'])
  })

  it('once removed, requests go out as sent: no token, no refresh on a 401', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const http = axios.create({ baseURL: ACME })
    const remove = installAuthInterceptors(http, h.session)
    const net = watchNetwork()
    await http.get(ME)
    remove()
    server.use(mock.get(`*/api/v1${ME}`, expired))
    const error = await http.get(ME).catch((e: unknown) => e)
    expect(isApiError(error)).toBe(false)
    expect(axios.isAxiosError(error) && error.response?.status).toBe(401)
    expect(net.seen.map((s) => s.authorization?.split(' ')[0] ?? null)).toEqual(['Bearer', null])
    expect(net.count(REFRESH)).toBe(0)
  })

  it('a custom shouldRefresh decides which failures mean "refresh and retry"', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const http = axios.create({ baseURL: ACME })
    installAuthInterceptors(http, h.session, {
      shouldRefresh: (e) => e.response?.status === 419,
    })
    server.use(
      mock.get(`*/api/v1${ME}`, () => HttpResponse.json({ detail: 'stale' }, { status: 419 }), {
        once: true,
      }),
    )
    const net = watchNetwork()
    await expect(http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(1)
    expect(net.count(ME)).toBe(2)
  })
})

describe('error bodies, as the caller reads them', () => {
  const answer = (status: number, body: unknown) =>
    server.use(
      mock.get(`*/api/v1/things/`, () =>
        typeof body === 'string'
          ? new HttpResponse(body, { status, headers: { 'Content-Type': 'text/html' } })
          : HttpResponse.json(body as object, { status }),
      ),
    )
  const failure = async () => {
    const h = harness()
    return (await h.http.get('/things/').catch((e: unknown) => e)) as ApiError
  }

  it.each([
    [400, { detail: 'Not allowed here.' }, 'Not allowed here.'],
    [400, { non_field_errors: ['Dates overlap.'], amount: ['Too big.'] }, 'Dates overlap.'],
    [400, { amount: ['Too big.', 'Not a number.'] }, 'Too big.'],
    [400, { amount: 'not a list' }, 'Request failed (400).'],
    [404, '<h1>Not Found</h1>', 'Request failed (404).'],
    [500, '<h1>Server Error (500)</h1>', 'The server had a problem (500).'],
    [503, [], 'The server had a problem (503).'],
  ])('%i %j reads as %j', async (status, body, message) => {
    answer(status, body)
    const error = await failure()
    expect(isApiError(error) && [error.status, error.message]).toEqual([status, message])
    expect(error.body).toEqual(body)
  })

  it('field errors keep every message of every field, and only lists of strings', async () => {
    answer(400, {
      amount: ['Too big.', 'Not a number.'],
      date: ['Required.'],
      detail: 'Check the form.',
      nested: [{ x: 1 }],
      code: 'invalid',
    })
    const error = await failure()
    expect(error.fieldErrors).toEqual({
      amount: ['Too big.', 'Not a number.'],
      date: ['Required.'],
    })
    expect([error.message, error.code]).toEqual(['Check the form.', 'invalid'])
  })

  it('a code that is not a string is no code; a body that is a list has no field errors', async () => {
    answer(400, { code: 7, detail: 'x' })
    expect((await failure()).code).toBeNull()
    answer(400, [['a']])
    expect((await failure()).fieldErrors).toEqual({})
  })

  it('no answer at all is a retryable NetworkError', async () => {
    server.use(mock.get(`*/api/v1/things/`, () => HttpResponse.error()))
    const error: unknown = await failure()
    expect(isNetworkError(error) && error.retryable).toBe(true)
    expect((error as Error).message.length).toBeGreaterThan(0)
  })
})

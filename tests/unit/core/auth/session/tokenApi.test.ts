/** simplejwt's token endpoints as the session calls them: answers, refusals, the server's clock. */
import axios from 'axios'
import { http as mock, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createBackendKnowledge } from '@/core/auth/session/backend'
import { isInvalidCredentials } from '@/core/auth/errors'
import { createTokenApi } from '@/core/auth/session/tokenApi'
import { configureMock } from '@/mocks/config'
import { resetDb } from '@/mocks/db'
import { server } from '@/mocks/node'
import { ACME, ADMIN } from '../../helpers'

const api = (backend = createBackendKnowledge()) =>
  createTokenApi(axios.create({ baseURL: ACME }), backend)
const at = (path: string, answer: (info: { request: Request }) => Response | Promise<Response>) =>
  server.use(mock.post(`*/api/v1${path}`, answer))

describe('obtain', () => {
  it('a wrong password keeps the server’s 401 as its cause', async () => {
    const error = await api()
      .obtain(ADMIN.email, 'wrong')
      .catch((e: unknown) => e)
    expect(isInvalidCredentials(error) && axios.isAxiosError(error.cause)).toBe(true)
    expect(((error as Error).cause as { response?: { status?: number } }).response?.status).toBe(
      401,
    )
  })

  it('no answer at all (network down) is the network failure itself, not about credentials', async () => {
    at('/auth/jwt/create/', () => HttpResponse.error())
    const error = await api()
      .obtain(ADMIN.email, ADMIN.password)
      .catch((e: unknown) => e)
    expect(isInvalidCredentials(error)).toBe(false)
    expect(axios.isAxiosError(error) && [error.message, error.response]).toEqual([
      expect.stringMatching(/network error/i),
      undefined,
    ])
  })

  it("a wrong password is an InvalidCredentialsError with simplejwt's words", async () => {
    const error = await api()
      .obtain(ADMIN.email, 'wrong')
      .catch((e: unknown) => e)
    expect(isInvalidCredentials(error) && error.message).toMatch(/No active account/)
  })

  it('a 401 without words gets a message of its own; other failures are not about credentials', async () => {
    at('/auth/jwt/create/', () => new HttpResponse(null, { status: 401 }))
    const error = await api()
      .obtain(ADMIN.email, 'x')
      .catch((e: unknown) => e)
    expect(isInvalidCredentials(error) && error.message).toBe('Invalid email or password.')
    // A JSON `null` body (a proxy's or a custom view's): still a wrong password, not a TypeError.
    at('/auth/jwt/create/', () => HttpResponse.json(null, { status: 401 }))
    const nullBody = await api()
      .obtain(ADMIN.email, 'x')
      .catch((e: unknown) => e)
    expect(isInvalidCredentials(nullBody) && nullBody.message).toBe('Invalid email or password.')
    at('/auth/jwt/create/', () => new HttpResponse('<h1>Server Error</h1>', { status: 500 }))
    const other = await api()
      .obtain(ADMIN.email, 'x')
      .catch((e: unknown) => e)
    expect(isInvalidCredentials(other)).toBe(false)
    expect(axios.isAxiosError(other) && other.response?.status).toBe(500)
  })

  it("the answer carries the server's clock from its Date header, when it can be read", async () => {
    const date = 'Wed, 02 Dec 2026 06:00:00 GMT'
    at('/auth/jwt/create/', () =>
      HttpResponse.json({ access: 'a', refresh: 'r' }, { headers: { Date: date } }),
    )
    expect(await api().obtain(ADMIN.email, 'x')).toEqual({
      access: 'a',
      refresh: 'r',
      serverTimeMs: Date.parse(date),
    })
    at('/auth/jwt/create/', () =>
      HttpResponse.json({ access: 'a', refresh: 'r' }, { headers: { Date: 'yesterday' } }),
    )
    expect(await api().obtain(ADMIN.email, 'x')).toEqual({ access: 'a', refresh: 'r' })
    at('/auth/jwt/create/', () => new HttpResponse('', { status: 200 }))
    expect(await api().obtain(ADMIN.email, 'x')).toEqual({})
  })
})

describe('refresh', () => {
  it('sends the refresh token and gives up after the timeout it is given', async () => {
    let sent: unknown = null
    at('/auth/jwt/refresh/', async ({ request }: { request: Request }) => {
      sent = await request.json()
      return new Promise<Response>(() => {})
    })
    const error = await api()
      .refresh('r1', { timeoutMs: 50 })
      .catch((e: unknown) => e)
    expect(sent).toEqual({ refresh: 'r1' })
    expect(axios.isAxiosError(error) && error.code).toBe('ECONNABORTED')
  })

  it('an aborted signal cancels it', async () => {
    at('/auth/jwt/refresh/', () => new Promise<Response>(() => {}))
    const controller = new AbortController()
    const call = api().refresh('r1', { signal: controller.signal })
    controller.abort()
    await expect(call).rejects.toSatisfy(axios.isCancel)
  })

  it("a 401's challenge tells the backend knowledge which header type the server wants", async () => {
    const backend = createBackendKnowledge()
    at('/auth/jwt/refresh/', () =>
      HttpResponse.json(
        { detail: 'Token is invalid', code: 'token_not_valid' },
        { status: 401, headers: { 'WWW-Authenticate': 'JWT realm="api"' } },
      ),
    )
    await api(backend)
      .refresh('r1')
      .catch(() => {})
    expect(backend.headerType).toBe('JWT')
  })
})

describe('blacklist', () => {
  it.each([
    [200, true],
    [404, false],
    [405, false],
  ])('%i: %s', async (status, offered) => {
    at('/auth/jwt/blacklist/', () => HttpResponse.json({}, { status }))
    expect(await api().blacklist('r1')).toBe(offered)
  })

  it('any other failure is thrown', async () => {
    at('/auth/jwt/blacklist/', () => HttpResponse.json({}, { status: 500 }))
    await expect(api().blacklist('r1')).rejects.toMatchObject({ response: { status: 500 } })
    at('/auth/jwt/blacklist/', () => HttpResponse.error())
    await expect(api().blacklist('r1')).rejects.toSatisfy(axios.isAxiosError)
  })
})

describe('verify', () => {
  it('against the mock backend (hardened): a live refresh token stands; once rotated, it is refused', async () => {
    configureMock({ profile: 'hardened' })
    resetDb()
    const pair = await api().obtain(ADMIN.email, ADMIN.password)
    expect(await api().verify(pair.refresh)).toBe('valid')
    await api().refresh(pair.refresh)
    expect(await api().verify(pair.refresh)).toBe('refused') // blacklisted: 400
    expect(await api().verify('not-a-token')).toBe('refused') // 401
  })

  it('sends the token as simplejwt names it', async () => {
    let body: unknown
    at('/auth/jwt/verify/', async ({ request }) => {
      body = await request.json()
      return HttpResponse.json({})
    })
    await api().verify('r1')
    expect(body).toEqual({ token: 'r1' })
  })

  it.each([
    [200, 'valid'],
    [400, 'refused'],
    [401, 'refused'],
    [404, 'unknown'],
    [405, 'unknown'],
  ] as const)('%i: %s', async (status, standing) => {
    at('/auth/jwt/verify/', () => HttpResponse.json({}, { status }))
    expect(await api().verify('r1')).toBe(standing)
  })

  it('no answer, or a server error, is thrown: nobody can tell', async () => {
    at('/auth/jwt/verify/', () => HttpResponse.json({}, { status: 503 }))
    await expect(api().verify('r1')).rejects.toMatchObject({ response: { status: 503 } })
    at('/auth/jwt/verify/', () => HttpResponse.error())
    await expect(api().verify('r1')).rejects.toSatisfy(axios.isAxiosError)
  })
})

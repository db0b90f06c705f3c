/** The axios side: replayed bodies and headers, public endpoints, per-request opt-out, other origins. */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import { server } from '@/mocks/node'
import { ADMIN, fakeDate, harness, watchNetwork } from '../helpers'

beforeEach(fakeDate)

interface Received {
  bytes: Uint8Array
  headers: Record<string, string>
}

/** An endpoint that answers the first attempt with an expired-token 401 and records both attempts. */
function flakyUpload(): Received[] {
  const received: Received[] = []
  server.use(
    mock.post('*/api/v1/uploads/', async ({ request }) => {
      const headers = Object.fromEntries(request.headers)
      received.push({ bytes: new Uint8Array(await request.arrayBuffer()), headers })
      if (received.length === 1) {
        return HttpResponse.json(
          { detail: 'Given token not valid for any token type', code: 'token_not_valid' },
          { status: 401 },
        )
      }
      return HttpResponse.json({ ok: true }, { status: 201 })
    }),
  )
  return received
}

const withoutAuth = (h: Record<string, string>) => {
  const { authorization: _a, ...rest } = h
  return rest
}

describe('replay', () => {
  const form = () => {
    const f = new FormData()
    f.append('description', 'Team lunch')
    f.append(
      'receipt',
      new Blob([new Uint8Array([0, 1, 2, 255, 254])], { type: 'image/png' }),
      'r.png',
    )
    return f
  }
  it.each([
    ['FormData', form, undefined],
    ['JSON', () => ({ amount: 12000, description: 'Team lunch ✓' }), undefined],
    ['URLSearchParams', () => new URLSearchParams({ a: '1', b: 'two words' }), undefined],
    [
      'Blob',
      () => new Blob([new Uint8Array([9, 8, 7])], { type: 'application/octet-stream' }),
      undefined,
    ],
    ['a JSON string with a custom header', () => '{"x":1}', { 'X-Request-Tag': 'abc' }],
  ])('%s: replayed once, byte-identical, same headers', async (_name, body, headers) => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const received = flakyUpload()
    const first = h.session.accessToken
    const answer = await h.http.post('/uploads/', body(), {
      headers: { 'Content-Type': headers ? 'application/json' : undefined, ...headers },
    })
    expect(answer.status).toBe(201)
    expect(received).toHaveLength(2)
    const [a, b] = received as [Received, Received]
    expect(b.bytes).toEqual(a.bytes)
    expect(a.bytes.length).toBeGreaterThan(0)
    expect(withoutAuth(b.headers)).toEqual(withoutAuth(a.headers))
    expect(a.headers.authorization).toBe(`Bearer ${first}`)
    expect(b.headers.authorization).toBe(`Bearer ${h.session.accessToken}`)
    expect(b.headers.authorization).not.toBe(a.headers.authorization)
  })
  it('a form field that looks like a multipart delimiter reaches the server intact, both times', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const note = 'before\r\n------authreplay\r\nafter\r\n------authreplay--\r\n'
    const read: Array<string | null> = []
    server.use(
      mock.post('*/api/v1/uploads/', async ({ request }) => {
        const value = (await request.formData()).get('note')
        read.push(typeof value === 'string' ? value : null)
        if (read.length === 1) {
          return HttpResponse.json(
            { detail: 'Given token not valid for any token type', code: 'token_not_valid' },
            { status: 401 },
          )
        }
        return HttpResponse.json({ ok: true }, { status: 201 })
      }),
    )
    const f = new FormData()
    f.append('note', note)
    await expect(h.http.post('/uploads/', f)).resolves.toMatchObject({ status: 201 })
    expect(read).toEqual([note, note])
  })
})

describe('Authorization', () => {
  const publicCalls: Array<[string, string, unknown]> = [
    ['post', '/auth/users/', { email: 'new@acme.test', password: 'x' }],
    ['post', '/auth/users/reset_password/', { email: 'admin@acme.test' }],
    ['post', '/auth/users/reset_password_confirm/', { uid: 'x', token: 'y', new_password: 'z' }],
    ['post', '/auth/users/activation/', { uid: 'x', token: 'y' }],
    ['post', '/tenants/info/', { tenant_id: 'ACM-1001' }],
    ['post', '/auth/jwt/verify/', { token: 'x' }],
  ]
  it.each(publicCalls)('is never sent to %s %s', async (method, url, data) => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(mock.all('*/api/v1/*', () => HttpResponse.json({}, { status: 200 })))
    const net = watchNetwork()
    await h.http.request({ method, url, data })
    expect(net.seen).toHaveLength(1)
    expect(net.seen[0]?.authorization).toBeNull()
  })

  it('is sent to protected endpoints, and not with skipAuth', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await h.http.get('/auth/users/me/')
    await h.http.get('/tenants/current/', { skipAuth: true, validateStatus: () => true })
    expect(net.seen.map((s) => s.authorization !== null)).toEqual([true, false])
  })

  it('is not sent to an absolute URL on another origin', async () => {
    const h = harness()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await h.http.get('http://globex.localhost/api/v1/tenants/current/', {
      validateStatus: () => true,
    })
    expect(net.seen[0]?.host).toBe('globex.localhost')
    expect(net.seen[0]?.authorization).toBeNull()
  })

  it('an anonymous 401 on a protected endpoint surfaces without a refresh', async () => {
    const h = harness()
    const net = watchNetwork()
    await expect(h.http.get('/auth/users/me/')).rejects.toMatchObject({
      name: 'ApiError',
      status: 401,
    })
    expect(net.count('/auth/jwt/refresh/')).toBe(0)
  })
})

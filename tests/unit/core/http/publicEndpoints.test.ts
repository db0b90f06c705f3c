/** Which requests carry the session's token: never public endpoints, never another origin. */
import { describe, expect, it } from 'vitest'
import { fullUrl, isForeignOrigin, isPublicEndpoint, wantsAuth } from '@/core/http/publicEndpoints'
import { apiBaseUrl, createHttpClient } from '@/core/http/createHttpClient'

const BASE = 'http://acme.localhost/api/v1/'

describe('wantsAuth', () => {
  it.each([
    ['post', '/auth/users/', false],
    ['get', '/auth/users/', true], // the user list is authenticated
    ['get', '/auth/users/me/', true],
    ['post', '/auth/users/reset_password/', false],
    ['post', '/auth/users/reset_password_confirm/', false],
    ['post', '/auth/users/reset_username/', false],
    ['post', '/auth/users/reset_username_confirm/', false],
    ['post', '/auth/users/activation/', false],
    ['post', '/auth/users/resend_activation/', false],
    ['post', '/auth/users/reset_password/extra/', true],
    ['post', '/tenants/info/', false],
    ['get', '/tenants/info/', true],
    ['post', '/auth/jwt/create/', false],
    ['post', '/auth/jwt/refresh', false],
    ['post', '/auth/jwt/verify/', false],
    ['post', '/auth/jwt/blacklist/', false],
    ['post', '/auth/jwt/other/', true],
    ['POST', '/auth/users/?next=/x', false],
    [undefined, '/auth/users/', true], // a GET by default
    ['post', '/auth/users/#top', false],
    ['post', 'http://acme.localhost/api/v1/auth/users/', false],
    ['get', 'http://acme.localhost/api/v1/expenses/', true],
    ['post', 'auth/users/', false], // relative to the base, without a leading slash
    ['post', 'auth/users/reset_password/', false],
  ])('%s %s: %s', (method, url, expected) => {
    expect(wantsAuth({ method, url, baseURL: BASE })).toBe(expected)
  })

  it('another origin never gets the token; skipAuth opts a request out', () => {
    expect(wantsAuth({ url: 'http://globex.localhost/api/v1/expenses/', baseURL: BASE })).toBe(
      false,
    )
    expect(wantsAuth({ url: 'https://acme.localhost/api/v1/expenses/', baseURL: BASE })).toBe(false)
    expect(wantsAuth({ url: '/expenses/', baseURL: BASE, skipAuth: true })).toBe(false)
    expect(wantsAuth({ url: '/expenses/', baseURL: BASE, skipAuth: false })).toBe(true)
    // A same-origin base given as a path: an absolute URL is not comparable, so it is foreign.
    expect(isForeignOrigin({ url: 'http://acme.localhost/x', baseURL: '/api/v1' })).toBe(true)
    expect(isForeignOrigin({ url: '/x', baseURL: '/api/v1' })).toBe(false)
  })

  it('a custom list replaces the default one', () => {
    const list = [{ method: 'get', path: /\/health\/$/ }]
    expect(isPublicEndpoint({ url: '/health/', baseURL: BASE }, list)).toBe(true)
    expect(
      isPublicEndpoint({ url: '/auth/jwt/create/', method: 'post', baseURL: BASE }, list),
    ).toBe(false)
  })
})

describe('fullUrl', () => {
  it.each([
    [{ baseURL: 'http://a.localhost/api/v1/', url: '/x/' }, 'http://a.localhost/api/v1/x/'],
    [{ baseURL: 'http://a.localhost/api/v1//', url: '//x/' }, 'http://a.localhost/api/v1/x/'],
    [{ baseURL: 'http://a.localhost/api', url: 'x' }, 'http://a.localhost/api/x'],
    [{ baseURL: 'http://a.localhost/api', url: 'x/y/' }, 'http://a.localhost/api/x/y/'],
    [{ baseURL: 'http://a.localhost/api', url: 'HTTPS://b.localhost/y' }, 'HTTPS://b.localhost/y'],
    [{ url: '/only/' }, '/only/'],
    [{ baseURL: '/api/v1' }, '/api/v1/'],
  ])('%j -> %s', (config, url) => {
    expect(fullUrl(config)).toBe(url)
  })
})

describe('the HTTP client of a tenant', () => {
  it.each([
    ['/api/v1', 'acme', '/api/v1'],
    ['https://{tenant}.api.example.com/api/v1/', 'acme', 'https://acme.api.example.com/api/v1'],
    ['https://{tenant}.example.com/{tenant}//', 'a b', 'https://a%20b.example.com/a%20b'],
  ])('%s for %s -> %s', (template, tenant, url) => {
    expect(apiBaseUrl(template, tenant)).toBe(url)
  })

  it('asks for JSON, with the given timeout (15 s by default)', () => {
    const client = createHttpClient({ baseURL: '/api/v1' })
    expect(client.defaults.baseURL).toBe('/api/v1')
    expect(client.defaults.timeout).toBe(15_000)
    expect(client.defaults.headers.Accept).toBe('application/json')
    expect(createHttpClient({ baseURL: '/x', timeoutMs: 5 }).defaults.timeout).toBe(5)
  })
})

/**
 * Which requests must never carry Authorization. Djoser's AllowAny views still authenticate a
 * Bearer header when one is present, so a stale token turns sign-up or a password reset into a
 * 401 (contract §5, §11.4). Requests to another origin never get this tenant's token either.
 */
import type { AxiosRequestConfig } from 'axios'

export interface PublicEndpoint {
  /** Lower-case HTTP method, or '*' for any. */
  method: string
  /** Tested against the path of the full request URL, without the query string. */
  path: RegExp
}

export const PUBLIC_ENDPOINTS: readonly PublicEndpoint[] = Object.freeze([
  // Djoser: register (the list GET of the same path is authenticated).
  { method: 'post', path: /\/auth\/users\/$/ },
  {
    method: '*',
    path: /\/auth\/users\/(reset_password|reset_password_confirm|reset_username|reset_username_confirm|activation|resend_activation)\/$/,
  },
  // The public organisation lookup.
  { method: 'post', path: /\/tenants\/info\/$/ },
  // simplejwt ignores the header here; sending it would only leak the token to logs.
  { method: '*', path: /\/auth\/jwt\/(create|refresh|verify|blacklist)\/?$/ },
])

const ABSOLUTE = /^[a-z][a-z\d+\-.]*:\/\//i

function pathOf(url: string): string {
  const noQuery = url.split(/[?#]/, 1)[0] ?? ''
  return ABSOLUTE.test(noQuery) ? new URL(noQuery).pathname : noQuery
}

function originOf(url: string | undefined): string | null {
  return url && ABSOLUTE.test(url) ? new URL(url).origin : null
}

/** The request URL as axios will build it (baseURL + url, unless url is absolute). */
export function fullUrl(config: AxiosRequestConfig): string {
  const url = config.url ?? ''
  if (ABSOLUTE.test(url) || !config.baseURL) return url
  return `${config.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`
}

/** An absolute URL on another origin than the client's baseURL: not ours to authenticate. */
export function isForeignOrigin(config: AxiosRequestConfig): boolean {
  const target = originOf(config.url)
  return target !== null && target !== originOf(config.baseURL)
}

export function isPublicEndpoint(
  config: AxiosRequestConfig,
  list: readonly PublicEndpoint[] = PUBLIC_ENDPOINTS,
): boolean {
  const method = (config.method ?? 'get').toLowerCase()
  const path = pathOf(fullUrl(config))
  return list.some((e) => (e.method === '*' || e.method === method) && e.path.test(path))
}

/** True when the request should carry the session's token. */
export function wantsAuth(
  config: AxiosRequestConfig,
  list: readonly PublicEndpoint[] = PUBLIC_ENDPOINTS,
): boolean {
  return !config.skipAuth && !isForeignOrigin(config) && !isPublicEndpoint(config, list)
}

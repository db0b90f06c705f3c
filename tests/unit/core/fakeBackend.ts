/**
 * A tiny in-process stand-in for the network edge, for property runs that must cost microseconds:
 * an axios `adapter` whose answers are released in an order chosen by fast-check's scheduler.
 * It plays simplejwt (rotation + blacklist, tenant by host) and records what the invariants need.
 * A refresh outcome of 'network' never reaches it; 'lost' does (the token is rotated) and its
 * answer is lost on the way back.
 */
import { AxiosError, CanceledError, type AxiosAdapter, type AxiosResponse } from 'axios'
import type { Scheduler } from 'fast-check'
import { readToken } from '@/core/auth/session/tokens'
import { fakeJwt } from './helpers'

export type RefreshOutcome = 'ok' | '401' | '500' | 'network' | 'lost'

export class FakeBackend {
  /** Refresh calls on the wire, per tenant host. */
  refreshInFlight = new Map<string, number>()
  maxRefreshInFlight = 0
  refreshCalls = 0
  crossTenant = 0
  attempts = new Map<string, number>()
  /** Refresh calls that sent a token already rotated (spent): each one a reuse. */
  reuses = 0
  /** Answers lost after the server rotated the token, and verify calls. */
  lost = 0
  verifies = 0
  /** While true, answers are released at once (setting up), not by the scheduler. */
  direct = false
  private access = new Set<string>()
  private refresh = new Set<string>()
  private spent = new Set<string>()
  private jti = 0
  constructor(
    private s: Scheduler,
    private outcomes: RefreshOutcome[],
  ) {}

  private pair(tenant: string) {
    const base = { exp: 4_000_000_000, iat: 1_800_000_000, user_id: 1, tenant }
    const access = fakeJwt({ ...base, token_type: 'access', jti: `a${++this.jti}` })
    const refresh = fakeJwt({ ...base, token_type: 'refresh', jti: `r${++this.jti}` })
    this.access.add(access)
    this.refresh.add(refresh)
    return { access, refresh }
  }

  /** Every access token issued so far stops working (they all "expire" at once). */
  expireAll(): void {
    this.access.clear()
  }

  private answer(url: URL, body: string | undefined, auth: string | null): [number, unknown] {
    const tenant = url.hostname.split('.')[0] as string
    const path = url.pathname
    if (path.endsWith('/auth/jwt/create/')) return [200, this.pair(tenant)]
    if (path.endsWith('/auth/jwt/blacklist/')) return [200, {}]
    if (path.endsWith('/auth/jwt/verify/')) {
      this.verifies += 1
      const token = (JSON.parse(body ?? '{}') as { token?: string }).token ?? ''
      if (this.refresh.has(token) || this.access.has(token)) return [200, {}]
      if (this.spent.has(token)) return [400, { non_field_errors: ['Token is blacklisted'] }]
      return [401, { detail: 'Token is invalid or expired', code: 'token_not_valid' }]
    }
    if (path.endsWith('/auth/jwt/refresh/')) {
      const outcome = this.outcomes.shift() ?? 'ok'
      const token = (JSON.parse(body ?? '{}') as { refresh?: string }).refresh ?? ''
      if (this.spent.has(token)) this.reuses += 1
      if (outcome === '500') return [500, '<h1>Server Error (500)</h1>']
      if (outcome === '401' || !this.refresh.delete(token))
        return [401, { detail: 'Token is blacklisted', code: 'token_not_valid' }]
      this.spent.add(token)
      return [200, this.pair(tenant)]
    }
    if (!auth) return [401, { detail: 'Authentication credentials were not provided.' }]
    const token = auth.replace(/^Bearer /, '')
    if (readToken(token, 'access')?.tenant !== tenant) {
      this.crossTenant += 1
      return [401, { detail: 'User not found', code: 'user_not_found' }]
    }
    if (!this.access.has(token)) return [401, { detail: 'expired', code: 'token_not_valid' }]
    return [200, { ok: true }]
  }

  adapter: AxiosAdapter = (config) => {
    const url = new URL(`${config.baseURL ?? ''}${config.url ?? ''}`)
    const isRefresh = url.pathname.endsWith('/auth/jwt/refresh/')
    const id = config.headers.get('X-Req') as string | undefined
    if (id) this.attempts.set(id, (this.attempts.get(id) ?? 0) + 1)
    if (isRefresh) {
      this.refreshCalls += 1
      const now = (this.refreshInFlight.get(url.hostname) ?? 0) + 1
      this.refreshInFlight.set(url.hostname, now)
      this.maxRefreshInFlight = Math.max(this.maxRefreshInFlight, now)
    }
    let done = false
    const finish = () => {
      if (isRefresh && !done)
        this.refreshInFlight.set(url.hostname, (this.refreshInFlight.get(url.hostname) ?? 1) - 1)
      done = true
    }
    return new Promise((resolve, reject) => {
      const signal = config.signal as AbortSignal | undefined
      signal?.addEventListener?.('abort', () => {
        finish()
        reject(new CanceledError(undefined, undefined, config))
      })
      const auth = config.headers.get('Authorization') as string | null
      const release = this.direct
        ? Promise.resolve()
        : this.s.schedule(Promise.resolve(`${config.method} ${url.pathname}`))
      void release.then(() => {
        if (done) return
        finish()
        const outcome = isRefresh ? this.outcomes[0] : undefined
        if (outcome === 'network') {
          this.outcomes.shift()
          return reject(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {}))
        }
        const [status, data] = this.answer(url, config.data as string | undefined, auth ?? null)
        if (outcome === 'lost' && status === 200) {
          this.lost += 1
          return reject(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {}))
        }
        const response = { data, status, statusText: '', headers: {}, config, request: {} }
        if (config.validateStatus?.(status) ?? (status >= 200 && status < 300))
          resolve(response as AxiosResponse)
        else
          reject(
            new AxiosError(
              'Request failed',
              AxiosError.ERR_BAD_RESPONSE,
              config,
              {},
              response as AxiosResponse,
            ),
          )
      })
    })
  }
}

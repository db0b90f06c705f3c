/** simplejwt's token endpoints, called on a bare axios instance that has no auth interceptors. */
import { isAxiosError, type AxiosInstance, type AxiosResponse } from 'axios'
import type { BackendKnowledge } from './backend'
import { InvalidCredentialsError } from '../errors'

export interface TokenPair {
  access: string
  refresh: string
}

/** When the server answered, by its `Date` header (ms; absent when unreadable, e.g. cross-origin). */
export interface ServerTime {
  serverTimeMs?: number
}

/**
 * simplejwt's refresh answer: `{access}` alone without ROTATE_REFRESH_TOKENS (the refresh token
 * sent stays valid until it expires), `{access, refresh}` with it.
 */
export interface RefreshAnswer extends ServerTime {
  access: string
  refresh?: string
}

export interface CallOptions {
  signal?: AbortSignal
  /** Gives up after this long (axios `timeout`). */
  timeoutMs?: number
}

export interface TokenApi {
  /** Rejects with InvalidCredentialsError on simplejwt's 401 "No active account found…". */
  obtain(email: string, password: string): Promise<TokenPair & ServerTime>
  refresh(refresh: string, options?: CallOptions): Promise<RefreshAnswer>
  /** simplejwt's TokenBlacklistView; resolves false when the backend does not offer it (404). */
  blacklist(refresh: string, options?: CallOptions): Promise<boolean>
  /**
   * simplejwt's TokenVerifyView, which spends nothing: 'valid' (signed, unexpired, not
   * blacklisted), 'refused' (400: blacklisted; 401: expired or not this server's), 'unknown' (no
   * such endpoint: 404, 405). Rejects when there is no such answer (network, timeout, 5xx).
   */
  verify(token: string, options?: CallOptions): Promise<TokenStanding>
}

export type TokenStanding = 'valid' | 'refused' | 'unknown'

const statusOf = (e: unknown) => (isAxiosError(e) ? e.response?.status : undefined)
/** The backend does not offer the endpoint. */
const absent = (status?: number) => status === 404 || status === 405

const config = (o: CallOptions = {}) => ({ signal: o.signal, timeout: o.timeoutMs })

/** The answer's body (an object, or `{}`) with the server's clock from its `Date` header beside it. */
function withTime<T>({ data, headers }: AxiosResponse<T>): T & ServerTime {
  const ms = Date.parse(String(headers?.date))
  return { ...(typeof data === 'object' ? data : ({} as T)), ...(ms > 0 && { serverTimeMs: ms }) }
}

export function createTokenApi(bare: AxiosInstance, backend?: BackendKnowledge): TokenApi {
  // Every 401 names the header type the server wants (`WWW-Authenticate: JWT realm="api"`).
  if (backend)
    bare.interceptors.response.use(undefined, (e: unknown) => {
      if (isAxiosError(e) && e.response?.status === 401)
        backend.noteChallenge(e.response.headers?.['www-authenticate'])
      throw e
    })
  return {
    async obtain(email, password) {
      try {
        return withTime(await bare.post<TokenPair>('/auth/jwt/create/', { email, password }))
      } catch (cause) {
        if (!isAxiosError(cause) || cause.response?.status !== 401) throw cause
        const body = cause.response.data as { detail?: unknown } | undefined
        const text = typeof body?.detail === 'string' ? body.detail : 'Invalid email or password.'
        throw new InvalidCredentialsError(text, { cause })
      }
    },
    async refresh(refresh, options) {
      return withTime(
        await bare.post<RefreshAnswer>('/auth/jwt/refresh/', { refresh }, config(options)),
      )
    },
    async verify(token, options) {
      try {
        await bare.post('/auth/jwt/verify/', { token }, config(options))
        return 'valid'
      } catch (e) {
        const status = statusOf(e)
        if (status === 400 || status === 401) return 'refused'
        if (absent(status)) return 'unknown'
        throw e
      }
    },
    async blacklist(refresh, options) {
      try {
        await bare.post('/auth/jwt/blacklist/', { refresh }, config(options))
        return true
      } catch (e) {
        if (absent(statusOf(e))) return false
        throw e
      }
    },
  }
}

/** simplejwt's token endpoints, called on a bare axios instance that has no auth interceptors. */
import { isAxiosError, type AxiosInstance } from 'axios'
import { InvalidCredentialsError } from './errors'

export interface TokenPair {
  access: string
  refresh: string
}

export interface CallOptions {
  signal?: AbortSignal
  /** Gives up after this long (axios `timeout`). */
  timeoutMs?: number
}

export interface TokenApi {
  /** Rejects with InvalidCredentialsError on simplejwt's 401 "No active account found…". */
  obtain(email: string, password: string): Promise<TokenPair>
  refresh(refresh: string, options?: CallOptions): Promise<TokenPair>
  /** simplejwt's TokenBlacklistView; resolves false when the backend does not offer it (404). */
  blacklist(refresh: string, options?: CallOptions): Promise<boolean>
}

const config = (o: CallOptions = {}) => ({ signal: o.signal, timeout: o.timeoutMs })

export function createTokenApi(bare: AxiosInstance): TokenApi {
  return {
    async obtain(email, password) {
      try {
        const { data } = await bare.post<TokenPair>('/auth/jwt/create/', { email, password })
        return data
      } catch (cause) {
        if (!isAxiosError(cause) || cause.response?.status !== 401) throw cause
        const body = cause.response.data as { detail?: unknown } | undefined
        const text = typeof body?.detail === 'string' ? body.detail : 'Invalid email or password.'
        throw new InvalidCredentialsError(text, { cause })
      }
    },
    async refresh(refresh, options) {
      const { data } = await bare.post<TokenPair>(
        '/auth/jwt/refresh/',
        { refresh },
        config(options),
      )
      return data
    },
    async blacklist(refresh, options) {
      try {
        await bare.post('/auth/jwt/blacklist/', { refresh }, config(options))
        return true
      } catch (e) {
        const status = isAxiosError(e) ? e.response?.status : undefined
        if (status === 404 || status === 405) return false
        throw e
      }
    },
  }
}

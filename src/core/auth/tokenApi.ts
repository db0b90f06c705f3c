/** simplejwt's token endpoints, called on a bare axios instance that has no auth interceptors. */
import type { AxiosInstance } from 'axios'

export interface TokenPair {
  access: string
  refresh: string
}

export interface TokenApi {
  obtain(email: string, password: string): Promise<TokenPair>
  refresh(refresh: string): Promise<TokenPair>
  /** simplejwt's TokenBlacklistView; resolves false when the backend does not offer it (404). */
  blacklist(refresh: string): Promise<boolean>
}

export function createTokenApi(bare: AxiosInstance): TokenApi {
  return {
    async obtain(email, password) {
      const { data } = await bare.post<TokenPair>('/auth/jwt/create/', { email, password })
      return data
    },
    async refresh(refresh) {
      const { data } = await bare.post<TokenPair>('/auth/jwt/refresh/', { refresh })
      return data
    },
    async blacklist(refresh) {
      try {
        await bare.post('/auth/jwt/blacklist/', { refresh })
        return true
      } catch (e) {
        const status = (e as { response?: { status?: number } }).response?.status
        if (status === 404 || status === 405) return false
        throw e
      }
    },
  }
}

/**
 * Attaches the access token and turns an expired-token 401 into one shared refresh plus one replay.
 * Each request remembers the token it was sent with: when a newer one already exists it is
 * replayed at once, without refreshing.
 */
import type { AxiosError, AxiosInstance, InternalAxiosRequestConfig } from 'axios'
import type { Session } from '../auth/session'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send no Authorization header and never refresh for this request (public endpoints). */
    skipAuth?: boolean
  }
}

interface AuthState {
  sentWith: string | null
  replayed: boolean
  data: unknown
}

const STATE = Symbol('auth-state')
type Tracked = InternalAxiosRequestConfig & { [STATE]?: AuthState }

/** simplejwt's answer for an expired or invalid access token in the Authorization header. */
export function isExpiredAccessToken(error: AxiosError): boolean {
  const body = error.response?.data as { code?: unknown } | undefined
  return error.response?.status === 401 && body?.code === 'token_not_valid'
}

export interface AuthInterceptorOptions {
  /** Which failures mean "refresh and retry"; simplejwt's token_not_valid 401 by default. */
  shouldRefresh?: (error: AxiosError) => boolean
}

export function installAuthInterceptors(
  http: AxiosInstance,
  session: Session,
  options: AuthInterceptorOptions = {},
): () => void {
  const shouldRefresh = options.shouldRefresh ?? isExpiredAccessToken

  const req = http.interceptors.request.use(async (config: Tracked) => {
    if (config.skipAuth) {
      config.headers.delete('Authorization')
      return config
    }
    const state = (config[STATE] ??= { sentWith: null, replayed: false, data: config.data })
    const token = state.replayed
      ? session.accessToken
      : await session.validAccessToken().catch(() => session.accessToken)
    state.sentWith = token
    if (token) config.headers.set('Authorization', `Bearer ${token}`)
    else config.headers.delete('Authorization')
    return config
  })

  const res = http.interceptors.response.use(undefined, async (error: AxiosError) => {
    const config = error.config as Tracked | undefined
    const state = config?.[STATE]
    if (!config || !state || config.skipAuth || state.replayed || !shouldRefresh(error)) throw error
    state.replayed = true
    if (!session.accessToken || session.accessToken === state.sentWith) await session.refresh()
    // Replay with the original body: axios has already serialised `data` for the first attempt.
    config.data = state.data
    return http.request(config)
  })

  return () => {
    http.interceptors.request.eject(req)
    http.interceptors.response.eject(res)
  }
}

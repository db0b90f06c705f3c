/**
 * Attaches the access token and turns an expired-token 401 into one shared refresh plus one replay.
 * Each request remembers the token generation it was sent with: when a newer token already exists
 * it is replayed at once, without refreshing. Other failures surface as typed errors (ApiError,
 * NetworkError, or the session's SessionExpiredError / RefreshFailedError / TokenRejectedError).
 */
import {
  isAxiosError,
  isCancel,
  type AxiosError,
  type AxiosInstance,
  type InternalAxiosRequestConfig,
} from 'axios'
import { BackendMismatchError, SessionExpiredError, TokenRejectedError } from '../auth/errors'
import type { Session } from '../auth/session/session'
import { toApiError } from './errors'
import { PUBLIC_ENDPOINTS, wantsAuth, type PublicEndpoint } from './publicEndpoints'
import { replayConfig, track } from './replay'

/** simplejwt's answer for an expired or invalid access token in the Authorization header. */
export function isExpiredAccessToken(error: AxiosError): boolean {
  const body = error.response?.data as { code?: unknown } | undefined
  return error.response?.status === 401 && body?.code === 'token_not_valid'
}

/**
 * A request sent with a token came back as if it had none: simplejwt skips an Authorization header
 * whose first word is not in its AUTH_HEADER_TYPES (DRF's NotAuthenticated 401 has no `code`).
 */
function ignoredAuthorization(error: AxiosError): boolean {
  const body = error.response?.data as { code?: unknown } | undefined
  const sent = error.config?.headers?.get?.('Authorization')
  return error.response?.status === 401 && !body?.code && typeof sent === 'string'
}

export interface AuthInterceptorOptions {
  /** Which failures mean "refresh and retry"; simplejwt's token_not_valid 401 by default. */
  shouldRefresh?: (error: AxiosError) => boolean
  /** Endpoints that never get Authorization; PUBLIC_ENDPOINTS by default. */
  publicEndpoints?: readonly PublicEndpoint[]
}

const changed = () => new SessionExpiredError('The session changed while this request was out.')

export function installAuthInterceptors(
  http: AxiosInstance,
  session: Session,
  options: AuthInterceptorOptions = {},
): () => void {
  const shouldRefresh = options.shouldRefresh ?? isExpiredAccessToken
  const publicList = options.publicEndpoints ?? PUBLIC_ENDPOINTS

  function attach(config: InternalAxiosRequestConfig, token: string | null) {
    const state = track(config)
    state.sentGeneration = session.generation
    state.sentEpoch = session.epoch
    if (token) config.headers.set('Authorization', `${session.backend.headerType} ${token}`)
    else config.headers.delete('Authorization')
    return config
  }

  // Synchronous when the token is usable as it stands: no promise hop on the common path.
  const req = http.interceptors.request.use((config) => {
    if (!wantsAuth(config, publicList)) {
      config.headers.delete('Authorization')
      return config
    }
    const state = track(config)
    if (state.replayed) {
      if (state.sentEpoch !== session.epoch) throw changed()
      return attach(config, session.accessToken)
    }
    const ready = session.usableToken()
    if (ready || !session.signedIn) return attach(config, ready)
    return session.validAccessToken().then((token) => attach(config, token))
  })

  const res = http.interceptors.response.use(undefined, async (error: unknown) => {
    if (!isAxiosError(error) || isCancel(error)) throw error
    const config = error.config
    const state = config?.authState
    if (config && state && ignoredAuthorization(error)) {
      // The challenge names the type the server wants: take it and send the request once more.
      const advice = session.backend.noteChallenge(error.response?.headers?.['www-authenticate'])
      if (advice && !state.replayed) {
        state.replayed = true
        return http.request(replayConfig(config, state))
      }
      const setting = 'VITE_AUTH_HEADER_TYPE'
      throw new BackendMismatchError(
        `The server ignored the Authorization header: ${advice ?? `check ${setting}`}.`,
        setting,
        { cause: toApiError(error) },
      )
    }
    if (!config || !state || !shouldRefresh(error)) throw toApiError(error)
    if (state.replayed) {
      const code = (error.response?.data as { code?: string } | undefined)?.code ?? null
      throw new TokenRejectedError('The server refused a freshly renewed token.', 401, code, {
        cause: toApiError(error),
      })
    }
    if (state.sentEpoch !== session.epoch) throw changed()
    state.replayed = true
    // Sent with the current token: it is the one that expired. Otherwise a newer one is in hand.
    if (state.sentGeneration === session.generation || !session.accessToken) {
      await session.refresh()
    }
    return http.request(replayConfig(config, state))
  })

  return () => {
    http.interceptors.request.eject(req)
    http.interceptors.response.eject(res)
  }
}

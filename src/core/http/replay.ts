/**
 * What a request needs to be replayed once after a refresh: the body as the caller gave it (before
 * axios serialised it), the token generation and session epoch it was sent in, and whether it was
 * replayed already. Headers are kept as sent, less Authorization; a FormData body gets a fixed
 * multipart boundary up front so both attempts put the same bytes on the wire.
 */
import { AxiosHeaders, type InternalAxiosRequestConfig } from 'axios'

/** Per-request bookkeeping; a class instance so axios's config merge keeps it by reference. */
export class RequestAuthState {
  replayed = false
  sentGeneration = -1
  sentEpoch = -1
  constructor(readonly data: unknown) {}
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send no Authorization header and never refresh for this request (public endpoints). */
    skipAuth?: boolean
    /** Set by the auth interceptors; do not touch. */
    authState?: RequestAuthState
  }
}

let boundaries = 0

function isFormData(data: unknown): boolean {
  return typeof FormData !== 'undefined' && data instanceof FormData
}

/** The state of this request, created on its first pass through the interceptor. */
export function track(config: InternalAxiosRequestConfig): RequestAuthState {
  if (config.authState) return config.authState
  const state = new RequestAuthState(config.data)
  config.authState = state
  if (isFormData(config.data) && !config.headers.getContentType()) {
    // Node's adapter honours a boundary given here; browsers replace the header with their own.
    boundaries += 1
    const tag = `${Date.now().toString(36)}${boundaries.toString(36)}`
    config.headers.setContentType(`multipart/form-data; boundary=----authreplay${tag}`)
  }
  return state
}

/** A copy of `config` for the one replay: original body, the headers it was sent with. */
export function replayConfig(
  config: InternalAxiosRequestConfig,
  state: RequestAuthState,
): InternalAxiosRequestConfig {
  const headers = AxiosHeaders.from(config.headers)
  headers.delete('Authorization')
  return { ...config, headers, data: state.data }
}

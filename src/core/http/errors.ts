/** Errors a caller of the API can act on: the server's answer, or no answer at all. */
import { isAxiosError } from 'axios'

export type FieldErrors = Record<string, string[]>

/** The server answered with an error status. `code` is simplejwt's or the tenant gate's, when given. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly fieldErrors: FieldErrors,
    readonly body: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** No answer: offline, DNS, CORS refusal or timeout. Always worth retrying later. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError'
  readonly retryable = true
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError
export const isNetworkError = (e: unknown): e is NetworkError => e instanceof NetworkError

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** DRF's `{"field": ["msg", ...]}` and `{"non_field_errors": [...]}` shapes; other shapes give {}. */
export function readFieldErrors(body: unknown): FieldErrors {
  if (!isRecord(body)) return {}
  const out: FieldErrors = {}
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value) && value.every((m) => typeof m === 'string'))
      out[key] = value as string[]
  }
  return out
}

/** A message a person can read, from whatever body the server sent (JSON, empty or HTML). */
export function readMessage(status: number, body: unknown): string {
  if (isRecord(body) && typeof body.detail === 'string') return body.detail
  const fields = readFieldErrors(body)
  const first = fields.non_field_errors?.[0] ?? Object.values(fields)[0]?.[0]
  if (first) return first
  return status >= 500 ? `The server had a problem (${status}).` : `Request failed (${status}).`
}

export function toApiError(error: unknown): ApiError | NetworkError | unknown {
  if (!isAxiosError(error)) return error
  if (!error.response) return new NetworkError(error.message || 'Network error', { cause: error })
  const { status, data } = error.response
  const code = isRecord(data) && typeof data.code === 'string' ? data.code : null
  return new ApiError(readMessage(status, data), status, code, readFieldErrors(data), data, {
    cause: error,
  })
}

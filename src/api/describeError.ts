/** What to tell a person about a failed request, and which field each server message belongs to. */
import { isAuthError } from '@/core/auth/errors'
import { isApiError, isNetworkError, toApiError, type FieldErrors } from '@/core/http/errors'

export function errorMessage(error: unknown): string {
  const e = toApiError(error)
  if (isNetworkError(e)) return 'Cannot reach the server. Check your connection and try again.'
  if (isApiError(e)) {
    if (e.status >= 500) return 'The server had a problem. Please try again in a moment.'
    return e.message
  }
  if (isAuthError(e)) return e.message
  return 'Something went wrong. Please try again.'
}

/** Like errorMessage, but in the server's own words even for a 5xx (sign-in, organisation lookup). */
export function serverMessage(error: unknown): string {
  const e = toApiError(error)
  return isApiError(e) ? e.message : errorMessage(e)
}

/** DRF's `{"field": [...]}` errors; empty for anything else. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const e = toApiError(error)
  return isApiError(e) && e.status === 400 ? e.fieldErrors : {}
}

/**
 * Splits a failure into inline field errors (for the fields the form shows) and one message for
 * the rest: non_field_errors, `detail`, unknown fields, network trouble.
 */
export function splitErrors(
  error: unknown,
  fields: readonly string[],
): { fields: FieldErrors; message: string | null } {
  const all = fieldErrorsOf(error)
  const inline: FieldErrors = {}
  const rest: string[] = []
  for (const [key, messages] of Object.entries(all)) {
    if (fields.includes(key)) inline[key] = messages
    else rest.push(...messages)
  }
  if (Object.keys(all).length === 0) return { fields: {}, message: errorMessage(error) }
  return { fields: inline, message: rest.length ? rest.join(' ') : null }
}

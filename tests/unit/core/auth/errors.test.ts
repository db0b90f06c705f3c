/** The typed errors as a log, an error reporter or the console shows them: by their own name. */
import { describe, expect, it } from 'vitest'
import {
  AuthError,
  BackendMismatchError,
  InvalidCredentialsError,
  RefreshFailedError,
  SessionExpiredError,
  TokenRejectedError,
} from '@/core/auth/errors'

describe('auth errors', () => {
  // Each error is made inside its test (a factory per row), not while the file loads: an error
  // built at collection time is built before any test runs, where mutation testing cannot see it.
  it.each<[string, () => Error]>([
    ['AuthError', () => new AuthError('Signing in failed.')],
    ['InvalidCredentialsError', () => new InvalidCredentialsError('Wrong email or password.')],
    ['SessionExpiredError', () => new SessionExpiredError('Signed out.')],
    ['RefreshFailedError', () => new RefreshFailedError('Renewal failed.', true)],
    ['TokenRejectedError', () => new TokenRejectedError('Refused.', 401, 'token_not_valid')],
    ['BackendMismatchError', () => new BackendMismatchError('Ignored.', 'VITE_AUTH_HEADER_TYPE')],
  ])('%s reads as "<name>: <message>"', (name, make) => {
    const error = make()
    expect(error.name).toBe(name)
    expect(String(error)).toBe(`${name}: ${error.message}`)
    expect(error.stack?.split('\n')[0]).toBe(`${name}: ${error.message}`)
  })
})

/** The typed errors of authentication. Each keeps its `cause`; guards narrow without instanceof chains. */
export class AuthError extends Error {
  override readonly name: string = 'AuthError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/** Wrong email or password (simplejwt's "No active account found with the given credentials"). */
export class InvalidCredentialsError extends AuthError {
  override readonly name = 'InvalidCredentialsError'
}

/** The refresh token was refused (or the session ended meanwhile): the user must sign in again. */
export class SessionExpiredError extends AuthError {
  override readonly name = 'SessionExpiredError'
}

/**
 * The refresh could not be completed. `transient` failures (network, 5xx, timeout) keep the
 * session and may be retried after `retryAfterMs`.
 */
export class RefreshFailedError extends AuthError {
  override readonly name = 'RefreshFailedError'
  readonly retryAfterMs: number
  constructor(
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options)
    this.retryAfterMs = options?.retryAfterMs ?? 0
  }
  get retryable(): boolean {
    return this.transient
  }
}

/** A request was refused with an expired-token 401 again after a fresh token: no further replay. */
export class TokenRejectedError extends AuthError {
  override readonly name = 'TokenRejectedError'
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/**
 * The backend is set up otherwise than this client: `setting` names what to change (for example
 * `VITE_AUTH_HEADER_TYPE` when the server ignores the Authorization header it was sent).
 */
export class BackendMismatchError extends AuthError {
  override readonly name = 'BackendMismatchError'
  constructor(
    message: string,
    readonly setting: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export const isBackendMismatch = (e: unknown): e is BackendMismatchError =>
  e instanceof BackendMismatchError
export const isAuthError = (e: unknown): e is AuthError => e instanceof AuthError
export const isInvalidCredentials = (e: unknown): e is InvalidCredentialsError =>
  e instanceof InvalidCredentialsError
export const isSessionExpired = (e: unknown): e is SessionExpiredError =>
  e instanceof SessionExpiredError
export const isRefreshFailed = (e: unknown): e is RefreshFailedError =>
  e instanceof RefreshFailedError
export const isTokenRejected = (e: unknown): e is TokenRejectedError =>
  e instanceof TokenRejectedError

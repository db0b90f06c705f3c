/**
 * The session and its refresh coordinator: one per tab, shared by every trigger and every axios
 * instance. It holds the access token in memory, the refresh token through a TokenStorage, and
 * exposes one in-flight refresh promise.
 */
import { isAxiosError } from 'axios'
import { InvalidCredentialsError, RefreshFailedError, SessionExpiredError } from './errors'
import { belongsTo, readToken, redact, type TokenClaims } from './jwt'
import type { TokenApi, TokenPair } from './tokenApi'
import type { TokenStorage } from './tokenStorage'

export type SignOutReason = 'user' | 'expired' | 'invalid-token'

export type SessionEvent =
  | { type: 'signedIn'; claims: TokenClaims }
  | { type: 'refreshed'; claims: TokenClaims }
  | { type: 'refreshFailed'; error: RefreshFailedError | SessionExpiredError }
  | { type: 'signedOut'; reason: SignOutReason }

export interface SessionDeps {
  tenant: string
  api: TokenApi
  storage: TokenStorage
  /** Milliseconds since the epoch; injected so tests drive the clock. */
  now?: () => number
  log?: (message: string) => void
}

export interface Session {
  readonly tenant: string
  /** The access token in memory, or null when signed out or not yet restored. */
  readonly accessToken: string | null
  readonly claims: TokenClaims | null
  readonly signedIn: boolean
  signIn(email: string, password: string): Promise<void>
  /** Restores a stored session at start: true when a valid access token is in hand. */
  restore(): Promise<boolean>
  /** Starts a refresh or joins the one in flight; resolves with the new access token. */
  refresh(): Promise<string>
  /** An access token that is not about to expire (refreshing first when needed), or null. */
  validAccessToken(): Promise<string | null>
  signOut(reason?: SignOutReason): Promise<void>
  on(listener: (event: SessionEvent) => void): () => void
}

/** Refresh this long before `exp`, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 10_000

function isDefinitiveRefreshFailure(error: unknown): boolean {
  const status = isAxiosError(error) ? error.response?.status : undefined
  return status === 400 || status === 401
}

export function createSession(deps: SessionDeps): Session {
  const now = deps.now ?? Date.now
  const log = deps.log ?? (() => {})
  const listeners = new Set<(event: SessionEvent) => void>()
  let access: string | null = null
  let claims: TokenClaims | null = null
  let inFlight: Promise<string> | null = null
  /** Bumped by every sign-in and sign-out: a refresh that started in an older epoch is discarded. */
  let epoch = 0

  const emit = (event: SessionEvent) => listeners.forEach((l) => l(event))

  /** Accepts a pair only if both tokens are well formed and bound to this tenant. */
  function adopt(pair: TokenPair): TokenClaims | null {
    const a = readToken(pair.access, 'access')
    const r = readToken(pair.refresh, 'refresh')
    if (!a || !r || !belongsTo(a, deps.tenant) || !belongsTo(r, deps.tenant)) return null
    access = pair.access
    claims = a
    deps.storage.set(pair.refresh)
    return a
  }

  function clear(): boolean {
    const had = access !== null || deps.storage.get() !== null
    access = null
    claims = null
    inFlight = null
    deps.storage.clear()
    epoch += 1
    return had
  }

  function expiresSoon(c: TokenClaims): boolean {
    return c.exp * 1000 - EXPIRY_MARGIN_MS <= now()
  }

  async function runRefresh(): Promise<string> {
    const started = epoch
    const stored = deps.storage.get()
    const storedClaims = readToken(stored, 'refresh')
    if (
      !stored ||
      !storedClaims ||
      !belongsTo(storedClaims, deps.tenant) ||
      storedClaims.exp * 1000 <= now()
    ) {
      if (stored) log(`discarding unusable refresh token ${redact(stored)}`)
      const error = new SessionExpiredError('No usable refresh token: please sign in again.')
      if (clear()) emit({ type: 'signedOut', reason: stored ? 'invalid-token' : 'expired' })
      throw error
    }
    let pair: TokenPair
    try {
      pair = await deps.api.refresh(stored)
    } catch (cause) {
      if (started !== epoch)
        throw new SessionExpiredError('The session changed during the refresh.', { cause })
      if (isDefinitiveRefreshFailure(cause)) {
        const error = new SessionExpiredError('Your session has ended: please sign in again.', {
          cause,
        })
        emit({ type: 'refreshFailed', error })
        clear()
        emit({ type: 'signedOut', reason: 'expired' })
        throw error
      }
      const error = new RefreshFailedError('Could not renew the session; try again.', true, {
        cause,
      })
      emit({ type: 'refreshFailed', error })
      throw error
    }
    if (started !== epoch) {
      log('discarding a refresh result from an older session')
      throw new SessionExpiredError('The session changed during the refresh.')
    }
    const fresh = adopt(pair)
    if (!fresh) {
      clear()
      emit({ type: 'signedOut', reason: 'invalid-token' })
      throw new SessionExpiredError('The server returned tokens for another organisation.')
    }
    log(`refreshed; access ${redact(pair.access)}`)
    emit({ type: 'refreshed', claims: fresh })
    return pair.access
  }

  const session: Session = {
    tenant: deps.tenant,
    get accessToken() {
      return access
    },
    get claims() {
      return claims
    },
    get signedIn() {
      return access !== null || deps.storage.get() !== null
    },
    async signIn(email, password) {
      let pair: TokenPair
      try {
        pair = await deps.api.obtain(email, password)
      } catch (cause) {
        if (isAxiosError(cause) && cause.response?.status === 401) {
          const body = cause.response.data as { detail?: unknown } | undefined
          const message =
            typeof body?.detail === 'string' ? body.detail : 'Invalid email or password.'
          throw new InvalidCredentialsError(message, { cause })
        }
        throw cause
      }
      clear()
      const fresh = adopt(pair)
      if (!fresh)
        throw new InvalidCredentialsError('The server returned tokens for another organisation.')
      emit({ type: 'signedIn', claims: fresh })
    },
    async restore() {
      if (access && claims && !expiresSoon(claims)) return true
      if (!deps.storage.get()) return false
      try {
        await session.refresh()
        return true
      } catch (e) {
        if (e instanceof RefreshFailedError) throw e
        return false
      }
    },
    refresh() {
      inFlight ??= runRefresh().finally(() => {
        inFlight = null
      })
      return inFlight
    },
    async validAccessToken() {
      if (access && claims && !expiresSoon(claims)) return access
      if (!deps.storage.get()) return null
      return session.refresh()
    },
    async signOut(reason = 'user') {
      const refresh = deps.storage.get()
      const had = clear()
      if (refresh && reason === 'user') {
        try {
          await deps.api.blacklist(refresh)
        } catch (e) {
          log(`blacklist call failed: ${String(e)}`)
        }
      }
      if (had) emit({ type: 'signedOut', reason })
    },
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return session
}

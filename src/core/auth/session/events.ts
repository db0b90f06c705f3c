/** The session's typed events, and the tiny emitter that delivers them. */
import type { RefreshFailedError, SessionExpiredError } from '../errors'
import type { TokenClaims } from './tokens'

/** user: asked to; expired: the refresh token was refused; invalid-token: unusable tokens found. */
export type SignOutReason = 'user' | 'expired' | 'invalid-token'

/** `remote`: it happened in another tab of this tenant, and this tab followed. */
export type SessionEvent =
  | { type: 'signedIn'; claims: TokenClaims; remote?: boolean }
  | { type: 'refreshed'; claims: TokenClaims; remote?: boolean }
  | { type: 'refreshFailed'; error: RefreshFailedError | SessionExpiredError }
  | { type: 'signedOut'; reason: SignOutReason; remote?: boolean }

export type SessionListener = (event: SessionEvent) => void

export interface Emitter {
  emit(event: SessionEvent): void
  on(listener: SessionListener): () => void
}

/** A listener that throws is logged and skipped: it cannot stop the others or the session. */
export function createEmitter(log: (message: string) => void): Emitter {
  const listeners = new Set<SessionListener>()
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event)
        } catch (e) {
          log(`session listener failed on ${event.type}: ${String(e)}`)
        }
      }
    },
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * Where the session's tokens live while the app runs. The core reads and writes them through this
 * port; the Pinia auth store provides a reactive implementation, tests and workers the memory one.
 * Persistence across reloads is the TokenStorage's job (refresh token only).
 */
import { tenantMismatch, type BackendSettings } from './backend'
import { readToken, redact } from './jwt'
import type { TokenStorage } from './tokenStorage'

export interface SessionTokens {
  readonly access: string | null
  readonly refresh: string | null
}

export interface SessionStatePort {
  read(): SessionTokens
  write(tokens: SessionTokens): void
}

export const NO_TOKENS: SessionTokens = Object.freeze({ access: null, refresh: null })

export function memoryState(initial: SessionTokens = NO_TOKENS): SessionStatePort {
  let tokens = initial
  return {
    read: () => tokens,
    write: (next) => {
      tokens = next
    },
  }
}

export type StoredRefresh =
  { kind: 'none' } | { kind: 'usable'; token: string } | { kind: 'discarded'; why: string }

/**
 * The stored refresh token, if it is one this tenant can use: a JWT of type `refresh`, with an
 * `exp` still ahead, and no other tenant's claim (the storage key already names the tenant).
 * Anything else is removed from storage.
 */
export function loadStoredRefresh(
  storage: TokenStorage,
  tenant: string,
  nowMs: number,
  log: (message: string) => void = () => {},
  settings?: Pick<BackendSettings, 'tenantClaim' | 'requireTenantClaim'>,
): StoredRefresh {
  const raw = storage.get()
  if (raw === null) return { kind: 'none' }
  const claims = readToken(raw, 'refresh')
  const why = !claims
    ? 'not a refresh JWT'
    : (tenantMismatch(claims, tenant, settings) ?? (claims.exp * 1000 <= nowMs ? 'expired' : null))
  if (why === null) return { kind: 'usable', token: raw }
  log(`discarding stored refresh token ${redact(raw)}: ${why}`)
  storage.clear()
  return { kind: 'discarded', why }
}

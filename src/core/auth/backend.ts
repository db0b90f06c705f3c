/**
 * What the backend does that the client must know, for every common simplejwt + Djoser setup:
 * whether refresh rotates (ROTATE_REFRESH_TOKENS), whether `jwt/blacklist/` exists (the
 * token_blacklist app), whether tokens name their tenant (a custom claim), and which word goes
 * before the token in `Authorization` (AUTH_HEADER_TYPES). What an answer shows is learnt from it;
 * what no answer shows is configured; when the two disagree, `advice` says which setting to change.
 */
import type { TokenClaims } from './jwt'

export interface BackendSettings {
  /** The claim that names the tenant, when the backend adds one (default `tenant`). */
  tenantClaim: string
  /** Refuse tokens that do not carry `tenantClaim` (default false: the original has no such claim). */
  requireTenantClaim: boolean
  /** The first of simplejwt's AUTH_HEADER_TYPES: `Bearer` (default) or `JWT` (as Djoser's docs show). */
  headerType: string
}

export const DEFAULT_BACKEND: BackendSettings = Object.freeze({
  tenantClaim: 'tenant',
  requireTenantClaim: false,
  headerType: 'Bearer',
})

/** Why a token is not this tenant's, in words that name the setting to change; null when it is. */
export function tenantMismatch(
  claims: TokenClaims,
  tenant: string,
  settings: Pick<BackendSettings, 'tenantClaim' | 'requireTenantClaim'> = DEFAULT_BACKEND,
): string | null {
  const value = (claims as unknown as Record<string, unknown>)[settings.tenantClaim]
  if (value === undefined || value === null) {
    return settings.requireTenantClaim
      ? `the server's tokens carry no '${settings.tenantClaim}' claim: add it on the server, or set VITE_REQUIRE_TENANT_CLAIM=false (the host then binds the token)`
      : null
  }
  return value === tenant
    ? null
    : `the token was issued for tenant '${String(value)}', not '${tenant}'`
}

/** The scheme of a `WWW-Authenticate` challenge (`JWT realm="api"` -> `JWT`), or null. */
export function challengeScheme(header: unknown): string | null {
  if (typeof header !== 'string') return null
  const match = /^\s*([A-Za-z][\w.+-]*)/.exec(header)
  return match ? match[1]! : null
}

export interface BackendKnowledge {
  readonly settings: Readonly<BackendSettings>
  /** The word sent before the access token; the configured one until a challenge names another. */
  readonly headerType: string
  /** Learnt from the first refresh answer: true with `{access, refresh}`, false with `{access}`. */
  readonly rotates: boolean | null
  /** False once `jwt/blacklist/` answered 404/405: sign-out is then local. */
  readonly blacklist: boolean | null
  /**
   * Reads a 401's `WWW-Authenticate` (simplejwt sends `<first AUTH_HEADER_TYPE> realm="api"`).
   * Returns the advice when it names another type than the one in use (which it then adopts).
   */
  noteChallenge(header: unknown): string | null
  noteRotation(rotated: boolean): void
  /** Returns true the first time the backend is seen without a blacklist endpoint. */
  noteNoBlacklist(): boolean
  tenantMismatch(claims: TokenClaims, tenant: string): string | null
}

export function createBackendKnowledge(
  settings: Partial<BackendSettings> = {},
  log: (message: string) => void = () => {},
): BackendKnowledge {
  const s: BackendSettings = { ...DEFAULT_BACKEND, ...settings }
  let headerType = s.headerType
  let rotates: boolean | null = null
  let blacklist: boolean | null = null
  return {
    settings: s,
    get headerType() {
      return headerType
    },
    get rotates() {
      return rotates
    },
    get blacklist() {
      return blacklist
    },
    noteChallenge(header) {
      const scheme = challengeScheme(header)
      if (!scheme || scheme.toLowerCase() === headerType.toLowerCase()) return null
      headerType = scheme
      const advice = `the server expects 'Authorization: ${scheme} <token>' (its AUTH_HEADER_TYPES): set VITE_AUTH_HEADER_TYPE=${scheme}`
      log(`${advice}; using ${scheme} from now on`)
      return advice
    },
    noteRotation(rotated) {
      if (rotates !== rotated)
        log(
          rotated
            ? 'refresh rotates the refresh token'
            : 'refresh keeps the refresh token (no rotation)',
        )
      rotates = rotated
    },
    noteNoBlacklist() {
      const first = blacklist !== false
      if (first)
        log(
          'the server has no jwt/blacklist/ (simplejwt token_blacklist is not installed): sign-out is local, the refresh token stays valid until it expires',
        )
      blacklist = false
      return first
    },
    tenantMismatch: (claims, tenant) => tenantMismatch(claims, tenant, s),
  }
}

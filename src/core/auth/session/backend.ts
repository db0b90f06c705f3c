/**
 * What the backend does that the client must know, for every common simplejwt + Djoser setup:
 * whether refresh rotates (ROTATE_REFRESH_TOKENS), whether `jwt/blacklist/` exists (the
 * token_blacklist app), whether tokens name their tenant (a custom claim), and which word goes
 * before the token in `Authorization` (AUTH_HEADER_TYPES). What an answer shows is learnt from it;
 * what no answer shows is configured; when the two disagree, `advice` says which setting to change.
 */
import type { TokenClaims } from './tokens'

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
      ? `no '${settings.tenantClaim}' claim: set VITE_REQUIRE_TENANT_CLAIM=false`
      : null
  }
  return value === tenant ? null : `issued for tenant '${String(value)}', not '${tenant}'`
}

/** The scheme of a `WWW-Authenticate` challenge (`JWT realm="api"` -> `JWT`), or null. */
export const challengeScheme = (header: unknown): string | null =>
  (typeof header === 'string' && /^\s*([\w.+-]+)/.exec(header)?.[1]) || null

export interface BackendKnowledge {
  readonly settings: Readonly<BackendSettings>
  /** The word sent before the access token; the configured one until a challenge names another. */
  readonly headerType: string
  /** Learnt from the refresh answers: true with `{access, refresh}`, false with `{access}`. */
  readonly rotates: boolean | null
  /** False once `jwt/blacklist/` answered 404/405: sign-out is then local. */
  readonly blacklist: boolean | null
  /**
   * Reads a 401's `WWW-Authenticate` (simplejwt sends `<first AUTH_HEADER_TYPE> realm="api"`).
   * Returns the advice when it names another type than the one in use (which it then adopts).
   */
  noteChallenge(header: unknown): string | null
  noteRotation(rotated: boolean): void
  /** Notes that the backend has no blacklist endpoint (said once in the log). */
  noteNoBlacklist(): void
  tenantMismatch(claims: TokenClaims, tenant: string): string | null
}

export function createBackendKnowledge(
  settings: Partial<BackendSettings> = {},
  log: (message: string) => void = () => {},
): BackendKnowledge {
  const s: BackendSettings = { ...DEFAULT_BACKEND, ...settings }
  const k: { -readonly [K in keyof BackendKnowledge]: BackendKnowledge[K] } = {
    settings: s,
    headerType: s.headerType,
    rotates: null,
    blacklist: null,
    noteChallenge(header) {
      const scheme = challengeScheme(header)
      if (!scheme || scheme.toLowerCase() === k.headerType.toLowerCase()) return null
      k.headerType = scheme
      const advice = `set VITE_AUTH_HEADER_TYPE=${scheme}`
      log(`the server wants '${scheme} <token>': ${advice}`)
      return advice
    },
    noteRotation(rotated) {
      if (k.rotates !== rotated) log(`refresh ${rotated ? 'rotates' : 'keeps'} the refresh token`)
      k.rotates = rotated
    },
    noteNoBlacklist() {
      if (k.blacklist !== false) log('no jwt/blacklist/ on the server: sign-out is local')
      k.blacklist = false
    },
    tenantMismatch: (claims, tenant) => tenantMismatch(claims, tenant, s),
  }
  return k
}

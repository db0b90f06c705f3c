/**
 * The two backends the mock can be: the seed project as published (`original`) and the hardened
 * configuration of shared/backend-contract.md (`hardened`). Each profile gives the knobs' defaults
 * (the simplejwt settings a deployment may change) and the facts of its tenancy, which no setting
 * changes: how rows are kept apart, which tenant endpoints exist, what an unknown host gets.
 */
export type ProfileName = 'original' | 'hardened'

export const PROFILE_NAMES: readonly ProfileName[] = ['original', 'hardened']

/** The simplejwt / INSTALLED_APPS settings a deployment chooses; `configureMock` overrides each. */
export interface Knobs {
  /** ROTATE_REFRESH_TOKENS: refresh answers `{access, refresh}` instead of `{access}`. */
  rotate: boolean
  /**
   * `rest_framework_simplejwt.token_blacklist` installed, `jwt/blacklist/` routed to
   * TokenBlacklistView, and BLACKLIST_AFTER_ROTATION (a rotated refresh token is spent).
   */
  blacklist: boolean
  /** The custom `email`, `username` and `tenant` claims (the hardened server's token serializer). */
  tenantClaim: boolean
  /** Tokens carry `iat` (simplejwt 5.x); false is simplejwt 4.4, which never sets it. */
  issueIat: boolean
  /** AUTH_HEADER_TYPES: the words accepted before the token; the first one names the 401 challenge. */
  authHeaderTypes: readonly string[]
  /** ACCESS_TOKEN_LIFETIME in seconds. */
  accessSeconds: number
  /** REFRESH_TOKEN_LIFETIME in seconds. */
  refreshSeconds: number
}

/** What a profile is, beyond its knobs. */
export interface Tenancy {
  /**
   * `gate`: the hardened tenant middleware: one table per model with an `organization` column,
   * global ids, 404/403 JSON for unknown and inactive hosts, `tenants/current/`, tenant-scoped
   * authentication, and one blacklist for every host.
   * `schemas`: the original's Postgres schema per tenant chosen by `SET search_path`: ids restart
   * at 1 in each schema, a token is checked only against the schema of the host it reaches, an
   * unknown host's search path names no schema (every database access is a 500), the public host
   * is the `public` schema, `tenants/` lists the schema's tenant table, and the blacklist tables
   * live in each schema.
   */
  kind: 'gate' | 'schemas'
  /** `DELETE users/me/` works (gate) or is Djoser's 500 without its Token model (schemas). */
  deleteSelf: 'deletes' | 'server-error'
}

export interface Profile {
  knobs: Knobs
  tenancy: Tenancy
}

export const PROFILES: Readonly<Record<ProfileName, Readonly<Profile>>> = {
  // lewis-kori/budgeting-app at c402a36: its SIMPLE_JWT uses another library's key names, so
  // simplejwt's defaults apply (access 5 min, refresh 1 day, no rotation, no blacklist app).
  original: {
    knobs: {
      rotate: false,
      blacklist: false,
      tenantClaim: false,
      issueIat: true,
      authHeaderTypes: ['Bearer'],
      accessSeconds: 5 * 60,
      refreshSeconds: 24 * 3600,
    },
    tenancy: { kind: 'schemas', deleteSelf: 'server-error' },
  },
  // shared/backend-contract.md: rotation, blacklist, the custom claims, 2 min / 7 days.
  hardened: {
    knobs: {
      rotate: true,
      blacklist: true,
      tenantClaim: true,
      issueIat: true,
      authHeaderTypes: ['Bearer'],
      accessSeconds: 120,
      refreshSeconds: 7 * 24 * 3600,
    },
    tenancy: { kind: 'gate', deleteSelf: 'deletes' },
  },
}

export function isProfileName(value: unknown): value is ProfileName {
  return value === 'original' || value === 'hardened'
}

/**
 * Tunables of the mock backend: a profile (`original` or `hardened`, see profiles.ts), the knobs
 * on top of it, and the mock's own settings. Tests shorten lifetimes to expire tokens in seconds.
 *
 * `configureMock(patch)` merges: a knob given stays overridden until `resetMockConfig()` (or until
 * it is given again as `undefined`, which returns it to the profile's default). Changing the
 * profile re-seeds the database for that profile at once (db.ts listens), as `resetDb()` would.
 */
import { PROFILES, type Knobs, type ProfileName, type Tenancy } from './profiles'

export type { Knobs, ProfileName } from './profiles'

export interface MockConfig extends Knobs {
  profile: ProfileName
  /** HS256 signing key (Django's SECRET_KEY). */
  signingKey: string
  /** The contract server's PASSWORD_RETYPE=1: Djoser's re_password / re_new_password / re_new_email. */
  passwordRetype: boolean
}

/** What `configureMock` takes: the profile, any knob, the mock's own settings. */
export type MockConfigPatch = Partial<MockConfig>

const OWN = {
  signingKey: 'mock-django-secret-key-not-for-production',
  passwordRetype: false,
}

const DEFAULT_PROFILE: ProfileName = 'hardened'

let profile: ProfileName = DEFAULT_PROFILE
let overrides: Partial<Omit<MockConfig, 'profile'>> = {}

function resolved(): MockConfig {
  const knobs = PROFILES[profile].knobs
  const merged = { ...knobs, ...OWN, ...overrides, profile }
  return { ...merged, authHeaderTypes: [...merged.authHeaderTypes] }
}

/** The settings in force (read-only for callers: change them with configureMock). */
export const mockConfig: MockConfig = resolved()

const profileHooks: ((profile: ProfileName) => void)[] = []

/** Runs after every profile change made by configureMock/resetMockConfig (db.ts re-seeds here). */
export function onProfileChange(hook: (profile: ProfileName) => void): void {
  profileHooks.push(hook)
}

function apply(next: ProfileName): void {
  const changed = next !== profile
  profile = next
  Object.assign(mockConfig, resolved())
  if (changed) for (const hook of profileHooks) hook(next)
}

export function configureMock(patch: MockConfigPatch): void {
  const { profile: next, ...rest } = patch
  const merged: Record<string, unknown> = { ...overrides }
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) delete merged[key]
    else merged[key] = value
  }
  overrides = merged as typeof overrides
  apply(next ?? profile)
}

/** Profile 'hardened', no overrides (Vitest's default after each test). */
export function resetMockConfig(): void {
  overrides = {}
  apply(DEFAULT_PROFILE)
}

/**
 * Follows a profile another tab chose (its database says so), without re-seeding: the database
 * already is that profile's. Overrides stay as they are.
 */
export function adoptProfile(next: ProfileName): void {
  if (next === profile) return
  profile = next
  Object.assign(mockConfig, resolved())
}

/** The facts of the profile in force that no knob changes. */
export function tenancy(): Tenancy {
  return PROFILES[profile].tenancy
}

/** True in the original's schema-per-tenant tenancy. */
export const schemaTenancy = (): boolean => tenancy().kind === 'schemas'

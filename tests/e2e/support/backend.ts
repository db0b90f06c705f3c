/**
 * Which backend the current Playwright project talks to (the MSW mock or the real Django
 * fixture), which of its two profiles, and the tenant origins it serves.
 *
 * - `original`: the published backend (simplejwt's defaults): refresh answers `{"access"}` and the
 *   refresh token is kept; no `jwt/blacklist/` (a 404 page, so sign-out is local); no tenant claim.
 * - `hardened`: rotation with blacklist after rotation, `jwt/blacklist/`, a `tenant` claim.
 */
import { test } from '@playwright/test'

export type Profile = 'original' | 'hardened'

export interface BackendInfo {
  backend: 'mock' | 'django'
  profile: Profile
  port: number
  /** Django fixture only: its access-token lifetime in seconds. */
  accessSeconds?: number
  /** The server sends a Content-Security-Policy (project `deploy`). */
  csp?: boolean
}

export function backend(): BackendInfo {
  return test.info().project.metadata as BackendInfo
}

/** The profile of the current project's backend. */
export function profile(): Profile {
  return backend().profile
}

/** True on the hardened profile: a refresh rotates the refresh token and blacklists the old one. */
export function rotates(): boolean {
  return profile() === 'hardened'
}

/** `http://acme.localhost:PORT`, or the bare host when no tenant is given. */
export function origin(tenant?: string): string {
  const { port } = backend()
  return tenant ? `http://${tenant}.localhost:${port}` : `http://localhost:${port}`
}

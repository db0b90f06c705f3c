/**
 * What the dev panel may do to the mock backend, in one narrow interface. The functions act on the
 * mock running in this tab (scenarios and counters live in the tab's memory; the database is
 * shared by the origin's tabs through localStorage).
 */
import { configureMock, mockConfig, type Knobs, type ProfileName } from '@/mocks/config'
import { lastMail, reloadDb, resetDb, type SentMail } from '@/mocks/db'
import { PROFILE_NAMES } from '@/mocks/profiles'
import { parseMockQuery } from '@/mocks/query'
import {
  expireAccessTokens,
  failNextRefresh,
  mockStats,
  setLatency,
  type RefreshFailure,
} from '@/mocks/scenarios'

export type { Knobs, ProfileName, RefreshFailure, SentMail }

export interface MockControls {
  /** Every access token issued so far answers as expired (the next call with one gets a 401). */
  expireAccessTokens(): void
  /** Queues one failure for the next refresh call. */
  failNextRefresh(kind: RefreshFailure): void
  /** Refresh failures queued from this panel or the `?mock=` URL and not used up yet. */
  pendingRefreshFailures(): RefreshFailure[]
  setLatency(ms: number): void
  /** The latency the tab started with (`?mock=latency:800`), else 0. */
  readonly initialLatencyMs: number
  /** `POST jwt/refresh/` calls that reached this tab's mock (failed ones included). */
  refreshCalls(): number
  /** The newest mail in the outbox, re-read from the shared database first. */
  lastMail(): SentMail | undefined
  /** Back to the seed (also clears this tab's scenarios and counters), then reload the page. */
  resetAndReload(): void
  /** The backend profile in force (the origin's: every tab follows the stored database). */
  profile(): ProfileName
  readonly profiles: readonly ProfileName[]
  /** The knobs in force for this tab (the profile's defaults unless `?mock=` changed them). */
  knobs(): Knobs
  /**
   * Another profile for every tab of the origin: a fresh seed of it, stored; then the page
   * reloads without any `profile:` item of its `?mock=` (which would switch it back).
   */
  switchProfile(profile: ProfileName): void
}

export interface MockControlOptions {
  /** The page's `location.search`, for scenarios applied at start. */
  search?: string
  /** Reloads the page after a reset (tests pass a spy). */
  reload?: () => void
  /** Replaces the page's URL without loading it (default history.replaceState). */
  replaceUrl?: (url: string) => void
}

/** The URL with the `profile:` item taken out of its `?mock=` list (and `?mock=` dropped if empty). */
export function withoutProfileItem(href: string): string {
  const url = new URL(href)
  const items = (url.searchParams.get('mock') ?? '').split(',').map((s) => s.trim())
  if (!items.some((item) => item.startsWith('profile:'))) return href
  const kept = items.filter((item) => item && !item.startsWith('profile:'))
  if (kept.length) url.searchParams.set('mock', kept.join(','))
  else url.searchParams.delete('mock')
  return url.href
}

export function createMockControls(options: MockControlOptions = {}): MockControls {
  const search = options.search ?? window.location.search
  const reload = options.reload ?? (() => window.location.reload())
  const replaceUrl =
    options.replaceUrl ??
    ((url: string) => window.history.replaceState(window.history.state, '', url))
  const started = parseMockQuery(new URLSearchParams(search).get('mock') ?? '').scenario

  // The mock's failure queue is private and first-in first-out, one entry per refresh call: keep a
  // copy of what was queued and drop one entry for every refresh call seen since.
  const queued: RefreshFailure[] = started.refresh
    ? Array.from({ length: started.refreshTimes ?? 1 }, () => started.refresh!)
    : []
  let seenCalls = 0

  function settle(): void {
    const calls = mockStats.refreshCalls
    // Fewer calls than before: the counters were reset, and the queue with them.
    if (calls < seenCalls) queued.length = 0
    else queued.splice(0, calls - seenCalls)
    seenCalls = calls
  }

  return {
    expireAccessTokens,
    failNextRefresh(kind) {
      settle()
      failNextRefresh(kind)
      queued.push(kind)
    },
    pendingRefreshFailures() {
      settle()
      return [...queued]
    },
    setLatency,
    initialLatencyMs: started.latencyMs ?? 0,
    refreshCalls: () => mockStats.refreshCalls,
    lastMail() {
      reloadDb()
      return lastMail()
    },
    resetAndReload() {
      resetDb()
      reload()
    },
    profile: () => mockConfig.profile,
    profiles: PROFILE_NAMES,
    knobs: () => ({
      rotate: mockConfig.rotate,
      blacklist: mockConfig.blacklist,
      tenantClaim: mockConfig.tenantClaim,
      issueIat: mockConfig.issueIat,
      authHeaderTypes: [...mockConfig.authHeaderTypes],
      accessSeconds: mockConfig.accessSeconds,
      refreshSeconds: mockConfig.refreshSeconds,
    }),
    switchProfile(profile) {
      configureMock({ profile }) // re-seeds and stores the new database
      const href = window.location.href
      const next = withoutProfileItem(href)
      if (next !== href) replaceUrl(next)
      reload()
    },
  }
}

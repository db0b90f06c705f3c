/**
 * What the dev panel may do to the mock backend, in one narrow interface. The functions act on the
 * mock running in this tab (scenarios and counters live in the tab's memory; the database is
 * shared by the origin's tabs through localStorage).
 */
import { lastMail, reloadDb, resetDb, type SentMail } from '@/mocks/db'
import {
  expireAccessTokens,
  failNextRefresh,
  mockStats,
  parseScenarioQuery,
  setLatency,
  type RefreshFailure,
} from '@/mocks/scenarios'

export type { RefreshFailure, SentMail }

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
}

export interface MockControlOptions {
  /** The page's `location.search`, for scenarios applied at start. */
  search?: string
  /** Reloads the page after a reset (tests pass a spy). */
  reload?: () => void
}

export function createMockControls(options: MockControlOptions = {}): MockControls {
  const search = options.search ?? window.location.search
  const reload = options.reload ?? (() => window.location.reload())
  const started = parseScenarioQuery(new URLSearchParams(search).get('mock') ?? '').scenario

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
  }
}

/**
 * The mock backend's controls for a test: token lifetimes and expiry, refresh failures, latency,
 * failing endpoints, the profile and knobs, extra handlers, counters, and builders for rows the
 * seed does not have. All of it is the mock's own (src/mocks: config, scenarios, builders), the
 * same the dev panel and `?mock=` drive; the setup file resets it after each test.
 */
import type { RequestHandler } from 'msw'
import { buildAccount, buildBudget, buildExpense, buildUser } from '@/mocks/builders'
import { configureMock, mockConfig, resetMockConfig, type MockConfigPatch } from '@/mocks/config'
import { lastMail, resetDb } from '@/mocks/db'
import type { ProfileName } from '@/mocks/profiles'
import {
  expireAccessTokens,
  failNextRefresh,
  failPath,
  mockStats,
  setLatency,
  type RefreshFailure,
} from '@/mocks/scenarios'
import { mockNetwork } from './mockNetwork'

export type { ProfileName, RefreshFailure }

export const mockBackend = {
  /** ACCESS_TOKEN_LIFETIME in seconds, for tokens issued from now on (sign-in, refresh). */
  setAccessLifetime(seconds: number): void {
    configureMock({ accessSeconds: seconds })
  },
  /** Every access token issued so far answers as expired: the next call with one gets a 401. */
  expireAccessNow(): void {
    expireAccessTokens()
  },
  /** The next `times` refresh calls fail: 401 token_not_valid, 500 HTML page, or no answer. */
  failNextRefresh(kind: RefreshFailure, times = 1): void {
    failNextRefresh(kind, times)
  },
  /** Added to every answer, in milliseconds (0: none). */
  setLatency(ms: number): void {
    setLatency(ms)
  },
  /** Django's 500 page for paths containing `pattern` (or matching it), `times` times. */
  failRequests(pattern: string | RegExp, times = Infinity): void {
    failPath(pattern, times)
  },
  /** Switches the backend profile. Re-seeds the database: call it before building rows. */
  useProfile(profile: ProfileName): void {
    configureMock({ profile })
  },
  /** Any other knob of src/mocks/config.ts (rotate, blacklist, refreshSeconds...). */
  configure(patch: MockConfigPatch): void {
    configureMock(patch)
  },
  /** The profile in force. */
  get profile(): ProfileName {
    return mockConfig.profile
  },
  /** MSW handlers in front of the mock, for this test only (`endpoint()` builds their paths). */
  use(...handlers: RequestHandler[]): void {
    mockNetwork().use(...handlers)
  },
  /** Drops the handlers `use()` added, keeping the database and scenarios. */
  resetHandlers(): void {
    mockNetwork().resetHandlers()
  },
  /** Requests and refresh calls the mock has answered since the last reset. */
  stats: mockStats as Readonly<typeof mockStats>,
  /** The last mail the server sent (optionally to one address): reset links and their tokens. */
  lastMail,
  /** Back to the start: no extra handlers or listeners, the seed, profile `hardened`, no scenario. */
  reset(): void {
    mockNetwork().resetHandlers()
    mockNetwork().events.removeAllListeners()
    resetDb()
    resetMockConfig()
  },
  /** Rows put into the database as the server would save them; each returns the row. */
  build: {
    account: buildAccount,
    budget: buildBudget,
    expense: buildExpense,
    user: buildUser,
  },
}

/** An MSW path for one of the API's endpoints on any host: `endpoint('/accounts/')`. */
export const endpoint = (path: string): string => `*/api/v1${path}`

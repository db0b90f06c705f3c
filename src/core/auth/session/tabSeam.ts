/**
 * The seam between a session and the other tabs that share its refresh token. The session alone
 * (memory or sessionStorage: nobody shares the token) runs with `singleTab`; `tabs/protocol.ts` is
 * the plug-in for localStorage, passed in by the composition root, or loaded on demand.
 *
 * The plug-in sees the session only through `TabHost`: facts it may read (the current pair, the
 * server clock, what the backend does) and three callbacks (a pair heard from another tab, a
 * sign-out heard, and `current`). It never touches the session's tokens, timers or gate: every
 * change to the session goes through the session's own `adopt` and `end`.
 */
import type { Timers } from '../clock'
import type { TokenStorage } from '../tokenStorage'
import type { SignOutReason } from './events'
import type { SharedPair } from './tokens'

/** What a session tells the other tabs of its tenant. */
export type TabNews =
  | { type: 'signedIn'; pair: SharedPair; user: { id: number | string; email?: string } }
  /** A tab renewed its access token; `replaced`: the refresh token it rotated (none without rotation). */
  | { type: 'refreshed'; pair: SharedPair; replaced?: string }
  /** `refresh`: the refused token (not sent for a sign-out the user asked for: that ends every tab). */
  | { type: 'signedOut'; reason: SignOutReason; refresh?: string }

/** The pair this tab holds, as a plug-in sees it. */
export interface CurrentPair {
  access: string | null
  refresh: string | null
  /** When the access token runs out (epoch seconds; 0 without one). */
  accessExp: number
  /** The access token can be sent as it stands. */
  usable: boolean
}

/** What the session lends its tab plug-in. */
export interface TabHost {
  tenant: string
  /** The refresh token as every tab of the tenant stores it. */
  storage: TokenStorage
  timers: Timers
  log(message: string): void
  /** The session's refresh timeout: lock waits are sized from it. */
  timeoutMs: number
  /** The jitter source. */
  random(): number
  /** The machine's clock (epoch ms): the tabs of a browser share it. */
  now(): number
  /** This tab's server-clock offset. */
  offsetMs(): number
  /** Whether refresh rotates the refresh token, as far as this tab has seen (null: not yet). */
  rotates(): boolean | null
  /** The pair this tab holds now. */
  current(): CurrentPair
  /** A refresh token this tab could spend: this tenant's, unexpired by the server's clock. */
  spendable(token: string): boolean
  /**
   * A pair heard from another tab, for the session to adopt: `signedIn` starts a new session;
   * `refreshed` renews this one if it is the same user's, else starts a new one. False when the
   * pair is unusable (nothing changes).
   */
  pairHeard(pair: SharedPair, as: 'signedIn' | 'refreshed'): boolean
  /** Another tab ended the session (and cleared the stored token). */
  signOutHeard(reason: SignOutReason): void
}

/** The other tabs' word on the refresh token this tab is about to spend. */
export type Claim =
  /** Another tab had spent it; the pair it got was adopted (through `pairHeard`): spend nothing. */
  | { kind: 'adopted' }
  /**
   * Spend `token`: this tab's own, or the successor another tab left without its pair.
   * `verifyFirst`: an earlier spend of it got no answer (or its spender closed mid-spend), so the
   * server may have rotated it: ask the server whether it still stands before spending it.
   */
  | { kind: 'spend'; token: string; verifyFirst?: boolean }
  /** It was spent into a token this session cannot use: the session is over. */
  | { kind: 'ended' }

export interface TabSync {
  /** Runs `task` holding the tenant's refresh lock; its signal aborts if the lock is taken away. */
  locked<T>(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>
  /**
   * Before spending (under the lock): catches up with what another tab did meanwhile, adopting
   * its pair through `pairHeard`. Resolves with a newer refresh token another tab stored, to spend
   * instead of this tab's (its pair was not to be had), or null.
   */
  catchUp(signal: AbortSignal): Promise<string | null>
  /**
   * Just before spending `token` (under the lock): checks with the other tabs, through a medium
   * they all read alike, that nobody has spent it. Rejects, retryably, while another live tab is
   * spending it.
   */
  claim(token: string, signal: AbortSignal): Promise<Claim>
  /** After spending `sent` (still under the lock): what it was rotated into, or null (kept, or failed). */
  settle(sent: string, next: string | null): Promise<void>
  /**
   * After a spend of `sent` got no answer (still under the lock): the server may have rotated it,
   * so whichever tab claims it next verifies it first.
   */
  unanswered(sent: string): Promise<void>
  /** After `sent` was refused: true when the pair another tab rotated it into was adopted. */
  rescue(sent: string, signal: AbortSignal): Promise<boolean>
  publish(news: TabNews): void
  /** On a user's sign-out, under the lock: a newer token of the same user another tab stored since (taken out of storage). */
  leftover(signedOut: string): string | null
  close(): void
}

export type TabSyncPlugin = (host: TabHost) => TabSync

/** Nobody shares the refresh token: nothing to wait for, adopt or tell. */
export const singleTab: TabSync = {
  locked: (task, signal) => task(signal ?? new AbortController().signal),
  catchUp: async () => null,
  claim: async (token) => ({ kind: 'spend', token }),
  settle: async () => {},
  unanswered: async () => {},
  rescue: async () => false,
  publish: () => {},
  leftover: () => null,
  close: () => {},
}

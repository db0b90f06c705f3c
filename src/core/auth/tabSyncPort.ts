/**
 * The seam between a session and the other tabs that share its refresh token. The session alone
 * (memory or sessionStorage: nobody shares the token) runs with `singleTab`; `tabSync.ts` is the
 * plug-in for localStorage, passed in by the composition root, or loaded on demand.
 */
import type { Timers } from './clock'
import type { Emitter, SignOutReason } from './events'
import type { RefreshGate } from './refreshGate'
import type { Scheduler } from './scheduler'
import type { TabMessage } from './tabChannel'
import type { TokenHolder } from './tokenHolder'
import type { TokenStorage } from './tokenStorage'

/** A message as this tab sends it (the plug-in adds the sender). */
export type TabNews = TabMessage extends infer M
  ? M extends TabMessage
    ? Omit<M, 'from'>
    : never
  : never

/** here: this tab ends it (and says so); remote: another tab did (and cleared storage); quiet: a sign-in follows. */
export type EndHow = 'here' | 'remote' | 'quiet'

/** What a plug-in gets to see and do of the session it serves. */
export interface SyncContext {
  tenant: string
  tokens: TokenHolder
  storage: TokenStorage
  gate: RefreshGate
  scheduler: Scheduler
  events: Emitter
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
  /** Ends the session (once): clears the tokens, stops the timers, tells the listeners. */
  end(reason: SignOutReason, how?: EndHow): void
}

export interface TabSync {
  /** Runs `task` holding the tenant's refresh lock; its signal aborts if the lock is taken away. */
  locked<T>(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>
  /** Before spending: adopts what another tab did meanwhile (a rotated token, its pair). */
  catchUp(signal: AbortSignal): Promise<void>
  /**
   * Just before spending the refresh token (under the lock): checks with the other tabs, through a
   * medium they all read alike, that nobody has spent it. Resolves with an access token when
   * another tab had already rotated it (adopted: spend nothing), or null to go ahead and spend
   * `tokens.refresh` (possibly the successor another tab left). Rejects, retryably, while another
   * live tab is spending it.
   */
  claim(signal: AbortSignal): Promise<string | null>
  /** After spending `sent` (still under the lock): what it was rotated into, or null (kept, or failed). */
  settle(sent: string, next: string | null): Promise<void>
  /** After `sent` was refused: the access token of the pair another tab rotated it into, or null. */
  rescue(sent: string, signal: AbortSignal): Promise<string | null>
  publish(news: TabNews): void
  /** On a user's sign-out, under the lock: a newer token of the same user another tab stored since (taken out of storage). */
  leftover(signedOut: string): string | null
  close(): void
}

export type TabSyncPlugin = (session: SyncContext) => TabSync

/** Nobody shares the refresh token: nothing to wait for, adopt or tell. */
export const singleTab: TabSync = {
  locked: (task, signal) => task(signal ?? new AbortController().signal),
  catchUp: async () => {},
  claim: async () => null,
  settle: async () => {},
  rescue: async () => null,
  publish: () => {},
  leftover: () => null,
  close: () => {},
}

/** The session's public shape and its injected dependencies. */
import type { BackendKnowledge } from './backend'
import type { BackoffPolicy } from './backoff'
import type { Clock, Timers } from '../clock'
import type { Environment } from '../environment'
import type { TokenStorage } from '../tokenStorage'
import type { SessionListener, SignOutReason } from './events'
import type { TabSyncPlugin } from './tabSeam'
import type { TokenApi } from './tokenApi'
import type { TokenClaims } from './tokens'

export type { SessionEvent, SessionListener, SignOutReason } from './events'

export interface SessionDeps {
  tenant: string
  api: TokenApi
  storage: TokenStorage
  /**
   * Where this tab keeps its access token across a reload (`createAccessStorage`: the tab's own
   * sessionStorage); none: a reload renews it with a refresh.
   */
  accessStorage?: TokenStorage | null
  /**
   * What the backend does (rotation, blacklist, tenant claim, header type): shared with the
   * token API and the interceptors. Defaults to simplejwt's defaults, learnt as answers come.
   */
  backend?: BackendKnowledge
  clock?: Clock
  timers?: Timers
  environment?: Environment
  /** Backoff after transient refresh failures; `random` is the jitter source. */
  backoff?: Partial<BackoffPolicy>
  /** Every refresh and blacklist call settles within this (default 10 s). */
  refreshTimeoutMs?: number
  /** Refresh at most this long before `exp` (default 30 s). */
  marginMs?: number
  /** Wall-clock check period of the proactive refresh (default 5 s). */
  checkEveryMs?: number
  log?: (message: string) => void
  /**
   * Coordination with the other tabs that share the refresh token (`tabProtocol(...)`; none by
   * default: one tab).
   */
  tabs?: TabSyncPlugin
  /**
   * The same, loaded on demand (a code-split chunk). The session starts at once; every refresh,
   * sign-in and sign-out waits for the plug-in first. A load that fails is a transient refresh
   * failure (backed off, retried), so a tab never refreshes without the lock.
   */
  loadTabs?: () => Promise<TabSyncPlugin>
}

export interface Session {
  readonly tenant: string
  /** What is known of the backend's simplejwt settings (the interceptors read the header type). */
  readonly backend: BackendKnowledge
  /** The access token in memory, or null when signed out or not yet restored. */
  readonly accessToken: string | null
  readonly claims: TokenClaims | null
  /** A refresh token is held: the session exists even if the access token has lapsed. */
  readonly signedIn: boolean
  /** Bumped by every sign-in and sign-out: results from an older epoch are discarded. */
  readonly epoch: number
  /** Bumped by every new access token: a request sent with an older one replays without refreshing. */
  readonly generation: number
  readonly refreshing: boolean
  /** The server clock minus this one, learnt from fresh `iat`s. */
  readonly clockOffsetMs: number
  signIn(email: string, password: string): Promise<void>
  /** At start: renews a stored session. True when an access token is in hand. */
  restore(): Promise<boolean>
  /** Starts a refresh or joins the one in flight; resolves with the new access token. */
  refresh(): Promise<string>
  /**
   * The access token if it is usable as it stands, else null (also while a renewal of a token
   * that is due is under way: wait for that one). Synchronous.
   */
  usableToken(): string | null
  /** An access token that is not about to expire (refreshing first when needed), or null. */
  validAccessToken(): Promise<string | null>
  signOut(reason?: SignOutReason): Promise<void>
  on(listener: SessionListener): () => void
  /** Stops the timers and leaves the tab channel (tests, hot reload). */
  dispose(): void
}

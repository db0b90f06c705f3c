/**
 * What the tabs of one tenant tell each other, and the port that carries it (adapters:
 * `broadcastChannel.ts`, named `auth:<tenant>`, and, where that is absent, `storageChannel.ts`).
 * Messages from other tabs (or another version of the app) are checked before use.
 *
 * Tokens travel in these messages, never in storage: the access token stays in memory. (The
 * storage fallback writes a message and removes it at once; only the refresh token is kept.)
 */
import type { TabNews } from '../session/tabSeam'
import type { SharedPair } from '../session/tokens'

/** Every message names its sender; `ask` and `pair` are the tabs' own conversation. */
export type TabMessage =
  | (TabNews & { from: string })
  /**
   * Who holds the access token that goes with this refresh token? With `after`: only a holder
   * whose access token expires later than that (epoch seconds) answers.
   */
  | { type: 'ask'; from: string; refresh: string; after?: number }
  /** The answer to an ask. */
  | { type: 'pair'; from: string; pair: SharedPair }

export interface TabChannel {
  post(message: TabMessage): void
  on(listener: (message: TabMessage) => void): () => void
  close(): void
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isPair = (p: unknown): p is SharedPair => {
  const v = p as SharedPair | null
  return (
    !!v &&
    str(v.access) &&
    str(v.refresh) &&
    (v.offsetMs === undefined || Number.isFinite(v.offsetMs))
  )
}
const REASONS: readonly unknown[] = ['user', 'expired', 'invalid-token']

export function isTabMessage(m: unknown): m is TabMessage {
  const v = m as Record<string, unknown> | null
  if (!v || typeof v !== 'object' || !str(v.from)) return false
  switch (v.type) {
    case 'signedIn':
      return isPair(v.pair) && !!v.user && typeof v.user === 'object'
    case 'refreshed':
      return isPair(v.pair) && (v.replaced === undefined || str(v.replaced))
    case 'signedOut':
      return REASONS.includes(v.reason) && (v.refresh === undefined || str(v.refresh))
    case 'ask':
      return str(v.refresh) && (v.after === undefined || Number.isFinite(v.after))
    case 'pair':
      return isPair(v.pair)
    default:
      return false
  }
}

/** Listeners fed with checked messages. */
export function fanOut() {
  const listeners = new Set<(m: TabMessage) => void>()
  return {
    deliver: (m: unknown) => isTabMessage(m) && listeners.forEach((l) => l(m)),
    on(listener: (m: TabMessage) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    clear: () => listeners.clear(),
  }
}

/** A fresh id for this tab, in messages and leases. */
export function newTabId(
  scope: { crypto?: { randomUUID?: () => string } } = globalThis as never,
): string {
  return scope.crypto?.randomUUID?.() ?? `tab-${Math.random().toString(36).slice(2)}`
}

/** Nobody to talk to. */
export const noChannel: TabChannel = { post: () => {}, on: () => () => {}, close: () => {} }

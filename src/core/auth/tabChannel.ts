/**
 * What the tabs of one tenant tell each other, and the port that carries it: a BroadcastChannel
 * named `auth:<tenant>`, or, where that is absent, a key in web storage whose `storage` events the
 * other tabs hear. Messages from other tabs (or another version of the app) are checked before use.
 *
 * Tokens travel in these messages, never in storage: the access token stays in memory. (The
 * storage fallback writes a message and removes it at once; only the refresh token is kept.)
 */
import type { SignOutReason } from './events'
import type { SharedStore, StorageEvents } from './storageLock'
import type { TokenPair } from './tokenApi'

/** A pair as tabs share it, with the sender's server-clock offset (the tabs share one clock). */
export interface SharedPair extends TokenPair {
  offsetMs?: number
}

export type TabMessage =
  | {
      type: 'signedIn'
      from: string
      pair: TokenPair
      user: { id: number | string; email?: string }
    }
  /** A tab renewed its access token; `replaced`: the refresh token it rotated (none without rotation). */
  | { type: 'refreshed'; from: string; pair: SharedPair; replaced?: string }
  /** `refresh`: the refused token (not sent for a sign-out the user asked for: that ends every tab). */
  | { type: 'signedOut'; from: string; reason: SignOutReason; refresh?: string }
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
function fanOut() {
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

interface BroadcastLike {
  postMessage(message: unknown): void
  onmessage: ((event: { data: unknown }) => void) | null
  close(): void
}

export function broadcastChannel(
  name: string,
  create: (name: string) => BroadcastLike = (n) => new BroadcastChannel(n) as BroadcastLike,
): TabChannel {
  const channel = create(name)
  const fan = fanOut()
  channel.onmessage = (event) => fan.deliver(event.data)
  return {
    post: (m) => channel.postMessage(m),
    on: fan.on,
    close: () => (fan.clear(), channel.close()),
  }
}

export function storageChannel(
  name: string,
  store: SharedStore,
  events: StorageEvents,
): TabChannel {
  const key = `${name}:message`
  const fan = fanOut()
  let sent = 0
  const off = events.on(key, (raw) => {
    if (raw === null) return
    try {
      fan.deliver((JSON.parse(raw) as { m?: unknown }).m)
    } catch {
      // not one of ours
    }
  })
  return {
    post(m) {
      try {
        // A counter keeps two equal messages apart: an unchanged value fires no event.
        store.setItem(key, JSON.stringify({ m, n: ++sent, at: Date.now() }))
        store.removeItem(key)
      } catch {
        // storage full or blocked: the other tabs will learn from the stored refresh token
      }
    },
    on: fan.on,
    close: () => (fan.clear(), off()),
  }
}

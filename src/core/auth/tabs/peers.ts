/**
 * The other tabs, as this one talks with them over the channel: publishes this tab's sign-in,
 * refresh and sign-out, hands other tabs' news to the protocol, answers "who has the access token for this refresh
 * token?", and remembers the last pair heard so a tab that finds a rotated token in storage can
 * adopt it without spending anything.
 */
import type { Timers } from '../clock'
import type { SignOutReason } from '../session/events'
import type { TabNews } from '../session/tabSeam'
import type { TokenPair } from '../session/tokenApi'
import { accessExp } from '../session/tokens'
import { noChannel, type TabChannel, type TabMessage } from './channel'

export interface PeerHooks {
  /** The pair this tab holds, to answer asks (null without an access token). */
  current(): TokenPair | null
  signedIn(pair: TokenPair): void
  /** `replaced`: the refresh token the sender rotated; absent when the backend does not rotate. */
  refreshed(pair: TokenPair, replaced?: string): void
  /** `refresh`: the token that was refused, when the session ended for that reason. */
  signedOut(reason: SignOutReason, refresh?: string): void
}

export interface Peers {
  publish(message: TabNews): void
  /**
   * The pair another tab rotated `refresh` into: heard already, or heard within `withinMs`
   * (default `askMs`; else null).
   */
  successorOf(refresh: string, signal?: AbortSignal, withinMs?: number): Promise<TokenPair | null>
  /** The pair whose refresh token is `refresh`: heard already, or asked for (null: no answer in time). */
  pairFor(refresh: string, signal?: AbortSignal): Promise<TokenPair | null>
  /**
   * Without rotation the refresh token never changes: a pair for it whose access token expires
   * after `afterExp` (epoch seconds), heard already or asked for (null: none in time).
   */
  laterPair(
    refresh: string,
    afterExp: number,
    signal?: AbortSignal,
    withinMs?: number,
  ): Promise<TokenPair | null>
  /** A tab said it rotated `refresh` into another (one of the last few heard). */
  replaced(refresh: string): boolean
  close(): void
}

export function createPeers(
  deps: {
    channel: TabChannel
    tabId: string
    timers: Timers
    askMs: number
    /** This tab's server-clock offset, sent along with every pair. */
    offsetMs(): number
  },
  hooks: PeerHooks,
): Peers {
  const { channel, tabId, timers } = deps
  const heard = new Map<string, TokenPair>() // refresh token -> its pair (the last few)
  const successors = new Map<string, TokenPair>() // replaced refresh token -> the pair after it
  const waiting = new Map<string, Set<(pair: TokenPair) => void>>() // 'pair:' / 'next:' + token
  const alone = deps.channel === noChannel

  /** Resolves with the first pair `key` brings, or null after `withinMs` (or on abort). */
  function heardWithin(
    key: string,
    signal?: AbortSignal,
    then?: () => void,
    withinMs = deps.askMs,
  ): Promise<TokenPair | null> {
    if (alone) return Promise.resolve(null)
    return new Promise((resolve) => {
      const set = waiting.get(key) ?? new Set()
      waiting.set(key, set)
      const finish = (pair: TokenPair | null) => {
        timers.clearTimeout(timer)
        signal?.removeEventListener('abort', giveUp)
        set.delete(finish)
        if (!set.size) waiting.delete(key)
        resolve(pair)
      }
      const giveUp = () => finish(null)
      const timer = timers.setTimeout(giveUp, withinMs)
      signal?.addEventListener('abort', giveUp, { once: true })
      set.add(finish)
      then?.()
    })
  }

  function hear(pair: TokenPair, replaced?: string): void {
    heard.set(pair.refresh, pair)
    if (replaced) successors.set(replaced, pair)
    for (const map of [heard, successors] as Map<string, TokenPair>[])
      while (map.size > 8) map.delete(map.keys().next().value as string)
    waiting.get(`pair:${pair.refresh}`)?.forEach((resolve) => resolve(pair))
    if (replaced) waiting.get(`next:${replaced}`)?.forEach((resolve) => resolve(pair))
  }

  function send(message: TabNews | { type: 'pair'; pair: TokenPair }): void {
    const m = { ...message, from: tabId } as TabMessage
    if ('pair' in m) m.pair = { ...m.pair, offsetMs: deps.offsetMs() }
    channel.post(m)
  }

  const off = channel.on((m) => {
    if (m.from === tabId) return
    if (m.type === 'ask') {
      const mine = hooks.current()
      const later = m.after === undefined || accessExp(mine?.access) > m.after
      if (mine?.refresh === m.refresh && later) send({ type: 'pair', pair: mine! })
    } else if (m.type === 'pair') hear(m.pair)
    else if (m.type === 'signedIn') {
      hear(m.pair)
      hooks.signedIn(m.pair)
    } else if (m.type === 'refreshed') {
      hear(m.pair, m.replaced)
      hooks.refreshed(m.pair, m.replaced)
    } else {
      heard.clear()
      successors.clear()
      hooks.signedOut(m.reason, m.refresh)
    }
  })

  return {
    publish: send,
    successorOf(refresh, signal, withinMs) {
      const known = successors.get(refresh)
      if (known) return Promise.resolve(known)
      return heardWithin(`next:${refresh}`, signal, undefined, withinMs)
    },
    pairFor(refresh, signal) {
      const known = heard.get(refresh)
      if (known) return Promise.resolve(known)
      const ask = () => channel.post({ type: 'ask', from: tabId, refresh })
      return heardWithin(`pair:${refresh}`, signal, ask)
    },
    laterPair(refresh, afterExp, signal, withinMs) {
      const known = heard.get(refresh)
      if (known && accessExp(known.access) > afterExp) return Promise.resolve(known)
      const ask = () => channel.post({ type: 'ask', from: tabId, refresh, after: afterExp })
      return heardWithin(`pair:${refresh}`, signal, ask, withinMs)
    },
    replaced: (refresh) => successors.has(refresh),
    close: () => {
      off()
      channel.close()
    },
  }
}

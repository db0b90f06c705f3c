/**
 * How a session starts and ends, here or because another tab did: ending clears the tokens once
 * (and tells the other tabs when it happened here); a pair heard from another tab is adopted as a
 * refresh of this session, or, for another user or a new login, as a new session (a new epoch,
 * so results of the old one are thrown away).
 */
import { createCrossTab, type CrossTab } from './crossTab'
import type { Emitter, SignOutReason } from './events'
import { readToken, redact } from './jwt'
import type { RefreshGate } from './refreshGate'
import type { Scheduler } from './scheduler'
import type { TabChannel } from './tabChannel'
import type { Timers } from './clock'
import type { TokenHolder } from './tokenHolder'
import type { TokenPair } from './tokenApi'
import type { TokenStorage } from './tokenStorage'

/** here: this tab ends it (and says so); remote: another tab did (and cleared storage); quiet: a sign-in follows. */
export type EndHow = 'here' | 'remote' | 'quiet'

export interface SessionSync {
  cross: CrossTab
  end(reason: SignOutReason, how?: EndHow): void
  adoptRemote(pair: TokenPair, login?: boolean): boolean
}

export const userOf = (token: string | null | undefined) =>
  String(readToken(token, 'refresh')?.user_id)

export function createSessionSync(d: {
  tokens: TokenHolder
  storage: TokenStorage
  gate: RefreshGate
  scheduler: Scheduler
  events: Emitter
  log: (message: string) => void
  channel: TabChannel
  tabId: string
  timers: Timers
  askMs: number
  offsetMs(): number
}): SessionSync {
  const { tokens, gate, scheduler, events } = d

  function end(reason: SignOutReason, how: EndHow = 'here'): void {
    const refresh = tokens.refresh
    const had = tokens.clear(how !== 'remote')
    gate.reset()
    scheduler.stop()
    if (!had) return
    const refused = reason !== 'user' && refresh ? { refresh } : {}
    if (how === 'here') cross.publish({ type: 'signedOut', reason, ...refused })
    events.emit({ type: 'signedOut', reason, ...(how === 'remote' && { remote: true }) })
  }

  function adoptRemote(pair: TokenPair, login = false): boolean {
    const claims = tokens.check(pair)
    if (!claims) return false
    const fresh =
      !login && tokens.refresh !== null && userOf(tokens.refresh) === String(claims.user_id)
    if (!fresh) {
      tokens.clear(false)
      gate.reset()
    }
    tokens.take(pair, 'remote')
    scheduler.start()
    d.log(`${fresh ? 'refreshed' : 'signed in'} in another tab; access ${redact(pair.access)}`)
    events.emit({ type: fresh ? 'refreshed' : 'signedIn', claims, remote: true })
    return true
  }

  const cross = createCrossTab(d, {
    current: () =>
      tokens.access && tokens.refresh ? { access: tokens.access, refresh: tokens.refresh } : null,
    signedIn: (pair) => void (pair.refresh !== tokens.refresh && adoptRemote(pair, true)),
    // Only a tab that is signed in follows refreshes; a signed-out one waits for a sign-in.
    refreshed: (pair, replaced) =>
      void (
        tokens.refresh !== null &&
        tokens.refresh !== pair.refresh &&
        (tokens.refresh === replaced || d.storage.get() === pair.refresh) &&
        adoptRemote(pair)
      ),
    // A refusal of a token this tab has already moved past says nothing about its session.
    signedOut: (reason, refused) =>
      void ((!refused || refused === tokens.refresh) && end(reason, 'remote')),
  })

  return { cross, end, adoptRemote }
}

/**
 * One refresh, as the gate runs it: under the tenant's refresh lock (other tabs, when the tab-sync
 * plug-in is in), first catch up with what another tab did, then claim the refresh token and spend
 * it only if this tab still needs a new access token and no tab has spent it; the claim is settled
 * (spent, and into what) before the lock is let go. A definitive refusal is checked once more against the
 * other tabs before the session is ended.
 */
import { isAxiosError } from 'axios'
import type { BackendKnowledge } from './backend'
import { RefreshFailedError, SessionExpiredError } from './errors'
import type { SessionEvent, SignOutReason } from './events'
import { readToken, redact } from './jwt'
import type { TokenHolder } from './tokenHolder'
import type { RefreshAnswer, TokenApi } from './tokenApi'
import type { TabSync } from './tabSyncPort'

export interface ExchangeDeps {
  api: TokenApi
  tokens: TokenHolder
  backend: BackendKnowledge
  /** Blacklists a refresh token where the backend can (never waits, never throws). */
  revoke(token: string): void
  /** The tab-sync in use now (it may be loaded after the session starts). */
  sync(): TabSync
  end(reason: SignOutReason): void
  emit(event: SessionEvent): void
  log(message: string): void
}

const isDefinitive = (e: unknown) =>
  isAxiosError(e) && (e.response?.status === 400 || e.response?.status === 401)
const changed = (cause?: unknown) => new SessionExpiredError('The session changed.', { cause })

export function createExchange(d: ExchangeDeps): (signal: AbortSignal) => Promise<string> {
  const { tokens, log } = d

  /**
   * `signal` is the refresh's own (its timeout), not the lock's: a spend under way is finished
   * even if another tab takes the lock meanwhile, so its successor reaches the ledger.
   */
  async function spend(sync: TabSync, signal: AbortSignal, started: number): Promise<string> {
    const sent = tokens.refresh
    if (!sent || !tokens.spendable(sent)) {
      // Kept without rotation, a refresh token simply runs out one day: that is an expiry.
      d.end(sent && !readToken(sent, 'refresh') ? 'invalid-token' : 'expired')
      throw new SessionExpiredError('No usable refresh token: please sign in again.')
    }
    let answer: RefreshAnswer
    log(
      `refreshing with ${redact(sent)}; ${tokens.usable() ? 'access token still usable' : 'no usable access token'}`,
    )
    try {
      answer = await d.api.refresh(sent, { signal })
    } catch (cause) {
      // Answered, so not rotated: the claim is dropped. Unanswered (timeout, network), the server
      // may have rotated it: the claim stands until it goes stale, so no other tab spends it now.
      if (isAxiosError(cause) && cause.response) await sync.settle(sent, null)
      if (started !== tokens.epoch) throw changed(cause)
      if (!isDefinitive(cause))
        throw new RefreshFailedError('Could not renew the session.', true, { cause })
      const rescued = await sync.rescue(sent, signal)
      if (rescued) return rescued
      const error = new SessionExpiredError('Your session has ended: please sign in again.', {
        cause,
      })
      d.emit({ type: 'refreshFailed', error })
      d.end('expired')
      throw error
    }
    // Without ROTATE_REFRESH_TOKENS the answer is `{access}`: the token sent stays the session's.
    const given: unknown = answer?.refresh
    const rotated = typeof given === 'string' && given !== sent
    const pair = { access: answer?.access, refresh: rotated ? given : sent }
    // Before the lock is let go: the next holder must find `sent` spent and what it became.
    await sync.settle(sent, rotated ? given : null)
    if (started !== tokens.epoch) {
      log(`discarding a refresh result from an older session: ${redact(pair.access)}`)
      if (rotated) d.revoke(given)
      throw new SessionExpiredError('The session changed during the refresh.')
    }
    const fresh = tokens.take(pair, 'refresh', answer?.serverTimeMs)
    if (!fresh) {
      const why = tokens.refusal(pair) ?? 'unreadable'
      log(`refresh answer refused: ${why}`)
      d.end('invalid-token')
      throw new SessionExpiredError(`The server returned unusable tokens: ${why}.`)
    }
    d.backend.noteRotation(rotated)
    // A kept refresh token replaces nothing: the other tabs take the new access token alone.
    sync.publish({ type: 'refreshed', pair, ...(rotated && { replaced: sent }) })
    log(`refreshed; access ${redact(pair.access)}`)
    d.emit({ type: 'refreshed', claims: fresh })
    return pair.access
  }

  return async function exchange(signal) {
    const started = tokens.epoch
    const generation = tokens.generation
    const sync = d.sync()
    try {
      return await sync.locked(async (held) => {
        if (started !== tokens.epoch) throw changed()
        // A pair heard while waiting is already the newest: no need to ask for another.
        if (tokens.generation === generation) await sync.catchUp(held)
        if (started !== tokens.epoch) throw changed()
        // Another tab renewed the session while this one waited: nothing to spend.
        const ready = tokens.generation !== generation ? tokens.usable() : null
        if (ready) return ready
        // The last word before spending, from a medium every tab reads alike.
        const adopted = await sync.claim(held)
        if (started !== tokens.epoch) throw changed()
        // News that arrived while the ledger answered (a kept token is never `rotated` there).
        const heard = tokens.generation !== generation ? tokens.usable() : null
        return adopted ?? heard ?? spend(sync, signal, started)
      }, signal)
    } catch (e) {
      // Aborted while waiting for the lock because the session changed: say so, not "aborted".
      if (started !== tokens.epoch && !(e instanceof SessionExpiredError)) throw changed(e)
      throw e
    }
  }
}

/**
 * One rotation of the refresh token (or, on a backend that keeps it, one renewal of the access
 * token), as the gate runs it: under the tenant's refresh lock (other tabs, when the tab-sync
 * plug-in is in), first catch up with what another tab did, then claim the refresh token and spend
 * it only if this tab still needs a new access token and no tab has spent it; the claim is settled
 * (spent, and into what) before the lock is let go. A definitive refusal is checked once more against the
 * other tabs before the session is ended.
 */
import { isAxiosError } from 'axios'
import { RefreshFailedError, SessionExpiredError } from '../errors'
import type { BackendKnowledge } from './backend'
import type { SessionEvent, SignOutReason } from './events'
import type { TabSync } from './tabSeam'
import type { RefreshAnswer, TokenApi, TokenPair } from './tokenApi'
import { readToken, redact, type TokenClaims, type TokenHolder } from './tokens'

export interface RotationDeps {
  api: TokenApi
  tokens: TokenHolder
  backend: BackendKnowledge
  /** Blacklists a refresh token where the backend can (never waits, never throws). */
  revoke(token: string): void
  /** The tab-sync in use now (it may be loaded after the session starts). */
  sync(): TabSync
  /** The session's one way to take a pair (here: this tab's refresh); null when it is unusable. */
  adopt(pair: TokenPair, replaced: string | null, serverTimeMs?: number): TokenClaims | null
  end(reason: SignOutReason): void
  emit(event: SessionEvent): void
  log(message: string): void
}

const isDefinitive = (e: unknown) =>
  isAxiosError(e) && (e.response?.status === 400 || e.response?.status === 401)
const changed = (cause?: unknown) => new SessionExpiredError('The session changed.', { cause })
const retryable = (cause: unknown) =>
  new RefreshFailedError('Could not renew the session.', true, { cause })

/**
 * What a refresh answer means for the token that was sent. With ROTATE_REFRESH_TOKENS off the
 * answer is `{access}` (or repeats the token): the token sent stays the session's. Otherwise the
 * answer's refresh token replaces it, and `sent` must never be spent again.
 */
export function readRotation(
  sent: string,
  answer: { access?: unknown; refresh?: unknown } | null | undefined,
): { pair: { access: unknown; refresh: string }; rotated: string | null } {
  const given = answer?.refresh
  const rotated = typeof given === 'string' && given !== '' && given !== sent ? given : null
  return { pair: { access: answer?.access, refresh: rotated ?? sent }, rotated }
}

export function createRotation(d: RotationDeps): (signal: AbortSignal) => Promise<string> {
  const { tokens, log } = d
  /** The token whose last spend by this tab got no answer: the server may have rotated it. */
  let unanswered: string | null = null
  /** `sent` stays in doubt, here and for the other tabs: whoever spends it next verifies it. */
  const inDoubt = (sync: TabSync, sent: string) => {
    unanswered = sent
    return sync.unanswered(sent)
  }

  /** The refresh token is refused for good (or lost): another tab's pair, else the session ends. */
  async function refused(sync: TabSync, sent: string, signal: AbortSignal, cause?: unknown) {
    if (await sync.rescue(sent, signal)) return tokens.access!
    const error = new SessionExpiredError('Your session has ended: please sign in again.', {
      cause,
    })
    d.emit({ type: 'refreshFailed', error })
    d.end('expired')
    throw error
  }

  /**
   * `signal` is the refresh's own (its timeout), not the lock's: a spend under way is finished
   * even if another tab takes the lock meanwhile, so its successor reaches the ledger.
   */
  async function spend(
    sync: TabSync,
    signal: AbortSignal,
    started: number,
    verifyFirst: boolean,
  ): Promise<string> {
    const sent = tokens.refresh
    if (!sent || !tokens.spendable(sent)) {
      // Kept without rotation, a refresh token simply runs out one day: that is an expiry.
      d.end(sent && !readToken(sent, 'refresh') ? 'invalid-token' : 'expired')
      throw new SessionExpiredError('No usable refresh token: please sign in again.')
    }
    // Its last spend got no answer. A kept token may be spent again without harm; one the server
    // may have rotated is first verified (which spends nothing): refused, it is blacklisted, so
    // the lost answer rotated it, its successor is lost, and spending it would be a reuse.
    if (d.backend.rotates !== false && (verifyFirst || unanswered === sent)) {
      log(`the last spend of ${redact(sent)} got no answer; verifying it first`)
      const standing = await d.api.verify(sent, { signal }).catch(async (cause: unknown) => {
        // Still in doubt: the claim is let go as it was, unanswered, for whoever comes next.
        await inDoubt(sync, sent)
        throw retryable(cause)
      })
      if (started !== tokens.epoch) throw changed()
      if (standing === 'refused') {
        log(`${redact(sent)} was rotated by the spend whose answer was lost`)
        await inDoubt(sync, sent)
        return refused(sync, sent, signal)
      }
      if (standing === 'unknown') log('no verify endpoint: spending it unverified')
      unanswered = null
    }
    let answer: RefreshAnswer
    log(
      `refreshing with ${redact(sent)}; ${tokens.usable() ? 'access token still usable' : 'no usable access token'}`,
    )
    try {
      answer = await d.api.refresh(sent, { signal })
    } catch (cause) {
      // Refused or failed by the server itself, so not rotated: the claim is dropped. Unanswered
      // (timeout, network, a gateway's 5xx), the server may have rotated it: whoever spends it
      // next, this tab included, asks the server first.
      const status = isAxiosError(cause) ? (cause.response?.status ?? 0) : 0
      if ((status > 0 && status < 500) || d.backend.rotates === false) await sync.settle(sent, null)
      else await inDoubt(sync, sent)
      if (started !== tokens.epoch) throw changed(cause)
      if (!isDefinitive(cause)) throw retryable(cause)
      return refused(sync, sent, signal, cause)
    }
    const { pair, rotated } = readRotation(sent, answer)
    // Before the lock is let go: the next holder must find `sent` spent and what it became.
    await sync.settle(sent, rotated)
    if (started !== tokens.epoch) {
      log(`discarding a refresh result from an older session: ${redact(String(pair.access))}`)
      if (rotated) d.revoke(rotated)
      throw new SessionExpiredError('The session changed during the refresh.')
    }
    const usable = { access: pair.access as string, refresh: pair.refresh }
    if (!d.adopt(usable, rotated && sent, answer?.serverTimeMs)) {
      const why = tokens.refusal(usable) ?? 'unreadable'
      log(`refresh answer refused: ${why}`)
      d.end('invalid-token')
      throw new SessionExpiredError(`The server returned unusable tokens: ${why}.`)
    }
    d.backend.noteRotation(rotated !== null)
    return usable.access
  }

  return async function rotate(signal) {
    const started = tokens.epoch
    const generation = tokens.generation
    const sync = d.sync()
    try {
      return await sync.locked(async (held) => {
        if (started !== tokens.epoch) throw changed()
        // A pair heard while waiting is already the newest: no need to ask for another. Catching
        // up may also find another tab's newer token in storage without its pair: spend that one.
        const newer = tokens.generation === generation ? await sync.catchUp(held) : null
        if (started !== tokens.epoch) throw changed()
        if (newer) tokens.holdRefresh(newer)
        // Another tab renewed the session while this one waited: nothing to spend.
        const ready = tokens.generation !== generation ? tokens.usable() : null
        if (ready) return ready
        // The last word before spending, from a medium every tab reads alike.
        // (No refresh token at all: nothing to claim, and `spend` ends the session.)
        const claim = tokens.refresh ? await sync.claim(tokens.refresh, held) : null
        if (started !== tokens.epoch) throw changed()
        if (claim?.kind === 'ended') {
          d.end('expired')
          throw new SessionExpiredError('Your session has ended: please sign in again.')
        }
        if (claim?.kind === 'adopted') return tokens.access!
        // News that arrived while the ledger answered (a kept token is never `rotated` there).
        const heard = tokens.generation !== generation ? tokens.usable() : null
        if (heard) return heard
        if (claim && claim.token !== tokens.refresh) tokens.holdRefresh(claim.token)
        return spend(sync, signal, started, claim?.kind === 'spend' && !!claim.verifyFirst)
      }, signal)
    } catch (e) {
      // Aborted while waiting for the lock because the session changed: say so, not "aborted".
      if (started !== tokens.epoch && !(e instanceof SessionExpiredError)) throw changed(e)
      throw e
    }
  }
}

/**
 * One refresh, as the gate runs it: under the tenant's cross-tab lock, first catch up with what
 * another tab did (a rotated token in storage means its pair is adopted, not the old token spent),
 * then spend the refresh token only if this tab still needs a new access token. A definitive
 * refusal is checked once more against the other tabs before the session is ended.
 */
import { isAxiosError } from 'axios'
import type { CrossTab } from './crossTab'
import { RefreshFailedError, SessionExpiredError } from './errors'
import type { SessionEvent, SignOutReason } from './events'
import { redact } from './jwt'
import { userOf } from './sessionSync'
import type { TabLocks } from './tabLocks'
import type { TokenHolder } from './tokenHolder'
import type { TokenApi, TokenPair } from './tokenApi'
import type { TokenStorage } from './tokenStorage'

export interface ExchangeDeps {
  api: TokenApi
  storage: TokenStorage
  tokens: TokenHolder
  locks: TabLocks
  cross: CrossTab
  lockName: string
  /** The bounded wait for the lock, drawn anew per refresh (jittered). */
  lockWaitMs(): number
  /** Takes a pair another tab obtained; false if it is unusable. */
  adoptRemote(pair: TokenPair): boolean
  end(reason: SignOutReason): void
  emit(event: SessionEvent): void
  log(message: string): void
}

const isDefinitive = (e: unknown) =>
  isAxiosError(e) && (e.response?.status === 400 || e.response?.status === 401)
const changed = (cause?: unknown) => new SessionExpiredError('The session changed.', { cause })

export function createExchange(d: ExchangeDeps): (signal: AbortSignal) => Promise<string> {
  const { tokens, storage, cross, log } = d

  /** The pair behind a refresh token another tab stored (and no longer the one we know), if any. */
  async function storedByOthers(known: string | null, signal: AbortSignal) {
    const stored = storage.get()
    if (!stored || stored === known || !tokens.spendable(stored)) return null
    return { stored, pair: await cross.pairFor(stored, signal) }
  }

  async function catchUp(signal: AbortSignal): Promise<void> {
    const found = await storedByOthers(tokens.refresh, signal)
    if (!found) return
    if (found.pair && d.adoptRemote(found.pair)) {
      log(`another tab rotated the refresh token; adopted ${redact(found.pair.access)}`)
    } else if (userOf(found.stored) === userOf(tokens.refresh)) {
      // The tab that rotated it is gone: spend the newest token rather than our spent one.
      log(`no tab holds the pair of ${redact(found.stored)}; refreshing with it`)
      tokens.holdRefresh(found.stored)
    }
  }

  async function rescue(sent: string, signal: AbortSignal): Promise<string | null> {
    const next =
      (await storedByOthers(sent, signal))?.pair ?? (await cross.successorOf(sent, signal))
    if (!next || !d.adoptRemote(next)) return null
    log(`${redact(sent)} was spent by another tab; adopted its pair`)
    return tokens.access
  }

  async function spend(signal: AbortSignal, started: number): Promise<string> {
    const sent = tokens.refresh
    if (!sent || !tokens.spendable(sent)) {
      d.end(sent ? 'invalid-token' : 'expired')
      throw new SessionExpiredError('No usable refresh token: please sign in again.')
    }
    let pair: TokenPair
    try {
      pair = await d.api.refresh(sent, { signal })
    } catch (cause) {
      if (started !== tokens.epoch) throw changed(cause)
      if (!isDefinitive(cause))
        throw new RefreshFailedError('Could not renew the session.', true, { cause })
      const rescued = await rescue(sent, signal)
      if (rescued) return rescued
      const error = new SessionExpiredError('Your session has ended: please sign in again.', {
        cause,
      })
      d.emit({ type: 'refreshFailed', error })
      d.end('expired')
      throw error
    }
    if (started !== tokens.epoch) {
      log(`discarding a refresh result from an older session: ${redact(pair?.access)}`)
      d.api.blacklist(pair?.refresh ?? '').catch(() => {})
      throw new SessionExpiredError('The session changed during the refresh.')
    }
    const fresh = tokens.take(pair, 'refresh')
    if (!fresh) {
      d.end('invalid-token')
      throw new SessionExpiredError('The server returned unusable tokens.')
    }
    d.cross.publish({ type: 'refreshed', pair, replaced: sent })
    log(`refreshed; access ${redact(pair.access)}`)
    d.emit({ type: 'refreshed', claims: fresh })
    return pair.access
  }

  return async function exchange(signal) {
    const started = tokens.epoch
    const generation = tokens.generation
    try {
      return await d.locks.withLock(
        d.lockName,
        { waitMs: d.lockWaitMs(), signal },
        async (held) => {
          if (started !== tokens.epoch) throw changed()
          await catchUp(held)
          if (started !== tokens.epoch) throw changed()
          // Another tab renewed the session while this one waited: nothing to spend.
          const ready = tokens.generation !== generation ? tokens.usable() : null
          return ready ?? spend(held, started)
        },
      )
    } catch (e) {
      // Aborted while waiting for the lock because the session changed: say so, not "aborted".
      if (started !== tokens.epoch && !(e instanceof SessionExpiredError)) throw changed(e)
      throw e
    }
  }
}

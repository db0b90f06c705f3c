/**
 * The session and its refresh coordinator: one per tab (and tenant), shared by every trigger (boot,
 * the proactive timer, tab visible/online, the 401 interceptor, route guards) and every axios
 * instance. Across tabs: refreshes run under the lock `auth:<tenant>:refresh`, and sign-in,
 * refresh and sign-out are published on the channel `auth:<tenant>`, where the other tabs follow.
 */
import { DEFAULT_BACKOFF } from './backoff'
import { systemClock, systemTimers } from './clock'
import { headlessEnvironment } from './environment'
import { isRefreshFailed, SessionExpiredError } from './errors'
import { createEmitter } from './events'
import { createExchange } from './exchange'
import { createExpiryModel } from './expiry'
import { redact } from './jwt'
import { createRefreshGate } from './refreshGate'
import { createScheduler } from './scheduler'
import { createSessionSync, userOf } from './sessionSync'
import type { Session, SessionDeps } from './sessionTypes'
import { newTabId, noChannel } from './tabChannel'
import { noLocks } from './tabLocks'
import { createTokenHolder } from './tokenHolder'

export type { SessionEvent, SignOutReason } from './events'
export type { Session, SessionDeps } from './sessionTypes'

export function createSession(deps: SessionDeps): Session {
  const { tenant, api, storage } = deps
  const clock = deps.clock ?? systemClock
  const timers = deps.timers ?? systemTimers
  const timeoutMs = deps.refreshTimeoutMs ?? 10_000
  const log = deps.log ?? (() => {})
  const backoff = { ...DEFAULT_BACKOFF, ...deps.backoff }
  const locks = deps.locks ?? noLocks
  const lockName = `auth:${tenant}:refresh`
  // Long enough not to steal from a slow but live refresh (stealing spends its token a second
  // time), short enough that even with jitter the steal lands inside this tab's own refresh
  // timeout, which covers the wait: 60% of it, plus up to half again.
  const lockWaitMs = () => (deps.lockWaitMs ?? timeoutMs * 0.6) * (1 + backoff.random() / 2)
  const events = createEmitter(log)
  const expiry = createExpiryModel(clock, deps.marginMs)
  const tokens = createTokenHolder({ tenant, storage, expiry, clock, state: deps.state, log })

  const gate = createRefreshGate({
    clock,
    timers,
    timeoutMs,
    backoff,
    onFailure(error) {
      if (isRefreshFailed(error)) {
        log(`refresh failed (${error.message}); retry in ${error.retryAfterMs} ms`)
        events.emit({ type: 'refreshFailed', error })
        scheduler.reschedule()
      }
    },
  })
  const scheduler = createScheduler({
    timers,
    environment: deps.environment ?? headlessEnvironment,
    checkEveryMs: deps.checkEveryMs ?? 5_000,
    dueInMs: () => (!tokens.refresh ? null : tokens.claims ? expiry.dueInMs(tokens.claims) : 0),
    retryInMs: gate.retryInMs,
    busy: () => gate.inFlight,
    refresh: () => session.refresh(),
    onOnline: gate.retryNow,
  })

  const { cross, end, adoptRemote } = createSessionSync({
    tokens,
    storage,
    gate,
    scheduler,
    events,
    log,
    channel: deps.channel ?? noChannel,
    tabId: deps.tabId ?? newTabId(),
    timers,
    askMs: deps.askMs ?? 500,
    offsetMs: () => expiry.offsetMs,
  })

  const exchange = createExchange({
    api,
    storage,
    tokens,
    locks,
    cross,
    lockName,
    lockWaitMs,
    adoptRemote: (pair) => adoptRemote(pair),
    end: (reason) => end(reason),
    emit: events.emit,
    log,
  })

  /** Holds the cross-tab lock for a short write (sign-in, sign-out), so no refresh lands across it. */
  const locked = <T>(fn: () => T) =>
    locks.withLock(lockName, { waitMs: lockWaitMs() }, async () => fn())

  const session: Session = {
    tenant,
    get accessToken() {
      return tokens.access
    },
    get claims() {
      return tokens.claims
    },
    get signedIn() {
      return tokens.refresh !== null
    },
    get epoch() {
      return tokens.epoch
    },
    get generation() {
      return tokens.generation
    },
    get refreshing() {
      return gate.inFlight
    },
    get clockOffsetMs() {
      return expiry.offsetMs
    },
    async signIn(email, password) {
      const pair = await api.obtain(email, password)
      const fresh = await locked(() => (end('user', 'quiet'), tokens.take(pair, 'login')))
      if (!fresh) throw new SessionExpiredError('The server returned unusable tokens.')
      scheduler.start()
      cross.publish({ type: 'signedIn', pair, user: { id: fresh.user_id, email: fresh.email } })
      log(`signed in; access ${redact(pair.access)}`)
      events.emit({ type: 'signedIn', claims: fresh })
    },
    async restore() {
      if (tokens.usable()) return true
      if (!tokens.refresh) return false
      scheduler.start()
      try {
        await session.refresh()
        return true
      } catch (e) {
        if (isRefreshFailed(e)) throw e
        return false
      }
    },
    refresh: () => gate.run(exchange),
    usableToken: () => tokens.usable(),
    async validAccessToken() {
      const now = tokens.usable()
      if (now || !tokens.refresh) return now ?? tokens.access
      try {
        return await session.refresh()
      } catch (e) {
        // Still valid for a moment: better to send it than to fail the request outright.
        const claims = tokens.claims
        if (isRefreshFailed(e) && tokens.access && claims && expiry.msLeft(claims) > 0)
          return tokens.access
        throw e
      }
    },
    async signOut(reason = 'user') {
      const refresh = tokens.refresh
      end(reason)
      if (!refresh || reason !== 'user') return
      // A refresh another tab finished before it heard of this sign-out stored a newer token of
      // this user: clear it and revoke it too.
      const late = await locked(() => {
        const stored = storage.get()
        if (!stored || stored === refresh || userOf(stored) !== userOf(refresh)) return null
        storage.clear()
        return stored
      }).catch(() => null)
      for (const token of late ? [refresh, late] : [refresh]) {
        await api
          .blacklist(token, { timeoutMs })
          .catch((e: unknown) => log(`blacklist call failed: ${String(e)}`))
      }
    },
    on: events.on,
    useState: (port) => tokens.useState(port),
    dispose: () => {
      scheduler.stop()
      cross.close()
    },
  }
  return session
}

/**
 * The session and its refresh coordinator: one per tab (and tenant), shared by every trigger (boot,
 * the proactive timer, tab visible/online, the 401 interceptor, route guards) and every axios
 * instance. Other tabs are the tab-sync plug-in's business (`tabSyncPort.ts`): without it, the
 * session is alone.
 */
import { createBackendKnowledge } from './backend'
import { DEFAULT_BACKOFF } from './backoff'
import { systemClock, systemTimers, withTimeout } from './clock'
import { headlessEnvironment } from './environment'
import { isRefreshFailed, RefreshFailedError, SessionExpiredError } from './errors'
import type { SignOutReason } from './events'
import { createEmitter } from './events'
import { createExchange } from './exchange'
import { createExpiryModel } from './expiry'
import { redact, userOf } from './jwt'
import { createRefreshGate } from './refreshGate'
import { createScheduler } from './scheduler'
import type { Session, SessionDeps } from './sessionTypes'
import { singleTab, type EndHow, type SyncContext, type TabNews, type TabSync } from './tabSyncPort'
import { createTokenHolder } from './tokenHolder'

export type { SessionEvent, SignOutReason } from './events'
export type { Session, SessionDeps } from './sessionTypes'

/** A sign-out as the other tabs hear it: a refused token is named, so tabs past it stay signed in. */
const signedOutNews = (reason: SignOutReason, refresh: string | null): TabNews => ({
  type: 'signedOut',
  reason,
  ...(reason !== 'user' && refresh && { refresh }),
})

export function createSession(deps: SessionDeps): Session {
  const { tenant, api, storage } = deps
  const clock = deps.clock ?? systemClock
  const timers = deps.timers ?? systemTimers
  const timeoutMs = deps.refreshTimeoutMs ?? 10_000
  const log = deps.log ?? (() => {})
  const backoff = { ...DEFAULT_BACKOFF, ...deps.backoff }
  const events = createEmitter(log)
  const expiry = createExpiryModel(clock, deps.marginMs)
  const backend = deps.backend ?? createBackendKnowledge({}, log)
  const tokens = createTokenHolder({
    tenant,
    storage,
    accessStorage: deps.accessStorage ?? null,
    expiry,
    clock,
    backend,
    state: deps.state,
    log,
  })
  /** Blacklists a refresh token, unless the backend has been seen to have no blacklist endpoint. */
  async function revoke(token: string): Promise<void> {
    if (backend.blacklist === false) return
    try {
      if (!(await api.blacklist(token, { timeoutMs }))) backend.noteNoBlacklist()
    } catch (e) {
      log(`blacklist call failed: ${String(e)}`)
    }
  }

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

  /** Ends the session once: clears the tokens, stops the timers, tells the tabs and listeners. */
  function end(reason: SignOutReason, how: EndHow = 'here'): void {
    const refresh = tokens.refresh
    const had = tokens.clear(how !== 'remote')
    gate.reset()
    scheduler.stop()
    if (!had) return
    if (how === 'here') sync.publish(signedOutNews(reason, refresh))
    events.emit({ type: 'signedOut', reason, ...(how === 'remote' && { remote: true }) })
  }

  const context: SyncContext = {
    tenant,
    tokens,
    storage,
    gate,
    scheduler,
    events,
    timers,
    log,
    timeoutMs,
    random: backoff.random,
    now: () => clock.now(),
    offsetMs: () => expiry.offsetMs,
    rotates: () => backend.rotates,
    end,
  }
  let sync: TabSync = deps.tabs?.(context) ?? singleTab
  let loading: Promise<void> | null = null
  let disposed = false
  /**
   * Resolves once the tab-sync plug-in is in (at once without one to load). Rejects, retryably,
   * when the load fails or outlasts the refresh timeout; the next call tries again.
   */
  function tabsReady(): Promise<void> {
    if (!deps.loadTabs || sync !== singleTab) return Promise.resolve()
    if (disposed) return Promise.reject(new RefreshFailedError('This session was closed.', false))
    loading ??= withTimeout(
      deps.loadTabs().then((plugin) => {
        if (sync === singleTab && !disposed) sync = plugin(context)
      }),
      timeoutMs,
      timers,
      () => new Error('no answer'),
    ).catch((cause: unknown) => {
      loading = null
      log(`could not load the tab sync: ${String(cause)}`)
      // Browsers may remember a failed module fetch until the page reloads.
      throw new RefreshFailedError(
        'Could not load part of the app: reload the page to try again.',
        true,
        { cause },
      )
    })
    return loading
  }
  tabsReady().catch(() => {})

  const exchange = createExchange({
    api,
    tokens,
    backend,
    revoke: (token) => void revoke(token),
    sync: () => sync,
    end,
    emit: events.emit,
    log,
  })
  /**
   * The access token as it stands; but once it is due for renewal and the renewal is under way,
   * requests wait for the new one rather than race the old one to the server (it has little left).
   */
  const current = () => {
    const claims = tokens.claims
    return gate.inFlight && claims && expiry.dueInMs(claims) <= 0 ? null : tokens.usable()
  }
  /** Holds the refresh lock for a short write (sign-in, sign-out), so no refresh lands across it. */
  const locked = <T>(fn: () => T) => sync.locked(async () => fn())

  const session: Session = {
    tenant,
    backend,
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
      await tabsReady()
      const answer = await api.obtain(email, password)
      const pair = { access: answer?.access, refresh: answer?.refresh }
      const why = tokens.refusal(pair)
      if (why) {
        log(`sign-in answer refused: ${why}`)
        throw new SessionExpiredError(`The server returned unusable tokens: ${why}.`)
      }
      const fresh = await locked(
        () => (end('user', 'quiet'), tokens.take(pair, 'login', answer.serverTimeMs)),
      )
      if (!fresh) throw new SessionExpiredError('The server returned unusable tokens.')
      scheduler.start()
      sync.publish({ type: 'signedIn', pair, user: { id: fresh.user_id, email: fresh.email } })
      log(`signed in; access ${redact(pair.access)}`)
      events.emit({ type: 'signedIn', claims: fresh })
    },
    async restore() {
      if (!tokens.refresh) return false
      scheduler.start()
      // Kept across the reload in this tab's sessionStorage, and still good: nothing to renew.
      if (tokens.usable()) return true
      try {
        await session.refresh()
        return true
      } catch (e) {
        if (isRefreshFailed(e)) throw e
        return false
      }
    },
    refresh: () =>
      gate.run(async (signal) => {
        const started = tokens.epoch
        await tabsReady()
        if (started !== tokens.epoch) throw new SessionExpiredError('The session changed.')
        return exchange(signal)
      }),
    usableToken: current,
    async validAccessToken() {
      const now = current()
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
      const stored = storage.get()
      const alone = sync === singleTab
      end(reason) // at once: this tab is signed out, whatever the plug-in does
      if (!refresh) return
      const joined = await tabsReady().then(
        () => sync !== singleTab,
        () => false,
      )
      // Ended while the plug-in was still loading: the other tabs hear of it now.
      if (alone && joined) sync.publish(signedOutNews(reason, refresh))
      if (reason !== 'user') return
      // Newer tokens of this user another tab stored, before this sign-out or (seen under the
      // lock) while it finished a refresh, are revoked too.
      const newer = stored && stored !== refresh && userOf(stored) === userOf(refresh) && stored
      const late = joined ? await locked(() => sync.leftover(refresh)).catch(() => null) : null
      for (const token of new Set([refresh, newer, late])) if (token) await revoke(token)
    },
    on: events.on,
    useState: (port) => tokens.useState(port),
    dispose: () => {
      disposed = true
      scheduler.stop()
      sync.close()
    },
  }
  return session
}

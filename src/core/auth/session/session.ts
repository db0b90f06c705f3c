/**
 * The session and its refresh coordinator: one per tab (and tenant), shared by every trigger (boot,
 * the proactive timer, tab visible/online, the 401 interceptor, route guards) and every axios
 * instance. Other tabs are the tab plug-in's business, behind `tabSeam.ts`: without it, the
 * session is alone.
 */
import { systemClock, systemTimers, withTimeout } from '../clock'
import { headlessEnvironment } from '../environment'
import { isRefreshFailed, RefreshFailedError, SessionExpiredError } from '../errors'
import { createBackendKnowledge } from './backend'
import { DEFAULT_BACKOFF } from './backoff'
import type { SignOutReason } from './events'
import { createEmitter } from './events'
import { createExpiryModel } from './expiry'
import { createRefreshGate } from './refreshGate'
import { createRotation } from './rotation'
import { createScheduler } from './scheduler'
import { singleTab, type TabHost, type TabNews, type TabSync } from './tabSeam'
import { createTokenHolder, redact, userOf, type SharedPair, type TokenClaims } from './tokens'
import type { Session, SessionDeps } from './types'

export type { SessionEvent, SignOutReason } from './events'
export type { Session, SessionDeps } from './types'

/** here: this tab ends it (and says so); remote: another tab did (and cleared storage); quiet: a sign-in follows. */
type EndHow = 'here' | 'remote' | 'quiet'

/**
 * Where a pair comes from: this tab's sign-in or refresh, or another tab's news (a sign-in there
 * always starts a new session here; a refresh renews this one if it is the same user's).
 */
export type AdoptSource = 'login' | 'refresh' | 'tab-login' | 'tab-refresh'

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

  /**
   * The one path by which a pair becomes the session's: sign-in, this tab's refresh, and pairs
   * heard from other tabs. A pair that is not a renewal of this user's session starts a new one (a
   * new epoch: results of the old one are discarded). Null when the pair is unusable (nothing
   * changes).
   */
  function adopt(
    pair: SharedPair,
    source: AdoptSource,
    answer: { serverTimeMs?: number; replaced?: string | null } = {},
  ): TokenClaims | null {
    const claims = tokens.check(pair)
    if (!claims) return null
    const remote = source === 'tab-login' || source === 'tab-refresh'
    const renewal =
      source === 'refresh' ||
      (source === 'tab-refresh' &&
        tokens.refresh !== null &&
        userOf(tokens.refresh) === String(claims.user_id))
    if (source === 'login') end('user', 'quiet')
    else if (!renewal) {
      tokens.clear(false)
      gate.reset()
    }
    tokens.take(pair, remote ? 'remote' : source, answer.serverTimeMs)
    scheduler.start()
    if (source === 'login')
      sync.publish({ type: 'signedIn', pair, user: { id: claims.user_id, email: claims.email } })
    // A kept refresh token replaces nothing: the other tabs take the new access token alone.
    if (source === 'refresh')
      sync.publish({
        type: 'refreshed',
        pair,
        ...(answer.replaced && { replaced: answer.replaced }),
      })
    const what = renewal ? 'refreshed' : 'signed in'
    log(`${what}${remote ? ' in another tab' : ''}; access ${redact(pair.access)}`)
    events.emit({
      type: renewal ? 'refreshed' : 'signedIn',
      claims,
      ...(remote && { remote: true }),
    })
    return claims
  }

  /** What the tab plug-in may see and do: read the pair, hand over news; nothing else. */
  const host: TabHost = {
    tenant,
    storage,
    timers,
    log,
    timeoutMs,
    random: backoff.random,
    now: () => clock.now(),
    offsetMs: () => expiry.offsetMs,
    rotates: () => backend.rotates,
    current: () => ({
      access: tokens.access,
      refresh: tokens.refresh,
      accessExp: tokens.claims?.exp ?? 0,
      usable: tokens.usable() !== null,
    }),
    spendable: (token) => tokens.spendable(token),
    pairHeard: (pair, as) => adopt(pair, as === 'signedIn' ? 'tab-login' : 'tab-refresh') !== null,
    signOutHeard: (reason) => end(reason, 'remote'),
  }
  let sync: TabSync = deps.tabs?.(host) ?? singleTab
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
        if (sync === singleTab && !disposed) sync = plugin(host)
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

  const rotate = createRotation({
    api,
    tokens,
    backend,
    revoke: (token) => void revoke(token),
    sync: () => sync,
    adopt: (pair, replaced, serverTimeMs) => adopt(pair, 'refresh', { replaced, serverTimeMs }),
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
      const fresh = await locked(() =>
        adopt(pair as SharedPair, 'login', { serverTimeMs: answer.serverTimeMs }),
      )
      if (!fresh) throw new SessionExpiredError('The server returned unusable tokens.')
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
        return rotate(signal)
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
    dispose: () => {
      disposed = true
      scheduler.stop()
      sync.close()
    },
  }
  return session
}

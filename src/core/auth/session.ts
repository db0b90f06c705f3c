/**
 * The session and its refresh coordinator: one per tab (and tenant), shared by every trigger (boot,
 * the proactive timer, tab visible/online, the 401 interceptor, route guards) and every axios
 * instance. Tokens live in a SessionStatePort; the refresh token also in a TokenStorage.
 */
import { isAxiosError } from 'axios'
import { DEFAULT_BACKOFF } from './backoff'
import { systemClock, systemTimers } from './clock'
import { headlessEnvironment } from './environment'
import { isRefreshFailed, RefreshFailedError, SessionExpiredError } from './errors'
import { createEmitter, type SignOutReason } from './events'
import { createExpiryModel } from './expiry'
import { belongsTo, readToken, redact, type TokenClaims } from './jwt'
import { createRefreshGate } from './refreshGate'
import { createScheduler } from './scheduler'
import { loadStoredRefresh, memoryState, NO_TOKENS } from './sessionState'
import type { Session, SessionDeps } from './sessionTypes'
import type { TokenPair } from './tokenApi'

export type { SessionEvent, SignOutReason } from './events'
export type { Session, SessionDeps } from './sessionTypes'

/** A request leaving with less than this left would arrive expired: refresh first. */
const SEND_MARGIN_MS = 1_000

const isDefinitive = (e: unknown) =>
  isAxiosError(e) && (e.response?.status === 400 || e.response?.status === 401)

export function createSession(deps: SessionDeps): Session {
  const { tenant, api, storage } = deps
  const clock = deps.clock ?? systemClock
  const timers = deps.timers ?? systemTimers
  const timeoutMs = deps.refreshTimeoutMs ?? 10_000
  const log = deps.log ?? (() => {})
  const events = createEmitter(log)
  const expiry = createExpiryModel(clock, deps.marginMs)
  let state = deps.state ?? memoryState()
  let claims: TokenClaims | null = null
  let epoch = 0
  let generation = 0

  const gate = createRefreshGate({
    clock,
    timers,
    timeoutMs,
    backoff: { ...DEFAULT_BACKOFF, ...deps.backoff },
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
    dueInMs: () => (!state.read().refresh ? null : claims ? expiry.dueInMs(claims) : 0),
    retryInMs: gate.retryInMs,
    busy: () => gate.inFlight,
    refresh: () => session.refresh(),
    onOnline: gate.retryNow,
  })

  /** Takes a pair only if both tokens are well formed and bound to this tenant. */
  function adopt(pair: TokenPair, from: 'login' | 'refresh'): TokenClaims | null {
    const a = readToken(pair?.access, 'access')
    const r = readToken(pair?.refresh, 'refresh')
    if (!a || !r || !belongsTo(a, tenant) || !belongsTo(r, tenant)) return null
    // A refreshed access token keeps the login iat (simplejwt 5.2.2): only fresh iats set the clock.
    expiry.syncFromIat(from === 'login' ? (a.iat ?? r.iat) : r.iat)
    expiry.noteArrival(a)
    state.write({ access: pair.access, refresh: pair.refresh })
    storage.set(pair.refresh)
    claims = a
    generation += 1
    scheduler.start()
    return a
  }

  /** Clears everything once; emits signedOut only if there was something to clear. */
  function end(reason: SignOutReason): void {
    const t = state.read()
    const had = t.access !== null || t.refresh !== null || storage.get() !== null
    state.write(NO_TOKENS)
    storage.clear()
    claims = null
    epoch += 1
    gate.reset()
    scheduler.stop()
    if (had) events.emit({ type: 'signedOut', reason })
  }

  async function exchange(signal: AbortSignal): Promise<string> {
    const started = epoch
    const stored = state.read().refresh
    const rc = readToken(stored, 'refresh')
    if (!stored || !rc || !belongsTo(rc, tenant) || rc.exp * 1000 <= expiry.serverNow()) {
      end(stored ? 'invalid-token' : 'expired')
      throw new SessionExpiredError('No usable refresh token: please sign in again.')
    }
    let pair: TokenPair
    try {
      pair = await api.refresh(stored, { signal })
    } catch (cause) {
      if (started !== epoch) throw new SessionExpiredError('The session changed.', { cause })
      if (!isDefinitive(cause))
        throw new RefreshFailedError('Could not renew the session.', true, { cause })
      const error = new SessionExpiredError('Your session has ended: please sign in again.', {
        cause,
      })
      events.emit({ type: 'refreshFailed', error })
      end('expired')
      throw error
    }
    if (started !== epoch) {
      log(`discarding a refresh result from an older session: ${redact(pair?.access)}`)
      api.blacklist(pair?.refresh ?? '').catch(() => {})
      throw new SessionExpiredError('The session changed during the refresh.')
    }
    const fresh = adopt(pair, 'refresh')
    if (!fresh) {
      end('invalid-token')
      throw new SessionExpiredError('The server returned unusable tokens.')
    }
    log(`refreshed; access ${redact(pair.access)}`)
    events.emit({ type: 'refreshed', claims: fresh })
    return pair.access
  }

  const usable = () => {
    const access = state.read().access
    return access && claims && expiry.msLeft(claims) > SEND_MARGIN_MS ? access : null
  }

  // A stored refresh token that is malformed, foreign or expired is dropped before anyone sees it.
  const stored = loadStoredRefresh(storage, tenant, clock.now(), log)
  if (stored.kind === 'usable') state.write({ access: null, refresh: stored.token })

  const session: Session = {
    tenant,
    get accessToken() {
      return state.read().access
    },
    get claims() {
      return claims
    },
    get signedIn() {
      return state.read().refresh !== null
    },
    get epoch() {
      return epoch
    },
    get generation() {
      return generation
    },
    get refreshing() {
      return gate.inFlight
    },
    get clockOffsetMs() {
      return expiry.offsetMs
    },
    async signIn(email, password) {
      const pair = await api.obtain(email, password)
      end('user')
      const fresh = adopt(pair, 'login')
      if (!fresh) throw new SessionExpiredError('The server returned unusable tokens.')
      log(`signed in; access ${redact(pair.access)}`)
      events.emit({ type: 'signedIn', claims: fresh })
    },
    async restore() {
      if (usable()) return true
      if (!state.read().refresh) return false
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
    usableToken: usable,
    async validAccessToken() {
      const now = usable()
      if (now || !state.read().refresh) return now ?? state.read().access
      try {
        return await session.refresh()
      } catch (e) {
        // Still valid for a moment: better to send it than to fail the request outright.
        const access = state.read().access
        if (isRefreshFailed(e) && access && claims && expiry.msLeft(claims) > 0) return access
        throw e
      }
    },
    async signOut(reason = 'user') {
      const refresh = state.read().refresh
      end(reason)
      if (!refresh || reason !== 'user') return
      await api
        .blacklist(refresh, { timeoutMs })
        .catch((e: unknown) => log(`blacklist call failed: ${String(e)}`))
    },
    on: events.on,
    useState(port) {
      port.write(state.read())
      state = port
    },
    dispose: () => scheduler.stop(),
  }
  return session
}

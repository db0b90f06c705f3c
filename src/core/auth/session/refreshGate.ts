/**
 * One refresh in flight at a time. Callers join the flight under way; each flight is bounded by a
 * timeout (and aborted when it fires); after a transient failure, new flights wait out a capped,
 * jittered backoff instead of hammering the server, and callers hear so at once.
 */
import { backoffDelay, type BackoffPolicy } from './backoff'
import { withTimeout, type Clock, type Timers } from '../clock'
import { isRefreshFailed, RefreshFailedError } from '../errors'

export interface RefreshGateDeps {
  clock: Clock
  timers: Timers
  timeoutMs: number
  backoff: BackoffPolicy
  /** Called once per failed flight (not per waiter). */
  onFailure?: (error: unknown) => void
}

export interface RefreshGate {
  /** Joins the flight under way, or starts `task` as the next one. */
  run(task: (signal: AbortSignal) => Promise<string>): Promise<string>
  readonly inFlight: boolean
  /** Milliseconds until a new flight may start (0: now). */
  retryInMs(): number
  /** Abort and forget the current flight, and the backoff: the session changed (sign-in, sign-out). */
  reset(): void
  /** Lift the backoff now (the device just came back online). */
  retryNow(): void
}

export function createRefreshGate(deps: RefreshGateDeps): RefreshGate {
  let flight: Promise<string> | null = null
  let controller: AbortController | null = null
  let failures = 0
  let retryAt = 0
  const retryInMs = () => Math.max(0, retryAt - deps.clock.now())

  function settle(mine: Promise<string>, error: unknown): never {
    if (flight === mine) {
      if (isRefreshFailed(error) && error.transient) {
        failures += 1
        const delay = backoffDelay(failures, deps.backoff)
        retryAt = deps.clock.now() + delay
        error = new RefreshFailedError(error.message, true, {
          cause: error.cause,
          retryAfterMs: delay,
        })
      }
      deps.onFailure?.(error)
    }
    throw error
  }

  return {
    run(task) {
      if (flight) return flight
      const wait = retryInMs()
      if (wait > 0) {
        return Promise.reject(
          new RefreshFailedError('The session could not be renewed; retrying shortly.', true, {
            retryAfterMs: wait,
          }),
        )
      }
      const ctl = new AbortController()
      controller = ctl
      const work = withTimeout(task(ctl.signal), deps.timeoutMs, deps.timers, () => {
        ctl.abort()
        return new RefreshFailedError(`The refresh timed out after ${deps.timeoutMs} ms.`, true)
      })
      const mine: Promise<string> = work.then(
        (token) => {
          if (flight === mine) {
            failures = 0
            retryAt = 0
          }
          return token
        },
        (error: unknown) => settle(mine, error),
      )
      flight = mine
      const clear = () => {
        if (flight === mine) flight = null
      }
      mine.then(clear, clear)
      return mine
    },
    get inFlight() {
      return flight !== null
    },
    retryInMs,
    reset() {
      // The session changed: the old flight's answer is useless, so stop waiting for it on the wire.
      controller?.abort()
      controller = null
      flight = null
      failures = 0
      retryAt = 0
    },
    retryNow() {
      retryAt = 0
    },
  }
}

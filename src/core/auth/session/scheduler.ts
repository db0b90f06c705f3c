/**
 * The proactive refresh: a short wall-clock check (every few seconds) plus a timer aimed at the due
 * moment. The check compares `exp` with the clock each time, so a laptop waking from sleep refreshes
 * on its first tick instead of trusting a timer that slept too. Paused while the tab is hidden;
 * checked at once when it becomes visible or the device comes back online.
 */
import { MAX_DELAY_MS, type TimerHandle, type Timers } from '../clock'
import type { Environment } from '../environment'

export interface SchedulerDeps {
  timers: Timers
  environment: Environment
  /** How often the wall clock is checked. */
  checkEveryMs: number
  /** Milliseconds until a refresh is due (<= 0: now), or null when there is no session. */
  dueInMs(): number | null
  /** Milliseconds of backoff still to wait after a transient failure. */
  retryInMs(): number
  /** True while a refresh is under way (nothing to do then). */
  busy(): boolean
  refresh(): Promise<unknown>
  onOnline?(): void
}

export interface Scheduler {
  start(): void
  stop(): void
  /** Re-aims the timer after the token or the backoff changed. */
  reschedule(): void
}

export function createScheduler(d: SchedulerDeps): Scheduler {
  let running = false
  let interval: TimerHandle | null = null
  let aimed: TimerHandle | null = null
  let unsubscribe: Array<() => void> = []

  function disarm(): void {
    if (aimed !== null) d.timers.clearTimeout(aimed)
    aimed = null
  }

  function arm(): void {
    disarm()
    const due = running ? d.dueInMs() : null
    if (due === null) return
    const wait = Math.min(Math.max(due, d.retryInMs(), 0), MAX_DELAY_MS)
    aimed = d.timers.setTimeout(check, wait)
  }

  function check(): void {
    if (!running || !d.environment.visible() || d.busy()) return
    const due = d.dueInMs()
    if (due === null) return disarm()
    if (due > 0 || d.retryInMs() > 0) return arm()
    disarm()
    d.refresh()
      .catch(() => {})
      .finally(arm)
  }

  return {
    start() {
      if (running) return arm()
      running = true
      interval = d.timers.setInterval(check, d.checkEveryMs)
      unsubscribe = [
        d.environment.on('visible', check),
        d.environment.on('online', () => {
          d.onOnline?.()
          check()
        }),
      ]
      arm()
    },
    stop() {
      running = false
      disarm()
      if (interval !== null) d.timers.clearInterval(interval)
      interval = null
      unsubscribe.forEach((off) => off())
      unsubscribe = []
    },
    reschedule: arm,
  }
}

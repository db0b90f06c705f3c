/**
 * One holder at a time across the tabs of a tenant: a port over the Web Locks API, so node tests
 * pass a fake lock manager. Every wait is bounded: a holder that keeps the lock past `waitMs`
 * (a hung or frozen tab; the browser itself frees the locks of a closed one) has it taken from
 * it. A task always releases the lock when it settles, throws, or is aborted.
 */

export interface LockOptions {
  /** Wait this long for the holder, then take the lock from it (steal). */
  waitMs: number
  /** Aborting stops the wait, or ends the task and frees the lock. */
  signal?: AbortSignal
}

export interface TabLocks {
  /**
   * Runs `task` while holding `name`. The task's signal aborts when `options.signal` does, or when
   * another tab took the lock from this one (it waited past its bound): stop spending then.
   * `waited`: another tab held the lock when this one asked for it (true when it cannot be told).
   */
  withLock<T>(
    name: string,
    options: LockOptions,
    task: (signal: AbortSignal, waited: boolean) => Promise<T>,
  ): Promise<T>
}

/** The part of `navigator.locks` used here. */
export interface WebLockManager {
  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>
  /** Who holds what (`clientId` names the holding tab); optional. */
  query?(): Promise<{ held?: Array<{ name?: string; clientId?: string }> }>
}

export const abortError = (why = 'The operation was aborted.') =>
  Object.assign(new Error(why), { name: 'AbortError' })

/** A controller that also aborts when `parent` does. */
export function childController(parent?: AbortSignal): AbortController {
  const ctl = new AbortController()
  if (parent?.aborted) ctl.abort()
  else parent?.addEventListener('abort', () => ctl.abort(), { once: true })
  return ctl
}

/** `work`, or a rejection as soon as `signal` aborts (so a task that ignores it still frees the lock). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError())
  return new Promise<T>((resolve, reject) => {
    signal.addEventListener('abort', () => reject(abortError()), { once: true })
    work.then(resolve, reject)
  })
}

/** No other tab shares the tokens (memory or session storage): run at once. */
export const noLocks: TabLocks = {
  withLock: (_name, options, task) => task(childController(options.signal).signal, false),
}

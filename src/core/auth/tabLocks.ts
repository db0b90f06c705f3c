/**
 * One holder at a time across the tabs of a tenant: a port over the Web Locks API, so node tests
 * pass a fake lock manager. Every wait is bounded: a holder that keeps the lock past `waitMs`
 * (a hung or frozen tab; the browser itself frees the locks of a closed one) has it taken from
 * it. A task always releases the lock when it settles, throws, or is aborted.
 */
import type { Timers } from './clock'

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

/** Times a waiter may find that a new tab took the lock over and wait for that one too. */
const MAX_REWAITS = 3

/**
 * The caller hears the task's own outcome; the lock is released as soon as the task settles or
 * its signal aborts (a task that ignores the abort cannot keep the lock). Before taking the lock
 * from its holder, a waiter checks (`query`) that it is still the holder it started waiting for:
 * if another tab took it over meanwhile, that one is alive, so it waits for it instead.
 */
export function webLocks(manager: WebLockManager, timers: Timers): TabLocks {
  const holder = async (name: string) => {
    if (!manager.query) return undefined
    const state = await manager.query().catch(() => undefined)
    return state?.held?.find((l) => l.name === name)?.clientId ?? null
  }
  return {
    withLock<T>(
      name: string,
      options: LockOptions,
      task: (signal: AbortSignal, waited: boolean) => Promise<T>,
    ) {
      return new Promise<T>((resolve, reject) => {
        const held = childController(options.signal)
        let granted = false
        /** Who held the lock when this tab first asked (null: nobody; undefined: cannot tell). */
        let before: Promise<string | null | undefined> | null = null
        const body = async () => {
          granted = true
          const waited = (await before?.catch(() => undefined)) !== null
          const work = task(held.signal, waited)
          work.then(resolve, reject)
          return untilAborted(work, held.signal).catch(() => {})
        }
        // Taken by another tab while held: the task hears it through its signal and stops.
        const lost = () => held.abort()
        const attempt = (rewaits: number) => {
          const waiting = childController(options.signal)
          const first = holder(name)
          before ??= first
          const timer = timers.setTimeout(() => waiting.abort(), options.waitMs)
          manager.request(name, { signal: waiting.signal }, body).then(
            () => timers.clearTimeout(timer),
            async (error: unknown) => {
              timers.clearTimeout(timer)
              if (granted) return lost()
              if (options.signal?.aborted || !waiting.signal.aborted) return reject(error)
              const [was, now] = await Promise.all([first, holder(name)])
              if (was !== undefined && now !== was && rewaits < MAX_REWAITS)
                return attempt(rewaits + 1)
              // The same holder kept it past the bound: take it from that tab.
              manager.request(name, { steal: true }, body).catch(lost)
            },
          )
        }
        attempt(0)
      })
    },
  }
}

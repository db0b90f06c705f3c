/** The tab lock over the Web Locks API (`navigator.locks`): bounded wait, then steal. */
import type { Timers } from '../clock'
import {
  childController,
  untilAborted,
  type LockOptions,
  type TabLocks,
  type WebLockManager,
} from './locks'

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
    // A listing that failed, or lists nothing: who holds it cannot be told.
    if (!state?.held) return undefined
    return state.held.find((l) => l.name === name)?.clientId ?? null
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

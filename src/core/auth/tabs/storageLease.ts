/**
 * The lock where Web Locks are absent: a lease in web storage shared by the tabs. A tab writes
 * its claim, waits a short randomised delay (so a claim written at the same moment by another tab
 * lands), re-reads, and holds the lock only if its own claim survived; the others wait for the
 * `storage` event that frees it. Bounded like the Web Locks one: a lease older than `waitMs`
 * (a tab that hung or died holding it) is taken over.
 */
import type { Clock, Timers } from '../clock'
import { abortError, childController, type TabLocks } from './locks'

/** The part of `Storage` used here. */
export interface SharedStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** `storage` events: another tab changed `key` (never fired for this tab's own writes). */
export interface StorageEvents {
  on(key: string, listener: (value: string | null) => void): () => void
}

export interface StorageLeaseDeps {
  store: SharedStore
  events: StorageEvents
  timers: Timers
  clock: Clock
  random: () => number
  /** This tab. */
  owner: string
  /** Base of the randomised settle delay (default 40 ms, so 40 to 80 ms). */
  settleMs?: number
}

interface Lease {
  owner: string
  at: number
}

export function storageLease(d: StorageLeaseDeps): TabLocks {
  const settleMs = d.settleMs ?? 40
  const read = (key: string): Lease | null => {
    try {
      const lease = JSON.parse(d.store.getItem(key) ?? 'null') as Lease | null
      return lease && typeof lease.owner === 'string' && typeof lease.at === 'number' ? lease : null
    } catch {
      return null
    }
  }
  /** Removes this tab's claim on `key`, if the claim there is still this tab's. */
  const letGo = (key: string) => {
    if (read(key)?.owner === d.owner) d.store.removeItem(key)
  }

  /** Resolves after `ms`, on a storage event for `key`, or rejects when `signal` aborts. */
  function pause(ms: number, key: string | null, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        d.timers.clearTimeout(timer)
        off()
        signal.removeEventListener('abort', stop)
      }
      const wake = () => (done(), resolve())
      const stop = () => (done(), reject(abortError()))
      const timer = d.timers.setTimeout(wake, Math.max(0, ms))
      const off = key ? d.events.on(key, wake) : () => {}
      signal.addEventListener('abort', stop, { once: true })
      if (signal.aborted) stop()
    })
  }

  /** Resolves once this tab holds the lease: true if another tab's lease was in the way. */
  async function acquire(key: string, waitMs: number, signal: AbortSignal): Promise<boolean> {
    for (let waited = false; ; waited = true) {
      const lease = read(key)
      const age = lease ? d.clock.now() - lease.at : Infinity
      if (lease && lease.owner !== d.owner && age < waitMs) {
        await pause(waitMs - age, key, signal)
        continue
      }
      d.store.setItem(key, JSON.stringify({ owner: d.owner, at: d.clock.now() }))
      try {
        await pause(settleMs * (1 + d.random()), null, signal)
      } catch (error) {
        // Given up before holding it: leave no claim that would block the others for `waitMs`.
        letGo(key)
        throw error
      }
      if (read(key)?.owner === d.owner) return waited
    }
  }

  return {
    async withLock(name, options, task) {
      const key = `${name}:lease`
      const held = childController(options.signal)
      const waited = await acquire(key, options.waitMs, held.signal)
      // Another tab wrote its own claim over ours: it took the lock, so stop spending.
      const off = d.events.on(key, () => {
        if (read(key)?.owner !== d.owner) held.abort()
      })
      const release = () => {
        off()
        letGo(key)
      }
      held.signal.addEventListener('abort', release, { once: true })
      try {
        return await task(held.signal, waited)
      } finally {
        release()
      }
    },
  }
}

/**
 * Several browser tabs in one process: a lock manager with the Web Locks semantics used here
 * (FIFO, AbortSignal while waiting, steal), a BroadcastChannel hub, and localStorage shared by the
 * tabs with `storage` events to the others. Deliveries are asynchronous, as in a browser.
 */
import type { SharedStore, StorageEvents } from '@/core/auth/tabs/storageLease'
import type { WebLockManager } from '@/core/auth/tabs/locks'
import { settle, type ManualTimers } from '../../helpers'

const later = (fn: () => void, hops = 1) => {
  const step = (n: number) => setImmediate(() => (n <= 1 ? fn() : step(n - 1)))
  step(hops)
}
const abortError = () => Object.assign(new Error('aborted'), { name: 'AbortError' })

interface Waiter {
  run(): void
  reject(e: unknown): void
}

export class FakeLockManager implements WebLockManager {
  private held = new Map<string, { reject(e: unknown): void; id?: number }>()
  private grantId = 0
  private queues = new Map<string, Waiter[]>()
  /** Names granted so far, in order (one entry per grant). */
  grants: string[] = []

  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      // As navigator.locks: a request whose signal has already aborted is refused outright.
      if (options.signal?.aborted) return reject(abortError())
      const run = () => {
        this.grants.push(name)
        const mine = this.held.get(name)
        if (mine?.reject !== reject) this.held.set(name, { reject, id: ++this.grantId })
        const done = () => {
          if (this.held.get(name)?.reject === reject) this.release(name)
        }
        callback({ name }).then(
          (v) => (done(), resolve(v)),
          (e: unknown) => (done(), reject(e)),
        )
      }
      if (options.steal) {
        this.held.get(name)?.reject(abortError())
        this.held.set(name, { reject, id: ++this.grantId })
        return later(run)
      }
      const waiter: Waiter = { run, reject }
      const queue = this.queues.get(name) ?? []
      this.queues.set(name, queue)
      queue.push(waiter)
      options.signal?.addEventListener('abort', () => {
        const i = queue.indexOf(waiter)
        if (i < 0) return
        queue.splice(i, 1)
        reject(abortError())
      })
      if (!this.held.has(name) && queue[0] === waiter) this.grantNext(name)
    })
  }

  async query() {
    const held = [...this.held].map(([name, h]) => ({ name, clientId: `client-${h.id ?? 0}` }))
    return { held }
  }

  /** A tab that takes the lock and never lets go (hung, or frozen by the browser). */
  hang(name: string): void {
    void this.request(name, {}, () => new Promise(() => {})).catch(() => {})
  }

  isHeld(name: string): boolean {
    return this.held.has(name)
  }

  private grantNext(name: string): void {
    const next = this.queues.get(name)?.shift()
    if (!next) return
    this.held.set(name, { reject: next.reject, id: ++this.grantId })
    later(next.run)
  }

  private release(name: string): void {
    this.held.delete(name)
    this.grantNext(name)
  }
}

interface FakeBroadcast {
  postMessage(message: unknown): void
  onmessage: ((event: { data: unknown }) => void) | null
  close(): void
}

/** BroadcastChannels of one origin. `hops`: macrotasks before a message arrives (late delivery). */
export class ChannelHub {
  hops = 1
  private held: Array<() => void> | null = null
  /** Holds every message back (a tab whose news is late) until `resume`. */
  pause(): void {
    this.held ??= []
  }
  resume(): void {
    const queued = this.held ?? []
    this.held = null
    queued.forEach((deliver) => deliver())
  }
  private members = new Set<{ name: string; ch: FakeBroadcast }>()
  /** Every message posted, in order. */
  log: Array<{ name: string; data: unknown }> = []

  create = (name: string): FakeBroadcast => {
    const member = {
      name,
      ch: {
        onmessage: null,
        postMessage: (data: unknown) => {
          this.log.push({ name, data })
          const copy = structuredClone(data)
          for (const other of this.members)
            if (other !== member && other.name === name) {
              const deliver = () => later(() => other.ch.onmessage?.({ data: copy }), this.hops)
              if (this.held) this.held.push(deliver)
              else deliver()
            }
        },
        close: () => this.members.delete(member),
      } as FakeBroadcast,
    }
    this.members.add(member)
    return member.ch
  }

  sent(type: string): number {
    return this.log.filter((m) => (m.data as { type?: string }).type === type).length
  }
}

/**
 * localStorage of one origin seen from several tabs; `storage` events go to the other tabs. Each
 * tab reads its own copy, as a browser's renderers do: its own writes show at once, another tab's
 * after `lagHops` macrotasks (0: at once), so a BroadcastChannel message can outrun them.
 */
export class SharedLocalStorage {
  lagHops = 0
  private data = new Map<string, string>()
  private views = new Map<number, Map<string, string>>()
  private listeners = new Map<number, Set<(key: string, value: string | null) => void>>()
  private next = 0

  tab(): { store: SharedStore & Storage; events: StorageEvents } {
    const id = this.next++
    const mine = new Set<(key: string, value: string | null) => void>()
    const own = new Map(this.data)
    this.views.set(id, own)
    this.listeners.set(id, mine)
    const apply = (view: Map<string, string>, key: string, value: string | null) =>
      value === null ? view.delete(key) : view.set(key, value)
    const write = (key: string, value: string | null) => {
      apply(this.data, key, value)
      apply(own, key, value)
      for (const [other, view] of this.views) {
        if (other === id) continue
        const show = () => apply(view, key, value)
        if (this.lagHops > 0) later(show, this.lagHops)
        else show()
      }
      for (const [other, set] of this.listeners)
        if (other !== id) set.forEach((l) => later(() => l(key, value), this.lagHops + 1))
    }
    const store = {
      getItem: (key: string) => own.get(key) ?? null,
      setItem: (key: string, value: string) => write(key, String(value)),
      removeItem: (key: string) => write(key, null),
      clear: () => [...own.keys()].forEach((k) => write(k, null)),
      key: (i: number) => [...own.keys()][i] ?? null,
      get length() {
        return 0
      },
    } as unknown as SharedStore & Storage
    const events: StorageEvents = {
      on(key, listener) {
        const fn = (k: string, v: string | null) => k === key && listener(v)
        mine.add(fn)
        return () => mine.delete(fn)
      },
    }
    return { store, events }
  }

  get(key: string): string | null {
    return this.data.get(key) ?? null
  }
}

/** Runs the hand-driven clock until `work` settles (at most 2,000 steps of 10 ms). */
export async function drive<T>(timers: ManualTimers, work: Promise<T>): Promise<T> {
  let done = false
  const watched = work.finally(() => (done = true))
  watched.catch(() => {})
  for (let i = 0; i < 2_000 && !done; i++) {
    await settle(3)
    if (!done) await timers.advance(10)
  }
  return watched
}

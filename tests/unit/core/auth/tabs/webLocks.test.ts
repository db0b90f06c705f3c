/**
 * The Web Locks adapter on its own (a fake lock manager): what `waited` tells the task, a wait the
 * caller gives up, a holder whose lock is taken, and lock managers that cannot list their locks.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { WebLockManager } from '@/core/auth/tabs/locks'
import { webLocks } from '@/core/auth/tabs/webLocks'
import { fakeDate, ManualTimers, settle } from '../../helpers'
import { drive, FakeLockManager } from './fakes'

beforeEach(fakeDate)

const NAME = 'auth:acme:refresh'

/** Lets `ms` of hand-driven time pass, in small steps. */
async function pass(timers: ManualTimers, ms = 300): Promise<void> {
  for (let t = 0; t < ms; t += 10) {
    await settle(3)
    await timers.advance(10)
  }
}

/** The fake manager without `query` (an older browser, or one that hides it). */
const blind = (m: FakeLockManager): WebLockManager => ({ request: m.request.bind(m) })

describe('what `waited` tells the task', () => {
  it('a free lock: false; a lock another tab held when asked: true', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    const [a, b] = [webLocks(manager, timers), webLocks(manager, timers)]
    let release!: () => void
    const first = a.withLock(NAME, { waitMs: 3_000 }, async (_s, waited) => {
      await new Promise<void>((r) => (release = r))
      return waited
    })
    await settle(10)
    const second = b.withLock(NAME, { waitMs: 3_000 }, async (_s, waited) => waited)
    await settle(10)
    release()
    await expect(drive(timers, first)).resolves.toBe(false)
    await expect(drive(timers, second)).resolves.toBe(true)
  })

  it('another lock held (a tab presence), this one free: false', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    manager.hang('auth:acme:tab:tab-b')
    await settle(5)
    const locks = webLocks(manager, timers)
    await expect(
      drive(
        timers,
        locks.withLock(NAME, { waitMs: 3_000 }, async (_s, w) => w),
      ),
    ).resolves.toBe(false)
  })

  it('a lock manager without a listing of its locks: true (it cannot be told)', async () => {
    const timers = new ManualTimers()
    const locks = webLocks(blind(new FakeLockManager()), timers)
    const waited = locks.withLock(NAME, { waitMs: 3_000 }, async (_s, w) => w)
    await expect(drive(timers, waited)).resolves.toBe(true)
  })

  it('a listing that fails, or says nothing of held locks: true as well', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    const request = manager.request.bind(manager)
    const failing: WebLockManager = { request, query: () => Promise.reject(new Error('no')) }
    const silent: WebLockManager = { request, query: async () => ({}) }
    for (const m of [failing, silent]) {
      const waited = webLocks(m, timers).withLock(NAME, { waitMs: 3_000 }, async (_s, w) => w)
      await expect(drive(timers, waited)).resolves.toBe(true)
    }
  })
})

describe('giving up, and being given up on', () => {
  it('the caller aborts while waiting: it rejects, its task never runs, and the holder keeps the lock', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    const [a, b] = [webLocks(manager, timers), webLocks(manager, timers)]
    let holderSignal: AbortSignal | null = null
    void a.withLock(NAME, { waitMs: 3_000 }, (signal) => {
      holderSignal = signal
      return new Promise(() => {})
    })
    await settle(10)
    const stop = new AbortController()
    const ran: string[] = []
    const waiting = b.withLock(NAME, { waitMs: 3_000, signal: stop.signal }, async () => {
      ran.push('b')
    })
    waiting.catch(() => {})
    await pass(timers, 100)
    stop.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
    await pass(timers, 5_000)
    expect(ran).toEqual([])
    expect(holderSignal!.aborted).toBe(false)
    expect(manager.grants).toEqual([NAME])
  })

  it('the caller aborts a task that ignores it: the lock is free for the next tab at once', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    const [a, b] = [webLocks(manager, timers), webLocks(manager, timers)]
    const stop = new AbortController()
    void a.withLock(NAME, { waitMs: 3_000, signal: stop.signal }, () => new Promise(() => {}))
    await settle(10)
    const order: string[] = []
    const next = b.withLock(NAME, { waitMs: 60_000 }, async () => void order.push('b'))
    await settle(10)
    expect(order).toEqual([])
    stop.abort()
    await settle(10)
    expect(order).toEqual(['b'])
    await next
  })

  it("a holder whose lock is taken is told through its signal, and its caller hears the task's own result", async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    const [a, b] = [webLocks(manager, timers), webLocks(manager, timers)]
    const first = a.withLock(
      NAME,
      { waitMs: 3_000 },
      (signal) =>
        new Promise<string>((resolve) =>
          signal.addEventListener('abort', () => setTimeout(() => resolve('a stopped'), 0)),
        ),
    )
    await settle(10)
    const second = b.withLock(NAME, { waitMs: 3_000 }, async () => 'b')
    await expect(drive(timers, second)).resolves.toBe('b')
    await expect(drive(timers, first)).resolves.toBe('a stopped')
  })

  it('a lock manager that refuses the request: the caller hears its error, and nothing is stolen', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    manager.hang(NAME)
    await settle(5)
    const refusing: WebLockManager = {
      request: () => Promise.reject(new Error('SecurityError: no locks in this frame')),
      query: manager.query.bind(manager),
    }
    const ran: string[] = []
    const refused = webLocks(refusing, timers).withLock(NAME, { waitMs: 3_000 }, async () => {
      ran.push('task')
    })
    await expect(drive(timers, refused)).rejects.toThrow('SecurityError')
    expect(ran).toEqual([])
  })

  it('without a listing of locks, a hung holder still loses the lock after the bound', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    manager.hang(NAME)
    await settle(5)
    const locks = webLocks(blind(manager), timers)
    await expect(
      drive(
        timers,
        locks.withLock(NAME, { waitMs: 3_000 }, async () => 'b'),
      ),
    ).resolves.toBe('b')
  })
})

describe('the bound on a wait', () => {
  /** Another tab takes the lock from whoever holds it, and hangs. */
  const stealAndHang = (manager: FakeLockManager) =>
    void manager.request(NAME, { steal: true }, () => new Promise(() => {})).catch(() => {})

  it('a hung holder loses the lock after one bound, not more', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    manager.hang(NAME)
    await settle(5)
    let started = false
    void webLocks(manager, timers).withLock(NAME, { waitMs: 3_000 }, async () => {
      started = true
    })
    await pass(timers, 2_900)
    expect(started).toBe(false)
    await pass(timers, 300)
    expect(started).toBe(true)
  })

  it('a listing that failed when it asked: the hung holder still loses the lock after one bound', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    manager.hang(NAME)
    await settle(5)
    let queries = 0
    const flaky: WebLockManager = {
      request: manager.request.bind(manager),
      query: () => (++queries === 1 ? Promise.reject(new Error('busy')) : manager.query()),
    }
    let started = false
    void webLocks(flaky, timers).withLock(NAME, { waitMs: 3_000 }, async () => {
      started = true
    })
    await pass(timers, 3_300)
    expect(started).toBe(true)
  })

  it('a holder that keeps changing hands is waited for three more bounds at most, then the lock is taken', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    manager.hang(NAME)
    await settle(5)
    let started = false
    void webLocks(manager, timers).withLock(NAME, { waitMs: 1_000 }, async () => {
      started = true
    })
    for (let i = 0; i < 4; i++) {
      await pass(timers, 500)
      expect(started).toBe(false)
      stealAndHang(manager) // a new live holder before each bound ends
      await pass(timers, 500)
    }
    await pass(timers, 200)
    expect(started).toBe(true)
  })

  it('a tab that took the lock by stealing it is told as well when it is taken in turn', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    manager.hang(NAME)
    await settle(5)
    let stealerSignal: AbortSignal | null = null
    void webLocks(manager, timers)
      .withLock(NAME, { waitMs: 1_000 }, (signal) => {
        stealerSignal = signal
        return new Promise(() => {})
      })
      .catch(() => {})
    await pass(timers, 1_300)
    expect(stealerSignal!.aborted).toBe(false)
    stealAndHang(manager)
    await settle(10)
    expect(stealerSignal!.aborted).toBe(true)
  })
})

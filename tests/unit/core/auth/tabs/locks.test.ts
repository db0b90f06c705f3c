/**
 * The cross-tab lock adapters on their own: Web Locks (through a fake lock manager) and the
 * storage lease used where Web Locks are absent. Order of holders, never durations.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { storageLease } from '@/core/auth/tabs/storageLease'
import { childController, untilAborted, type TabLocks } from '@/core/auth/tabs/locks'
import { webLocks } from '@/core/auth/tabs/webLocks'
import { fakeDate, ManualTimers, settle } from '../../helpers'
import { drive, FakeLockManager, SharedLocalStorage } from './fakes'

beforeEach(fakeDate)

const NAME = 'auth:acme:refresh'

/** Lets a few hundred milliseconds of hand-driven time pass. */
async function pass(timers: ManualTimers): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await settle(3)
    await timers.advance(10)
  }
}

/** A task that records when it starts and ends, and finishes when the test says so. */
function step(order: string[], name: string) {
  let finish!: () => void
  const task = () =>
    new Promise<string>((resolve) => {
      order.push(`${name} in`)
      finish = () => {
        order.push(`${name} out`)
        resolve(name)
      }
    })
  return { task, finish: () => finish() }
}

function storageTabs(n: number, timers: ManualTimers): TabLocks[] {
  const local = new SharedLocalStorage()
  const clock = { now: () => Date.now() }
  return Array.from({ length: n }, (_, i) =>
    storageLease({ ...local.tab(), timers, clock, random: () => i / n, owner: `tab${i}` }),
  )
}

describe.each([
  [
    'Web Locks',
    (n: number, timers: ManualTimers) => {
      const manager = new FakeLockManager()
      return Array.from({ length: n }, () => webLocks(manager, timers))
    },
  ],
  ['storage lease', storageTabs],
] as const)('%s', (_kind, make) => {
  it('one holder at a time: the second tab runs only after the first is done', async () => {
    const timers = new ManualTimers()
    const [a, b] = make(2, timers) as [TabLocks, TabLocks]
    const order: string[] = []
    const first = step(order, 'a')
    const second = step(order, 'b')
    const pa = a.withLock(NAME, { waitMs: 3_000 }, first.task)
    await pass(timers)
    const pb = b.withLock(NAME, { waitMs: 3_000 }, second.task)
    await pass(timers)
    expect(order).toEqual(['a in'])
    first.finish()
    await pa
    await pass(timers)
    second.finish()
    await expect(drive(timers, pb)).resolves.toBe('b')
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out'])
  })

  it('a task that throws frees the lock for the next tab', async () => {
    const timers = new ManualTimers()
    const [a, b] = make(2, timers) as [TabLocks, TabLocks]
    const failing = a.withLock(NAME, { waitMs: 3_000 }, async () => {
      throw new Error('refresh blew up')
    })
    await expect(drive(timers, failing)).rejects.toThrow('refresh blew up')
    await expect(
      drive(
        timers,
        b.withLock(NAME, { waitMs: 3_000 }, async () => 'b'),
      ),
    ).resolves.toBe('b')
  })

  it('a holder that hangs: the waiter takes the lock after its bounded wait, and the holder is told', async () => {
    const timers = new ManualTimers()
    const [a, b] = make(2, timers) as [TabLocks, TabLocks]
    let holderSignal: AbortSignal | null = null
    void a
      .withLock(NAME, { waitMs: 3_000 }, (signal) => {
        holderSignal = signal
        return new Promise(() => {}) // never settles, never looks at its signal
      })
      .catch(() => {})
    await pass(timers)
    await expect(
      drive(
        timers,
        b.withLock(NAME, { waitMs: 3_000 }, async () => 'b'),
      ),
    ).resolves.toBe('b')
    expect(holderSignal!.aborted).toBe(true)
  })
})

describe('Web Locks', () => {
  it('a waiter whose holder changed hands waits for the new holder instead of stealing again', async () => {
    const timers = new ManualTimers()
    const manager = new FakeLockManager()
    const [b, c] = [webLocks(manager, timers), webLocks(manager, timers)]
    manager.hang(NAME)
    const order: string[] = []
    const stealer = step(order, 'b')
    // b gives up first (shorter wait) and takes the lock; c then sees a live, new holder.
    const pb = b.withLock(NAME, { waitMs: 3_000 }, stealer.task)
    const pc = c.withLock(NAME, { waitMs: 3_500 }, async () => (order.push('c in'), 'c'))
    for (let i = 0; i < 15; i++) await pass(timers)
    expect(order).toEqual(['b in'])
    stealer.finish()
    await expect(drive(timers, pb)).resolves.toBe('b')
    await expect(drive(timers, pc)).resolves.toBe('c')
    expect(order).toEqual(['b in', 'b out', 'c in'])
  })
})

describe('abort helpers', () => {
  it('a child of an aborted signal starts aborted; of a live one, aborts with it', () => {
    const done = new AbortController()
    done.abort()
    expect(childController(done.signal).signal.aborted).toBe(true)
    const parent = new AbortController()
    const child = childController(parent.signal)
    expect(child.signal.aborted).toBe(false)
    parent.abort()
    expect(child.signal.aborted).toBe(true)
  })

  it('work under an aborted signal is refused at once; an abort later ends the wait', async () => {
    const never = new Promise<string>(() => {})
    const done = new AbortController()
    done.abort()
    const refused = await untilAborted(never, done.signal).catch((e: unknown) => e)
    expect(refused).toMatchObject({ name: 'AbortError', message: expect.stringMatching(/abort/i) })
    const later = new AbortController()
    const waiting = untilAborted(never, later.signal)
    later.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
    await expect(untilAborted(Promise.resolve('ok'), new AbortController().signal)).resolves.toBe(
      'ok',
    )
  })
})

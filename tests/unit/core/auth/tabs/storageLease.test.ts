/**
 * The storage lease on its own (localStorage shared by tabs, hand-driven time): the settle delay,
 * leases it may ignore or take over, what `waited` tells the task, and a lease never left behind
 * by a tab that gives up, finishes, or loses it.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { Clock } from '@/core/auth/clock'
import { storageLease, type StorageEvents } from '@/core/auth/tabs/storageLease'
import { fakeDate, ManualTimers, settle } from '../../helpers'
import { SharedLocalStorage } from './fakes'

beforeEach(fakeDate)

const NAME = 'auth:acme:refresh'
const KEY = `${NAME}:lease`
const now: Clock = { now: () => Date.now() }

/** Lets `ms` of hand-driven time pass, in 10 ms steps. */
async function pass(timers: ManualTimers, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 10) {
    await settle(3)
    await timers.advance(10)
  }
  await settle(3)
}

function tab(
  local: SharedLocalStorage,
  timers: ManualTimers,
  owner: string,
  extra: { random?: number; settleMs?: number; clock?: Clock; events?: StorageEvents } = {},
) {
  const view = local.tab()
  return storageLease({
    store: view.store,
    events: extra.events ?? view.events,
    timers,
    clock: extra.clock ?? now,
    random: () => extra.random ?? 0,
    owner,
    ...(extra.settleMs !== undefined && { settleMs: extra.settleMs }),
  })
}

/** Starts `withLock` and records when its task starts and what the caller hears. */
function run(
  locks: ReturnType<typeof storageLease>,
  options: { waitMs: number; signal?: AbortSignal },
  task: (signal: AbortSignal) => Promise<string> = async () => 'done',
) {
  const seen = {
    started: false,
    waited: null as boolean | null,
    signal: null as AbortSignal | null,
  }
  const result = locks.withLock(NAME, options, (signal, waited) => {
    seen.started = true
    seen.waited = waited
    seen.signal = signal
    return task(signal)
  })
  result.catch(() => {})
  return { seen, result }
}

const never = () => new Promise<string>(() => {})

describe('the settle delay', () => {
  it('a tab holds the lock only after its randomised delay: settleMs times (1 + random)', async () => {
    const timers = new ManualTimers()
    const a = run(tab(new SharedLocalStorage(), timers, 'a', { settleMs: 40, random: 0.5 }), {
      waitMs: 3_000,
    })
    await pass(timers, 50)
    expect(a.seen.started).toBe(false)
    await pass(timers, 20)
    expect(a.seen.started).toBe(true)
    await expect(a.result).resolves.toBe('done')
  })

  it('40 ms when no delay is given', async () => {
    const timers = new ManualTimers()
    const a = run(tab(new SharedLocalStorage(), timers, 'a'), { waitMs: 3_000 })
    await pass(timers, 30)
    expect(a.seen.started).toBe(false)
    await pass(timers, 20)
    expect(a.seen.started).toBe(true)
  })

  it('another tab clears storage during the delay: the tab claims again and gets the lock', async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const other = local.tab()
    const a = run(tab(local, timers, 'a'), { waitMs: 3_000 })
    await settle(3)
    expect(local.get(KEY)).not.toBeNull()
    other.store.removeItem(KEY)
    await pass(timers, 200)
    await expect(a.result).resolves.toBe('done')
    expect(a.seen.waited).toBe(true)
  })
})

describe('leases in the way', () => {
  it.each([
    ['not JSON', '{oops'],
    ['null', 'null'],
    ['without an owner', JSON.stringify({ at: Date.UTC(2026, 10, 22, 12) })],
    [
      'with an owner that is not a string',
      JSON.stringify({ owner: 7, at: Date.UTC(2026, 10, 22, 12) }),
    ],
    ['with a time that is not a number', JSON.stringify({ owner: 'b', at: 'now' })],
    ['with a time that is a string', JSON.stringify({ owner: 'b', at: String(Date.now()) })],
  ])(
    'a lease %s is no lease: taken at once, and the task is told nobody was in the way',
    async (_n, raw) => {
      const timers = new ManualTimers()
      const local = new SharedLocalStorage()
      local.tab().store.setItem(KEY, raw)
      const a = run(tab(local, timers, 'a'), { waitMs: 60_000 })
      await pass(timers, 100)
      await expect(a.result).resolves.toBe('done')
      expect(a.seen.waited).toBe(false)
    },
  )

  it("this tab's own lease, left over: taken at once", async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    local.tab().store.setItem(KEY, JSON.stringify({ owner: 'a', at: Date.now() }))
    const a = run(tab(local, timers, 'a'), { waitMs: 60_000 })
    await pass(timers, 100)
    await expect(a.result).resolves.toBe('done')
    expect(a.seen.waited).toBe(false)
  })

  it('a lease exactly waitMs old is abandoned: taken over at once; one a millisecond younger is not', async () => {
    const timers = new ManualTimers()
    const still: Clock = { now: () => 1_000_000 }
    const local = new SharedLocalStorage()
    const other = local.tab().store
    other.setItem(KEY, JSON.stringify({ owner: 'b', at: 1_000_000 - 3_000 }))
    const a = run(tab(local, timers, 'a', { clock: still }), { waitMs: 3_000 })
    await pass(timers, 200)
    await expect(a.result).resolves.toBe('done')
    other.setItem(KEY, JSON.stringify({ owner: 'b', at: 1_000_000 - 2_999 }))
    const c = run(tab(local, timers, 'c', { clock: still }), { waitMs: 3_000 })
    await pass(timers, 200)
    expect(c.seen.started).toBe(false)
  })

  it("a hung tab's lease is taken over once it is waitMs old, counted from when it was written", async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    local.tab().store.setItem(KEY, JSON.stringify({ owner: 'b', at: Date.now() }))
    await pass(timers, 1_000)
    const a = run(tab(local, timers, 'a'), { waitMs: 3_000 })
    await pass(timers, 1_900)
    expect(a.seen.started).toBe(false)
    await pass(timers, 200)
    expect(a.seen.started).toBe(true)
    expect(a.seen.waited).toBe(true)
  })

  it('a lease freed by its holder wakes the waiter at once, long before its bound', async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    let finish!: () => void
    const b = run(
      tab(local, timers, 'b'),
      { waitMs: 60_000 },
      () => new Promise<string>((r) => (finish = () => r('b'))),
    )
    await pass(timers, 100)
    expect(b.seen.started).toBe(true)
    const a = run(tab(local, timers, 'a'), { waitMs: 60_000 })
    await pass(timers, 500)
    expect(a.seen.started).toBe(false)
    finish()
    await pass(timers, 200)
    expect(a.seen.started).toBe(true)
    expect(a.seen.waited).toBe(true)
  })
})

describe('letting go', () => {
  it('a caller that gives up while waiting: rejected, its task never runs, the holder keeps the lease', async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const b = run(tab(local, timers, 'b'), { waitMs: 60_000 }, never)
    await pass(timers, 100)
    const stop = new AbortController()
    const a = run(tab(local, timers, 'a'), { waitMs: 60_000, signal: stop.signal })
    await pass(timers, 100)
    stop.abort()
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' })
    await pass(timers, 200)
    expect(a.seen.started).toBe(false)
    expect(JSON.parse(local.get(KEY)!)).toMatchObject({ owner: 'b' })
    expect(b.seen.signal!.aborted).toBe(false)
  })

  it('a caller that gave up before asking: rejected, and no lease is left behind', async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const stop = new AbortController()
    stop.abort()
    const a = run(tab(local, timers, 'a'), { waitMs: 60_000, signal: stop.signal })
    await pass(timers, 200)
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' })
    expect(a.seen.started).toBe(false)
    expect(local.get(KEY)).toBeNull()
  })

  it('a caller that gives up during its settle delay leaves no claim: the next tab takes the lock at once', async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const stop = new AbortController()
    const a = run(tab(local, timers, 'a'), { waitMs: 60_000, signal: stop.signal })
    await settle(3)
    expect(local.get(KEY)).not.toBeNull()
    stop.abort()
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' })
    expect(local.get(KEY)).toBeNull()
    const b = run(tab(local, timers, 'b'), { waitMs: 60_000 })
    await pass(timers, 200)
    expect(b.seen.started).toBe(true)
    expect(b.seen.waited).toBe(false)
    await expect(b.result).resolves.toBe('done')
  })

  it("a caller that gives up during its settle delay after another tab's claim landed leaves that claim", async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const other = local.tab().store
    const stop = new AbortController()
    const a = run(tab(local, timers, 'a'), { waitMs: 60_000, signal: stop.signal })
    await settle(3)
    other.setItem(KEY, JSON.stringify({ owner: 'b', at: Date.now() }))
    stop.abort()
    await expect(a.result).rejects.toMatchObject({ name: 'AbortError' })
    expect(JSON.parse(local.get(KEY)!)).toMatchObject({ owner: 'b' })
  })

  it('a caller that aborts a task that ignores it frees the lease at once', async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const stop = new AbortController()
    const a = run(tab(local, timers, 'a'), { waitMs: 60_000, signal: stop.signal }, never)
    await pass(timers, 100)
    expect(a.seen.started).toBe(true)
    const b = run(tab(local, timers, 'b'), { waitMs: 60_000 })
    await pass(timers, 200)
    expect(b.seen.started).toBe(false)
    stop.abort()
    expect(a.seen.signal!.aborted).toBe(true)
    await pass(timers, 200)
    expect(b.seen.started).toBe(true)
  })

  it("a holder whose lease was taken over stops, and on finishing leaves the new holder's lease alone", async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    let finish!: () => void
    const a = run(
      tab(local, timers, 'a'),
      { waitMs: 3_000 },
      (signal) =>
        new Promise<string>((r) => (finish = () => r(signal.aborted ? 'a told' : 'a not told'))),
    )
    await pass(timers, 100)
    const b = run(tab(local, timers, 'b'), { waitMs: 3_000 }, never)
    await pass(timers, 3_200)
    expect(b.seen.started).toBe(true)
    finish()
    await expect(a.result).resolves.toBe('a told')
    expect(JSON.parse(local.get(KEY)!)).toMatchObject({ owner: 'b' })
    const c = run(tab(local, timers, 'c'), { waitMs: 3_000 })
    await pass(timers, 500)
    expect(c.seen.started).toBe(false)
  })

  it("storage cleared by another tab while holding: the task is told, and its caller hears the task's result", async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const other = local.tab()
    let finish!: () => void
    const a = run(
      tab(local, timers, 'a'),
      { waitMs: 3_000 },
      (signal) =>
        new Promise<string>((r) => (finish = () => r(signal.aborted ? 'a told' : 'a not told'))),
    )
    await pass(timers, 100)
    other.store.removeItem(KEY)
    await settle(5)
    finish()
    await expect(a.result).resolves.toBe('a told')
  })

  it('a tab that waited and held the lock leaves no storage listener behind', async () => {
    const timers = new ManualTimers()
    const local = new SharedLocalStorage()
    const view = local.tab()
    const listening = new Set<unknown>()
    const events: StorageEvents = {
      on(key, listener) {
        const off = view.events.on(key, listener)
        const handle = {}
        listening.add(handle)
        return () => (listening.delete(handle), off())
      },
    }
    let finish!: () => void
    const b = run(
      tab(local, timers, 'b'),
      { waitMs: 60_000 },
      () => new Promise<string>((r) => (finish = () => r('b'))),
    )
    await pass(timers, 100)
    const a = storageLease({
      store: view.store,
      events,
      timers,
      clock: now,
      random: () => 0,
      owner: 'a',
    })
    const held = a.withLock(NAME, { waitMs: 60_000 }, async () => 'a')
    await pass(timers, 100)
    expect(listening.size).toBe(1)
    finish()
    await b.result
    await pass(timers, 200)
    await expect(held).resolves.toBe('a')
    expect(listening.size).toBe(0)
  })
})

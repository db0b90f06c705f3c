/** The proactive refresh: aimed at the due moment, checked on a wall-clock tick, paused while hidden. */
import { describe, expect, it } from 'vitest'
import { createScheduler } from '@/core/auth/session/scheduler'
import { fakeDate, FakeEnvironment, ManualTimers, settle } from '../../helpers'

function setup(opts: { dueAt?: number | null; checkEveryMs?: number } = {}) {
  fakeDate()
  const timers = new ManualTimers()
  const env = new FakeEnvironment()
  const start = Date.now()
  const state = {
    /** Wall-clock ms (relative to the start) at which a refresh is due; null: no session. */
    dueAt: opts.dueAt === undefined ? 10_000 : opts.dueAt,
    retryAt: 0,
    busy: false,
    refreshes: [] as number[],
    onlines: 0,
    fail: false,
  }
  const elapsed = () => Date.now() - start
  const scheduler = createScheduler({
    timers,
    environment: env,
    checkEveryMs: opts.checkEveryMs ?? 5_000,
    dueInMs: () => (state.dueAt === null ? null : state.dueAt - elapsed()),
    retryInMs: () => Math.max(0, state.retryAt - elapsed()),
    busy: () => state.busy,
    async refresh() {
      state.refreshes.push(elapsed())
      // A failed refresh leaves a backoff behind, as the gate does.
      if (state.fail) {
        state.retryAt = elapsed() + 3_000
        throw new Error('offline')
      }
      // A successful refresh brings a token due 10 s later.
      if (state.dueAt !== null) state.dueAt = elapsed() + 10_000
    },
    onOnline: () => (state.onlines += 1),
  })
  return { scheduler, timers, env, state, elapsed }
}

describe('scheduler', () => {
  it('does nothing before it is started', async () => {
    const { timers, state } = setup({ dueAt: 0 })
    await timers.advance(60_000)
    expect(state.refreshes).toEqual([])
    expect(timers.pending).toBe(0)
  })

  it('refreshes at the due moment, not before, and again when the next token is due', async () => {
    const { scheduler, timers, state } = setup({ dueAt: 12_345, checkEveryMs: 60_000 })
    scheduler.start()
    await timers.advance(12_344)
    expect(state.refreshes).toEqual([])
    await timers.advance(1)
    expect(state.refreshes).toEqual([12_345])
    await timers.advance(10_000)
    expect(state.refreshes).toEqual([12_345, 22_345])
    scheduler.stop()
  })

  it('refreshes at once when started with a token already due (a restored session)', async () => {
    const { scheduler, timers, state } = setup({ dueAt: 0 })
    scheduler.start()
    await timers.advance(0)
    expect(state.refreshes).toEqual([0])
    scheduler.stop()
  })

  it('catches up on the first tick after the machine slept through the due moment', async () => {
    const { scheduler, timers, state } = setup({ dueAt: 8_000, checkEveryMs: 5_000 })
    scheduler.start()
    await timers.advance(4_000)
    timers.sleep(3_600_000) // the timers slept too
    await timers.advance(1_000)
    expect(state.refreshes).toHaveLength(1)
    scheduler.stop()
  })

  it('waits while the tab is hidden and refreshes as soon as it is visible', async () => {
    const { scheduler, timers, env, state, elapsed } = setup({ dueAt: 5_000, checkEveryMs: 5_000 })
    scheduler.start()
    env.isVisible = false
    await timers.advance(30_000)
    expect(state.refreshes).toEqual([])
    env.fire('visible')
    await settle()
    expect(state.refreshes).toEqual([elapsed()])
    scheduler.stop()
  })

  it('lifts the backoff and checks at once when the device comes back online', async () => {
    const { scheduler, timers, env, state } = setup({ dueAt: 0, checkEveryMs: 60_000 })
    state.retryAt = 50_000
    scheduler.start()
    await timers.advance(10_000)
    expect(state.refreshes).toEqual([])
    env.fire('online')
    expect(state.onlines).toBe(1)
    // onOnline is where the gate lifts its backoff; here the test does it.
    state.retryAt = 0
    env.fire('online')
    await settle()
    expect(state.refreshes).toEqual([10_000])
    scheduler.stop()
  })

  it('waits out the backoff after a failure before trying again', async () => {
    const { scheduler, timers, state } = setup({ dueAt: 1_000, checkEveryMs: 60_000 })
    state.fail = true
    scheduler.start()
    await timers.advance(1_000)
    expect(state.refreshes).toEqual([1_000])
    await timers.advance(2_999)
    expect(state.refreshes).toEqual([1_000])
    await timers.advance(1)
    expect(state.refreshes).toEqual([1_000, 4_000])
    scheduler.stop()
  })

  it('leaves a refresh under way alone', async () => {
    const { scheduler, timers, state } = setup({ dueAt: 0, checkEveryMs: 1_000 })
    state.busy = true
    scheduler.start()
    await timers.advance(5_000)
    expect(state.refreshes).toEqual([])
    state.busy = false
    await timers.advance(1_000)
    expect(state.refreshes).toHaveLength(1)
    scheduler.stop()
  })

  it('stops for good: no timers, no listeners', async () => {
    const { scheduler, timers, env, state } = setup({ dueAt: 3_000 })
    scheduler.start()
    scheduler.stop()
    expect(timers.pending).toBe(0)
    env.fire('visible')
    env.fire('online')
    await timers.advance(60_000)
    expect(state.refreshes).toEqual([])
    expect(state.onlines).toBe(0)
  })

  it('arms nothing without a session, and a second start does not double the checks', async () => {
    const { scheduler, timers, state } = setup({ dueAt: null, checkEveryMs: 5_000 })
    scheduler.start()
    expect(timers.pending).toBe(1) // the wall-clock tick only
    scheduler.start()
    expect(timers.pending).toBe(1)
    state.dueAt = 7_000
    scheduler.reschedule()
    expect(timers.pending).toBe(2)
    await timers.advance(7_000)
    expect(state.refreshes).toEqual([7_000])
    scheduler.stop()
  })

  it('a failed refresh leaves a backoff: the wall-clock tick waits it out, it does not retry early', async () => {
    const { scheduler, timers, state } = setup({ dueAt: 0, checkEveryMs: 1_000 })
    state.fail = true
    scheduler.start()
    await timers.advance(2_500)
    expect(state.refreshes).toEqual([0])
    await timers.advance(1_000)
    expect(state.refreshes).toEqual([0, 3_000])
    scheduler.stop()
  })

  it('once there is no session any more, no tick and no aimed timer asks for a refresh', async () => {
    const { scheduler, timers, state } = setup({ dueAt: 10_000, checkEveryMs: 1_000 })
    scheduler.start()
    await timers.advance(3_000)
    state.dueAt = null
    await timers.advance(20_000)
    expect(state.refreshes).toEqual([])
    scheduler.stop()
  })

  it('without an online hook, coming back online still checks: a due refresh goes out', async () => {
    fakeDate()
    const timers = new ManualTimers()
    const env = new FakeEnvironment()
    const refreshes: number[] = []
    let due = 60_000
    const scheduler = createScheduler({
      timers,
      environment: env,
      checkEveryMs: 60_000,
      dueInMs: () => due,
      retryInMs: () => 0,
      busy: () => false,
      refresh: async () => void refreshes.push(due),
    })
    scheduler.start()
    due = 0
    env.fire('online')
    await settle()
    expect(refreshes).toEqual([0])
    scheduler.stop()
  })
})

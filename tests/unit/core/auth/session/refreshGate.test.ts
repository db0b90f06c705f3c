/** One refresh in flight per tab: joining, timeouts, backoff after transient failures, reset. */
import { describe, expect, it } from 'vitest'
import { isRefreshFailed, RefreshFailedError, SessionExpiredError } from '@/core/auth/errors'
import { createRefreshGate } from '@/core/auth/session/refreshGate'
import { fakeDate, gate as held, ManualTimers, settle } from '../../helpers'

function setup(timeoutMs = 10_000) {
  fakeDate()
  const timers = new ManualTimers()
  const failures: unknown[] = []
  const gate = createRefreshGate({
    clock: { now: () => Date.now() },
    timers,
    timeoutMs,
    // Jitter fixed at the middle: a failure n waits 0.75 x base x 2^(n-1).
    backoff: { baseMs: 1_000, capMs: 60_000, random: () => 0.5 },
    onFailure: (e) => failures.push(e),
  })
  return { gate, timers, failures }
}
const transient = () => new RefreshFailedError('network down', true)
const outcome = (p: Promise<unknown>) =>
  p.then(
    (v) => ({ ok: v }),
    (e: unknown) => ({ error: e }),
  )

describe('refresh gate', () => {
  it('runs one flight for every caller that arrives while it is under way', async () => {
    const { gate } = setup()
    const answer = held()
    let calls = 0
    const task = async () => {
      calls += 1
      await answer.wait
      return 'A2'
    }
    const all = [gate.run(task), gate.run(task), gate.run(task)]
    expect(gate.inFlight).toBe(true)
    answer.open()
    expect(await Promise.all(all)).toEqual(['A2', 'A2', 'A2'])
    expect(calls).toBe(1)
    expect(gate.inFlight).toBe(false)
    // The next call after it landed is a new flight.
    await gate.run(task)
    expect(calls).toBe(2)
  })

  it('backs off after a transient failure, and longer after each one in a row', async () => {
    const { gate, timers, failures } = setup()
    let calls = 0
    const failing = async (): Promise<string> => {
      calls += 1
      throw transient()
    }
    const first = await outcome(gate.run(failing))
    expect(isRefreshFailed((first as { error: unknown }).error)).toBe(true)
    expect((first as { error: RefreshFailedError }).error.retryAfterMs).toBe(750)
    expect(gate.retryInMs()).toBe(750)

    // Inside the backoff a call is refused at once, without a request, and says how long to wait.
    const early = (await outcome(gate.run(failing))) as { error: RefreshFailedError }
    expect(early.error.transient).toBe(true)
    expect(early.error.retryAfterMs).toBe(750)
    expect(calls).toBe(1)

    await timers.advance(750)
    expect(gate.retryInMs()).toBe(0)
    const second = (await outcome(gate.run(failing))) as { error: RefreshFailedError }
    expect(second.error.retryAfterMs).toBe(1_500)
    await timers.advance(1_500)
    const third = (await outcome(gate.run(failing))) as { error: RefreshFailedError }
    expect(third.error.retryAfterMs).toBe(3_000)
    expect(calls).toBe(3)
    // One report per failed flight, not per refused call.
    expect(failures).toHaveLength(3)
  })

  it('starts the backoff over after a success', async () => {
    const { gate, timers } = setup()
    await outcome(gate.run(async () => Promise.reject(transient())))
    await timers.advance(750)
    await outcome(gate.run(async () => Promise.reject(transient())))
    await timers.advance(1_500)
    expect(await gate.run(async () => 'A2')).toBe('A2')
    const after = (await outcome(gate.run(async () => Promise.reject(transient())))) as {
      error: RefreshFailedError
    }
    expect(after.error.retryAfterMs).toBe(750)
  })

  it('does not back off after a definitive failure', async () => {
    const { gate, failures } = setup()
    const ended = new SessionExpiredError('refused')
    const result = await outcome(gate.run(async () => Promise.reject(ended)))
    expect((result as { error: unknown }).error).toBe(ended)
    expect(gate.retryInMs()).toBe(0)
    expect(failures).toEqual([ended])
    expect(await gate.run(async () => 'A2')).toBe('A2')
  })

  it('times a silent flight out as a retryable failure and aborts it', async () => {
    const { gate, timers } = setup(10_000)
    let signal: AbortSignal | undefined
    const pending = outcome(
      gate.run((s) => {
        signal = s
        return new Promise<string>(() => {})
      }),
    )
    await timers.advance(9_999)
    expect(gate.inFlight).toBe(true)
    await timers.advance(1)
    const result = (await pending) as { error: RefreshFailedError }
    expect(result.error).toBeInstanceOf(RefreshFailedError)
    expect(result.error.transient).toBe(true)
    expect(result.error.message).toContain('10000 ms')
    expect(signal?.aborted).toBe(true)
    expect(gate.inFlight).toBe(false)
    expect(gate.retryInMs()).toBe(750)
  })

  it('reset aborts the flight, forgets the backoff, and ignores the old flight’s fate', async () => {
    const { gate, timers, failures } = setup()
    await outcome(gate.run(async () => Promise.reject(transient())))
    await timers.advance(750)
    // Two failures in a row so far would make the next wait 1.5 s; reset forgets them.
    const late = held()
    let signal: AbortSignal | undefined
    const old = outcome(
      gate.run(async (s) => {
        signal = s
        await late.wait
        throw transient()
      }),
    )
    gate.reset()
    expect(signal?.aborted).toBe(true)
    expect(gate.inFlight).toBe(false)
    expect(gate.retryInMs()).toBe(0)
    // A new flight starts at once, beside the old one still on its way.
    const fresh = gate.run(async () => 'A3')
    late.open()
    await old
    expect(await fresh).toBe('A3')
    // The old flight's failure set no backoff and was not reported as this session's.
    expect(gate.retryInMs()).toBe(0)
    expect(failures).toHaveLength(1)
    const next = (await outcome(gate.run(async () => Promise.reject(transient())))) as {
      error: RefreshFailedError
    }
    expect(next.error.retryAfterMs).toBe(750)
  })

  it('retryNow lifts the wait but keeps counting failures', async () => {
    const { gate } = setup()
    await outcome(gate.run(async () => Promise.reject(transient())))
    expect(gate.retryInMs()).toBe(750)
    gate.retryNow()
    expect(gate.retryInMs()).toBe(0)
    const again = (await outcome(gate.run(async () => Promise.reject(transient())))) as {
      error: RefreshFailedError
    }
    expect(again.error.retryAfterMs).toBe(1_500)
    await settle()
  })

  it('while backing off, a caller is told why: the session is being retried shortly', async () => {
    const { gate } = setup()
    await outcome(gate.run(() => Promise.reject(transient())))
    const early = await gate.run(async () => 'A2').catch((e: unknown) => e)
    expect(isRefreshFailed(early) && early.message).toMatch(/retrying shortly/)
  })

  it('a gate nobody listens to still hands the failure to its caller', async () => {
    fakeDate()
    const bare = createRefreshGate({
      clock: { now: () => Date.now() },
      timers: new ManualTimers(),
      timeoutMs: 10_000,
      backoff: { baseMs: 1_000, capMs: 60_000, random: () => 0.5 },
    })
    const failed = await bare.run(() => Promise.reject(transient())).catch((e: unknown) => e)
    expect(isRefreshFailed(failed) && failed.message).toBe('network down')
  })

  it('a flight that lands after a reset touches neither the new flight nor its backoff', async () => {
    const { gate } = setup()
    const old = held()
    const stale = gate.run(async () => {
      await old.wait
      return 'old'
    })
    gate.reset()
    // The new session's first refresh fails: it backs off.
    await outcome(gate.run(() => Promise.reject(transient())))
    expect(gate.retryInMs()).toBeGreaterThan(0)
    old.open()
    await expect(stale).resolves.toBe('old')
    expect(gate.retryInMs()).toBeGreaterThan(0)
  })

  it('a flight that lands after a reset leaves the new flight in the air: callers still join it', async () => {
    const { gate } = setup()
    const old = held()
    const next = held()
    let calls = 0
    const stale = gate.run(async () => {
      await old.wait
      return 'old'
    })
    gate.reset()
    const task = async () => {
      calls += 1
      await next.wait
      return 'new'
    }
    const first = gate.run(task)
    old.open()
    await stale
    await settle()
    expect(gate.inFlight).toBe(true)
    const joined = gate.run(task)
    next.open()
    expect(await Promise.all([first, joined])).toEqual(['new', 'new'])
    expect(calls).toBe(1)
  })
})

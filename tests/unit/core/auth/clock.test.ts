/** Real timers as the core uses them: every delay kept in the range browsers honour; bounded waits. */
import { describe, expect, it, vi } from 'vitest'
import { MAX_DELAY_MS, systemClock, systemTimers, withTimeout } from '@/core/auth/clock'
import { ManualTimers } from '../helpers'

describe('systemTimers', () => {
  it('clamps a delay past what browsers honour, and a negative one, instead of firing at once', () => {
    vi.useFakeTimers()
    try {
      const fired: string[] = []
      systemTimers.setTimeout(() => fired.push('far'), MAX_DELAY_MS * 4)
      systemTimers.setTimeout(() => fired.push('negative'), -5)
      const every = systemTimers.setInterval(() => fired.push('tick'), MAX_DELAY_MS * 2)
      vi.advanceTimersByTime(0)
      expect(fired).toEqual(['negative'])
      vi.advanceTimersByTime(MAX_DELAY_MS)
      expect(fired).toEqual(['negative', 'far', 'tick'])
      systemTimers.clearInterval(every)
      const cancelled = systemTimers.setTimeout(() => fired.push('cancelled'), 10)
      systemTimers.clearTimeout(cancelled)
      vi.advanceTimersByTime(MAX_DELAY_MS)
      expect(fired).toEqual(['negative', 'far', 'tick'])
      expect(systemClock.now()).toBe(Date.now())
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('withTimeout', () => {
  it('settles with the work when it is first, and its timer is cleared', async () => {
    const timers = new ManualTimers()
    await expect(
      withTimeout(Promise.resolve(7), 100, timers, () => new Error('late')),
    ).resolves.toBe(7)
    await expect(
      withTimeout(Promise.reject(new Error('refused')), 100, timers, () => new Error('late')),
    ).rejects.toThrow('refused')
    expect(timers.pending).toBe(0)
  })

  it('rejects with the timeout’s error when the work never settles', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const timers = new ManualTimers()
      const waiting = withTimeout(
        new Promise<never>(() => {}),
        100,
        timers,
        () => new Error('late'),
      )
      waiting.catch(() => {})
      await timers.advance(99)
      let settled = false
      waiting.finally(() => (settled = true)).catch(() => {})
      await Promise.resolve()
      expect(settled).toBe(false)
      await timers.advance(1)
      await expect(waiting).rejects.toThrow('late')
    } finally {
      vi.useRealTimers()
    }
  })
})

/** The delays between retries after transient refresh failures. */
import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF } from '@/core/auth/session/backoff'

const policy = (random: number) => ({ baseMs: 1_000, capMs: 60_000, random: () => random })

describe('backoff', () => {
  it('doubles the step with each failure in a row', () => {
    const top = [1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy(1)))
    expect(top).toEqual([1_000, 2_000, 4_000, 8_000, 16_000])
  })

  it('keeps a random half of the step, never less than half', () => {
    expect(backoffDelay(3, policy(0))).toBe(2_000)
    expect(backoffDelay(3, policy(0.5))).toBe(3_000)
    expect(backoffDelay(3, policy(1))).toBe(4_000)
  })

  it('never waits longer than the cap, however many failures', () => {
    expect(backoffDelay(7, policy(1))).toBe(60_000)
    expect(backoffDelay(1_000, policy(1))).toBe(60_000)
    expect(backoffDelay(1_000, policy(0))).toBe(30_000)
  })

  it('treats nonsense counts and jitter as the nearest sane value', () => {
    expect(backoffDelay(0, policy(1))).toBe(1_000)
    expect(backoffDelay(-3, policy(1))).toBe(1_000)
    expect(backoffDelay(2.9, policy(1))).toBe(2_000)
    expect(backoffDelay(1, policy(7))).toBe(1_000)
    expect(backoffDelay(1, policy(-7))).toBe(500)
  })

  it('defaults to 1 s steps capped at a minute, with real jitter', () => {
    expect(DEFAULT_BACKOFF.baseMs).toBe(1_000)
    expect(DEFAULT_BACKOFF.capMs).toBe(60_000)
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, DEFAULT_BACKOFF)))
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(4_000)
      expect(d).toBeLessThanOrEqual(8_000)
    }
    expect(delays.size).toBeGreaterThan(1)
  })
})

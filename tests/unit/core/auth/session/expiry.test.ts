/** When a token is due, by the server's clock: the offset it learns, and the refresh margin. */
import { describe, expect, it } from 'vitest'
import { createExpiryModel, DEFAULT_MARGIN_MS } from '@/core/auth/session/expiry'
import type { TokenClaims } from '@/core/auth/session/tokens'

const NOW = Date.parse('2026-12-02T12:00:00Z')
const clockAt = (ms: number) => ({ now: () => ms })
const access = (expSecondsFromNow: number, from = NOW): TokenClaims => ({
  token_type: 'access',
  exp: Math.floor(from / 1000) + expSecondsFromNow,
  user_id: 1,
})

describe('expiry model', () => {
  it('refreshes a long-lived token 30 s before exp, at most', () => {
    const expiry = createExpiryModel(clockAt(NOW))
    const day = access(86_400)
    expiry.noteArrival(day)
    expect(expiry.marginMs).toBe(DEFAULT_MARGIN_MS)
    expect(expiry.dueInMs(day)).toBe(86_400_000 - 30_000)
  })

  it('refreshes a short-lived token a quarter of its lifetime before exp', () => {
    const expiry = createExpiryModel(clockAt(NOW))
    const ten = access(10)
    expiry.noteArrival(ten)
    expect(expiry.marginMs).toBe(2_500)
    expect(expiry.dueInMs(ten)).toBe(7_500)
    // The margin follows the token that arrived last: a 60 s token gets 15 s.
    const minute = access(60)
    expiry.noteArrival(minute)
    expect(expiry.dueInMs(minute)).toBe(45_000)
  })

  it('never takes a margin from an expired arrival below zero', () => {
    const expiry = createExpiryModel(clockAt(NOW))
    expiry.noteArrival(access(-5))
    expect(expiry.marginMs).toBe(0)
  })

  it('honours a smaller configured margin', () => {
    const expiry = createExpiryModel(clockAt(NOW), 1_000)
    const minute = access(60)
    expiry.noteArrival(minute)
    expect(expiry.dueInMs(minute)).toBe(59_000)
  })

  it('learns the server clock from a fresh iat, and counts time left by it', () => {
    const expiry = createExpiryModel(clockAt(NOW))
    // The server is 90 s ahead of this machine.
    expiry.syncFromIat(Math.floor(NOW / 1000) + 90)
    expect(expiry.offsetMs).toBe(90_000)
    expect(expiry.serverNow()).toBe(NOW + 90_000)
    expect(expiry.msLeft(access(120))).toBe(30_000)
    expect(expiry.msLeft(access(60))).toBe(-30_000)
  })

  it('learns it from a Date header when no iat tells it, and ignores what is not a time', () => {
    const expiry = createExpiryModel(clockAt(NOW))
    expiry.syncFromServerTime(NOW - 5_000)
    expect(expiry.offsetMs).toBe(-5_000)
    expiry.syncFromServerTime(undefined)
    expiry.syncFromServerTime(Number.NaN)
    expiry.syncFromIat(undefined)
    expiry.syncFromIat(Number.POSITIVE_INFINITY)
    expiry.useOffset(Number.NaN)
    expect(expiry.offsetMs).toBe(-5_000)
  })

  it('takes the offset and the margin another tab or a reload hands over', () => {
    const expiry = createExpiryModel(clockAt(NOW))
    expiry.useOffset(1_234)
    expect(expiry.serverNow()).toBe(NOW + 1_234)
    expiry.useMargin(4_000)
    expect(expiry.marginMs).toBe(4_000)
    // A handed-over margin is bounded like one learnt here.
    expiry.useMargin(10 * DEFAULT_MARGIN_MS)
    expect(expiry.marginMs).toBe(DEFAULT_MARGIN_MS)
    expiry.useMargin(-1)
    expect(expiry.marginMs).toBe(0)
    expiry.useMargin(Number.NaN)
    expect(expiry.marginMs).toBe(0)
  })
})

/**
 * The other tabs as one tab talks with them (peers.ts): what it remembers of their news, what it
 * asks and answers on the channel, and how long it waits.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { TokenPair } from '@/core/auth/session/tokenApi'
import { fanOut, noChannel, type TabChannel, type TabMessage } from '@/core/auth/tabs/channel'
import { createPeers } from '@/core/auth/tabs/peers'
import { fakeDate, fakeJwt, ManualTimers, settle } from '../../helpers'

beforeEach(fakeDate)

let serial = 0
const token = (type: 'access' | 'refresh', expIn = 120) => {
  serial += 1
  return fakeJwt({
    token_type: type,
    user_id: 1,
    exp: Math.floor(Date.now() / 1000) + expIn,
    n: serial,
  })
}
const pairOf = (refresh = token('refresh'), expIn = 120): TokenPair => ({
  access: token('access', expIn),
  refresh,
})

function peers(o: { channel?: TabChannel; current?: TokenPair | null } = {}) {
  const [a, b] = [fanOut(), fanOut()]
  const sent: TabMessage[] = []
  b.on((m) => sent.push(m))
  const mine: TabChannel = { post: (m) => void b.deliver(m), on: a.on, close: a.clear }
  const timers = new ManualTimers()
  const p = createPeers(
    { channel: o.channel ?? mine, tabId: 'me', timers, askMs: 500, offsetMs: () => -1500 },
    {
      current: () => o.current ?? null,
      signedIn: () => {},
      refreshed: () => {},
      signedOut: () => {},
    },
  )
  const say = (m: Record<string, unknown>) => a.deliver({ from: 'other', ...m })
  return { p, sent, say, timers }
}

/** Whether `work` has settled after the promise queue ran (no time passed). */
async function settledNow(work: Promise<unknown>): Promise<boolean> {
  let done = false
  void work.then(() => (done = true))
  await settle(5)
  return done
}

describe('peers', () => {
  it('alone (no channel): nothing to wait for, null at once', async () => {
    const { p } = peers({ channel: noChannel })
    await expect(settledNow(p.pairFor(token('refresh')))).resolves.toBe(true)
  })

  it('an ask nobody answers gives up after askMs; one without a signal too', async () => {
    const { p, timers } = peers()
    let got: TokenPair | null | undefined
    void p.pairFor(token('refresh')).then((v) => (got = v))
    await timers.advance(490)
    expect(got).toBeUndefined()
    await timers.advance(20)
    expect(got).toBeNull()
  })

  it('an abort ends the wait at once', async () => {
    const { p } = peers()
    const ctl = new AbortController()
    const wait = p.successorOf(token('refresh'), ctl.signal, 10_000)
    ctl.abort()
    await expect(settledNow(wait)).resolves.toBe(true)
    await expect(wait).resolves.toBeNull()
  })

  it('one waiter giving up leaves the others waiting for the answer', async () => {
    const { p, say } = peers()
    const refresh = token('refresh')
    const ctl = new AbortController()
    const first = p.pairFor(refresh, ctl.signal)
    const second = p.pairFor(refresh, new AbortController().signal)
    ctl.abort()
    await settle(5)
    const pair = pairOf(refresh)
    say({ type: 'pair', pair })
    await expect(first).resolves.toBeNull()
    await expect(second).resolves.toEqual(pair)
  })

  it('remembers the last 8 pairs heard: older ones are asked for again', async () => {
    const { p, say, sent } = peers()
    const pairs = Array.from({ length: 9 }, () => pairOf())
    for (const pair of pairs) say({ type: 'pair', pair })
    await expect(settledNow(p.pairFor(pairs[1]!.refresh))).resolves.toBe(true)
    expect(sent).toEqual([])
    void p.pairFor(pairs[0]!.refresh)
    expect(sent).toMatchObject([{ type: 'ask', refresh: pairs[0]!.refresh }])
  })

  it('remembers the last 8 rotations heard', async () => {
    const { p, say } = peers()
    const replaced = Array.from({ length: 9 }, () => token('refresh'))
    for (const r of replaced) say({ type: 'refreshed', pair: pairOf(), replaced: r })
    expect(p.replaced(replaced[1]!)).toBe(true)
    expect(p.replaced(replaced[0]!)).toBe(false)
  })

  it('a refresh without rotation does not push a remembered rotation out', () => {
    const { p, say } = peers()
    const replaced = Array.from({ length: 8 }, () => token('refresh'))
    for (const r of replaced) say({ type: 'refreshed', pair: pairOf(), replaced: r })
    say({ type: 'refreshed', pair: pairOf() })
    expect(replaced.map((r) => p.replaced(r))).toEqual(Array(8).fill(true))
  })

  it('a wait that ended is not woken by its signal aborting later: a newer wait still gets its answer', async () => {
    const { p, say } = peers()
    const refresh = token('refresh')
    const ctl = new AbortController()
    const now = Math.floor(Date.now() / 1000)
    const first = p.laterPair(refresh, now, ctl.signal)
    const answer = pairOf(refresh, 60)
    say({ type: 'pair', pair: answer })
    await expect(first).resolves.toEqual(answer)
    const second = p.laterPair(refresh, now + 100, new AbortController().signal)
    ctl.abort()
    const later = pairOf(refresh, 300)
    say({ type: 'pair', pair: later })
    await expect(second).resolves.toEqual(later)
  })

  it('a later access token already heard is handed over without asking', async () => {
    const { p, say, sent } = peers()
    const pair = pairOf(token('refresh'), 300)
    say({ type: 'pair', pair })
    await expect(p.laterPair(pair.refresh, Math.floor(Date.now() / 1000) + 100)).resolves.toEqual(
      pair,
    )
    expect(sent).toEqual([])
  })

  it('its own messages, echoed back, are ignored', async () => {
    const { p, say } = peers()
    const replaced = token('refresh')
    say({ type: 'refreshed', from: 'me', pair: pairOf(), replaced })
    expect(p.replaced(replaced)).toBe(false)
  })

  it('answers an ask only for the refresh token it holds, with its server offset', () => {
    const held = pairOf()
    const { say, sent } = peers({ current: held })
    say({ type: 'ask', refresh: token('refresh') })
    expect(sent).toEqual([])
    say({ type: 'ask', refresh: held.refresh })
    expect(sent).toEqual([{ type: 'pair', from: 'me', pair: { ...held, offsetMs: -1500 } }])
  })

  it('news without a pair goes out as it is', () => {
    const { p, sent } = peers()
    p.publish({ type: 'signedOut', reason: 'user' })
    expect(sent).toEqual([{ type: 'signedOut', reason: 'user', from: 'me' }])
  })
})

/**
 * The tab plug-in as its session sees it, through the seam (tabSeam.ts): the test plays the
 * session (what it holds, what it adopts, what it is told) and the other tabs (what they say on the
 * channel, what they wrote to localStorage and to the spend ledger). Each case is one thing a
 * session asks of the plug-in, and the answer it gets.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { RefreshFailedError } from '@/core/auth/errors'
import type { CurrentPair, TabHost, TabSync } from '@/core/auth/session/tabSeam'
import type { TokenPair } from '@/core/auth/session/tokenApi'
import { readToken, redact } from '@/core/auth/session/tokens'
import { fanOut, type TabChannel, type TabMessage } from '@/core/auth/tabs/channel'
import type { TabLocks } from '@/core/auth/tabs/locks'
import { tabProtocol, type TabProtocolOptions } from '@/core/auth/tabs/protocol'
import { memoryLedger, type SpendLedger } from '@/core/auth/tabs/spendLedger'
import { webLocks } from '@/core/auth/tabs/webLocks'
import { createTokenStorage } from '@/core/auth/tokenStorage'
import { fakeDate, fakeJwt, ManualTimers, settle, webStore } from '../../helpers'
import { FakeLockManager } from './fakes'

beforeEach(fakeDate)

const nowS = () => Math.floor(Date.now() / 1000)
let serial = 0
/** A simplejwt-shaped token with a signature of its own (the ledger tells tokens apart by it). */
function jwt(claims: Record<string, unknown>): string {
  const [head, body] = fakeJwt(claims).split('.')
  serial += 1
  return `${head}.${body}.signature-${String(serial).padStart(12, '0')}`
}
const refreshToken = (o: { user?: number; iat?: number | null; expIn?: number } = {}) =>
  jwt({
    token_type: 'refresh',
    user_id: o.user ?? 1,
    exp: nowS() + (o.expIn ?? 86_400),
    ...(o.iat !== null && { iat: o.iat ?? nowS() }),
  })
const accessToken = (expIn = 120, user = 1) =>
  jwt({ token_type: 'access', user_id: user, exp: nowS() + expIn })
const pairOf = (refresh: string, expIn = 120): TokenPair => ({
  access: accessToken(expIn),
  refresh,
})

/** Two ends of one channel: what one posts the other hears, at once. */
function channelPair(): [TabChannel, TabChannel & { heard: TabMessage[] }] {
  const [a, b] = [fanOut(), fanOut()]
  const heard: TabMessage[] = []
  b.on((m) => heard.push(m))
  return [
    { post: (m) => void b.deliver(m), on: a.on, close: a.clear },
    { post: (m) => void a.deliver(m), on: b.on, close: b.clear, heard },
  ]
}

interface Setup {
  sync: TabSync
  /** The other tabs, on the channel. */
  peer: TabChannel & { heard: TabMessage[]; say(m: Record<string, unknown>): void }
  timers: ManualTimers
  logs: string[]
  /** What the session was handed, in order. */
  adopted: Array<{ pair: TokenPair; as: string }>
  signOuts: string[]
  storage: ReturnType<typeof createTokenStorage>
  state: { current: CurrentPair; rotates: boolean | null; accept: boolean; offsetMs: number }
  hold(pair: TokenPair | { access: null; refresh: string | null }, usable?: boolean): void
  ledger: SpendLedger | null
  /** Runs the hand-driven clock until `work` settles (or `maxMs` passed). */
  run<T>(work: Promise<T>, maxMs?: number): Promise<T>
}

const TIMEOUT_MS = 10_000

function setup(
  o: {
    ledger?: SpendLedger | null
    locks?: TabLocks | ((timers: ManualTimers) => TabLocks)
    options?: Partial<TabProtocolOptions>
    random?: number
  } = {},
): Setup {
  const timers = new ManualTimers()
  const logs: string[] = []
  const adopted: Setup['adopted'] = []
  const signOuts: string[] = []
  const storage = createTokenStorage('local', 'acme', { localStorage: webStore() })
  const [mine, other] = channelPair()
  const ledger = o.ledger === undefined ? memoryLedger(TIMEOUT_MS * 1.5) : o.ledger
  const state: Setup['state'] = {
    current: { access: null, refresh: null, accessExp: 0, usable: false },
    rotates: true,
    accept: true,
    offsetMs: 0,
  }
  const hold: Setup['hold'] = (pair, usable = pair.access !== null) => {
    const exp = readToken(pair.access, 'access')?.exp ?? 0
    state.current = { access: pair.access, refresh: pair.refresh, accessExp: exp, usable }
  }
  const host: TabHost = {
    tenant: 'acme',
    storage,
    timers,
    log: (m) => logs.push(m),
    timeoutMs: TIMEOUT_MS,
    random: () => o.random ?? 0,
    now: () => Date.now(),
    offsetMs: () => state.offsetMs,
    rotates: () => state.rotates,
    current: () => state.current,
    spendable: (t) => {
      const claims = readToken(t, 'refresh')
      return !!claims && claims.exp > nowS()
    },
    pairHeard(pair, as) {
      adopted.push({ pair: { access: pair.access, refresh: pair.refresh }, as })
      if (state.accept) hold(pair)
      return state.accept
    },
    signOutHeard: (reason) => void signOuts.push(reason),
  }
  const sync = tabProtocol({
    locks:
      typeof o.locks === 'function'
        ? o.locks(timers)
        : (o.locks ?? { withLock: (_n, _o, task) => task(new AbortController().signal, false) }),
    channel: mine,
    tabId: 'me',
    ...(ledger && { ledger: () => ledger }),
    ...o.options,
  })(host)
  const peer = Object.assign(other, {
    say: (m: Record<string, unknown>) => other.post({ from: 'other', ...m } as TabMessage),
  })
  async function run<T>(work: Promise<T>, maxMs = 60_000): Promise<T> {
    let done = false
    const watched = work.finally(() => (done = true))
    watched.catch(() => {})
    for (let t = 0; t < maxMs && !done; t += 10) {
      await settle(3)
      if (!done) await timers.advance(10)
    }
    return watched
  }
  return { sync, peer, timers, logs, adopted, signOuts, storage, state, hold, ledger, run }
}

const signal = () => new AbortController().signal
const asks = (t: Setup) => t.peer.heard.filter((m) => m.type === 'ask')
/** The other tab answers every ask about `refresh` with `pair`. */
function answers(t: Setup, pair: TokenPair, delayMs = 0) {
  t.peer.on((m) => {
    if (m.type !== 'ask' || m.refresh !== pair.refresh) return
    if (delayMs === 0) t.peer.say({ type: 'pair', pair })
    else t.timers.setTimeout(() => t.peer.say({ type: 'pair', pair }), delayMs)
  })
}

describe('news from the other tabs', () => {
  it('a sign-in with another refresh token is handed over as a new session; one with the token held is not', async () => {
    const t = setup()
    const held = pairOf(refreshToken())
    t.hold(held)
    t.peer.say({ type: 'signedIn', pair: held, user: { id: 1 } })
    expect(t.adopted).toEqual([])
    const other = pairOf(refreshToken({ user: 2 }))
    t.peer.say({ type: 'signedIn', pair: other, user: { id: 2 } })
    expect(t.adopted).toEqual([{ pair: other, as: 'signedIn' }])
  })

  it('a refresh that keeps the token: adopted only when its access token outlives the one held', () => {
    const t = setup()
    const refresh = refreshToken()
    t.hold(pairOf(refresh, 120))
    t.storage.set(refresh)
    t.peer.say({ type: 'refreshed', pair: pairOf(refresh, 60) })
    t.peer.say({ type: 'refreshed', pair: { ...t.state.current, refresh } as TokenPair })
    expect(t.adopted).toEqual([])
    const later = pairOf(refresh, 300)
    t.peer.say({ type: 'refreshed', pair: later })
    expect(t.adopted).toEqual([{ pair: later, as: 'refreshed' }])
  })

  it('a rotation is followed when it replaced the token held, or when its token is the one stored', () => {
    const t = setup()
    const known = refreshToken()
    t.hold(pairOf(known))
    t.storage.set(known)
    // Another session's rotation (it replaced a token this tab never held): not followed.
    t.peer.say({ type: 'refreshed', pair: pairOf(refreshToken()), replaced: refreshToken() })
    expect(t.adopted).toEqual([])
    const rotated = pairOf(refreshToken())
    t.peer.say({ type: 'refreshed', pair: rotated, replaced: known })
    expect(t.adopted).toEqual([{ pair: rotated, as: 'refreshed' }])
    // Heard before the news of the step in between, but its token is already in storage.
    const next = pairOf(refreshToken())
    t.storage.set(next.refresh)
    t.peer.say({ type: 'refreshed', pair: next, replaced: refreshToken() })
    expect(t.adopted.map((a) => a.pair)).toEqual([rotated, next])
  })

  it('a signed-out tab follows no refresh, even of the token in storage', () => {
    const t = setup()
    const pair = pairOf(refreshToken())
    t.storage.set(pair.refresh)
    t.peer.say({ type: 'refreshed', pair, replaced: refreshToken() })
    expect(t.adopted).toEqual([])
  })

  it('a sign-out is passed on, unless it names a refused token this tab is past', () => {
    const t = setup()
    const known = refreshToken()
    t.hold(pairOf(known))
    t.peer.say({ type: 'signedOut', reason: 'invalid-token', refresh: refreshToken() })
    expect(t.signOuts).toEqual([])
    t.peer.say({ type: 'signedOut', reason: 'invalid-token', refresh: known })
    t.peer.say({ type: 'signedOut', reason: 'user' })
    expect(t.signOuts).toEqual(['invalid-token', 'user'])
  })

  it('an ask for the token held is answered only by a tab that holds an access token with it', () => {
    const t = setup()
    const refresh = refreshToken()
    t.hold({ access: null, refresh })
    t.peer.say({ type: 'ask', refresh })
    expect(t.peer.heard).toEqual([])
    const pair = pairOf(refresh)
    t.hold(pair)
    t.peer.say({ type: 'ask', refresh })
    expect(t.peer.heard).toMatchObject([{ type: 'pair', from: 'me', pair }])
  })
})

describe('the lock', () => {
  it.each([
    [0, 6_000],
    [1, 9_000],
  ])(
    'a hung holder is outwaited for 60%% of the refresh timeout plus jitter (random %s: %s ms)',
    async (random, waitMs) => {
      const manager = new FakeLockManager()
      manager.hang('auth:acme:refresh')
      const t = setup({ locks: (timers) => webLocks(manager, timers), random })
      let ran = false
      const task = t.sync.locked(async () => void (ran = true))
      await settle(10)
      await t.timers.advance(waitMs - 100)
      await settle(10)
      expect(ran).toBe(false)
      await t.timers.advance(200)
      await t.run(task, 1_000)
      expect(ran).toBe(true)
    },
  )
})

describe('catching up before a refresh', () => {
  it('another tab stored a newer token and its pair was heard: adopted, nothing to spend', async () => {
    const t = setup()
    t.hold(pairOf(refreshToken({ iat: nowS() - 60 })))
    const newer = pairOf(refreshToken())
    t.peer.say({ type: 'pair', pair: newer }) // heard, not yet adopted
    t.storage.set(newer.refresh)
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
    expect(t.adopted).toEqual([{ pair: newer, as: 'refreshed' }])
    expect(t.logs.join('\n')).toContain(redact(newer.access))
  })

  it('a newer token of this user, whose pair nobody holds: it is the one to spend', async () => {
    const t = setup()
    t.hold(pairOf(refreshToken({ iat: nowS() - 60 })))
    const newer = refreshToken()
    t.storage.set(newer)
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBe(newer)
    expect(asks(t)).toMatchObject([{ refresh: newer }])
    expect(t.adopted).toEqual([])
    expect(t.logs.join('\n')).toContain(redact(newer))
  })

  it.each([
    ['with an iat', { iat: nowS() - 60 }],
    ['without an iat', { iat: null }],
  ] as const)(
    'a token stored by another tab %s is spent rather than the older one held',
    async (_, claims) => {
      const t = setup()
      t.hold(pairOf(refreshToken({ iat: nowS() - 30 })))
      const stored = refreshToken(claims.iat === null ? { iat: null } : {})
      t.storage.set(stored)
      await expect(t.run(t.sync.catchUp(signal()))).resolves.toBe(stored)
    },
  )

  it('a stored token issued at the same second as the one held is still a newer one', async () => {
    const t = setup()
    t.hold(pairOf(refreshToken()))
    const stored = refreshToken()
    t.storage.set(stored)
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBe(stored)
  })

  it.each([
    ['issued before the one held', () => refreshToken({ iat: nowS() - 60 }), true],
    ['of another user', () => refreshToken({ user: 2 }), false],
    ['expired', () => refreshToken({ expIn: -10 }), true],
  ])('a stored token %s is not spent', async (_, make, quiet) => {
    const t = setup()
    t.hold(pairOf(refreshToken()))
    const stored = make()
    t.storage.set(stored)
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
    expect(t.adopted).toEqual([])
    if (quiet) expect(asks(t)).toEqual([])
  })

  it('a stored token heard replaced (a late copy of localStorage) is not spent', async () => {
    const t = setup()
    t.hold(pairOf(refreshToken({ iat: nowS() - 60 })))
    const late = refreshToken()
    t.peer.say({ type: 'refreshed', pair: pairOf(refreshToken()), replaced: late })
    t.storage.set(late)
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
    expect(asks(t)).toEqual([])
  })

  it('a signed-out tab finds another tab’s token in storage: it adopts its pair when heard', async () => {
    const t = setup()
    const pair = pairOf(refreshToken())
    t.storage.set(pair.refresh)
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
    expect(asks(t)).toMatchObject([{ refresh: pair.refresh }])
    t.peer.say({ type: 'pair', pair })
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
    expect(t.adopted).toEqual([{ pair, as: 'refreshed' }])
  })

  it('nothing new in storage: null, and the session spends its own token', async () => {
    const t = setup()
    const known = refreshToken()
    t.hold(pairOf(known))
    t.storage.set(known)
    await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
    expect(asks(t)).toEqual([])
  })

  describe('a tab without an access token asks the open tabs first', () => {
    it('the ask wants an access token good for two more seconds by the server clock', async () => {
      const t = setup()
      const known = refreshToken()
      t.hold({ access: null, refresh: known })
      t.storage.set(known)
      t.state.offsetMs = 30_500
      const at = Date.now()
      await t.run(t.sync.catchUp(signal()))
      expect(asks(t)).toEqual([
        { type: 'ask', from: 'me', refresh: known, after: Math.ceil((at + 30_500) / 1000) + 2 },
      ])
    })

    it('an answer within 250 ms is adopted and said in the log', async () => {
      const t = setup()
      const known = refreshToken()
      t.hold({ access: null, refresh: known })
      t.storage.set(known)
      const pair = pairOf(known)
      answers(t, pair, 200)
      await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
      expect(t.adopted).toEqual([{ pair, as: 'refreshed' }])
      expect(t.logs.join('\n')).toContain(redact(pair.access))
    })

    it('an answer after 250 ms comes too late', async () => {
      const t = setup()
      const known = refreshToken()
      t.hold({ access: null, refresh: known })
      t.storage.set(known)
      answers(t, pairOf(known), 300)
      await t.run(t.sync.catchUp(signal()))
      expect(t.adopted).toEqual([])
    })

    it('no answer: nothing adopted', async () => {
      const t = setup()
      const known = refreshToken()
      t.hold({ access: null, refresh: known })
      t.storage.set(known)
      await expect(t.run(t.sync.catchUp(signal()))).resolves.toBeNull()
      expect(t.adopted).toEqual([])
    })

    it('an answer for a session this tab has since left is not adopted', async () => {
      const t = setup()
      const known = refreshToken()
      t.hold({ access: null, refresh: known })
      t.storage.set(known)
      const pair = pairOf(known)
      t.peer.on((m) => {
        if (m.type !== 'ask') return
        t.hold({ access: null, refresh: refreshToken({ user: 2 }) }) // signed in as someone else meanwhile
        t.peer.say({ type: 'pair', pair })
      })
      await t.run(t.sync.catchUp(signal()))
      expect(t.adopted).toEqual([])
    })

    it('an answer the session refuses: nothing said in the log', async () => {
      const t = setup()
      const known = refreshToken()
      t.hold({ access: null, refresh: known })
      t.storage.set(known)
      t.state.accept = false
      answers(t, pairOf(known))
      await t.run(t.sync.catchUp(signal()))
      expect(t.adopted).toHaveLength(1)
      expect(t.logs).toEqual([])
    })
  })

  describe('without rotation, a later access token another tab got is asked for', () => {
    const contended: TabLocks = { withLock: (_n, _o, task) => task(signal(), true) }

    function kept(o: { rotates?: boolean | null; locks?: TabLocks } = {}) {
      const t = setup({ locks: o.locks ?? contended })
      t.state.rotates = o.rotates === undefined ? false : o.rotates
      const known = refreshToken()
      t.hold(pairOf(known, 5))
      t.storage.set(known)
      return { t, known, catchUp: () => t.run(t.sync.locked(() => t.sync.catchUp(signal()))) }
    }

    it.each([false, null])(
      'after waiting for the lock (rotates: %s): asked, adopted when later',
      async (rotates) => {
        const { t, known, catchUp } = kept({ rotates })
        const later = pairOf(known, 300)
        answers(t, later)
        await expect(catchUp()).resolves.toBeNull()
        expect(asks(t)).toHaveLength(1)
        expect(t.adopted).toEqual([{ pair: later, as: 'refreshed' }])
      },
    )

    it('a later pair already heard is adopted without asking', async () => {
      const { t, known, catchUp } = kept()
      const later = pairOf(known, 300)
      t.peer.say({ type: 'pair', pair: later })
      await expect(catchUp()).resolves.toBeNull()
      expect(asks(t)).toEqual([])
      expect(t.adopted).toEqual([{ pair: later, as: 'refreshed' }])
    })

    it('a backend that rotates: nothing to ask', async () => {
      const { t, catchUp } = kept({ rotates: true })
      await catchUp()
      expect(asks(t)).toEqual([])
    })

    it('an answer whose access token is no later is not adopted', async () => {
      const { t, known, catchUp } = kept()
      answers(t, pairOf(known, 1))
      await catchUp()
      expect(asks(t)).toHaveLength(1)
      expect(t.adopted).toEqual([])
    })

    it('an answer for a session this tab has since left is not adopted', async () => {
      const { t, known, catchUp } = kept()
      t.peer.on((m) => {
        if (m.type !== 'ask') return
        t.hold({ access: null, refresh: null })
        t.peer.say({ type: 'pair', pair: pairOf(known, 300) })
      })
      await catchUp()
      expect(t.adopted).toEqual([])
    })

    it('the lock was free: asked only once another tab was heard and the access token still works', async () => {
      const free: TabLocks = { withLock: (_n, _o, task) => task(signal(), false) }
      const { t, known, catchUp } = kept({ locks: free })
      await catchUp()
      expect(asks(t)).toEqual([])
      t.peer.say({ type: 'refreshed', pair: pairOf(known, 1) }) // not later: nothing adopted
      t.hold(t.state.current as TokenPair, false)
      await catchUp()
      expect(asks(t)).toEqual([])
      t.hold(t.state.current as TokenPair, true)
      await catchUp()
      expect(asks(t)).toHaveLength(1)
    })
  })
})

describe('the claim on a token about to be spent', () => {
  const other = 'other-tab'

  it('nobody spent it: spend it', async () => {
    const t = setup()
    const token = refreshToken()
    await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({
      kind: 'spend',
      token,
      verifyFirst: false,
    })
  })

  describe('another tab spent it already', () => {
    async function spentInto(t: Setup, token: string, next: string) {
      await t.ledger!.claim(token, other, Date.now())
      await t.ledger!.settle(token, other, next)
    }

    it('its pair is heard: adopted, nothing spent, said in the log', async () => {
      const t = setup()
      const [token, next] = [refreshToken(), refreshToken()]
      t.hold(pairOf(token))
      await spentInto(t, token, next)
      const pair = pairOf(next)
      answers(t, pair)
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({ kind: 'adopted' })
      expect(t.adopted).toEqual([{ pair, as: 'refreshed' }])
      expect(t.logs.join('\n')).toContain(redact(pair.access))
    })

    it('nobody holds its pair: the successor is spent instead', async () => {
      const t = setup()
      const [token, next] = [refreshToken(), refreshToken()]
      await spentInto(t, token, next)
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({
        kind: 'spend',
        token: next,
        verifyFirst: false,
      })
      expect(t.adopted).toEqual([])
      expect(t.logs.join('\n')).toContain(redact(next))
    })

    it('its pair is refused by the session: the successor is spent', async () => {
      const t = setup()
      const [token, next] = [refreshToken(), refreshToken()]
      await spentInto(t, token, next)
      t.state.accept = false
      answers(t, pairOf(next))
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({
        kind: 'spend',
        token: next,
        verifyFirst: false,
      })
    })

    it.each([
      ['of another user', () => refreshToken({ user: 2 })],
      ['already expired', () => refreshToken({ expIn: -10 })],
    ])('into a token %s: the session is over', async (_, make) => {
      const t = setup()
      const token = refreshToken()
      await spentInto(t, token, make())
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({ kind: 'ended' })
      expect(asks(t)).toEqual([])
    })

    it.each([
      [7, 'spend'],
      [8, 'give up'],
    ])('a chain of %s rotations nobody holds the pair of: %s', async (hops, outcome) => {
      const t = setup()
      const chain = Array.from({ length: hops + 1 }, () => refreshToken())
      for (let i = 0; i < hops; i++) await spentInto(t, chain[i]!, chain[i + 1]!)
      const result = t.run(t.sync.claim(chain[0]!, signal()))
      if (outcome === 'spend') {
        await expect(result).resolves.toEqual({
          kind: 'spend',
          token: chain[hops],
          verifyFirst: false,
        })
      } else {
        const error = await result.catch((e: unknown) => e)
        expect(error).toBeInstanceOf(RefreshFailedError)
        expect((error as RefreshFailedError).transient).toBe(true)
        expect((error as Error).message).toMatch(/tabs/)
      }
      expect(asks(t)).toHaveLength(hops)
    })
  })

  describe('another live tab is spending it', () => {
    async function busy(t: Setup, token: string) {
      await t.ledger!.claim(token, other, Date.now())
    }

    it('its news comes within half the refresh timeout: its pair is adopted, no timer left', async () => {
      const t = setup() // signed out meanwhile, say: the news itself is not followed
      const token = refreshToken()
      await busy(t, token)
      const rotated = pairOf(refreshToken())
      t.timers.setTimeout(
        () => t.peer.say({ type: 'refreshed', pair: rotated, replaced: token }),
        4_000,
      )
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({ kind: 'adopted' })
      expect(t.adopted).toEqual([{ pair: rotated, as: 'refreshed' }])
      expect(t.logs.join('\n')).toContain(redact(token))
      expect(t.timers.pending).toBe(0)
    })

    it('without rotation, a later access token heard is adopted', async () => {
      const t = setup()
      t.state.rotates = false
      const token = refreshToken()
      t.hold(pairOf(token, 5))
      await busy(t, token)
      const later = pairOf(token, 300)
      t.timers.setTimeout(() => t.peer.say({ type: 'refreshed', pair: later }), 1_000)
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({ kind: 'adopted' })
      expect(t.timers.pending).toBe(0)
    })

    it.each([true, null])(
      'no news (rotates: %s): fails retryably after half the refresh timeout, spends nothing',
      async (rotates) => {
        const t = setup()
        t.state.rotates = rotates
        const token = refreshToken()
        await busy(t, token)
        const started = Date.now()
        const error = await t.run(t.sync.claim(token, signal())).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(RefreshFailedError)
        expect((error as RefreshFailedError).transient).toBe(true)
        expect((error as Error).message).toMatch(/tab/)
        expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS / 2)
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS / 2 + 100)
      },
    )

    it('no news, a backend that keeps the token: it is spent again', async () => {
      const t = setup()
      t.state.rotates = false
      const token = refreshToken()
      await busy(t, token)
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({
        kind: 'spend',
        token,
      })
    })

    it('a pair the session refuses: fails as with no news', async () => {
      const t = setup()
      const token = refreshToken()
      await busy(t, token)
      t.state.accept = false
      t.peer.say({ type: 'refreshed', pair: pairOf(refreshToken()), replaced: token })
      await expect(t.run(t.sync.claim(token, signal()))).rejects.toBeInstanceOf(RefreshFailedError)
    })
  })

  describe('a ledger that fails', () => {
    function failing() {
      let calls = 0
      const fail = async () => {
        calls += 1
        throw new Error('quota exceeded')
      }
      return {
        ledger: { claim: fail, settle: fail, unanswered: fail, forget: fail } as SpendLedger,
        calls: () => calls,
      }
    }

    it('is said once in the log and then left out: tokens are spent without it', async () => {
      const f = failing()
      const t = setup({ ledger: f.ledger })
      const token = refreshToken()
      await Promise.all([t.run(t.sync.claim(token, signal())), t.sync.settle(token, null)])
      expect(t.logs.filter((l) => l.includes('quota exceeded'))).toHaveLength(1)
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({
        kind: 'spend',
        token,
        verifyFirst: false,
      })
      await t.sync.settle(token, refreshToken())
      t.sync.leftover(token)
      await settle(5)
      expect(f.calls()).toBe(2)
      expect(t.logs.filter((l) => l.includes('quota exceeded'))).toHaveLength(1)
    })

    it('a claim the ledger could not answer is spent only after a verify: another tab may have marked it unanswered', async () => {
      const f = failing()
      const t = setup({ ledger: f.ledger })
      const token = refreshToken()
      await expect(t.run(t.sync.claim(token, signal()))).resolves.toEqual({
        kind: 'spend',
        token,
        verifyFirst: true,
      })
    })

    it('an abort while the ledger answers ends the claim', async () => {
      const t = setup({ ledger: { ...memoryLedger(1), claim: () => new Promise(() => {}) } })
      const ctl = new AbortController()
      const claim = t.sync.claim(refreshToken(), ctl.signal)
      ctl.abort()
      await expect(claim).rejects.toMatchObject({ name: 'AbortError' })
    })
  })
})

describe('after a refused refresh', () => {
  it('the pair another tab rotated the token into is adopted', async () => {
    const t = setup()
    const sent = refreshToken()
    const pair = pairOf(refreshToken())
    t.peer.say({ type: 'refreshed', pair, replaced: sent })
    await expect(t.run(t.sync.rescue(sent, signal()))).resolves.toBe(true)
    expect(t.logs.join('\n')).toContain(redact(sent))
  })

  it('no successor heard, or one the session refuses: not rescued', async () => {
    const t = setup()
    const sent = refreshToken()
    await expect(t.run(t.sync.rescue(sent, signal()))).resolves.toBe(false)
    t.state.accept = false
    t.peer.say({ type: 'refreshed', pair: pairOf(refreshToken()), replaced: sent })
    await expect(t.run(t.sync.rescue(sent, signal()))).resolves.toBe(false)
  })
})

describe('a sign-out', () => {
  it('forgets what the ledger knew: a token spent before may be claimed afresh', async () => {
    const t = setup()
    const token = refreshToken()
    await t.ledger!.claim(token, 'other', Date.now())
    await t.ledger!.settle(token, 'other', refreshToken())
    t.sync.leftover(token)
    await settle(5)
    await expect(t.ledger!.claim(token, 'me', Date.now())).resolves.toEqual({
      kind: 'go',
      verifyFirst: false,
    })
  })

  it('without a ledger, still answers', () => {
    const t = setup({ ledger: null })
    expect(t.sync.leftover(refreshToken())).toBeNull()
  })

  it('takes out a newer token of the same user another tab stored, and only that', () => {
    const t = setup()
    const signedOut = refreshToken()
    t.storage.set(signedOut)
    expect(t.sync.leftover(signedOut)).toBeNull()
    expect(t.storage.get()).toBe(signedOut)
    const stranger = refreshToken({ user: 2 })
    t.storage.set(stranger)
    expect(t.sync.leftover(signedOut)).toBeNull()
    expect(t.storage.get()).toBe(stranger)
    const newer = refreshToken()
    t.storage.set(newer)
    expect(t.sync.leftover(signedOut)).toBe(newer)
    expect(t.storage.get()).toBeNull()
    expect(t.sync.leftover(signedOut)).toBeNull()
  })
})

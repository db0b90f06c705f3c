/**
 * Several tabs of one browser (sessions sharing localStorage, a lock manager and a channel hub)
 * against the mock backend: counts taken at the network edge.
 */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { RefreshFailedError, SessionExpiredError } from '@/core/auth/errors'
import { memoryLedger } from '@/core/auth/tabs/spendLedger'
import { configureMock } from '@/mocks/config'
import { server } from '@/mocks/node'
import {
  ADMIN,
  fakeDate,
  gate,
  loseRefreshAnswers,
  settle,
  watchNetwork,
  watchRefreshes,
} from '../../helpers'
import { browser, type Browser, type Tab, type TabOptions } from './harness'

const REFRESH = '/auth/jwt/refresh/'
const BLACKLIST = '/auth/jwt/blacklist/'
const VERIFY = '/auth/jwt/verify/'
const ME = '/auth/users/me/'
const STAFF = { email: 'staff@acme.test', password: 'acme-staff-pass-1' }

beforeEach(fakeDate)

async function signedInTabs(
  n: number,
  options: TabOptions = {},
): Promise<{ b: Browser; tabs: Tab[] }> {
  const b = browser()
  const tabs = Array.from({ length: n }, () => b.open('acme', options))
  await b.drive(tabs[0]!.session.signIn(ADMIN.email, ADMIN.password))
  await settle(10)
  return { b, tabs }
}

const signOuts = (tabs: Tab[]) =>
  tabs.flatMap((t) => t.events).filter((e) => e.type === 'signedOut')
const accessOf = (tabs: Tab[]) => tabs.map((t) => t.session.accessToken)

/** Every tab makes two requests at once, with tokens that expired for all of them together. */
async function expireAndRequest(b: Browser, tabs: Tab[]) {
  b.timers.sleep(121_000)
  return b.drive(Promise.allSettled(tabs.flatMap((t) => [t.http.get(ME), t.http.get(ME)])))
}

describe('one refresh across tabs', () => {
  it('a sign-in reaches every tab: they hold the same pair', async () => {
    const { tabs } = await signedInTabs(3)
    const access = tabs[0]!.session.accessToken
    expect(access).not.toBeNull()
    expect(accessOf(tabs)).toEqual([access, access, access])
    expect(tabs[1]!.events).toMatchObject([{ type: 'signedIn', remote: true }])
  })

  it('three tabs expiring together: 1 refresh, 6 successes, one token everywhere, nobody signed out', async () => {
    const { b, tabs } = await signedInTabs(3)
    const net = watchNetwork()
    const results = await expireAndRequest(b, tabs)
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6)
    expect(net.count(REFRESH)).toBe(1)
    const access = tabs[0]!.session.accessToken
    expect(accessOf(tabs)).toEqual([access, access, access])
    expect(new Set(tabs.map((t) => t.storage.get())).size).toBe(1)
    expect(signOuts(tabs)).toEqual([])
    // One tab refreshed, the two others followed it.
    const refreshed = tabs.flatMap((t) => t.events).filter((e) => e.type === 'refreshed')
    expect(refreshed.filter((e) => !('remote' in e && e.remote))).toHaveLength(1)
    expect(refreshed.filter((e) => 'remote' in e && e.remote)).toHaveLength(2)
  })

  it('the news arrives after the lock: the rotated token in storage is adopted, not spent', async () => {
    const { b, tabs } = await signedInTabs(3)
    b.hub.hops = 40 // channel messages land well after the lock is handed on
    const net = watchNetwork()
    const results = await expireAndRequest(b, tabs)
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    expect(b.hub.sent('ask')).toBeGreaterThan(0)
    expect(new Set(accessOf(tabs)).size).toBe(1)
    expect(signOuts(tabs)).toEqual([])
  })

  it('storage lags behind the channel (as between browser renderers): nobody goes back to the replaced token, 1 refresh', async () => {
    const { b, tabs } = await signedInTabs(3)
    const first = tabs[0]!.session.accessToken
    // Another tab's write reaches a tab's localStorage well after its channel messages do.
    b.local.get('acme')!.lagHops = 60
    const net = watchNetwork()
    const results = await expireAndRequest(b, tabs)
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    const access = tabs[0]!.session.accessToken
    expect(access).not.toBe(first)
    expect(accessOf(tabs)).toEqual([access, access, access])
    expect(signOuts(tabs)).toEqual([])
  })

  it('the machine clock jumps ahead: the tab that refreshed shares the server offset, 1 refresh', async () => {
    const { b, tabs } = await signedInTabs(3)
    b.clock.skewMs = 10 * 60_000 // every tab now believes its token expired long ago
    const net = watchNetwork()
    const results = await b.drive(Promise.allSettled(tabs.map((t) => t.http.get(ME))))
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    expect(tabs.map((t) => Math.round(t.session.clockOffsetMs / 60_000))).toEqual([-10, -10, -10])
  })

  it('a tab opened while another holds a working access token asks it: 0 refreshes', async () => {
    const { b, tabs } = await signedInTabs(1)
    const net = watchNetwork()
    const late = b.open('acme')
    await expect(b.drive(late.session.restore())).resolves.toBe(true)
    expect(net.count(REFRESH)).toBe(0)
    expect(late.session.accessToken).toBe(tabs[0]!.session.accessToken)
    await expect(late.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(0)
  })

  it('a tab opened later, once the access token ran out, restores with 1 refresh, and the open tab follows the rotation', async () => {
    const { b, tabs } = await signedInTabs(1)
    b.timers.sleep(121_000)
    const net = watchNetwork()
    const late = b.open('acme')
    await expect(b.drive(late.session.restore())).resolves.toBe(true)
    await settle(10)
    expect(net.count(REFRESH)).toBe(1)
    expect(tabs[0]!.session.accessToken).toBe(late.session.accessToken)
    await expect(tabs[0]!.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(1)
  })

  it('the tab that rotated closed before anyone heard: the newest stored token is spent, no sign-out', async () => {
    const { b, tabs } = await signedInTabs(2)
    const [first, second] = tabs as [Tab, Tab]
    b.hub.pause() // nothing gets through any more
    const net = watchNetwork()
    b.timers.sleep(121_000)
    await b.drive(first.session.refresh())
    first.session.dispose() // closed
    await expect(b.drive(second.http.get(ME))).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(2) // the second spent the token the first stored, not its own
    expect(signOuts(tabs)).toEqual([])
  })

  it('a page reloaded while its refresh was on the wire: the reloaded page refreshes at once, it does not wait out the closed page’s claim', async () => {
    const { b, tabs } = await signedInTabs(1)
    const gone = tabs[0]!
    b.timers.sleep(121_000)
    // The page claimed its refresh token in the ledger, sent the refresh, and was reloaded before
    // the answer came: its claim stays, and nobody will ever settle it.
    await b.ledgers.get('acme')!.claim(gone.storage.get()!, gone.name, b.clock.now())
    gone.session.dispose()
    const net = watchNetwork()
    const reloaded = b.open('acme')
    const deadline = new Promise<string>((r) =>
      b.timers.setTimeout(() => r('still waiting'), 3_000),
    )
    const restored = reloaded.session.restore().then(
      (ok) => (ok ? 'restored' : 'not restored'),
      (e: unknown) => `failed: ${String(e)}`,
    )
    await expect(b.drive(Promise.race([restored, deadline]))).resolves.toBe('restored')
    await expect(reloaded.http.get(ME)).resolves.toMatchObject({ status: 200 })
    expect(net.count(REFRESH)).toBe(1)
    expect(signOuts([reloaded])).toEqual([])
  })

  it('a refused refresh names the refused token: a tab already past it stays signed in', async () => {
    // Without the spend ledger (no IndexedDB), a late copy of localStorage lets a tab spend a
    // token another tab has rotated: the refusal must not sign out the tab that rotated it.
    const { b, tabs } = await signedInTabs(2, { ledger: false })
    const [first, second] = tabs as [Tab, Tab]
    b.hub.pause() // neither tab hears the other for now
    b.local.get('acme')!.lagHops = 100_000 // nor does the first see the second's storage write
    b.timers.sleep(1_000) // a new iat, so the rotated token differs
    await b.drive(second.session.refresh()) // rotates the token both held
    await expect(b.drive(first.session.refresh())).rejects.toBeInstanceOf(SessionExpiredError)
    b.hub.resume()
    await settle(10)
    expect(first.session.signedIn).toBe(false)
    expect(second.session.signedIn).toBe(true)
    expect(signOuts([second])).toEqual([])
  })

  it('a lock holder that hangs: the others take the lock after the bounded wait, 1 refresh', async () => {
    const { b, tabs } = await signedInTabs(2)
    b.locks.hang('auth:acme:refresh')
    const net = watchNetwork()
    const results = await expireAndRequest(b, tabs)
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    expect(signOuts(tabs)).toEqual([])
  })

  it('a tab waiting for the lock when the session ends elsewhere: SessionExpiredError, nothing spent', async () => {
    const { b, tabs } = await signedInTabs(2)
    b.locks.hang('auth:acme:refresh')
    const net = watchNetwork()
    b.timers.sleep(121_000)
    const waiting = tabs[0]!.session.refresh()
    waiting.catch(() => {})
    await settle(10)
    await b.drive(tabs[1]!.session.signOut())
    await expect(waiting).rejects.toBeInstanceOf(SessionExpiredError)
    expect(net.count(REFRESH)).toBe(0)
    expect(net.count(BLACKLIST)).toBe(1)
  })

  it('without lock or ledger the rotation is survived, not prevented: refused tabs adopt the winner', async () => {
    const { b, tabs } = await signedInTabs(3, { locks: 'none', ledger: false })
    const net = watchNetwork()
    const results = await expireAndRequest(b, tabs)
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(3) // one 200, two 401 "Token is blacklisted"
    expect(new Set(accessOf(tabs)).size).toBe(1)
    expect(signOuts(tabs)).toEqual([])
  })
})

describe('the spend ledger: a rotated refresh token is spent at most once', () => {
  it('the next lock holder reads a stale localStorage and hears no news: it spends the successor, never the spent token', async () => {
    const { b, tabs } = await signedInTabs(2)
    const [first, second] = tabs as [Tab, Tab]
    b.hub.pause() // the second's news is late
    b.local.get('acme')!.lagHops = 100_000 // and so is its storage write, in the first's copy
    const seen = watchRefreshes()
    b.timers.sleep(121_000)
    await b.drive(second.session.refresh()) // rotates the token both held
    await expect(b.drive(first.session.refresh())).resolves.toBeTypeOf('string')
    await settle(10)
    expect(seen.statuses).toEqual([200, 200])
    expect(new Set(seen.sent).size).toBe(2) // two tokens, each spent once
    expect(first.session.signedIn && second.session.signedIn).toBe(true)
    expect(signOuts(tabs)).toEqual([])
  })

  it('the same, with the news on its way: the next holder adopts the pair, 1 refresh', async () => {
    const { b, tabs } = await signedInTabs(2)
    const [first, second] = tabs as [Tab, Tab]
    b.local.get('acme')!.lagHops = 100_000 // the first's copy of localStorage stays behind
    b.hub.hops = 20 // and the news travels slowly
    const seen = watchRefreshes()
    b.timers.sleep(121_000)
    const both = Promise.all([second.session.refresh(), first.session.refresh()])
    const [a, c] = await b.drive(both)
    expect(seen.statuses).toEqual([200])
    expect(a).toBe(c)
    expect(signOuts(tabs)).toEqual([])
  })

  it('without any lock, three tabs expiring together: 1 refresh, the others adopt it', async () => {
    const { b, tabs } = await signedInTabs(3, { locks: 'none' })
    const seen = watchRefreshes()
    const results = await expireAndRequest(b, tabs)
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(seen.statuses).toEqual([200])
    expect(new Set(accessOf(tabs)).size).toBe(1)
    expect(signOuts(tabs)).toEqual([])
  })

  it('a refresh claims its token in the ledger once, then settles it', async () => {
    const b = browser()
    const shared = memoryLedger(15_000)
    const calls: string[] = []
    b.ledgers.set('acme', {
      claim: (...args) => (calls.push('claim'), shared.claim(...args)),
      settle: (...args) => (calls.push('settle'), shared.settle(...args)),
      unanswered: (...args) => (calls.push('unanswered'), shared.unanswered(...args)),
      forget: () => (calls.push('forget'), shared.forget()),
    })
    const tab = b.open('acme')
    await b.drive(tab.session.signIn(ADMIN.email, ADMIN.password))
    calls.splice(0)
    b.timers.sleep(121_000)
    const net = watchNetwork()
    await expect(b.drive(tab.session.refresh())).resolves.toBeTypeOf('string')
    expect(calls).toEqual(['claim', 'settle'])
    expect(net.count(REFRESH)).toBe(1)
  })

  it('news that arrives while the ledger answers (original: a kept token): the tab adopts it and spends nothing', async () => {
    configureMock({ profile: 'original' })
    const b = browser()
    const answer = gate()
    const shared = memoryLedger(15_000)
    // The first tab's claim is answered only when the test says so (IndexedDB is asynchronous).
    b.ledgers.set('acme', {
      ...shared,
      claim: async (token, by, now) => {
        if (by === 'acme#1') await answer.wait
        return shared.claim(token, by, now)
      },
    })
    const [first, second] = [b.open('acme', { locks: 'none' }), b.open('acme', { locks: 'none' })]
    await b.drive(first!.session.signIn(ADMIN.email, ADMIN.password))
    await settle(10)
    b.timers.sleep(301_000) // the original's access tokens live 300 s
    const net = watchNetwork()
    b.hub.pause() // the second's news is late
    const access = await b.drive(second!.session.refresh())
    const pending = first!.session.refresh()
    await settle(10) // the first is waiting for the ledger's answer
    b.hub.resume()
    await settle(10) // the news is in
    answer.open()
    await expect(b.drive(pending)).resolves.toBe(access)
    expect(net.count(REFRESH)).toBe(1)
  })

  /** Two tabs, the first's spend held on the wire until `held.open()`; time moved by hand. */
  async function stolenWhileSpending(
    profile: 'hardened' | 'original' = 'hardened',
    options: TabOptions = {},
  ) {
    configureMock({ profile })
    const logs: string[] = []
    const { b, tabs } = await signedInTabs(2, { ...options, log: (m) => logs.push(m) })
    const held = gate()
    let calls = 0
    let answered = false
    server.use(
      mock.post('*/auth/jwt/refresh/', async () => {
        calls += 1
        if (calls === 1) await held.wait
        answered = true
      }),
    )
    b.timers.sleep(121_000)
    const slow = tabs[0]!.session.refresh()
    slow.catch(() => {})
    await settle(10)
    // The harness's drive stands still while a request is on the wire: here the clock must run.
    b.timers.idle = () => true
    const outcome: { value?: unknown } = {}
    tabs[1]!.session.refresh().then(
      (v) => (outcome.value = v),
      (e: unknown) => (outcome.value = e),
    )
    const runUntil = async (done: () => boolean, maxMs: number) => {
      for (let ms = 0; ms < maxMs && !done(); ms += 50) {
        await settle(3)
        await b.timers.advance(50)
      }
    }
    /** Lets the held request end before the next test counts requests on the wire. */
    const release = async () => {
      held.open()
      await vi.waitFor(() => expect(answered).toBe(true))
      await settle(10)
    }
    return { b, tabs, logs, held, slow, outcome, runUntil, release, calls: () => calls }
  }

  it.each(['hardened', 'original'] as const)(
    'the lock taken from a live spender (%s): the taker spends nothing and adopts the spender’s pair',
    async (profile) => {
      const t = await stolenWhileSpending(profile)
      // The second outwaits the lock's bound, takes it, and finds the token claimed in the ledger.
      await t.runUntil(() => t.logs.some((l) => l.includes('being spent by another tab')), 12_000)
      expect(t.calls()).toBe(1)
      t.held.open() // the first's spend was not cut short by the theft: it lands
      const access = await t.b.drive(t.slow)
      await t.runUntil(() => 'value' in t.outcome, 2_000)
      expect(t.outcome.value, t.logs.join('\n')).toBe(access)
      expect(t.calls()).toBe(1)
      expect(signOuts(t.tabs)).toEqual([])
    },
  )

  it('the spender’s pair reaches the taker with under a second left: adopted all the same, not spent again', async () => {
    // Tokens renewed at their exp (no margin), so nobody renews the pair while its news is late.
    const t = await stolenWhileSpending('hardened', { marginMs: 0, refreshTimeoutMs: 30_000 })
    await t.runUntil(() => t.logs.some((l) => l.includes('being spent by another tab')), 40_000)
    configureMock({ accessSeconds: 3 }) // the pair the first tab's spend brings back lives 3 s
    t.b.hub.pause()
    t.held.open()
    const access = await t.b.drive(t.slow)
    await t.b.timers.advance(2_400) // its news is late: it reaches the taker with 0.6 s left
    t.b.hub.resume()
    await t.runUntil(() => 'value' in t.outcome, 2_000)
    expect(t.outcome.value, t.logs.join('\n')).toBe(access)
    expect(t.calls()).toBe(1)
    expect(signOuts(t.tabs)).toEqual([])
  })

  it('the lock taken from a spender that never answers: the taker fails, retryably, and spends nothing', async () => {
    const t = await stolenWhileSpending()
    await t.runUntil(() => 'value' in t.outcome, 20_000)
    expect(t.outcome.value, t.logs.join('\n')).toBeInstanceOf(RefreshFailedError)
    expect((t.outcome.value as RefreshFailedError).transient).toBe(true)
    expect(t.calls()).toBe(1)
    expect(t.tabs[1]!.session.signedIn).toBe(true)
    await t.release()
  })
})

describe('a spend whose answer was lost: the server may have rotated the token', () => {
  /** Two tabs; the first tab's refresh reaches the server (or not) and its answer is lost. */
  async function lostByFirst(reached: boolean, options: TabOptions = {}) {
    configureMock({ profile: 'hardened' })
    const { b, tabs } = await signedInTabs(2, options)
    const sent = tabs[0]!.storage.get()
    const refreshes = watchRefreshes()
    const net = watchNetwork()
    loseRefreshAnswers(1, { reached })
    b.timers.sleep(121_000)
    const lost = await b.drive(tabs[0]!.session.refresh()).catch((e: unknown) => e)
    expect(lost).toBeInstanceOf(RefreshFailedError)
    b.timers.sleep(5_000) // past the backoff
    /**
     * Tab `next` refreshes: it ends as expired after `verifies` verify calls in all, every tab is
     * signed out as expired, and the rotated token went out once only (the lost spend).
     */
    const endsWithoutReuse = async (next: number, verifies: number) => {
      const error = await b.drive(tabs[next]!.session.refresh()).catch((e: unknown) => e)
      await settle(10)
      expect(error).toBeInstanceOf(SessionExpiredError)
      expect(net.count(VERIFY)).toBe(verifies)
      expect(refreshes.sent).toHaveLength(1)
      expect(tabs.map((t) => t.session.signedIn)).toEqual([false, false])
      expect(signOuts(tabs).map((e) => 'reason' in e && e.reason)).toEqual(['expired', 'expired'])
    }
    return { b, tabs, sent, refreshes, net, endsWithoutReuse }
  }

  it.each([
    ['the other tab', 1],
    ['the same tab, retrying', 0],
  ])(
    'rotated by the server: %s asks the server first and spends nothing; every tab ends as expired',
    async (_, next) => {
      const { endsWithoutReuse } = await lostByFirst(true)
      await endsWithoutReuse(next, 1)
    },
  )

  it.each([
    ['the verifying tab, retrying', 1],
    ['the tab that lost the answer', 0],
  ])(
    'the verify gets no answer either: the doubt stays, and %s verifies again before anything is spent',
    async (_, next) => {
      const { b, tabs, endsWithoutReuse } = await lostByFirst(true)
      server.use(mock.post(`*/api/v1${VERIFY}`, () => HttpResponse.error(), { once: true }))
      const failed = await b.drive(tabs[1]!.session.refresh()).catch((e: unknown) => e)
      expect(failed).toBeInstanceOf(RefreshFailedError)
      b.timers.sleep(5_000)
      await endsWithoutReuse(next, 2)
    },
  )

  it('no IndexedDB (no ledger): the tab that lost the answer still verifies before it spends again', async () => {
    const { endsWithoutReuse } = await lostByFirst(true, { ledger: false })
    await endsWithoutReuse(0, 1)
  })

  it.each(['web-locks', 'storage'] as const)(
    'lost on the way there (%s): the other tab verifies, spends it once, and both tabs go on with its pair',
    async (locks) => {
      const { b, tabs, sent, refreshes, net } = await lostByFirst(false, { locks })
      const access = await b.drive(tabs[1]!.session.refresh())
      await settle(10)
      expect(net.count(VERIFY)).toBe(1)
      expect(refreshes.sent).toEqual([sent, sent]) // the first never reached the server
      expect(refreshes.statuses).toEqual([200])
      expect(accessOf(tabs)).toEqual([access, access])
      expect(signOuts(tabs)).toEqual([])
      // Answered at last: the next refresh spends its successor, unverified.
      b.timers.sleep(121_000)
      await b.drive(tabs[0]!.session.refresh())
      expect(net.count(VERIFY)).toBe(1)
      expect(refreshes.statuses).toEqual([200, 200])
    },
  )
})

describe('no Web Locks: the storage lease', () => {
  it('three tabs expiring together: 1 refresh, 6 successes, nobody signed out', async () => {
    const { b, tabs } = await signedInTabs(3, { locks: 'storage' })
    const net = watchNetwork()
    const results = await expireAndRequest(b, tabs)
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6)
    expect(net.count(REFRESH)).toBe(1)
    expect(new Set(accessOf(tabs)).size).toBe(1)
    expect(signOuts(tabs)).toEqual([])
  })

  it('no BroadcastChannel either (storage messages): 1 refresh, and a sign-out reaches every tab', async () => {
    const { b, tabs } = await signedInTabs(3, { locks: 'storage', channel: 'storage' })
    expect(new Set(accessOf(tabs)).size).toBe(1)
    const net = watchNetwork()
    const results = await expireAndRequest(b, tabs)
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    await b.drive(tabs[2]!.session.signOut())
    await settle(10)
    expect(tabs.map((t) => t.session.signedIn)).toEqual([false, false, false])
    expect(net.count(BLACKLIST)).toBe(1)
  })
})

describe('a tab without an access token asks the open tabs', () => {
  it('kept token renewed meanwhile, news late: asks again after the lock, 1 refresh', async () => {
    configureMock({ rotate: false })
    const { b, tabs } = await signedInTabs(1)
    const first = tabs[0]!
    b.timers.sleep(121_000)
    const held = gate()
    let arrived = false
    server.use(mock.post(`*/api/v1${REFRESH}`, () => ((arrived = true), held.wait), { once: true }))
    const net = watchNetwork()
    const refreshing = first.session.refresh()
    await vi.waitFor(() => expect(arrived).toBe(true)) // the first tab holds the lock, on the wire
    const late = b.open('acme') // the refresh token only
    b.hub.pause() // nothing reaches the late tab for now, nor does its ask reach the first
    const restoring = late.session.restore()
    await settle(10) // it waits for the lock
    held.open()
    await expect(b.drive(refreshing)).resolves.toBeTypeOf('string')
    const asks = () =>
      b.hub.log.filter((m) => {
        const data = m.data as { type?: string; from?: string }
        return data.type === 'ask' && data.from === late.name
      }).length
    // The clock runs until the late tab asks a second time (or spends its token instead).
    for (let ms = 0; ms < 5_000 && asks() < 2 && net.count(REFRESH) < 2; ms += 10) {
      await settle(3)
      await b.timers.advance(10)
    }
    b.hub.resume() // the first's news arrives, while the second ask waits
    await expect(b.drive(restoring)).resolves.toBe(true)
    expect(net.count(REFRESH)).toBe(1)
    expect(asks()).toBe(2)
    expect(late.session.accessToken).toBe(first.session.accessToken)
  })

  it('a tab with only the refresh token stays silent: the answer is the whole pair', async () => {
    const { b, tabs } = await signedInTabs(1)
    const first = tabs[0]!
    const late = b.open('acme')
    expect([late.session.signedIn, late.session.accessToken]).toEqual([true, null])
    // Another tab (or another version of the app) asks who holds the pair of the stored token.
    const other = b.hub.create('auth:acme')
    const heard: unknown[] = []
    other.onmessage = ({ data }) => heard.push(data)
    other.postMessage({ type: 'ask', from: 'other-tab', refresh: late.storage.get() })
    await settle(10)
    other.close()
    expect(heard).toEqual([
      {
        type: 'pair',
        from: first.name,
        pair: expect.objectContaining({
          access: first.session.accessToken,
          refresh: first.storage.get(),
        }),
      },
    ])
  })
})

describe('tabs stay in step', () => {
  it("a closed tab hears no more: another tab's sign-in does not reach it", async () => {
    const b = browser()
    const [closed, open] = [b.open('acme'), b.open('acme')]
    closed.session.dispose()
    await b.drive(open.session.signIn(ADMIN.email, ADMIN.password))
    await settle(10)
    expect([closed.session.signedIn, open.session.signedIn]).toEqual([false, true])
    expect(closed.events).toEqual([])
  })

  it('sign-out in one tab signs out every tab at once, with 1 blacklist call', async () => {
    const { tabs } = await signedInTabs(3)
    const net = watchNetwork()
    await tabs[1]!.session.signOut()
    await settle(10)
    expect(tabs.map((t) => t.session.signedIn)).toEqual([false, false, false])
    expect(tabs.map((t) => t.session.accessToken)).toEqual([null, null, null])
    expect(tabs[0]!.storage.get()).toBeNull()
    expect(net.count(BLACKLIST)).toBe(1)
    expect(signOuts(tabs)).toEqual([
      { type: 'signedOut', reason: 'user', remote: true },
      { type: 'signedOut', reason: 'user' },
      { type: 'signedOut', reason: 'user', remote: true },
    ])
    await tabs[2]!.http.get(ME).catch(() => {}) // anonymous now: no refresh
    expect(net.count(REFRESH)).toBe(0)
  })

  it('sign-out while another tab finishes a refresh: the token it stored late is cleared and revoked too', async () => {
    const logs: string[] = []
    const { b, tabs } = await signedInTabs(2, { log: (m) => logs.push(m) })
    const [first, second] = tabs as [Tab, Tab]
    const held = gate()
    let arrived = false
    server.use(mock.post(`*/api/v1${REFRESH}`, () => ((arrived = true), held.wait), { once: true }))
    const net = watchNetwork()
    const refreshing = first.session.refresh().catch(() => null)
    await vi.waitFor(() => expect(arrived).toBe(true)) // the first tab holds the lock, on the wire
    b.hub.pause() // the sign-out reaches the first tab only after its refresh landed
    const signingOut = b.drive(second.session.signOut())
    await settle(5)
    held.open()
    await b.drive(refreshing)
    await signingOut
    b.hub.resume()
    await settle(10)
    expect(second.storage.get()).toBeNull()
    expect(net.count(BLACKLIST)).toBe(2) // the token signed out, and the one rotated meanwhile
    expect(tabs.map((t) => t.session.signedIn)).toEqual([false, false])
  })

  it('signing in as another user replaces the session in every tab', async () => {
    const { tabs } = await signedInTabs(3)
    const epochs = tabs.map((t) => t.session.epoch)
    await tabs[2]!.session.signIn(STAFF.email, STAFF.password)
    await settle(10)
    expect(tabs.map((t) => t.session.claims?.email)).toEqual(Array(3).fill(STAFF.email))
    expect(tabs.every((t, i) => t.session.epoch > epochs[i]!)).toBe(true)
    expect(tabs[0]!.events.at(-1)).toMatchObject({ type: 'signedIn', remote: true })
    const me = await tabs[0]!.http.get<{ email: string }>(ME)
    expect(me.data.email).toBe(STAFF.email)
  })

  it("the tabs that take another user's sign-in leave its stored token: a tab opened next is signed in as that user", async () => {
    const { b, tabs } = await signedInTabs(2)
    await b.drive(tabs[1]!.session.signIn(STAFF.email, STAFF.password))
    await settle(10)
    expect(tabs[0]!.session.claims?.email).toBe(STAFF.email)
    const stored = tabs[1]!.storage.get()
    expect(stored).not.toBeNull()
    const next = b.open('acme')
    await expect(b.drive(next.session.restore())).resolves.toBe(true)
    expect(next.session.claims?.email).toBe(STAFF.email)
    expect(next.storage.get()).toBe(stored)
  })

  it("another tenant's tab is untouched by acme's refresh, sign-out and sign-in", async () => {
    const { b, tabs } = await signedInTabs(2)
    const globex = b.open('globex')
    await globex.session.signIn('admin@globex.test', 'globex-admin-pass-1')
    const before = { access: globex.session.accessToken, stored: globex.storage.get() }
    await b.drive(tabs[1]!.session.refresh())
    await tabs[0]!.session.signIn(STAFF.email, STAFF.password)
    await tabs[0]!.session.signOut()
    await settle(10)
    expect(globex.session.signedIn).toBe(true)
    expect(globex.session.accessToken).toBe(before.access)
    expect(globex.storage.get()).toBe(before.stored)
    expect(globex.events.map((e) => e.type)).toEqual(['signedIn'])
  })
})

describe('the tab-sync plug-in loaded on demand (as the app loads it, a chunk of its own)', () => {
  it('tabs whose plug-in is still on its way hold their start-up refresh until it is in: 1 refresh', async () => {
    const { b, tabs } = await signedInTabs(1)
    b.timers.sleep(121_000) // the open tab's access token has run out: a start-up needs a refresh
    const first = tabs[0]!
    const chunk = gate()
    const late = [1, 2].map(() => b.open('acme', { loaded: () => chunk.wait }))
    const net = watchNetwork()
    const restores = late.map((t) => t.session.restore())
    await settle(20)
    expect(net.count(REFRESH)).toBe(0)
    expect(late.map((t) => t.session.accessToken)).toEqual([null, null])
    chunk.open()
    await expect(b.drive(Promise.all(restores))).resolves.toEqual([true, true])
    await settle(10)
    expect(net.count(REFRESH)).toBe(1)
    const access = late[0]!.session.accessToken
    expect(accessOf([first, ...late])).toEqual([access, access, access])
  })

  it('a plug-in that fails to load: the refresh fails as retryable, the session stays, a later try loads it and refreshes once', async () => {
    const { b } = await signedInTabs(1)
    const follower = b.open('acme')
    let loads = 0
    let broken = true
    const failing = b.open('acme', {
      loaded: async () => {
        loads += 1
        if (broken) throw new Error('chunk load failed')
      },
    })
    const net = watchNetwork()
    const error = await b.drive(failing.session.restore()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RefreshFailedError)
    expect((error as RefreshFailedError).retryable).toBe(true)
    expect(failing.session.signedIn).toBe(true)
    expect(net.count(REFRESH)).toBe(0)
    // A sign-in needs the plug-in too (it takes the lock): it fails the same way, before any call.
    await expect(failing.session.signIn(ADMIN.email, ADMIN.password)).rejects.toBeInstanceOf(
      RefreshFailedError,
    )
    expect(net.count('/auth/jwt/create/')).toBe(0)
    broken = false
    b.timers.sleep(121_000) // past any backoff, and past the open tabs' access token
    await expect(b.drive(failing.session.refresh())).resolves.toEqual(expect.any(String))
    expect(net.count(REFRESH)).toBe(1)
    expect(loads).toBe(3) // at start (the restore joined it), for the sign-in, and the one that worked
    await settle(10)
    expect(follower.session.accessToken).toBe(failing.session.accessToken)
  })
})

describe('signing out around a plug-in that is late or missing', () => {
  it('while the plug-in loads: this tab is signed out at once, its waiting restore ends cleanly, and the other tabs follow once it is in', async () => {
    const { b, tabs } = await signedInTabs(1)
    b.timers.sleep(121_000) // the open tab's access token has run out: a start-up needs a refresh
    const first = tabs[0]!
    const chunk = gate()
    const late = b.open('acme', { loaded: () => chunk.wait })
    const net = watchNetwork()
    const restore = late.session.restore()
    const refresh = late.session.refresh().catch((e: unknown) => e)
    const signOut = late.session.signOut()
    expect(late.session.signedIn).toBe(false)
    expect(late.storage.get()).toBeNull()
    await settle(10)
    expect(first.session.signedIn).toBe(true) // nobody has told it yet
    chunk.open()
    await b.drive(Promise.all([restore, signOut]))
    await expect(restore).resolves.toBe(false)
    // Said as what happened (the session changed), not as an aborted request.
    expect(await refresh).toBeInstanceOf(SessionExpiredError)
    await settle(10)
    expect(first.session.signedIn).toBe(false)
    expect(signOuts([first])).toMatchObject([{ reason: 'user', remote: true }])
    expect(net.count(REFRESH)).toBe(0)
    expect(net.count(BLACKLIST)).toBe(1)
  })

  it('the plug-in never loads: the sign-out still revokes the newer token another tab stored, so that tab cannot go on', async () => {
    const { b, tabs } = await signedInTabs(1)
    const first = tabs[0]!
    const broken = b.open('acme', { loaded: () => Promise.reject(new Error('chunk load failed')) })
    b.timers.sleep(1_000) // a new iat, so the rotated token differs
    await b.drive(first.session.refresh()) // rotates the token `broken` holds
    const net = watchNetwork()
    await b.drive(broken.session.signOut())
    expect(net.count(BLACKLIST)).toBe(2)
    expect(broken.storage.get()).toBeNull()
    b.timers.sleep(121_000)
    await expect(b.drive(first.session.refresh())).rejects.toBeInstanceOf(SessionExpiredError)
    expect(first.session.signedIn).toBe(false)
  })

  it('a session closed before its plug-in came: it refreshes no more (it would be alone), nothing spent', async () => {
    const { b } = await signedInTabs(1)
    const chunk = gate()
    const late = b.open('acme', { loaded: () => chunk.wait })
    late.session.dispose()
    chunk.open()
    const net = watchNetwork()
    await expect(b.drive(late.session.refresh())).rejects.toBeInstanceOf(RefreshFailedError)
    expect(net.count(REFRESH)).toBe(0)
  })

  it('a plug-in that never answers: sign-in fails within the refresh timeout, nothing hangs', async () => {
    const b = browser()
    const stuck = b.open('acme', { loaded: () => new Promise(() => {}) })
    const net = watchNetwork()
    const started = Date.now()
    const error = await b.drive(stuck.session.signIn(ADMIN.email, ADMIN.password)).catch((e) => e)
    expect(error).toBeInstanceOf(RefreshFailedError)
    expect(Date.now() - started).toBeLessThanOrEqual(10_000 + 10) // the refresh timeout, one step
    expect(net.count('/auth/jwt/create/')).toBe(0)
  })
})

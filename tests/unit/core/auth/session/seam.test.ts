/**
 * The session as a tab plug-in sees it, through the seam (tabSeam.ts): the test is the plug-in. It
 * answers the session's questions (the lock, catching up, the claim, the rescue) the way the other
 * tabs would have it, hands over what they heard through `pairHeard` and `signOutHeard`, and keeps
 * what the session tells them. Pairs of "other tabs" are minted by the mock backend (another
 * session of the same tenant); counts are taken at the network edge.
 */
import { http as mock, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { isRefreshFailed, isSessionExpired } from '@/core/auth/errors'
import {
  singleTab,
  type TabHost,
  type TabNews,
  type TabSync,
  type TabSyncPlugin,
} from '@/core/auth/session/tabSeam'
import type { SharedPair } from '@/core/auth/session/tokens'
import { memoryStorage } from '@/core/auth/tokenStorage'
import { configureMock } from '@/mocks/config'
import { server } from '@/mocks/node'
import {
  ADMIN,
  fakeDate,
  fakeJwt,
  gate,
  harness,
  settle,
  watchNetwork,
  watchRefreshes,
} from '../../helpers'

const REFRESH = '/auth/jwt/refresh/'
const BLACKLIST = '/auth/jwt/blacklist/'
const VERIFY = '/auth/jwt/verify/'
const STAFF = { email: 'staff@acme.test', password: 'acme-staff-pass-1' }

beforeEach(fakeDate)

type Call = [string, ...unknown[]]

/**
 * A session whose tab plug-in is the test: `script` gives the plug-in's answers (each may use the
 * host, as a plug-in does); the rest behave as `singleTab`. Every call the session makes is kept.
 */
function scripted(script: (host: TabHost) => Partial<TabSync> = () => ({})) {
  const published: TabNews[] = []
  const calls: Call[] = []
  const seen: { host?: TabHost } = {}
  const plugin: TabSyncPlugin = (given) => {
    seen.host = given
    const own = script(given)
    const sync: TabSync = {
      locked: (task, signal) => {
        calls.push(['locked'])
        return (own.locked ?? singleTab.locked)(task, signal)
      },
      catchUp: (signal) => {
        calls.push(['catchUp'])
        return (own.catchUp ?? singleTab.catchUp)(signal)
      },
      claim: (token, signal) => {
        calls.push(['claim', token])
        return (own.claim ?? singleTab.claim)(token, signal)
      },
      settle: (sent, next) => {
        calls.push(['settle', sent, next])
        return (own.settle ?? singleTab.settle)(sent, next)
      },
      unanswered: (sent) => {
        calls.push(['unanswered', sent])
        return (own.unanswered ?? singleTab.unanswered)(sent)
      },
      rescue: (sent, signal) => {
        calls.push(['rescue', sent])
        return (own.rescue ?? singleTab.rescue)(sent, signal)
      },
      publish: (news) => {
        published.push(news)
        own.publish?.(news)
      },
      leftover: (token) => {
        calls.push(['leftover', token])
        return (own.leftover ?? singleTab.leftover)(token)
      },
      close: () => calls.push(['close']),
    }
    return sync
  }
  const named = (name: string) => calls.filter((c) => c[0] === name)
  return { plugin, published, calls, named, seen }
}

/** A session started with the scripted plug-in in (as the composition root passes it). */
function withPlugin(
  script?: (host: TabHost) => Partial<TabSync>,
  deps: Parameters<typeof harness>[0] = {},
) {
  const p = scripted(script)
  const h = harness({ ...deps, tabs: p.plugin })
  return { ...h, ...p, host: p.seen.host! }
}

/** Another tab of the same tenant (its own storage), signed in: its pair, as it would share it. */
async function otherTab(who = ADMIN) {
  const other = harness({ storage: memoryStorage('acme') })
  await other.session.signIn(who.email, who.password)
  const pair = (): SharedPair => ({
    access: other.session.accessToken!,
    refresh: other.storage.get()!,
  })
  return { ...other, pair }
}

/** A plug-in's `settle` that takes its time (writing to the spend ledger): the test lets it finish. */
function settling() {
  const called = gate()
  const release = gate()
  return {
    called,
    release,
    settle: async () => {
      called.open()
      await release.wait
    },
  }
}

/** The refresh tokens sent to jwt/blacklist/, as the server saw them. */
function watchRevoked(): string[] {
  const revoked: string[] = []
  const onRequest = ({ request }: { request: Request }) => {
    if (new URL(request.url).pathname.endsWith(BLACKLIST))
      void request
        .clone()
        .json()
        .then((body: { refresh?: string }) => revoked.push(String(body.refresh)))
  }
  server.events.on('request:start', onRequest)
  onTestFinished(() => void server.events.removeListener('request:start', onRequest))
  return revoked
}

/** This tab's own refresh token at the moment. */
const heldRefresh = (h: { host: TabHost }) => h.host.current().refresh!

describe('catching up under the lock', () => {
  it('a pair another tab got meanwhile is adopted as a renewal: nothing is spent', async () => {
    const other = await otherTab()
    const h = withPlugin((host) => ({
      catchUp: async () => {
        host.pairHeard(other.pair(), 'refreshed')
        return null
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const refreshes = watchRefreshes()
    expect(await h.session.refresh()).toBe(other.session.accessToken)
    await settle()
    expect(refreshes.sent).toEqual([])
    expect(h.named('claim')).toEqual([])
    expect(h.events.at(-1)).toMatchObject({ type: 'refreshed', remote: true })
    expect(h.session.signedIn).toBe(true)
  })

  it('a pair heard while waiting for the lock is the newest: no catching up, no spend', async () => {
    const other = await otherTab()
    const h = withPlugin((host) => ({
      locked: (task, signal) => {
        host.pairHeard(other.pair(), 'refreshed')
        return singleTab.locked(task, signal)
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    expect(await h.session.refresh()).toBe(other.session.accessToken)
    expect(h.named('catchUp')).toEqual([])
    expect(h.named('claim')).toEqual([])
    expect(net.count(REFRESH)).toBe(0)
  })

  it('a newer refresh token another tab stored without its pair is the one spent, and its successor kept', async () => {
    const other = await otherTab()
    const newer = other.storage.get()!
    const logs: string[] = []
    const h = withPlugin(() => ({ catchUp: async () => newer }), { log: (m) => logs.push(m) })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const own = heldRefresh(h)
    const refreshes = watchRefreshes()
    const access = await h.session.refresh()
    await settle()
    expect(refreshes.sent).toEqual([newer])
    expect(refreshes.statuses).toEqual([200])
    expect(h.named('claim')).toEqual([['claim', newer]])
    const next = h.storage.get()!
    expect([next === own, next === newer]).toEqual([false, false])
    expect(h.named('settle')).toEqual([['settle', newer, next]])
    expect(h.session.accessToken).toBe(access)
    expect(h.published.at(-1)).toEqual({
      type: 'refreshed',
      pair: { access, refresh: next },
      replaced: newer,
    })
    // Its access token was another tab's: the log says this tab had none it could send.
    expect(logs).toContainEqual(
      expect.stringMatching(/^refreshing with .*; no usable access token$/),
    )
  })

  it('a sign-out heard while catching up: the refresh says the session changed, and spends nothing', async () => {
    const h = withPlugin((host) => ({
      catchUp: async () => {
        host.signOutHeard('user')
        return null
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toBe('The session changed.')
    expect(net.count(REFRESH)).toBe(0)
    expect(h.named('claim')).toEqual([])
    expect(h.events.at(-1)).toEqual({ type: 'signedOut', reason: 'user', remote: true })
  })

  it('a sign-out heard while waiting for the lock: the refresh says the session changed before catching up', async () => {
    const h = withPlugin((host) => ({
      locked: (task, signal) => {
        if (host.current().refresh) host.signOutHeard('expired')
        return singleTab.locked(task, signal)
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toBe('The session changed.')
    expect(h.named('catchUp')).toEqual([])
  })
})

describe('a token handed over by the other tabs that cannot be spent', () => {
  const nowS = () => Math.floor(Date.now() / 1000)

  it('an unreadable one ends the session as invalid-token, without a request', async () => {
    const h = withPlugin(() => ({ catchUp: async () => 'not-a-refresh-token' }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toBe(
      'No usable refresh token: please sign in again.',
    )
    expect(net.count(REFRESH)).toBe(0)
    expect(h.events.at(-1)).toEqual({ type: 'signedOut', reason: 'invalid-token' })
    expect(h.published.at(-1)).toEqual({
      type: 'signedOut',
      reason: 'invalid-token',
      refresh: 'not-a-refresh-token',
    })
  })

  it('one that has run out ends the session as expired, without a request', async () => {
    const gone = fakeJwt({ token_type: 'refresh', user_id: 1, tenant: 'acme', exp: nowS() - 60 })
    const h = withPlugin(() => ({ claim: async () => ({ kind: 'spend', token: gone }) }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await expect(h.session.refresh()).rejects.toSatisfy(isSessionExpired)
    expect(net.count(REFRESH)).toBe(0)
    expect(h.events.at(-1)).toEqual({ type: 'signedOut', reason: 'expired' })
  })
})

describe('the claim, just before spending', () => {
  it('the other tabs say the token was spent into one this session cannot use: the session ends as expired', async () => {
    const h = withPlugin(() => ({ claim: async () => ({ kind: 'ended' }) }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toBe(
      'Your session has ended: please sign in again.',
    )
    expect(net.count(REFRESH)).toBe(0)
    expect(h.session.signedIn).toBe(false)
    expect(h.events.at(-1)).toEqual({ type: 'signedOut', reason: 'expired' })
  })

  it('another tab had spent it and its pair was adopted: this tab spends nothing and has that pair', async () => {
    const other = await otherTab()
    const h = withPlugin((host) => ({
      claim: async () => {
        host.pairHeard(other.pair(), 'refreshed')
        return { kind: 'adopted' }
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    expect(await h.session.refresh()).toBe(other.session.accessToken)
    expect(net.count(REFRESH)).toBe(0)
    expect(h.named('settle')).toEqual([])
  })

  it('a pair heard while the claim was being answered is used, even when the claim says spend', async () => {
    const other = await otherTab()
    const h = withPlugin((host) => ({
      claim: async (token) => {
        host.pairHeard(other.pair(), 'refreshed')
        return { kind: 'spend', token }
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    expect(await h.session.refresh()).toBe(other.session.accessToken)
    expect(net.count(REFRESH)).toBe(0)
  })

  it('the claim names a successor another tab left without its pair: that token is spent', async () => {
    const other = await otherTab()
    const successor = other.storage.get()!
    const h = withPlugin(() => ({ claim: async () => ({ kind: 'spend', token: successor }) }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const own = heldRefresh(h)
    const refreshes = watchRefreshes()
    await h.session.refresh()
    await settle()
    expect(refreshes.sent).toEqual([successor])
    expect(h.named('claim')).toEqual([['claim', own]])
  })

  it('a sign-out heard while the claim was answered: nothing is spent and the refresh says the session changed', async () => {
    const h = withPlugin((host) => ({
      claim: async (token) => {
        host.signOutHeard('user')
        return { kind: 'spend', token }
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toBe('The session changed.')
    expect(net.count(REFRESH)).toBe(0) // Signed out stays signed out: the token claimed is not taken back.
    expect([h.session.signedIn, h.session.accessToken]).toEqual([false, null])
  })

  it('a sign-out heard while catching up that found a newer token: that token is not taken up', async () => {
    const other = await otherTab()
    const newer = other.storage.get()!
    const h = withPlugin((host) => ({
      catchUp: async () => {
        host.signOutHeard('user')
        return newer
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && error.message).toBe('The session changed.')
    expect(h.session.signedIn).toBe(false)
    expect(h.named('claim')).toEqual([])
  })

  it('a claim the other tabs cannot give yet (one of them is spending) fails retryably, and the session stays', async () => {
    const h = withPlugin(() => ({
      claim: async () => {
        throw new Error('another tab is spending it')
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect((error as Error).message).toBe('another tab is spending it')
    expect(h.session.signedIn).toBe(true)
  })
})

describe('settling the claim with the other tabs', () => {
  it('a rotation is settled before the refresh resolves: the spent token and what it became', async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    await h.session.refresh()
    expect(h.named('settle')).toEqual([['settle', sent, h.storage.get()]])
    expect(h.storage.get()).not.toBe(sent)
  })

  it('a kept refresh token is settled as not rotated, and the news names no replaced token', async () => {
    configureMock({ rotate: false })
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    const access = await h.session.refresh()
    expect(h.named('settle')).toEqual([['settle', sent, null]])
    expect(h.published.at(-1)).toEqual({ type: 'refreshed', pair: { access, refresh: sent } })
    expect(h.session.backend.rotates).toBe(false)
  })

  it('an answer the server gave (429) drops the claim: settled as not rotated, and no rescue is asked', async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    server.use(mock.post(`*/api/v1${REFRESH}`, () => new HttpResponse('', { status: 429 })))
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isRefreshFailed(error) && error.transient).toBe(true)
    expect(h.named('settle')).toEqual([['settle', sent, null]])
    expect(h.named('unanswered')).toEqual([])
    expect(h.named('rescue')).toEqual([])
  })

  it.each([
    ['no answer at all (network down)', () => HttpResponse.error()],
    ['a server error (500)', () => new HttpResponse('', { status: 500 })],
    ['a gateway that gave up (504)', () => new HttpResponse('', { status: 504 })],
  ])(
    '%s is not settled but marked unanswered: the server may have rotated the token',
    async (_, answer) => {
      const h = withPlugin()
      await h.session.signIn(ADMIN.email, ADMIN.password)
      const sent = heldRefresh(h)
      server.use(mock.post(`*/api/v1${REFRESH}`, answer))
      const error = await h.session.refresh().catch((e: unknown) => e)
      expect(isRefreshFailed(error) && error.transient).toBe(true)
      expect(h.named('settle')).toEqual([])
      expect(h.named('unanswered')).toEqual([['unanswered', sent]])
      expect(h.session.signedIn).toBe(true)
    },
  )

  it('on a backend seen to keep its refresh token, an unanswered spend is simply dropped', async () => {
    configureMock({ rotate: false })
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    await h.session.refresh()
    expect(h.session.backend.rotates).toBe(false)
    h.calls.splice(0)
    server.use(mock.post(`*/api/v1${REFRESH}`, () => HttpResponse.error()))
    h.timers.sleep(121_000)
    await h.session.refresh().catch(() => {})
    expect(h.named('settle')).toEqual([['settle', sent, null]])
    expect(h.named('unanswered')).toEqual([])
  })
})

describe('a token the other tabs say is in doubt (verifyFirst)', () => {
  /** The plug-in answers every claim: spend it, but verify it first. */
  const inDoubt = () => ({
    claim: async (token: string) => ({ kind: 'spend' as const, token, verifyFirst: true }),
  })

  it('verify refuses it: nothing is spent, the claim is left unanswered for the others, the session ends', async () => {
    const h = withPlugin(inDoubt)
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    server.use(
      mock.post(`*/api/v1${VERIFY}`, () =>
        HttpResponse.json({ non_field_errors: ['Token is blacklisted'] }, { status: 400 }),
      ),
    )
    const net = watchNetwork()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error)).toBe(true)
    expect(net.count(VERIFY)).toBe(1)
    expect(net.count(REFRESH)).toBe(0)
    expect(h.named('unanswered')).toEqual([['unanswered', sent]])
    expect(h.named('settle')).toEqual([])
    expect(h.named('rescue')).toEqual([['rescue', sent]])
    expect(h.session.signedIn).toBe(false)
  })

  it('a verify cut short by the refresh timeout lets the claim go, unanswered, at once: nothing spent, retryable', async () => {
    const h = withPlugin(inDoubt)
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    server.use(mock.post(`*/api/v1${VERIFY}`, () => new Promise<Response>(() => {})))
    const net = watchNetwork()
    const outcome = h.session.refresh().catch((e: unknown) => e)
    await settle(10)
    h.timers.idle = () => true // the clock runs on while the verify hangs
    await h.timers.advance(10_000) // the refresh's own timeout aborts the verify
    expect(isRefreshFailed(await outcome)).toBe(true)
    await settle(10)
    expect(h.named('unanswered')).toEqual([['unanswered', sent]])
    expect(net.count(REFRESH)).toBe(0)
    expect(h.session.signedIn).toBe(true)
  })

  it('verified while the backend may rotate; spent without a verify once it is seen to keep its token', async () => {
    configureMock({ rotate: false })
    const h = withPlugin(inDoubt)
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    await h.session.refresh()
    expect(net.count(VERIFY)).toBe(1)
    expect(h.session.backend.rotates).toBe(false)
    h.timers.sleep(121_000)
    await h.session.refresh()
    expect(net.count(VERIFY)).toBe(1)
    expect(net.count(REFRESH)).toBe(2)
  })
})

describe('a refused refresh, checked once more against the other tabs', () => {
  const refuse = () =>
    server.use(
      mock.post(`*/api/v1${REFRESH}`, () =>
        HttpResponse.json(
          { detail: 'Token is blacklisted', code: 'token_not_valid' },
          { status: 401 },
        ),
      ),
    )

  it('another tab had rotated it and its pair is adopted: the refresh resolves, the session stays', async () => {
    const other = await otherTab()
    const h = withPlugin((host) => ({
      rescue: async () => host.pairHeard(other.pair(), 'refreshed'),
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    refuse()
    expect(await h.session.refresh()).toBe(other.session.accessToken)
    expect(h.named('settle')).toEqual([['settle', sent, null]])
    expect(h.named('rescue')).toEqual([['rescue', sent]])
    expect(h.session.signedIn).toBe(true)
    expect(h.events.filter((e) => e.type === 'refreshFailed' || e.type === 'signedOut')).toEqual([])
  })

  it('no tab can rescue it: one refreshFailed, then the session ends as expired and tells the tabs which token', async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    refuse()
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error)).toBe(true)
    expect(h.named('rescue')).toEqual([['rescue', sent]])
    expect(h.events.slice(1)).toEqual([
      { type: 'refreshFailed', error },
      { type: 'signedOut', reason: 'expired' },
    ])
    expect(h.published.at(-1)).toEqual({ type: 'signedOut', reason: 'expired', refresh: sent })
  })

  it('a refusal whose settling outlasts the session: it says the session changed, and ends nothing more', async () => {
    const late = settling()
    const h = withPlugin(() => ({ settle: late.settle }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    refuse()
    const refresh = h.session.refresh().catch((e: unknown) => e)
    await late.called.wait
    h.host.signOutHeard('user')
    late.release.open()
    const error = await refresh
    expect(isSessionExpired(error) && error.message).toBe('The session changed.')
    expect(((error as Error).cause as { response?: { status?: number } }).response?.status).toBe(
      401,
    )
    expect(h.named('rescue')).toEqual([])
    expect(h.events.filter((e) => e.type === 'refreshFailed')).toEqual([])
    expect(h.events.filter((e) => e.type === 'signedOut')).toHaveLength(1)
  })
})

describe('a refresh that lands after the session changed', () => {
  it('its rotated token is settled for the other tabs, then revoked, and never adopted', async () => {
    const late = settling()
    const h = withPlugin(() => ({ settle: late.settle }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const sent = heldRefresh(h)
    const revoked = watchRevoked()
    const refresh = h.session.refresh().catch((e: unknown) => e)
    await late.called.wait
    h.host.signOutHeard('user')
    late.release.open()
    const error = await refresh
    expect(isSessionExpired(error) && error.message).toBe('The session changed during the refresh.')
    const [[, spent, rotated]] = h.named('settle') as [[string, string, string]]
    expect(spent).toBe(sent)
    expect(typeof rotated === 'string' && rotated !== sent).toBe(true)
    await settle(10)
    expect(revoked).toEqual([rotated])
    expect(h.session.signedIn).toBe(false)
    expect(h.events.some((e) => e.type === 'refreshed')).toBe(false)
  })

  it('a kept token that lands after the session changed: nothing to revoke', async () => {
    configureMock({ rotate: false })
    const late = settling()
    const h = withPlugin(() => ({ settle: late.settle }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const net = watchNetwork()
    const refresh = h.session.refresh().catch((e: unknown) => e)
    await late.called.wait
    h.host.signOutHeard('user')
    late.release.open()
    expect(isSessionExpired(await refresh)).toBe(true)
    await settle(10)
    expect(net.count(BLACKLIST)).toBe(0)
  })

  it('the lock taken away after the session changed: the refresh says the session changed, with the cause', async () => {
    const aborted = new DOMException('The lock was taken away.', 'AbortError')
    const h = withPlugin((host) => ({
      locked: async (task, signal) => {
        if (!host.current().refresh) return singleTab.locked(task, signal)
        host.signOutHeard('user')
        throw aborted
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const error = await h.session.refresh().catch((e: unknown) => e)
    expect(isSessionExpired(error) && [error.message, error.cause]).toEqual([
      'The session changed.',
      aborted,
    ])
  })

  it('the lock failing while the session stands: its own error reaches the caller', async () => {
    const lost = new Error('lock manager gone')
    const h = withPlugin((host) => ({
      locked: async (task, signal) => {
        if (!host.current().refresh || !h.session.refreshing) return singleTab.locked(task, signal)
        throw lost
      },
    }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(await h.session.refresh().catch((e: unknown) => e)).toBe(lost)
    expect(h.session.signedIn).toBe(true)
  })
})

describe('what the session tells the other tabs', () => {
  it('a sign-in: the pair and the user', async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(h.published).toEqual([
      {
        type: 'signedIn',
        pair: { access: h.session.accessToken, refresh: h.storage.get() },
        user: { id: h.session.claims!.user_id, email: ADMIN.email },
      },
    ])
  })

  it("the user's sign-out names no token (it ends every tab); another reason names the refused one", async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.signOut()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const refresh = heldRefresh(h)
    await h.session.signOut('invalid-token')
    expect(h.published.filter((n) => n.type === 'signedOut')).toEqual([
      { type: 'signedOut', reason: 'user' },
      { type: 'signedOut', reason: 'invalid-token', refresh },
    ])
  })

  it('a sign-out with nothing held tells nothing and looks for no leftovers', async () => {
    const h = withPlugin()
    await h.session.signOut()
    expect(h.published).toEqual([])
    expect(h.named('leftover')).toEqual([])
    expect(h.named('locked')).toEqual([])
  })

  it("on the user's sign-out, a newer token of this user another tab stored meanwhile is revoked too", async () => {
    const other = await otherTab()
    const late = other.storage.get()!
    const h = withPlugin(() => ({ leftover: () => late }))
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const own = heldRefresh(h)
    const revoked = watchRevoked()
    await h.session.signOut()
    await settle(10)
    expect(h.named('leftover')).toEqual([['leftover', own]])
    expect(revoked.sort()).toEqual([own, late].sort())
  })
})

describe('what the plug-in may read of the session', () => {
  it('the pair held, when its access token runs out, and whether it can be sent', async () => {
    const h = withPlugin(undefined, { refreshTimeoutMs: 7_000 })
    expect(h.host.current()).toEqual({ access: null, refresh: null, accessExp: 0, usable: false })
    expect([h.host.tenant, h.host.timeoutMs, h.host.storage]).toEqual(['acme', 7_000, h.storage])
    expect(h.host.rotates()).toBeNull()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(h.host.current()).toEqual({
      access: h.session.accessToken,
      refresh: h.storage.get(),
      accessExp: h.session.claims!.exp,
      usable: true,
    })
    h.timers.sleep(121_000)
    expect(h.host.current().usable).toBe(false)
    await h.session.refresh()
    expect(h.host.rotates()).toBe(true)
  })

  it('the clocks: the machine, and the server offset this tab measured', async () => {
    const h = withPlugin()
    h.clock.skewMs = -30_000
    expect(h.host.now()).toBe(Date.now() - 30_000)
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(h.host.offsetMs()).toBe(h.session.clockOffsetMs)
    expect(Math.round(h.host.offsetMs() / 1000)).toBe(30)
  })

  it("a refresh token this tab could spend: this tenant's and unexpired", async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const own = heldRefresh(h)
    expect(h.host.spendable(own)).toBe(true)
    expect(h.host.spendable('not-a-token')).toBe(false)
    h.timers.sleep(8 * 24 * 3600 * 1000)
    expect(h.host.spendable(own)).toBe(false)
  })

  it('lock waits are sized from the refresh timeout: 10 s unless the session was given another', () => {
    expect(withPlugin().host.timeoutMs).toBe(10_000)
  })

  it('the jitter source is the one the session was given', () => {
    const h = withPlugin(undefined, { backoff: { random: () => 0.25 } })
    expect(h.host.random()).toBe(0.25)
  })
})

describe('pairs and sign-outs heard from other tabs', () => {
  it("another tab's renewal of this user's session: renewed here, the same session", async () => {
    const other = await otherTab()
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const epoch = h.session.epoch
    expect(h.host.pairHeard(other.pair(), 'refreshed')).toBe(true)
    expect(h.session.epoch).toBe(epoch)
    expect(h.session.accessToken).toBe(other.session.accessToken)
    expect(h.events.at(-1)).toMatchObject({ type: 'refreshed', remote: true })
    // Heard, not this tab's own: the other tab stored it, and nothing is told back.
    expect(h.storage.get()).not.toBe(other.storage.get())
    expect(h.published).toHaveLength(1)
  })

  it("another user's pair heard as a renewal starts a new session here", async () => {
    const other = await otherTab(STAFF)
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const epoch = h.session.epoch
    expect(h.host.pairHeard(other.pair(), 'refreshed')).toBe(true)
    expect(h.session.epoch).toBeGreaterThan(epoch)
    expect(h.session.claims?.email).toBe(STAFF.email)
    expect(h.events.at(-1)).toMatchObject({ type: 'signedIn', remote: true })
  })

  it('a renewal heard by a tab that holds nothing starts a session; a sign-in heard always does', async () => {
    const other = await otherTab()
    const h = withPlugin()
    expect(h.host.pairHeard(other.pair(), 'refreshed')).toBe(true)
    expect(h.events.at(-1)).toMatchObject({ type: 'signedIn', remote: true })
    const epoch = h.session.epoch
    expect(h.host.pairHeard(other.pair(), 'signedIn')).toBe(true)
    expect(h.session.epoch).toBeGreaterThan(epoch)
    expect(h.events.at(-1)).toMatchObject({ type: 'signedIn', remote: true })
  })

  it("another user's pair heard while this tab's refresh is on the wire: that refresh is dropped at once", async () => {
    const other = await otherTab(STAFF)
    const held = gate()
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    server.use(
      mock.post(
        `*/api/v1${REFRESH}`,
        async () => {
          await held.wait
          return undefined
        },
        { once: true },
      ),
    )
    const old = h.session.refresh().catch((e: unknown) => e)
    await settle(10)
    expect(h.session.refreshing).toBe(true)
    const staff = other.pair().refresh
    h.host.pairHeard(other.pair(), 'refreshed')
    expect(h.session.refreshing).toBe(false)
    const error = await old
    expect(isSessionExpired(error) && error.message).toBe('The session changed.')
    held.open()
    // The new session's own refresh is a flight of its own, with its own token.
    const refreshes = watchRefreshes()
    await h.session.refresh()
    await settle()
    expect(refreshes.sent).toEqual([staff])
    expect(h.session.claims?.email).toBe(STAFF.email)
  })

  it('a sign-in heard by a tab that held nothing: that session renews itself here, on its timer', async () => {
    const other = await otherTab()
    const logs: string[] = []
    const h = withPlugin(undefined, { log: (m) => logs.push(m) })
    expect(h.timers.pending).toBe(0)
    h.host.pairHeard(other.pair(), 'signedIn')
    expect(logs.at(-1)).toMatch(/^signed in in another tab; access /)
    const net = watchNetwork()
    await h.timers.advance(120_000)
    expect(net.count(REFRESH)).toBe(1)
    expect(h.events.at(-1)).toMatchObject({ type: 'refreshed' })
    expect(h.events.at(-1)).not.toHaveProperty('remote')
  })

  it('an unusable pair changes nothing and is refused', async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const before = [h.session.accessToken, h.session.epoch, h.events.length]
    expect(h.host.pairHeard({ access: 'x', refresh: 'y' }, 'signedIn')).toBe(false)
    expect([h.session.accessToken, h.session.epoch, h.events.length]).toEqual(before)
  })

  it('a sign-out heard: this tab ends too, leaves storage to the tab that cleared it, and tells no one', async () => {
    const h = withPlugin()
    await h.session.signIn(ADMIN.email, ADMIN.password)
    const stored = h.storage.get()
    h.host.signOutHeard('expired')
    expect(h.session.signedIn).toBe(false)
    expect(h.storage.get()).toBe(stored)
    expect(h.events.at(-1)).toEqual({ type: 'signedOut', reason: 'expired', remote: true })
    expect(h.published.filter((n) => n.type === 'signedOut')).toEqual([])
    // Heard again, with nothing held: no second event.
    h.host.signOutHeard('expired')
    expect(h.events.filter((e) => e.type === 'signedOut')).toHaveLength(1)
  })

  it('closing the session closes its plug-in', () => {
    const h = withPlugin()
    h.session.dispose()
    expect(h.named('close')).toHaveLength(1)
  })
})

describe('a plug-in loaded on demand', () => {
  /** A reload of a signed-in tab: the stored token (`own`), the plug-in still on its way. */
  async function reloadedWhileLoading() {
    const chunk = gate()
    const p = scripted()
    const first = withPlugin()
    await first.session.signIn(ADMIN.email, ADMIN.password)
    const own = first.storage.get()!
    const reloaded = harness({
      storage: first.storage,
      loadTabs: () => chunk.wait.then(() => p.plugin),
    })
    return { chunk, p, own, reloaded }
  }

  it('a refresh waits for it, then asks it before spending', async () => {
    const { chunk, p, own, reloaded } = await reloadedWhileLoading()
    const net = watchNetwork()
    const refresh = reloaded.session.refresh()
    await settle(10)
    expect(net.count(REFRESH)).toBe(0)
    chunk.open()
    expect(await refresh).toBe(reloaded.session.accessToken)
    expect(p.named('claim')).toEqual([['claim', own]])
    expect(net.count(REFRESH)).toBe(1)
  })

  it('a sign-out while it loads: the other tabs hear of it once it is in, and leftovers are looked for', async () => {
    const { chunk, p, own, reloaded } = await reloadedWhileLoading()
    const signOut = reloaded.session.signOut()
    await settle(10)
    expect(reloaded.session.signedIn).toBe(false)
    expect(p.published).toEqual([])
    chunk.open()
    await signOut
    expect(p.published).toEqual([{ type: 'signedOut', reason: 'user' }])
    expect(p.named('leftover')).toEqual([['leftover', own]])
  })

  it('a sign-out for another reason while it loads: the tabs hear which token, and nothing is revoked', async () => {
    const { chunk, p, own, reloaded } = await reloadedWhileLoading()
    const net = watchNetwork()
    const signOut = reloaded.session.signOut('invalid-token')
    chunk.open()
    await signOut
    await settle(10)
    expect(p.published).toEqual([{ type: 'signedOut', reason: 'invalid-token', refresh: own }])
    expect(p.named('leftover')).toEqual([])
    expect(net.count(BLACKLIST)).toBe(0)
  })

  it('a sign-out when it cannot be loaded: this tab is signed out all the same, and its token revoked', async () => {
    const first = withPlugin()
    await first.session.signIn(ADMIN.email, ADMIN.password)
    const own = first.storage.get()!
    const reloaded = harness({
      storage: first.storage,
      loadTabs: () => Promise.reject(new Error('chunk load failed')),
    })
    const revoked = watchRevoked()
    await reloaded.session.signOut()
    await settle(10)
    expect(reloaded.session.signedIn).toBe(false)
    expect(revoked).toEqual([own])
  })

  it('a refresh waiting for it, overtaken by a sign-out: it says the session changed and spends nothing', async () => {
    const { chunk, reloaded } = await reloadedWhileLoading()
    const net = watchNetwork()
    const refresh = reloaded.session.refresh().catch((e: unknown) => e)
    await settle(10)
    const signOut = reloaded.session.signOut('expired')
    chunk.open()
    await signOut
    const error = await refresh
    expect(isSessionExpired(error) && error.message).toBe('The session changed.')
    expect(net.count(REFRESH)).toBe(0)
  })

  it('a sign-out with nothing held, while it loads: once it is in, the other tabs hear nothing', async () => {
    const chunk = gate()
    const p = scripted()
    const h = harness({ loadTabs: () => chunk.wait.then(() => p.plugin) })
    const signOut = h.session.signOut()
    chunk.open()
    await signOut
    await settle(10)
    expect(p.published).toEqual([])
    expect(p.named('leftover')).toEqual([])
    expect(h.events).toEqual([])
  })

  it('a plug-in passed in is used as it is: none is loaded', async () => {
    let loads = 0
    const h = withPlugin(undefined, {
      loadTabs: async () => {
        loads += 1
        return scripted().plugin
      },
    })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.refresh()
    expect(loads).toBe(0)
    expect(h.named('claim')).toHaveLength(1)
  })

  it('a failed load is tried again by the next call, which then has the plug-in', async () => {
    let loads = 0
    const p = scripted()
    const h = harness({
      loadTabs: async () => {
        loads += 1
        if (loads === 1) throw new Error('chunk load failed')
        return p.plugin
      },
    })
    await settle(10)
    await h.session.signIn(ADMIN.email, ADMIN.password)
    expect(loads).toBe(2)
    expect(p.published.map((n) => n.type)).toEqual(['signedIn'])
  })

  it('loaded once for every caller, and only once', async () => {
    let loads = 0
    const p = scripted()
    const h = harness({
      loadTabs: async () => {
        loads += 1
        return p.plugin
      },
    })
    await h.session.signIn(ADMIN.email, ADMIN.password)
    await h.session.refresh()
    await h.session.refresh()
    expect(loads).toBe(1)
    expect(p.named('claim')).toHaveLength(2)
  })
})

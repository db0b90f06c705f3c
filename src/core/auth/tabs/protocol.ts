/**
 * The protocol between the tabs of one tenant that share a refresh token (localStorage): they
 * refresh under one lock `auth:<tenant>:refresh`, claim a token in the spend ledger before
 * spending it, and tell each other of every sign-in, refresh and sign-out on the channel
 * `auth:<tenant>`. A pair heard from another tab goes to the session (`host.pairHeard`), which
 * adopts it as a renewal of its session or as a new one. Inside the lock a tab first catches up (a
 * rotated token in storage means its pair is adopted, not the old token spent), and a refusal is
 * checked once more against the other tabs before the session is ended.
 */
import { RefreshFailedError } from '../errors'
import type { Claim, TabSyncPlugin } from '../session/tabSeam'
import type { TokenPair } from '../session/tokenApi'
import { accessExp, readToken, redact, userOf } from '../session/tokens'
import { newTabId, type TabChannel } from './channel'
import { childController, untilAborted, type TabLocks } from './locks'
import { createPeers } from './peers'
import type { TabPresence } from './presence'
import type { SpendLedger } from './spendLedger'

export interface TabProtocolOptions {
  /** The lock shared with the other tabs (Web Locks, or the storage lease). */
  locks: TabLocks
  /** The channel to the other tabs. */
  channel: TabChannel
  /** This tab's id in channel messages. */
  tabId?: string
  /** Wait at most this long (plus up to half again, at random) for another tab's lock (60% of the refresh timeout: 6 s). */
  lockWaitMs?: number
  /** Wait at most this long for another tab to hand over an access token (500 ms). */
  askMs?: number
  /**
   * The spend ledger the tabs share (IndexedDB in a browser), built for this tenant; without one
   * (no IndexedDB), the lock and the stored token are all there is, and a late copy of
   * localStorage can still lead to a rotated token being spent twice.
   */
  ledger?: (tenant: string, staleMs: number) => SpendLedger | null
  /** Which tabs are still open (Web Locks): a claim of a closed tab is not waited out. */
  presence?: TabPresence
}

const iatOf = (token: string | null) => readToken(token, 'refresh')?.iat ?? 0

/** The first of `waits` to bring a pair, or null once none has. */
const firstPair = (waits: Array<Promise<TokenPair | null>>) =>
  new Promise<TokenPair | null>((resolve) => {
    let left = waits.length
    for (const wait of waits)
      void wait.then((pair) => (pair ? resolve(pair) : --left === 0 && resolve(null)))
  })

export function tabProtocol(options: TabProtocolOptions): TabSyncPlugin {
  return (s) => {
    const { storage, log } = s
    const lockName = `auth:${s.tenant}:refresh`
    // Long enough not to steal from a slow but live refresh (stealing spends its token a second
    // time), short enough that even with jitter the steal lands inside this tab's own refresh
    // timeout, which covers the wait: 60% of it, plus up to half again.
    const waitMs = () => (options.lockWaitMs ?? s.timeoutMs * 0.6) * (1 + s.random() / 2)
    const tabId = options.tabId ?? newTabId()
    // A claim outlives its spender's own refresh timeout only if that tab died mid-spend.
    const ledger = options.ledger?.(s.tenant, s.timeoutMs * 1.5) ?? null
    const open = new AbortController()
    options.presence?.hold(tabId, open.signal)
    /** A ledger that fails (storage blocked, quota) is said once and then left out. */
    let ledgerBroken = false
    const ledgerFailed = (e: unknown) => {
      if (!ledgerBroken) log(`spend ledger unavailable, going on without it: ${String(e)}`)
      ledgerBroken = true
    }

    /** The pair's access token outlives the one this tab holds (or this tab holds none). */
    const laterAccess = (pair: TokenPair) => {
      const now = s.current()
      return accessExp(pair.access) > now.accessExp || !now.access
    }
    /** A renewal heard or asked for: the session adopts it if it can. */
    const adopt = (pair: TokenPair) => s.pairHeard(pair, 'refreshed')

    /** The current lock task had to wait: another tab held the lock (most likely refreshing). */
    let contended = false
    /** Another tab has spoken on the channel (a sign-in or refresh): there is someone to ask. */
    let heardPeers = false

    const cross = createPeers(
      {
        channel: options.channel,
        tabId,
        timers: s.timers,
        askMs: options.askMs ?? 500,
        offsetMs: s.offsetMs,
      },
      {
        current: () => {
          const { access, refresh } = s.current()
          return access && refresh ? { access, refresh } : null
        },
        signedIn(pair) {
          heardPeers = true
          if (pair.refresh !== s.current().refresh) s.pairHeard(pair, 'signedIn')
        },
        // Only a tab that is signed in follows refreshes; a signed-out one waits for a sign-in.
        refreshed(pair, replaced) {
          heardPeers = true
          const known = s.current().refresh
          if (known === null) return
          const follows =
            known === pair.refresh
              ? laterAccess(pair) // no rotation: the same refresh token, a newer access token
              : known === replaced || storage.get() === pair.refresh
          if (follows) adopt(pair)
        },
        // A refusal of a token this tab has already moved past says nothing about its session.
        signedOut: (reason, refused) =>
          void ((!refused || refused === s.current().refresh) && s.signOutHeard(reason)),
      },
    )

    /**
     * A tab's copy of localStorage can lag behind the channel (browsers sync it between
     * processes): a stored token that was heard replaced, or was issued before the one we know,
     * is old news, never a reason to go back to it.
     */
    const older = (token: string, known: string | null) => {
      const [mine, theirs] = [iatOf(known), iatOf(token)]
      return cross.replaced(token) || (mine > 0 && theirs > 0 && theirs < mine)
    }

    /** The pair behind a newer refresh token another tab stored (not the one we know), if any. */
    async function storedByOthers(known: string | null, signal: AbortSignal) {
      const stored = storage.get()
      if (!stored || stored === known || !s.spendable(stored) || older(stored, known)) return null
      return { stored, pair: await cross.pairFor(stored, signal) }
    }

    /**
     * Without rotation nothing in storage changes when another tab refreshes: a tab that waited
     * for the lock asks the others for a later access token before it spends its own refresh.
     */
    async function catchUpUnrotated(signal: AbortSignal) {
      const now = s.current()
      const known = now.refresh
      // A proactive refresh (the access token still works) can afford the short wait for an answer;
      // it also covers a tab whose timer fired just after another tab's refresh, before the news.
      const proactive = now.usable && heardPeers
      if ((!contended && !proactive) || s.rotates() === true || !known) return
      const pair = await cross.laterPair(known, now.accessExp, signal)
      if (pair && pair.refresh === s.current().refresh && laterAccess(pair) && adopt(pair))
        log(`another tab renewed the access token; adopted ${redact(pair.access)}`)
    }

    /**
     * Asks the ledger about `sent`; 'go' when there is no ledger, and when it fails, 'go' after a
     * verify (another tab may have marked `sent` unanswered in it).
     */
    async function verdictOn(sent: string, signal: AbortSignal, gone?: string) {
      if (!ledger || ledgerBroken) return { kind: 'go', verifyFirst: false } as const
      return untilAborted(ledger.claim(sent, tabId, s.now(), gone), signal).catch((e: unknown) => {
        if (signal.aborted) throw e
        ledgerFailed(e)
        return { kind: 'go', verifyFirst: true } as const
      })
    }

    /**
     * The ledger's word on `token`, about to be spent. Rotated already: adopt the pair of its
     * successor (heard, or asked for), else ask again about the successor, and spend that one.
     */
    async function claim(token: string, signal: AbortSignal): Promise<Claim> {
      let sent = token
      for (let hop = 0; hop < 8; hop++) {
        let verdict = await verdictOn(sent, signal)
        // The claimant closed mid-spend (a reload while its refresh was on the wire): nobody will
        // settle its claim, so it is taken over rather than waited out.
        if (verdict.kind === 'busy' && (await options.presence?.gone(verdict.by))) {
          log(`${redact(sent)} was claimed by a tab that has closed; claiming it anew`)
          verdict = await verdictOn(sent, signal, verdict.by)
        }
        if (verdict.kind === 'go')
          return { kind: 'spend', token: sent, verifyFirst: verdict.verifyFirst }
        if (verdict.kind === 'busy') {
          // A tab that took the lock from a live spender (a bound outwaited, a clock that jumped):
          // that spend is still under way, and its news will come.
          log(`${redact(sent)} is being spent by another tab; waiting for its news`)
          const withinMs = Math.max(options.askMs ?? 500, s.timeoutMs / 2)
          // Its news: the pair it rotated `sent` into, or (no rotation) a later access token.
          const stop = childController(signal)
          const pair = await firstPair([
            cross.successorOf(sent, stop.signal, withinMs),
            cross.laterPair(sent, s.current().accessExp, stop.signal, withinMs),
          ]).finally(() => stop.abort())
          if (pair && adopt(pair)) return { kind: 'adopted' }
          // A kept token may be spent twice without harm; a rotated one never.
          if (s.rotates() === false) return { kind: 'spend', token: sent }
          throw new RefreshFailedError(
            'Another tab is renewing the session; retrying shortly.',
            true,
          )
        }
        const next = verdict.next
        if (!s.spendable(next) || userOf(next) !== userOf(sent)) return { kind: 'ended' }
        const pair = await cross.pairFor(next, signal)
        if (pair && adopt(pair)) {
          log(`${redact(sent)} was already rotated by another tab; adopted ${redact(pair.access)}`)
          return { kind: 'adopted' }
        }
        log(`${redact(sent)} was already rotated by another tab; going on with ${redact(next)}`)
        sent = next
      }
      throw new RefreshFailedError(
        'The other tabs kept renewing the session; retrying shortly.',
        true,
      )
    }

    /**
     * A tab with a refresh token and no access token (a new tab, or a reload without a kept one)
     * asks the open tabs for an access token that still works before it spends anything.
     */
    async function askOpenTabs(known: string, signal: AbortSignal): Promise<boolean> {
      const soonest = Math.ceil((s.now() + s.offsetMs()) / 1000) + 2
      const withinMs = Math.min(options.askMs ?? 500, 250)
      const pair = await cross.laterPair(known, soonest, signal, withinMs)
      if (!pair || pair.refresh !== s.current().refresh || !adopt(pair)) return false
      log(`an open tab had an access token for this session; adopted ${redact(pair.access)}`)
      return s.current().usable
    }

    return {
      claim,
      async settle(sent, next) {
        if (!ledger || ledgerBroken) return
        await ledger.settle(sent, tabId, next).catch(ledgerFailed)
      },
      async unanswered(sent) {
        if (!ledger || ledgerBroken) return
        await ledger.unanswered(sent, tabId, s.now()).catch(ledgerFailed)
      },
      locked: (task, signal) =>
        options.locks.withLock(lockName, { waitMs: waitMs(), signal }, (held, waited) => {
          contended = waited
          return task(held)
        }),
      async catchUp(signal) {
        const now = s.current()
        const found = await storedByOthers(now.refresh, signal)
        if (!found && !now.access && now.refresh && (await askOpenTabs(now.refresh, signal)))
          return null
        if (!found) return catchUpUnrotated(signal).then(() => null)
        if (found.pair && adopt(found.pair)) {
          log(`another tab rotated the refresh token; adopted ${redact(found.pair.access)}`)
        } else if (userOf(found.stored) === userOf(s.current().refresh)) {
          // The tab that rotated it is gone: spend the newest token rather than our spent one.
          log(`no tab holds the pair of ${redact(found.stored)}; refreshing with it`)
          return found.stored
        }
        return null
      },
      async rescue(sent, signal) {
        const next =
          (await storedByOthers(sent, signal))?.pair ?? (await cross.successorOf(sent, signal))
        if (!next || !adopt(next)) return false
        log(`${redact(sent)} was spent by another tab; adopted its pair`)
        return true
      },
      publish: cross.publish,
      // A refresh another tab finished before it heard of this sign-out stored a newer token of
      // this user: it is cleared here and revoked too.
      leftover(signedOut) {
        if (ledger && !ledgerBroken) ledger.forget().catch(ledgerFailed)
        const stored = storage.get()
        if (!stored || stored === signedOut || userOf(stored) !== userOf(signedOut)) return null
        storage.clear()
        return stored
      },
      close() {
        open.abort()
        cross.close()
      },
    }
  }
}

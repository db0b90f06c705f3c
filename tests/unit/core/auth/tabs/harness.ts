/**
 * A browser with several tabs of one or more tenants, in one process: each tab is a session built
 * like services.ts (web storage, locks, channel), wired to fakes shared by the tabs of an origin,
 * against the MSW mock backend. One hand-driven clock for all.
 */
import axios, { type AxiosInstance } from 'axios'
import { afterEach } from 'vitest'
import type { SessionEvent } from '@/core/auth/session/events'
import { createSession, type Session, type SessionDeps } from '@/core/auth/session/session'
import { memoryLedger, type SpendLedger } from '@/core/auth/tabs/spendLedger'
import { storageLease } from '@/core/auth/tabs/storageLease'
import { broadcastChannel } from '@/core/auth/tabs/broadcastChannel'
import { storageChannel } from '@/core/auth/tabs/storageChannel'
import { noLocks, type TabLocks } from '@/core/auth/tabs/locks'
import { webLocks } from '@/core/auth/tabs/webLocks'
import { webLockPresence } from '@/core/auth/tabs/presence'
import { tabProtocol } from '@/core/auth/tabs/protocol'
import { createTokenApi } from '@/core/auth/session/tokenApi'
import { createTokenStorage, type TokenStorage } from '@/core/auth/tokenStorage'
import { installAuthInterceptors } from '@/core/http/authInterceptors'
import { server } from '@/mocks/node'
import { ManualTimers, settle } from '../../helpers'
import { ChannelHub, FakeLockManager, SharedLocalStorage } from './fakes'

export interface Tab {
  name: string
  session: Session
  http: AxiosInstance
  storage: TokenStorage
  events: SessionEvent[]
}

export type LockKind = 'web-locks' | 'storage' | 'none'

export type TabOptions = Omit<Partial<SessionDeps>, 'tabs' | 'loadTabs'> & {
  locks?: LockKind
  channel?: 'broadcast' | 'storage'
  /** The tab-sync plug-in is loaded on demand (as services.ts does): each load waits for this. */
  loaded?: () => Promise<unknown>
  /** false: no spend ledger (a browser without IndexedDB). */
  ledger?: boolean
}

export interface Browser {
  timers: ManualTimers
  /** The machine's clock, shared by the tabs: `skewMs` moves it away from the server's. */
  clock: { skewMs: number; now(): number }
  locks: FakeLockManager
  hub: ChannelHub
  local: Map<string, SharedLocalStorage>
  /** The spend ledger of each tenant (IndexedDB in a browser: one consistent copy for all tabs). */
  ledgers: Map<string, SpendLedger>
  open(tenant?: string, options?: TabOptions): Tab
  tabs: Tab[]
  /** Runs the hand-driven clock in small steps until `work` settles (lock waits, settle delays). */
  drive<T>(work: Promise<T>, maxMs?: number): Promise<T>
}

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

export function browser(): Browser {
  const timers = new ManualTimers()
  const locks = new FakeLockManager()
  const hub = new ChannelHub()
  const local = new Map<string, SharedLocalStorage>()
  const ledgers = new Map<string, SpendLedger>()
  const tabs: Tab[] = []
  let random = 0
  // Hand-driven time stands still while a request is on the wire (signing a JWT is real work).
  let onWire = 0
  const started = () => (onWire += 1)
  const ended = () => (onWire -= 1)
  server.events.on('request:start', started)
  server.events.on('request:end', ended)
  cleanups.push(() => {
    server.events.removeListener('request:start', started)
    server.events.removeListener('request:end', ended)
  })
  timers.idle = () => onWire === 0
  const clock = { skewMs: 0, now: () => Date.now() + clock.skewMs }

  function open(tenant = 'acme', options: TabOptions = {}): Tab {
    const {
      locks: lockKind = 'web-locks',
      channel = 'broadcast',
      loaded,
      ledger = true,
      ...deps
    } = options
    const origin = local.get(tenant) ?? new SharedLocalStorage()
    local.set(tenant, origin)
    const view = origin.tab()
    const name = `${tenant}#${tabs.length + 1}`
    // Each tab draws its own jitter, so tabs that start together do not retry together.
    const draws = [0.1, 0.5, 0.9, 0.3, 0.7][random++ % 5] as number
    const tabLocks: TabLocks =
      lockKind === 'web-locks'
        ? webLocks(locks, timers)
        : lockKind === 'storage'
          ? storageLease({ ...view, timers, clock, random: () => draws, owner: name })
          : noLocks
    const storage = createTokenStorage('local', tenant, { localStorage: view.store })
    const baseURL = `http://${tenant}.localhost/api/v1`
    const plugin = tabProtocol({
      locks: tabLocks,
      channel:
        channel === 'broadcast'
          ? broadcastChannel(`auth:${tenant}`, hub.create)
          : storageChannel(`auth:${tenant}`, view.store, view.events),
      tabId: name,
      ...(lockKind === 'web-locks' && { presence: webLockPresence(locks, tenant) }),
      ...(ledger && {
        ledger: (t: string, staleMs: number) => {
          const mine = ledgers.get(t) ?? memoryLedger(staleMs)
          ledgers.set(t, mine)
          return mine
        },
      }),
    })
    const session = createSession({
      tenant,
      api: createTokenApi(axios.create({ baseURL })),
      storage,
      timers,
      clock,
      backoff: { random: () => draws },
      ...(loaded ? { loadTabs: () => loaded().then(() => plugin) } : { tabs: plugin }),
      ...deps,
    })
    const http = axios.create({ baseURL, timeout: 15_000 })
    installAuthInterceptors(http, session)
    const events: SessionEvent[] = []
    session.on((e) => events.push(e))
    cleanups.push(() => session.dispose())
    const tab = { name, session, http, storage, events }
    tabs.push(tab)
    return tab
  }

  async function drive<T>(work: Promise<T>, maxMs = 60_000): Promise<T> {
    let done = false
    const watched = work.finally(() => (done = true))
    watched.catch(() => {})
    for (let t = 0; t < maxMs && !done;) {
      await settle(3)
      if (done) break
      // Never let hand-driven time run while a request is on the wire, however slow the machine.
      if (onWire > 0) {
        await new Promise((r) => setTimeout(r, 1))
        continue
      }
      await timers.advance(10)
      t += 10
    }
    return watched
  }

  return { timers, clock, locks, hub, local, ledgers, open, tabs, drive }
}

/**
 * The cross-tab ports of a browser page, per tenant: Web Locks when `navigator.locks` exists,
 * else the storage lease; BroadcastChannel when it exists, else storage messages; the spend
 * ledger in IndexedDB when it exists (with either lock). Only worth
 * building when the refresh token is in localStorage (shared by the tabs of the origin).
 */
import { systemClock, systemTimers } from '../clock'
import type { TabSyncPlugin } from '../session/tabSeam'
import { broadcastChannel } from './broadcastChannel'
import { newTabId, noChannel, type TabChannel } from './channel'
import { noLocks, type TabLocks, type WebLockManager } from './locks'
import { webLockPresence, type TabPresence } from './presence'
import { tabProtocol } from './protocol'
import { indexedDbLedger, type IndexedDbFactory, type SpendLedger } from './spendLedger'
import { storageChannel } from './storageChannel'
import { storageLease, type SharedStore, type StorageEvents } from './storageLease'
import { webLocks } from './webLocks'

export interface TabPorts {
  locks: TabLocks
  channel: TabChannel
  /** This tab, in messages and leases. */
  tabId: string
  /** The spend ledger of a tenant, where IndexedDB exists. */
  ledger?: (tenant: string, staleMs: number) => SpendLedger
  /** Which tabs are open, where Web Locks exist. */
  presence?: TabPresence
}

interface StorageEventLike {
  key: string | null
  newValue: string | null
  storageArea: unknown
}

interface PageScope {
  navigator?: { locks?: WebLockManager }
  BroadcastChannel?: unknown
  localStorage?: SharedStore
  addEventListener?(type: 'storage', fn: (e: StorageEventLike) => void): void
  removeEventListener?(type: 'storage', fn: (e: StorageEventLike) => void): void
  crypto?: { randomUUID?: () => string }
  indexedDB?: IndexedDbFactory
}

export function pageStorageEvents(scope: PageScope): StorageEvents {
  return {
    on(key, listener) {
      const fn = (e: StorageEventLike) => {
        if (e.key === key && e.storageArea === scope.localStorage) listener(e.newValue)
      }
      scope.addEventListener?.('storage', fn)
      return () => scope.removeEventListener?.('storage', fn)
    },
  }
}

export function browserTabPorts(
  tenant: string,
  scope: PageScope = globalThis as PageScope,
): TabPorts {
  const tabId = newTabId(scope)
  const store = scope.localStorage
  const events = pageStorageEvents(scope)
  const locks = scope.navigator?.locks
    ? webLocks(scope.navigator.locks, systemTimers)
    : store
      ? storageLease({
          store,
          events,
          timers: systemTimers,
          clock: systemClock,
          random: Math.random,
          owner: tabId,
        })
      : noLocks
  const channel =
    typeof scope.BroadcastChannel === 'function'
      ? broadcastChannel(`auth:${tenant}`)
      : store
        ? storageChannel(`auth:${tenant}`, store, events)
        : noChannel
  let idb: IndexedDbFactory | undefined
  try {
    idb = scope.indexedDB // a getter that throws where storage is denied (sandboxed frames)
  } catch {
    idb = undefined
  }
  const ledger = idb
    ? (name: string, staleMs: number) => indexedDbLedger(idb, name, staleMs)
    : undefined
  const presence = scope.navigator?.locks
    ? webLockPresence(scope.navigator.locks, tenant)
    : undefined
  return { locks, channel, tabId, ...(ledger && { ledger }), ...(presence && { presence }) }
}

/** The tab-sync plug-in over this page's ports (opened only when a session takes it). */
export function browserTabProtocol(tenant: string, scope?: PageScope): TabSyncPlugin {
  return (session) => tabProtocol(browserTabPorts(tenant, scope))(session)
}

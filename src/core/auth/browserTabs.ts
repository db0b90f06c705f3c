/**
 * The cross-tab ports of a browser page, per tenant: Web Locks when `navigator.locks` exists,
 * else the storage lease; BroadcastChannel when it exists, else storage messages; the spend
 * ledger in IndexedDB when it exists (with either lock). Only worth
 * building when the refresh token is in localStorage (shared by the tabs of the origin).
 */
import { systemClock, systemTimers } from './clock'
import { indexedDbLedger, type IndexedDbFactory, type SpendLedger } from './spendLedger'
import { storageLocks, type SharedStore, type StorageEvents } from './storageLock'
import {
  broadcastChannel,
  newTabId,
  noChannel,
  storageChannel,
  type TabChannel,
} from './tabChannel'
import { noLocks, webLocks, type TabLocks, type WebLockManager } from './tabLocks'
import { tabSync } from './tabSync'
import type { TabSyncPlugin } from './tabSyncPort'

export interface CrossTabPorts {
  locks: TabLocks
  channel: TabChannel
  /** This tab, in messages and leases. */
  tabId: string
  /** The spend ledger of a tenant, where IndexedDB exists. */
  ledger?: (tenant: string, staleMs: number) => SpendLedger
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

export function browserTabs(
  tenant: string,
  scope: PageScope = globalThis as PageScope,
): CrossTabPorts {
  const tabId = newTabId(scope)
  const store = scope.localStorage
  const events = pageStorageEvents(scope)
  const locks = scope.navigator?.locks
    ? webLocks(scope.navigator.locks, systemTimers)
    : store
      ? storageLocks({
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
  return { locks, channel, tabId, ...(ledger && { ledger }) }
}

/** The tab-sync plug-in over this page's ports (opened only when a session takes it). */
export function browserTabSync(tenant: string, scope?: PageScope): TabSyncPlugin {
  return (session) => tabSync(browserTabs(tenant, scope))(session)
}

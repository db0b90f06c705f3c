/**
 * The cross-tab ports a page gets: Web Locks or the storage lease, BroadcastChannel or storage
 * messages, the spend ledger where IndexedDB exists. Checked by what each port does, with the
 * fakes of the browser APIs.
 */
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import {
  browserTabPorts,
  browserTabProtocol,
  pageStorageEvents,
} from '@/core/auth/tabs/browserPorts'
import { noChannel } from '@/core/auth/tabs/channel'
import { noLocks } from '@/core/auth/tabs/locks'
import { harness, settle } from '../../helpers'
import { FakeLockManager, SharedLocalStorage } from './fakes'

interface StorageEventLike {
  key: string | null
  newValue: string | null
  storageArea: unknown
}

/** A page's `storage` events, fired by hand (to the listeners of that event type only). */
function page(extra: Record<string, unknown> = {}) {
  const byType = new Map<string, Set<(e: StorageEventLike) => void>>()
  const of = (type: string) => byType.get(type) ?? byType.set(type, new Set()).get(type)!
  const listeners = of('storage')
  const localStorage = new SharedLocalStorage().tab().store
  return {
    localStorage,
    addEventListener: (type: string, fn: (e: StorageEventLike) => void) => void of(type).add(fn),
    removeEventListener: (type: string, fn: (e: StorageEventLike) => void) =>
      void of(type).delete(fn),
    fire: (e: StorageEventLike) => listeners.forEach((l) => l(e)),
    listeners,
    crypto: { randomUUID: () => 'tab-uuid' },
    ...extra,
  }
}

describe('pageStorageEvents', () => {
  it("hears another tab's change of its key in this page's localStorage only, until unsubscribed", () => {
    const p = page()
    const heard: Array<string | null> = []
    const off = pageStorageEvents(p).on('auth:acme:refresh', (v) => heard.push(v))
    p.fire({ key: 'auth:acme:refresh', newValue: 'r2', storageArea: p.localStorage })
    p.fire({ key: 'auth:acme:refresh', newValue: null, storageArea: p.localStorage })
    p.fire({ key: 'other', newValue: 'x', storageArea: p.localStorage })
    p.fire({ key: 'auth:acme:refresh', newValue: 'r3', storageArea: {} }) // sessionStorage
    off()
    p.fire({ key: 'auth:acme:refresh', newValue: 'r4', storageArea: p.localStorage })
    expect(heard).toEqual(['r2', null])
    expect(p.listeners.size).toBe(0)
  })

  it('a scope without events subscribes to nothing and says nothing', () => {
    expect(() => pageStorageEvents({}).on('k', () => {})()).not.toThrow()
  })
})

describe('browserTabPorts', () => {
  it('Web Locks when the page has them: one holder at a time', async () => {
    const locks = new FakeLockManager()
    const ports = browserTabPorts('acme', page({ navigator: { locks } }))
    expect(ports.tabId).toBe('tab-uuid')
    const order: string[] = []
    const run = (name: string) =>
      ports.locks.withLock('auth:acme:refresh', { waitMs: 1_000 }, async () => {
        order.push(`${name} in`)
        await settle(3)
        order.push(`${name} out`)
      })
    await Promise.all([run('a'), run('b')])
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out'])
    expect(locks.grants).toEqual(['auth:acme:refresh', 'auth:acme:refresh'])
    ports.channel.close()
  })

  it('without Web Locks, the storage lease in localStorage; without BroadcastChannel, storage messages', async () => {
    const p = page()
    const ports = browserTabPorts('acme', p)
    expect(ports.locks).not.toBe(noLocks)
    let seen: string | null = null
    await ports.locks.withLock('auth:acme:refresh', { waitMs: 1_000 }, async () => {
      seen = p.localStorage.getItem('auth:acme:refresh:lease')
    })
    expect(JSON.parse(seen!)).toMatchObject({ owner: 'tab-uuid' })
    expect(p.localStorage.getItem('auth:acme:refresh:lease')).toBeNull()
    // A message goes through the tenant's storage key, and is removed at once.
    const writes: string[] = []
    const setItem = p.localStorage.setItem.bind(p.localStorage)
    p.localStorage.setItem = (k: string, v: string) => (writes.push(k), setItem(k, v))
    ports.channel.post({ type: 'signedOut', from: 'tab-uuid', reason: 'user' })
    expect(writes).toEqual(['auth:acme:message'])
    expect(p.localStorage.getItem('auth:acme:message')).toBeNull()
    ports.channel.close()
  })

  it('BroadcastChannel when the page has it, named for the tenant', () => {
    const names: string[] = []
    class FakeBroadcastChannel {
      onmessage = null
      constructor(name: string) {
        names.push(name)
      }
      postMessage() {}
      close() {}
    }
    const original = globalThis.BroadcastChannel
    globalThis.BroadcastChannel = FakeBroadcastChannel as unknown as typeof BroadcastChannel
    try {
      const ports = browserTabPorts('globex', page({ BroadcastChannel: FakeBroadcastChannel }))
      expect(names).toEqual(['auth:globex'])
      ports.channel.close()
    } finally {
      globalThis.BroadcastChannel = original
    }
  })

  it('no storage at all: no lock and no channel (nobody shares the tokens)', () => {
    const ports = browserTabPorts('acme', { crypto: { randomUUID: () => 'x' } })
    expect([ports.locks, ports.channel, ports.ledger]).toEqual([noLocks, noChannel, undefined])
  })

  it('the spend ledger where IndexedDB exists; none where reading it throws (denied storage)', async () => {
    const indexedDB = new IDBFactory()
    const ports = browserTabPorts('acme', page({ indexedDB }))
    const ledger = ports.ledger!('acme', 1_000)
    await expect(ledger.claim('token-one-0123456789', 'a', 0)).resolves.toEqual({
      kind: 'go',
      verifyFirst: false,
    })
    await expect(ledger.claim('token-one-0123456789', 'b', 1)).resolves.toMatchObject({
      kind: 'busy',
    })
    const denied = page()
    Object.defineProperty(denied, 'indexedDB', {
      get() {
        throw new Error('SecurityError')
      },
    })
    expect(browserTabPorts('acme', denied).ledger).toBeUndefined()
  })

  it('a tab id of its own where crypto.randomUUID is missing', () => {
    const a = browserTabPorts('acme', {}).tabId
    const b = browserTabPorts('acme', {}).tabId
    expect(a).toMatch(/^tab-[a-z0-9]+$/)
    expect(a).not.toBe(b)
  })
})

describe('tab presence and the plug-in', () => {
  it('presence where Web Locks exist, named for the tenant; none without them', async () => {
    const locks = new FakeLockManager()
    const ports = browserTabPorts('acme', page({ navigator: { locks } }))
    const open = new AbortController()
    ports.presence!.hold('tab-a', open.signal)
    await settle(5)
    expect(locks.isHeld('auth:acme:tab:tab-a')).toBe(true)
    await expect(ports.presence!.gone('tab-a')).resolves.toBe(false)
    open.abort()
    ports.channel.close()
    expect(browserTabPorts('acme', page()).presence).toBeUndefined()
  })

  it("the plug-in runs the protocol over this page's ports: the session's tab is present while it lives", async () => {
    const locks = new FakeLockManager()
    const { session } = harness({
      tabs: browserTabProtocol('acme', page({ navigator: { locks } })),
    })
    await settle(5)
    expect(locks.isHeld('auth:acme:tab:tab-uuid')).toBe(true)
    session.dispose()
    await settle(5)
    expect(locks.isHeld('auth:acme:tab:tab-uuid')).toBe(false)
  })

  it("outside a page (Node: no storage, no Web Locks): no lock, no ledger, the runtime's BroadcastChannel", async () => {
    const ports = browserTabPorts('acme')
    try {
      expect(ports.locks).toBe(noLocks)
      expect(ports.ledger).toBeUndefined()
      expect(ports.presence).toBeUndefined()
      expect(ports.channel).not.toBe(noChannel)
    } finally {
      ports.channel.close()
    }
  })
})

/**
 * The two channel adapters at their edges: what a closing tab still hears, what it leaves open,
 * and storage that refuses writes or holds something that is not a message.
 */
import { describe, expect, it } from 'vitest'
import { broadcastChannel } from '@/core/auth/tabs/broadcastChannel'
import type { TabMessage } from '@/core/auth/tabs/channel'
import type { SharedStore, StorageEvents } from '@/core/auth/tabs/storageLease'
import { storageChannel } from '@/core/auth/tabs/storageChannel'
import { settle } from '../../helpers'
import { ChannelHub, SharedLocalStorage } from './fakes'

const out: TabMessage = { type: 'signedOut', from: 'a', reason: 'user' }

/** `storage` events of one page, with the listeners it holds in view. */
function countedEvents(): StorageEvents & {
  listeners: Map<string, Set<(v: string | null) => void>>
  fire(key: string, value: string | null): void
} {
  const listeners = new Map<string, Set<(v: string | null) => void>>()
  return {
    listeners,
    on(key, listener) {
      const set = listeners.get(key) ?? new Set()
      listeners.set(key, set)
      set.add(listener)
      return () => set.delete(listener)
    },
    fire: (key, value) => listeners.get(key)?.forEach((l) => l(value)),
  }
}

describe('BroadcastChannel adapter', () => {
  it('a tab that closes while a message is on its way does not hear it', async () => {
    const hub = new ChannelHub()
    const [a, b] = [
      broadcastChannel('auth:acme', hub.create),
      broadcastChannel('auth:acme', hub.create),
    ]
    const heard: TabMessage[] = []
    b.on((m) => heard.push(m))
    a.post(out)
    b.close()
    await settle(10)
    expect(heard).toEqual([])
  })

  it('closing closes the BroadcastChannel itself, once', () => {
    const closed: string[] = []
    const channel = broadcastChannel('auth:acme', (name) => ({
      onmessage: null,
      postMessage: () => {},
      close: () => closed.push(name),
    }))
    channel.close()
    expect(closed).toEqual(['auth:acme'])
  })

  it('posts the message itself to the BroadcastChannel', () => {
    const posted: unknown[] = []
    const channel = broadcastChannel('auth:acme', () => ({
      onmessage: null,
      postMessage: (m) => posted.push(m),
      close: () => {},
    }))
    channel.post(out)
    expect(posted).toEqual([out])
  })
})

describe('storage channel adapter', () => {
  it('closing stops listening to storage events, and drops its listeners', () => {
    const events = countedEvents()
    const store = new SharedLocalStorage().tab().store
    const channel = storageChannel('auth:acme', store, events)
    const heard: TabMessage[] = []
    channel.on((m) => heard.push(m))
    expect(events.listeners.get('auth:acme:message')?.size).toBe(1)
    events.fire('auth:acme:message', JSON.stringify({ m: out, n: 1 }))
    channel.close()
    expect(events.listeners.get('auth:acme:message')?.size).toBe(0)
    expect(heard).toEqual([out])
  })

  it('a value that is not JSON, or a removal, is not a message; later messages still arrive', () => {
    const events = countedEvents()
    const channel = storageChannel('auth:acme', new SharedLocalStorage().tab().store, events)
    const heard: TabMessage[] = []
    channel.on((m) => heard.push(m))
    expect(() => events.fire('auth:acme:message', '{not json')).not.toThrow()
    events.fire('auth:acme:message', null)
    events.fire('auth:acme:message', JSON.stringify({ m: out, n: 2 }))
    expect(heard).toEqual([out])
    channel.close()
  })

  it('storage that refuses the write (full, blocked): the post is dropped quietly', async () => {
    const local = new SharedLocalStorage()
    const other = local.tab()
    const refusing: SharedStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => {},
    }
    const a = storageChannel('auth:acme', refusing, local.tab().events)
    const b = storageChannel('auth:acme', other.store, other.events)
    const heard: TabMessage[] = []
    b.on((m) => heard.push(m))
    expect(() => a.post(out)).not.toThrow()
    await settle(10)
    expect(heard).toEqual([])
    a.close()
    b.close()
  })

  it('each message leaves nothing behind in storage', () => {
    const local = new SharedLocalStorage()
    const { store, events } = local.tab()
    const channel = storageChannel('auth:acme', store, events)
    channel.post(out)
    channel.post(out)
    expect(local.get('auth:acme:message')).toBeNull()
    channel.close()
  })
})

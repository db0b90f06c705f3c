/** Tab presence over Web Locks (a fake lock manager): a tab is gone once its lock is not held. */
import { describe, expect, it } from 'vitest'
import { webLockPresence } from '@/core/auth/tabs/presence'
import { settle } from '../../helpers'
import { FakeLockManager } from './fakes'

describe('tab presence', () => {
  it('a tab that holds its presence is not gone; once it closes, it is', async () => {
    const manager = new FakeLockManager()
    const presence = webLockPresence(manager, 'acme')
    const open = new AbortController()
    presence.hold('tab-a', open.signal)
    await settle(5)
    await expect(presence.gone('tab-a')).resolves.toBe(false)
    open.abort()
    await settle(5)
    await expect(presence.gone('tab-a')).resolves.toBe(true)
  })

  it("tenants apart: acme's tab says nothing about globex's tab of the same id", async () => {
    const manager = new FakeLockManager()
    const open = new AbortController()
    webLockPresence(manager, 'acme').hold('tab-a', open.signal)
    await settle(5)
    await expect(webLockPresence(manager, 'globex').gone('tab-a')).resolves.toBe(true)
    await expect(webLockPresence(manager, 'acme').gone('tab-a')).resolves.toBe(false)
    open.abort()
  })

  it('a lock manager that cannot list its locks never declares a tab gone', async () => {
    const manager = new FakeLockManager()
    const blind = { request: manager.request.bind(manager) }
    await expect(webLockPresence(blind, 'acme').gone('tab-a')).resolves.toBe(false)
  })
})

describe('tab presence, when the lock manager cannot say', () => {
  it('a listing that fails, or lists nothing held, never declares a tab gone', async () => {
    const manager = new FakeLockManager()
    const request = manager.request.bind(manager)
    const failing = { request, query: () => Promise.reject(new Error('InvalidStateError')) }
    await expect(webLockPresence(failing, 'acme').gone('tab-a')).resolves.toBe(false)
    const empty = { request, query: async () => ({}) }
    await expect(webLockPresence(empty, 'acme').gone('tab-a')).resolves.toBe(false)
  })

  it('a listing of other locks only: the tab is gone', async () => {
    const manager = new FakeLockManager()
    manager.hang('auth:acme:refresh')
    await settle(5)
    await expect(webLockPresence(manager, 'acme').gone('tab-a')).resolves.toBe(true)
  })

  it('holds its lock until the signal aborts, whatever else runs meanwhile', async () => {
    const manager = new FakeLockManager()
    const open = new AbortController()
    webLockPresence(manager, 'acme').hold('tab-a', open.signal)
    await settle(20)
    expect(manager.isHeld('auth:acme:tab:tab-a')).toBe(true)
    open.abort()
    await settle(5)
    expect(manager.isHeld('auth:acme:tab:tab-a')).toBe(false)
  })

  it('a hold given up before it was granted raises no error', async () => {
    const manager = new FakeLockManager()
    const presence = webLockPresence(manager, 'acme')
    const first = new AbortController()
    const second = new AbortController()
    const unhandled: unknown[] = []
    const onUnhandled = (e: unknown) => unhandled.push(e)
    process.on('unhandledRejection', onUnhandled)
    try {
      presence.hold('tab-a', first.signal)
      presence.hold('tab-a', second.signal) // the same tab id again: waits behind the first
      await settle(5)
      second.abort()
      await settle(5)
      await new Promise((r) => setTimeout(r, 0))
      expect(unhandled).toEqual([])
      expect(manager.isHeld('auth:acme:tab:tab-a')).toBe(true)
    } finally {
      process.off('unhandledRejection', onUnhandled)
      first.abort()
    }
  })
})

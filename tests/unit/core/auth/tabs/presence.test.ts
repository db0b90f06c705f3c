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

import { describe, expect, it } from 'vitest'
import { mockStats } from '@/mocks/scenarios'
import { mountPanel, until } from './panelHarness'

describe('mock dev panel: session facts', () => {
  it('shows the tenant and "none" for the token when signed out', async () => {
    const h = await mountPanel()
    await h.open()
    expect(h.text('mock-tenant')).toBe('acme')
    expect(h.text('mock-user-email')).toBe('signed out')
    expect(h.text('mock-access-expiry')).toBe('none')
    expect(h.text('mock-refresh-calls')).toBe('0')
    expect(h.text('mock-refreshed-events')).toBe('0')
  })

  it('shows the signed-in user, the organisation and the access token counting down', async () => {
    const h = await mountPanel({ as: 'admin' })
    await h.open()
    expect(h.text('mock-tenant')).toBe('acme (Acme Corporation)')
    expect(h.text('mock-user-email')).toBe('admin@acme.test')
    expect(h.text('mock-user-role')).toBe('Admin')
    // The mock's access tokens live 120 s.
    const first = Number(/^(\d+) s$/.exec(h.text('mock-access-expiry'))?.[1])
    expect(first).toBeGreaterThanOrEqual(118)
    expect(first).toBeLessThanOrEqual(120)
    await until(() => expect(h.text('mock-access-expiry')).toBe(`${first - 1} s`), 2500)
  })

  it('follows a sign-out at once: the user and the token go to none', async () => {
    const h = await mountPanel({ as: 'staff' })
    await h.open()
    expect(h.text('mock-user-email')).toBe('staff@acme.test')
    expect(h.text('mock-user-role')).toBe('Staff')
    await h.auth.signOut()
    await until(() => expect(h.text('mock-access-expiry')).toBe('none'))
    expect(h.text('mock-user-email')).toBe('signed out')
  })

  it('"expire access token now" makes the next request refresh, and both counts go to 1', async () => {
    const h = await mountPanel({ as: 'admin', tickMs: 20 })
    await h.open()
    const before = h.services.session!.accessToken
    await h.click('mock-expire-access')
    expect(h.text('mock-access-expiry')).toMatch(/^\d+ s \(retired by the mock\)$/)
    expect(h.text('mock-status')).toContain('Access tokens issued so far are expired')

    const { status } = await h.services.http.get('/expenses/')
    expect(status).toBe(200)
    expect(h.services.session!.accessToken).not.toBe(before)
    await until(() => expect(h.text('mock-refresh-calls')).toBe('1'))
    expect(h.text('mock-refreshed-events')).toBe('1')
    expect(h.text('mock-access-expiry')).toMatch(/^\d+ s$/)
    expect(h.auth.signedIn).toBe(true)
  })

  it('counts refreshes the session starts by itself', async () => {
    const h = await mountPanel({ as: 'staff' })
    await h.open()
    await h.services.session!.refresh()
    await until(() => expect(h.text('mock-refreshed-events')).toBe('1'))
    expect(h.text('mock-refresh-calls')).toBe('1')
    expect(mockStats.refreshCalls).toBe(1)
  })
})

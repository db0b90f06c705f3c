import { describe, expect, it } from 'vitest'
import { isRefreshFailed } from '@/core/auth/errors'
import { applyScenario, parseScenarioQuery } from '@/mocks/scenarios'
import { mountPanel, until } from './panelHarness'

describe('mock dev panel: scenarios', () => {
  it('"next refresh fails 500" makes the next refresh fail, and only that one', async () => {
    const h = await mountPanel({ as: 'admin', tickMs: 20 })
    await h.open()
    await h.click('mock-fail-refresh-500')
    expect(h.text('mock-pending-failures')).toBe('Queued: 500 server error')
    expect(h.text('mock-status')).toBe('Queued refresh failures: 500 server error.')

    const failed = await h.services.session!.refresh().catch((e: unknown) => e)
    expect(isRefreshFailed(failed)).toBe(true)
    await until(() => expect(h.text('mock-refresh-calls')).toBe('1'))
    expect(h.text('mock-refreshed-events')).toBe('0')
    expect(h.text('mock-pending-failures')).toBe('Queued: none')
    // A 500 is transient: the session is kept (and retried after a backoff).
    expect(h.auth.signedIn).toBe(true)
    expect(h.text('mock-access-expiry')).toMatch(/^\d+ s$/)
  })

  it('"next refresh fails network" fails the refresh without a response', async () => {
    const h = await mountPanel({ as: 'staff', tickMs: 20 })
    await h.open()
    await h.click('mock-fail-refresh-network')
    const failed = await h.services.session!.refresh().catch((e: unknown) => e)
    expect(isRefreshFailed(failed)).toBe(true)
    await until(() => expect(h.text('mock-refresh-calls')).toBe('1'))
    expect(h.auth.signedIn).toBe(true)
  })

  it('"next refresh fails 401" then "expire": the next request ends the session', async () => {
    const h = await mountPanel({ as: 'admin', tickMs: 20 })
    await h.open()
    await h.click('mock-fail-refresh-401')
    await h.click('mock-fail-refresh-500')
    expect(h.text('mock-pending-failures')).toBe('Queued: 401 token_not_valid, 500 server error')
    await h.click('mock-expire-access')

    await expect(h.services.http.get('/expenses/')).rejects.toThrow()
    await until(() => expect(h.auth.signedIn).toBe(false))
    expect(h.auth.signOutReason).toBe('expired')
    await until(() => expect(h.text('mock-access-expiry')).toBe('none'))
    expect(h.text('mock-user-email')).toBe('signed out')
    expect(h.text('mock-refresh-calls')).toBe('1')
    expect(h.text('mock-pending-failures')).toBe('Queued: 500 server error')
  })

  it('adds latency to every answer from the select', async () => {
    const h = await mountPanel({ as: 'staff' })
    await h.open()
    const select = h.ui.get('[data-testid="mock-latency"]')
    expect((select.element as HTMLSelectElement).value).toBe('0')
    expect(select.findAll('option').map((o) => o.text())).toEqual([
      '0 ms',
      '300 ms',
      '1000 ms',
      '3000 ms',
    ])
    await select.setValue('300')
    expect(h.text('mock-status')).toBe('Every answer now waits 300 ms.')
    const started = performance.now()
    await h.services.http.get('/departments/')
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)

    await select.setValue('0')
    const again = performance.now()
    await h.services.http.get('/departments/')
    expect(performance.now() - again).toBeLessThan(250)
  })

  it('shows the scenarios the tab started with (?mock=latency:800,refresh:500*2)', async () => {
    const search = '?mock=latency:800,refresh:500*2'
    applyScenario(parseScenarioQuery('latency:800,refresh:500*2').scenario)
    const h = await mountPanel({ search })
    await h.open()
    expect((h.ui.get('[data-testid="mock-latency"]').element as HTMLSelectElement).value).toBe(
      '800',
    )
    expect(h.text('mock-pending-failures')).toBe('Queued: 500 server error, 500 server error')
  })
})

import { describe, expect, it, vi } from 'vitest'
import { withoutProfileItem } from '@/dev/mockControls'
import { configureMock, mockConfig } from '@/mocks/config'
import { db } from '@/mocks/db'
import { mountPanel } from './panelHarness'

describe('mock dev panel: backend profile', () => {
  it("shows the profile in force and its knobs (Vitest's default: hardened)", async () => {
    const h = await mountPanel()
    await h.open()
    const select = h.ui.get('[data-testid="mock-profile"]').element as HTMLSelectElement
    expect(select.value).toBe('hardened')
    expect([...select.options].map((o) => o.text)).toEqual([
      'Original (budgeting-app as published)',
      'Hardened (the contract server)',
    ])
    expect(h.text('mock-knobs')).toBe(
      'rotation on, blacklist on, tenant claim on, iat on, header Bearer, access 120 s',
    )
  })

  it('shows knobs changed on top of the profile', async () => {
    configureMock({ profile: 'original', authHeaderTypes: ['JWT'], issueIat: false })
    const h = await mountPanel()
    await h.open()
    expect((h.ui.get('[data-testid="mock-profile"]').element as HTMLSelectElement).value).toBe(
      'original',
    )
    expect(h.text('mock-knobs')).toBe(
      'rotation off, blacklist off, tenant claim off, iat off, header JWT, access 300 s',
    )
  })

  it('switching re-seeds the data for the new profile, says so, and reloads', async () => {
    const replaceUrl = vi.fn()
    const h = await mountPanel({ replaceUrl })
    await h.open()
    db.outbox.push({} as never)
    await h.ui.get('[data-testid="mock-profile"]').setValue('original')
    expect(mockConfig.profile).toBe('original')
    expect(db.profile).toBe('original')
    expect(db.outbox).toEqual([])
    expect(db.users.filter((u) => u.schema === 'globex').map((u) => u.id)).toEqual([1, 2])
    expect(h.reload).toHaveBeenCalledTimes(1)
    expect(replaceUrl).not.toHaveBeenCalled() // the page has no profile: item to drop
    expect(h.text('mock-status')).toBe(
      'Switching to the original backend: fresh mock data, reloading…',
    )
  })

  it('drops the profile: item from ?mock= before reloading, so the URL does not switch it back', async () => {
    const page = window.location.href
    window.history.replaceState(null, '', '/?mock=profile:hardened,latency:300')
    try {
      const replaceUrl = vi.fn()
      const h = await mountPanel({ replaceUrl })
      await h.open()
      await h.ui.get('[data-testid="mock-profile"]').setValue('original')
      expect(replaceUrl).toHaveBeenCalledWith(`${window.location.origin}/?mock=latency%3A300`)
      expect(h.reload).toHaveBeenCalledTimes(1)
    } finally {
      window.history.replaceState(null, '', page)
    }
  })

  it('withoutProfileItem keeps the other items and drops an empty ?mock=', () => {
    expect(withoutProfileItem('http://a.localhost/x?mock=profile:original')).toBe(
      'http://a.localhost/x',
    )
    expect(withoutProfileItem('http://a.localhost/x?mock=rotate:on,profile:original&y=1')).toBe(
      'http://a.localhost/x?mock=rotate%3Aon&y=1',
    )
    expect(withoutProfileItem('http://a.localhost/x?mock=rotate:on')).toBe(
      'http://a.localhost/x?mock=rotate:on',
    )
  })
})

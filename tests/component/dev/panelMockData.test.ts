import { describe, expect, it } from 'vitest'
import { requestPasswordReset } from '@/api/users'
import { db } from '@/mocks/db'
import { mockStats } from '@/mocks/scenarios'
import { mountPanel } from './panelHarness'

describe('mock dev panel: mail and data', () => {
  it('says when no mail was sent yet', async () => {
    const h = await mountPanel()
    await h.open()
    await h.click('mock-read-mail')
    expect(h.text('mock-mail')).toBe('No mail sent yet.')
    expect(h.text('mock-status')).toBe('No mail sent yet.')
  })

  it('shows the password reset link as a link after a reset_password request', async () => {
    const h = await mountPanel()
    await h.open()
    await requestPasswordReset(h.services.http, 'staff@acme.test')
    await h.click('mock-read-mail')
    expect(h.text('mock-mail')).toContain('To staff@acme.test')
    const link = h.ui.get('[data-testid="mock-mail-link"]')
    expect(link.element.tagName).toBe('A')
    expect(link.text()).toBe('Open the password reset link')
    const mail = db.outbox.at(-1)!
    expect(link.attributes('href')).toBe(mail.link)
    expect(new URL(mail.link).pathname).toContain(`${mail.uid}/${mail.token}`)
  })

  it('never turns a non-web link into a clickable one', async () => {
    const h = await mountPanel()
    await h.open()
    await requestPasswordReset(h.services.http, 'staff@acme.test')
    db.outbox.at(-1)!.link = 'javascript:alert(1)'
    await h.click('mock-read-mail')
    expect(h.text('mock-mail')).toContain('To staff@acme.test')
    expect(h.ui.find('[data-testid="mock-mail-link"]').exists()).toBe(false)
  })

  it('resets the mock data, then reloads the page', async () => {
    const h = await mountPanel({ as: 'admin' })
    await h.open()
    await requestPasswordReset(h.services.http, 'admin@acme.test')
    await h.services.http.delete('/departments/2/').catch(() => {})
    expect(db.outbox).toHaveLength(1)
    expect(mockStats.requests).toBeGreaterThan(0)

    await h.click('mock-reset')
    expect(h.reload).toHaveBeenCalledTimes(1)
    expect(db.outbox).toHaveLength(0)
    expect(db.departments.map((d) => d.id)).toContain(2)
    expect(mockStats.requests).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { PANEL_HOST_ID } from '@/dev/mountMockDevPanel'
import { mountPanel, until } from './panelHarness'

describe('mock dev panel: shell', () => {
  it('mounts into its own element at the end of <body>, collapsed to a "Mock" button', async () => {
    const { panel, ui } = await mountPanel()
    expect(panel.host.id).toBe(PANEL_HOST_ID)
    expect(document.body.lastElementChild).toBe(panel.host)
    const toggle = ui.get('[data-testid="mock-panel-toggle"]')
    expect(toggle.text()).toBe('Mock backend panel')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(toggle.attributes('aria-controls')).toBeUndefined()
    expect(ui.find('[data-testid="mock-panel-body"]').exists()).toBe(false)
    expect(ui.get('aside').attributes('aria-label')).toBe('Mock backend dev panel')
  })

  it('opens and closes with the toggle, and Escape closes it and returns focus', async () => {
    const { ui, open } = await mountPanel()
    await open()
    const toggle = ui.get('[data-testid="mock-panel-toggle"]')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(toggle.attributes('aria-controls')).toBe('mock-panel-body')
    expect(ui.find('#mock-panel-body').exists()).toBe(true)
    expect(ui.find('[role="status"]').exists()).toBe(true)

    await ui.get('[data-testid="mock-expire-access"]').trigger('keydown', { key: 'Escape' })
    await until(() => expect(toggle.attributes('aria-expanded')).toBe('false'))
    expect(document.activeElement).toBe(toggle.element)

    await toggle.trigger('click')
    await toggle.trigger('click')
    expect(ui.find('#mock-panel-body').exists()).toBe(false)
  })

  it('labels every control: each select has a label, buttons have names', async () => {
    const { ui, open } = await mountPanel()
    await open()
    const labels = ui
      .findAll('select')
      .map((select) => ui.get(`label[for="${select.attributes('id')}"]`).text())
    expect(labels).toEqual(['Backend', 'Latency per answer'])
    for (const button of ui.findAll('button')) expect(button.text().trim()).not.toBe('')
    expect(ui.get('[data-testid="mock-fail-refresh-500"]').text()).toBe('Next refresh fails 500')
    expect(ui.get('fieldset legend').text()).toBe('Make the next refresh fail')
  })

  it('replaces an earlier panel instead of stacking a second one', async () => {
    await mountPanel()
    await mountPanel()
    expect(document.querySelectorAll(`#${PANEL_HOST_ID}`)).toHaveLength(1)
  })
})

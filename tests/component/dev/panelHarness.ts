/**
 * Mounts the mock dev panel the way main.ts does: the app (renderWithApp, on the acme host) and
 * then the panel beside it, sharing its Pinia and services. The panel talks to the kit's mock
 * backend; the kit's setup file unmounts both after each test.
 */
import { DOMWrapper, flushPromises } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { expect, vi } from 'vitest'
import { mountMockDevPanel, type MountedPanel, type PanelOptions } from '@/dev/mountMockDevPanel'
import type { Services } from '@/services'
import type { useAuthStore } from '@/stores/auth'
import { onTeardown, renderWithApp, type SignInAs } from '@/testing'

export { until } from '@/testing'

export interface Harness {
  pinia: Pinia
  services: Services
  panel: MountedPanel
  /** The panel's element, for finding and clicking. */
  ui: DOMWrapper<Element>
  reload: ReturnType<typeof vi.fn>
  auth: ReturnType<typeof useAuthStore>
  /** Opens the panel with its toggle button. */
  open(): Promise<void>
  /** The text of the element with this data-testid. */
  text(testId: string): string
  click(testId: string): Promise<void>
}

/** An app that renders nothing of its own: the panel is what the test looks at. */
const Blank = { render: () => null }

export async function mountPanel(options: { as?: SignInAs } & PanelOptions = {}): Promise<Harness> {
  const { as, ...panelOptions } = options
  const { pinia, services, auth } = await renderWithApp(Blank, { as })
  const reload = vi.fn()
  const panel = mountMockDevPanel(pinia, services, { reload, ...panelOptions })
  onTeardown(() => panel.unmount())
  const ui = new DOMWrapper(panel.host)
  const find = (testId: string) => {
    const found = ui.find(`[data-testid="${testId}"]`)
    expect(found.exists(), `[data-testid="${testId}"] exists`).toBe(true)
    return found
  }
  await flushPromises()
  return {
    pinia,
    services,
    panel,
    ui,
    reload,
    auth,
    open: () => find('mock-panel-toggle').trigger('click'),
    text: (testId) => find(testId).text(),
    click: (testId) => find(testId).trigger('click'),
  }
}

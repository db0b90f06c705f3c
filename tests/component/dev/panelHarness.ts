/**
 * Mounts the mock dev panel the way main.ts does: a host app installs Pinia and provides the
 * services (built for the acme host, tokens in memory), then the panel mounts beside it, sharing
 * both. The panel talks to the real mock backend that tests/setup/msw.ts serves.
 */
import { DOMWrapper, flushPromises } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { expect, vi } from 'vitest'
import { createApp, type App } from 'vue'
import { readConfig } from '@/config'
import { mountMockDevPanel, type MountedPanel, type PanelOptions } from '@/dev/mountMockDevPanel'
import { createServices, SERVICES, type Services } from '@/services'
import { useAuthStore } from '@/stores/auth'
import { ACCOUNTS } from '../support/renderApp'

export { ACCOUNTS, until } from '../support/renderApp'

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

const live: { app: App; panel: MountedPanel; services: Services }[] = []

export async function mountPanel(
  options: { as?: keyof typeof ACCOUNTS } & PanelOptions = {},
): Promise<Harness> {
  const services = createServices('acme.localhost', readConfig({ VITE_TOKEN_STORAGE: 'memory' }))
  const pinia = createPinia()
  const app = createApp({ render: () => null })
  app.provide(SERVICES, services)
  app.use(pinia)
  app.mount(document.createElement('div'))
  const auth = useAuthStore(pinia)
  await auth.start()
  if (options.as) {
    const { email, password } = ACCOUNTS[options.as]
    await auth.signIn(email, password)
  }

  const reload = vi.fn()
  const panel = mountMockDevPanel(pinia, services, { reload, ...options })
  live.push({ app, panel, services })
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

export function unmountAll(): void {
  for (const { app, panel, services } of live.splice(0)) {
    panel.unmount()
    app.unmount()
    services.session?.dispose()
  }
  document.body.innerHTML = ''
}

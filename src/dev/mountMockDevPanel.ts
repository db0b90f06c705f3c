/**
 * Mounts the mock dev panel (issue 6) as its own Vue app in its own element at the end of
 * <body>. main.ts loads this module only behind the literal `VITE_API_MOCKING === 'true'` check,
 * so a real-backend build never contains it or the mock it drives.
 */
import type { Pinia } from 'pinia'
import { createApp, ref } from 'vue'
import type { Services } from '@/services'
import MockDevPanel from './MockDevPanel.vue'
import { createMockControls, type MockControlOptions } from './mockControls'
import { PANEL_CONTEXT } from './panelContext'
import { createSessionWatch } from './sessionWatch'

export const PANEL_HOST_ID = 'mock-dev-panel'

export interface MountedPanel {
  host: HTMLElement
  unmount(): void
}

export interface PanelOptions extends MockControlOptions {
  /** How often the countdown and counters update (default every second). */
  tickMs?: number
}

let current: MountedPanel | null = null

/** Mounts the panel; a second call replaces the first (one panel per page). */
export function mountMockDevPanel(
  pinia: Pinia,
  services: Services,
  options: PanelOptions = {},
): MountedPanel {
  current?.unmount()
  document.getElementById(PANEL_HOST_ID)?.remove()
  const host = document.createElement('div')
  host.id = PANEL_HOST_ID
  document.body.append(host)

  const controls = createMockControls(options)
  const watch = createSessionWatch(services.session, controls, options.tickMs)
  const app = createApp(MockDevPanel)
  app.provide(PANEL_CONTEXT, { pinia, services, controls, watch, status: ref('') })
  app.mount(host)

  const mounted: MountedPanel = {
    host,
    unmount() {
      if (current === mounted) current = null
      app.unmount()
      watch.stop()
      host.remove()
    },
  }
  current = mounted
  return mounted
}

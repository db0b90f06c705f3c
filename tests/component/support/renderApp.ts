/**
 * Mounts the whole app (App.vue, real router, real Pinia stores, real services) on the acme host,
 * talking to the shared MSW mock backend. Optionally signs a seeded user in first.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { expect, vi } from 'vitest'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '@/App.vue'
import { readConfig } from '@/config'
import { createAppRouter } from '@/router'
import { createServices, SERVICES, type Services } from '@/services'
import { useAuthStore } from '@/stores/auth'

export const ACCOUNTS = {
  admin: { email: 'admin@acme.test', password: 'acme-admin-pass-1' },
  staff: { email: 'staff@acme.test', password: 'acme-staff-pass-1' },
} as const

export interface Rendered {
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
  services: Services
}

const mounted: Rendered[] = []

export async function renderApp(
  path: string,
  options: { as?: keyof typeof ACCOUNTS } = {},
): Promise<Rendered> {
  const pinia = createPinia()
  const router = createAppRouter(createMemoryHistory())
  const services = createServices('acme.localhost', readConfig({ VITE_TOKEN_STORAGE: 'memory' }))
  const wrapper = mount(App, {
    global: { plugins: [pinia, router], provide: { [SERVICES as symbol]: services } },
    attachTo: document.body,
  })
  const rendered = { wrapper, router, pinia, services }
  mounted.push(rendered)
  if (options.as) {
    const auth = useAuthStore(pinia)
    await auth.start()
    const { email, password } = ACCOUNTS[options.as]
    await auth.signIn(email, password)
  }
  await router.push(path)
  await flushPromises()
  return rendered
}

/** Unmounts everything renderApp mounted and stops the sessions' timers. */
export function cleanup(): void {
  for (const r of mounted.splice(0)) {
    r.wrapper.unmount()
    r.services.session?.dispose()
  }
  document.body.innerHTML = ''
}

/** Waits until the assertion passes (the mock answers asynchronously). */
export async function until(assertion: () => void, timeout = 3000): Promise<void> {
  await vi.waitFor(assertion, { timeout, interval: 10 })
  await flushPromises()
}

export function text(wrapper: VueWrapper, selector: string): string {
  const found = wrapper.find(selector)
  expect(found.exists(), `${selector} exists`).toBe(true)
  return found.text()
}

/** An MSW path matcher for our API on any origin. */
export const api = (path: string): string => `*/api/v1${path}`

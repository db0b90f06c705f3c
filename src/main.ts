/**
 * Boot order, explicit: mock backend (dev/demo only) -> services -> app setup (appSetup.ts: pinia,
 * router, request counting) -> mount.
 */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import './assets/main.css'
import { config } from './config'
import { createAppRouter } from './router'
import { setupApp } from './appSetup'
import { createBrowserServices, type Services } from './services'

// Both checks are literal `import.meta.env` comparisons, so a real-backend build drops the mock,
// the dev panel and everything they import.
async function enableMocking(): Promise<void> {
  if (import.meta.env.VITE_API_MOCKING !== 'true') return
  const { startMockBackend } = await import('./mocks/browser')
  await startMockBackend()
}

async function mountDevPanel(
  pinia: ReturnType<typeof createPinia>,
  services: Services,
): Promise<void> {
  if (import.meta.env.VITE_API_MOCKING !== 'true') return
  const { mountMockDevPanel } = await import('./dev/mountMockDevPanel')
  mountMockDevPanel(pinia, services)
}

async function boot(): Promise<void> {
  await enableMocking()
  const services = createBrowserServices(config)
  const pinia = createPinia()
  const app = setupApp(createApp(App), { services, pinia, router: createAppRouter() })
  app.mount('#app')
  await mountDevPanel(pinia, services)
}

void boot()

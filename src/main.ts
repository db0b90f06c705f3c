/** Boot order, explicit: mock backend (dev/demo only) -> services -> pinia -> router -> mount. */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import './assets/main.css'
import { config } from './config'
import { createAppRouter } from './router'
import { createBrowserServices, SERVICES } from './services'

async function enableMocking(): Promise<void> {
  // A literal env check, so a real-backend build drops the mock and its dependencies entirely.
  if (import.meta.env.VITE_API_MOCKING !== 'true') return
  const { startMockBackend } = await import('./mocks/browser')
  await startMockBackend()
}

async function boot(): Promise<void> {
  await enableMocking()
  const app = createApp(App)
  app.provide(SERVICES, createBrowserServices(config))
  app.use(createPinia())
  app.use(createAppRouter())
  app.mount('#app')
}

void boot()

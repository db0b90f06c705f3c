/**
 * The stores as the app holds them, without a page: an app set up by setupApp (services for the
 * tenant's host, Pinia, the router) and never mounted, talking to the kit's mock backend.
 */
import { createPinia, type Pinia } from 'pinia'
import { createApp } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { setupApp } from '@/appSetup'
import { createAppRouter } from '@/router'
import type { Services } from '@/services'
import { useAuthStore } from '@/stores/auth'
import { findUser, testServices, type SignInAs, type TenantName } from '@/testing'

export async function storeApp(
  options: { tenant?: TenantName; as?: SignInAs } = {},
): Promise<{ pinia: Pinia; services: Services }> {
  const { tenant = 'acme', as } = options
  const services = testServices(tenant)
  const pinia = createPinia()
  setupApp(createApp({ render: () => null }), {
    services,
    pinia,
    router: createAppRouter(createMemoryHistory()),
  })
  if (as) {
    const { email, password } = findUser(tenant, as)
    await useAuthStore(pinia).signIn(email, password)
  }
  return { pinia, services }
}

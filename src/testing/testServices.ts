/** The app's services for a tenant's host in a test: tokens in memory, each tenant's API on its host. */
import { readConfig } from '@/config'
import { createServices, type Services } from '@/services'
import { onTeardown } from './mounted'
import type { TenantName } from './signInAs'

/** Every tenant's API on its own host, as a browser on `http://<tenant>.localhost:5173` calls it. */
const API_BASE_URL = 'http://{tenant}.localhost:5173/api/v1'

/** Services as main.ts builds them for `<tenant>.localhost`; their session stops after the test. */
export function testServices(tenant: TenantName = 'acme'): Services {
  const services = createServices(
    `${tenant}.localhost`,
    readConfig({ VITE_TOKEN_STORAGE: 'memory', VITE_API_BASE_URL: API_BASE_URL }),
  )
  onTeardown(() => services.session?.dispose())
  return services
}

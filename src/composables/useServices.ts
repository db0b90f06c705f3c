/**
 * The app's services and its API, as a component or store reaches them. They are provided once,
 * at app setup (appSetup.ts); asking outside such an app is a programming error, said plainly.
 */
import { inject } from 'vue'
import type { Api } from '@/api/createApi'
import { SERVICES, type Services } from '@/services'

export function useServices(): Services {
  const services = inject(SERVICES, null)
  if (!services) {
    throw new Error(
      'No services here: call useServices()/useApi() inside an app set up by setupApp() ' +
        '(src/appSetup.ts) or, in a test, by renderWithApp() from src/testing.',
    )
  }
  return services
}

/** Every API call, bound to the app's HTTP client. */
export function useApi(): Api {
  return useServices().api
}

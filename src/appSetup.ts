/**
 * What every app instance gets, in order: the services provided, Pinia, the router, and the
 * progress bar's request counting on the API client. main.ts and the component-test kit
 * (src/testing) both set an app up through here, so tests run the app as it boots.
 */
import type { AxiosInstance } from 'axios'
import type { Pinia } from 'pinia'
import type { App } from 'vue'
import type { Router } from 'vue-router'
import { SERVICES, type Services } from './services'
import { useProgressStore } from './stores/progress'

export interface AppParts {
  services: Services
  pinia: Pinia
  router: Router
}

/** Counts each request of `http` from its start until it settles (answered or failed). */
export function trackRequests(
  http: AxiosInstance,
  progress: { requestStarted(): void; requestSettled(): void },
): void {
  http.interceptors.request.use((config) => {
    progress.requestStarted()
    return config
  })
  http.interceptors.response.use(
    (response) => {
      progress.requestSettled()
      return response
    },
    (error: unknown) => {
      progress.requestSettled()
      throw error
    },
  )
}

export function setupApp(app: App, { services, pinia, router }: AppParts): App {
  app.provide(SERVICES, services)
  app.use(pinia)
  app.use(router)
  trackRequests(services.http, useProgressStore(pinia))
  return app
}

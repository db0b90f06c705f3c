/**
 * Renders one component with stores made by @pinia/testing and nothing behind them: state comes
 * from `initialState`, actions are spies (stubbed unless `stubActions: false`), and the API client
 * refuses every request with an IsolatedRequestError, so such a test never touches the network.
 */
import { createTestingPinia, type TestingPinia } from '@pinia/testing'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { vi } from 'vitest'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { createApi } from '@/api/createApi'
import { setupApp } from '@/appSetup'
import { readConfig } from '@/config'
import { createHttpClient } from '@/core/http/createHttpClient'
import { resolveTenant } from '@/core/tenant/resolveTenant'
import { routes } from '@/router/routes'
import type { Services } from '@/services'
import { onTeardown } from './mounted'
import type { TenantName } from './signInAs'

/** What a component in isolated mode got instead of an answer. */
export class IsolatedRequestError extends Error {
  constructor(method: string, url: string) {
    super(
      `renderIsolated: ${method.toUpperCase()} ${url} was not sent (no network in isolated ` +
        'mode). Give the store the state it needs, or use renderWithApp for the mock backend.',
    )
    this.name = 'IsolatedRequestError'
  }
}

export interface IsolatedOptions {
  props?: Record<string, unknown>
  /** Store state by store id: `{ auth: { user: {...} }, accounts: { items: [...] } }`. */
  initialState?: Record<string, Record<string, unknown>>
  /** Default true: actions are spies that do nothing. False: they run (still without network). */
  stubActions?: boolean
  /** The route the router is on (the app's routes, no guards). Default `/`. */
  route?: string
  /** The host's tenant, for stores that read it. Default `acme`. */
  tenant?: TenantName
}

export interface RenderedIsolated {
  wrapper: VueWrapper
  pinia: TestingPinia
  router: Router
}

function offlineServices(tenant: string): Services {
  const config = readConfig({ VITE_TOKEN_STORAGE: 'memory' })
  const tenancy = resolveTenant(`${tenant}.localhost`, {
    baseDomain: config.baseDomain,
    reserved: config.reservedSubdomains,
    override: null,
  })
  const http = createHttpClient({ baseURL: '/api/v1' })
  http.defaults.adapter = (request) =>
    Promise.reject(new IsolatedRequestError(request.method ?? 'get', request.url ?? ''))
  // No session: nothing can sign in, refresh or keep tokens here.
  return { config, tenancy, http, api: createApi(http), session: null }
}

export async function renderIsolated(
  component: Component,
  options: IsolatedOptions = {},
): Promise<RenderedIsolated> {
  const { props, initialState, stubActions = true, route = '/', tenant = 'acme' } = options
  const pinia = createTestingPinia({ createSpy: vi.fn, initialState, stubActions })
  const router = createRouter({ history: createMemoryHistory(), routes })
  const services = offlineServices(tenant)
  await router.push(route)
  const wrapper = mount(component, {
    props,
    global: { plugins: [{ install: (app) => setupApp(app, { services, pinia, router }) }] },
    attachTo: document.body,
  })
  onTeardown(() => wrapper.unmount())
  await flushPromises()
  return { wrapper, pinia, router }
}

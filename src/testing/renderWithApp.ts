/**
 * Renders a route (the whole app, App.vue) or one component inside the real app: real Pinia
 * stores, the real router and services, set up as main.ts sets them up (appSetup.ts), talking to
 * the mock backend on the tenant's host, optionally with a user signed in first.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { expect } from 'vitest'
import { createPinia, type Pinia } from 'pinia'
import { defineComponent, h, ref, type Component } from 'vue'
import { createMemoryHistory, type Router } from 'vue-router'
import App from '@/App.vue'
import type { Api } from '@/api/createApi'
import { setupApp } from '@/appSetup'
import { configureMock, mockConfig } from '@/mocks/config'
import type { ProfileName } from '@/mocks/profiles'
import { createAppRouter } from '@/router'
import type { Services } from '@/services'
import { useAuthStore } from '@/stores/auth'
import { useProgressStore } from '@/stores/progress'
import { onTeardown } from './mounted'
import { findUser, type SignInAs, type TenantName, type TestUser } from './signInAs'
import { testServices } from './testServices'
import { until } from './waitFor'

export interface RenderOptions {
  /** The organisation whose host the app runs on (`<tenant>.localhost`). Default `acme`. */
  tenant?: TenantName
  /** Signs this user in first: a role (`'admin'`, `'staff'`) or an email. Default: nobody. */
  as?: SignInAs | null
  /** The mock backend's profile. Default: the one in force (`hardened` unless changed). */
  profile?: ProfileName
  /** Props for a component (not for a route). */
  props?: Record<string, unknown>
  /** For a component: the route the router is on when it renders. Default `/`. */
  route?: string
}

export interface Rendered {
  /** The mounted host; `find`/`findAll`/`text` reach everything rendered. */
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
  services: Services
  /** The app's API bound to its client (what `useApi()` returns inside components). */
  api: Api
  auth: ReturnType<typeof useAuthStore>
  /** Who was signed in, with the password (for forms that ask for it); null for nobody. */
  user: TestUser | null
  /** Resolves once no request of the app is in flight (what the page asked for has answered). */
  idle(): Promise<void>
}

export async function renderWithApp(
  target: string | Component,
  options: RenderOptions = {},
): Promise<Rendered> {
  const { tenant = 'acme', as = null, profile, props, route } = options
  if (typeof target === 'string' && (props || route)) {
    throw new TypeError('renderWithApp(path): `props` and `route` are for a component.')
  }
  // A profile change re-seeds the mock: before anything reads it.
  if (profile && profile !== mockConfig.profile) configureMock({ profile })
  const user = as ? findUser(tenant, as) : null

  const services = testServices(tenant)
  const pinia = createPinia()
  const path = typeof target === 'string' ? target : (route ?? '/')
  // The app starts on the path, as a page load there does (the router's first navigation).
  const history = createMemoryHistory()
  history.replace(path)
  const router = createAppRouter(history)
  // The target renders once the user is signed in and the router is on its route.
  const ready = ref(false)
  const Host = defineComponent({
    name: 'RenderWithAppHost',
    setup: () => () =>
      ready.value ? (typeof target === 'string' ? h(App) : h(target, props)) : null,
  })
  const wrapper = mount(Host, {
    global: { plugins: [{ install: (app) => setupApp(app, { services, pinia, router }) }] },
    attachTo: document.body,
  })
  onTeardown(() => wrapper.unmount())

  const auth = useAuthStore(pinia)
  await router.isReady()
  if (user) {
    // Signed in as the sign-in page would, then on to the path (which wanted a user).
    await auth.signIn(user.email, user.password)
    await router.replace(path)
  }
  ready.value = true
  await flushPromises()
  const progress = useProgressStore(pinia)
  const idle = () => until(() => expect(progress.pending, 'requests in flight').toBe(0))
  return { wrapper, router, pinia, services, api: services.api, auth, user, idle }
}

/**
 * What the dev panel's components share: the app's Pinia (so they read the app's own auth and
 * tenant stores), its services, the mock controls and the session watch.
 *
 * The panel is a separate Vue app but does not `app.use(pinia)`: installing Pinia re-points it at
 * the last app that installed it, and stores the main app creates later would then resolve their
 * `inject()` calls against the panel. The stores are looked up with the Pinia passed explicitly.
 */
import type { Pinia } from 'pinia'
import { inject, type InjectionKey, type Ref } from 'vue'
import type { Services } from '@/services'
import { useAuthStore } from '@/stores/auth'
import { useTenantStore } from '@/stores/tenant'
import type { MockControls, RefreshFailure } from './mockControls'
import type { SessionWatch } from './sessionWatch'

export interface PanelContext {
  pinia: Pinia
  services: Services
  controls: MockControls
  watch: SessionWatch
  /** The last action's outcome, announced by the panel's status line. */
  status: Ref<string>
}

export const PANEL_CONTEXT: InjectionKey<PanelContext> = Symbol('mock-dev-panel')

/** In a panel component's setup: the shared context plus the app's auth and tenant stores. */
export function usePanel() {
  const context = inject(PANEL_CONTEXT)
  if (!context) throw new Error('The mock dev panel components need mountMockDevPanel().')
  return {
    ...context,
    auth: useAuthStore(context.pinia),
    tenant: useTenantStore(context.pinia),
  }
}

/** The tenant line: the organisation's name when loaded, else what the hostname says. */
export function describeTenant(services: Services, organisation: string | null): string {
  const { tenancy } = services
  if (tenancy.kind !== 'tenant') return `none (${tenancy.kind} host)`
  return organisation ? `${tenancy.tenant} (${organisation})` : tenancy.tenant
}

/** Human words for a queued refresh failure. */
export function describeFailure(kind: RefreshFailure): string {
  if (kind === 'network') return 'network error'
  return kind === 401 ? '401 token_not_valid' : '500 server error'
}

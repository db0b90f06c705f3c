/** Where a navigation may go, decided by a pure function over the route's meta and a snapshot of the app. */
import type { Role } from '@/api/users'
import type { TenantState } from '@/stores/tenant'
import { safeRedirect } from './redirect'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for signed-in users. */
    requiresAuth?: boolean
    /** Only for signed-out users (sign-in, register): a signed-in user goes home. */
    guestOnly?: boolean
    /** Roles allowed; implies requiresAuth. */
    roles?: Role[]
    /** A page about the organisation itself (finder, not found): shown whatever the tenant state. */
    tenantPage?: boolean
    /** The document title. */
    title?: string
  }
}

export interface RouteSnapshot {
  path: string
  fullPath: string
  name?: string | symbol | null
  meta: { requiresAuth?: boolean; guestOnly?: boolean; roles?: Role[]; tenantPage?: boolean }
  query: Record<string, unknown>
}

export interface AppSnapshot {
  tenant: TenantState
  signedIn: boolean
  role: Role | null
}

export type Decision =
  | true
  | { name: string; query?: Record<string, string>; replace?: boolean }
  | { path: string; replace?: boolean }

const TENANT_PAGES: Partial<Record<TenantState, string>> = {
  public: 'find-organisation',
  invalid: 'organisation-not-found',
  not_found: 'organisation-not-found',
  inactive: 'organisation-not-found',
}

export function decideNavigation(to: RouteSnapshot, app: AppSnapshot): Decision {
  const tenantPage = TENANT_PAGES[app.tenant]
  if (tenantPage) return to.name === tenantPage ? true : { name: tenantPage, replace: true }
  if (to.meta.tenantPage) return { path: '/', replace: true }
  const needsAuth = to.meta.requiresAuth || (to.meta.roles?.length ?? 0) > 0
  if (needsAuth && !app.signedIn) {
    return to.fullPath === '/'
      ? { name: 'login', replace: true }
      : { name: 'login', query: { redirect: to.fullPath }, replace: true }
  }
  if (to.meta.guestOnly && app.signedIn)
    return { path: safeRedirect(to.query.redirect), replace: true }
  if (to.meta.roles?.length && (!app.role || !to.meta.roles.includes(app.role))) {
    return { name: 'forbidden', replace: true }
  }
  return true
}

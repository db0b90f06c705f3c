import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { useProgressStore } from '@/stores/progress'
import { useTenantStore } from '@/stores/tenant'
import { decideNavigation } from './guards'
import { routes } from './routes'

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes })
  let navigating = false
  const settle = (): void => {
    if (navigating) useProgressStore().endNavigation()
    navigating = false
  }
  router.beforeEach(async (to) => {
    if (!navigating) useProgressStore().startNavigation()
    navigating = true
    const auth = useAuthStore()
    const tenant = useTenantStore()
    await auth.start()
    // A role is known only once the profile is in; other pages need only the session.
    if (to.meta.roles?.length) await auth.profileLoaded()
    return decideNavigation(to, { tenant: tenant.state, signedIn: auth.signedIn, role: auth.role })
  })
  router.afterEach((to) => {
    settle()
    if (typeof document !== 'undefined') {
      const title = to.meta.title
      document.title = title ? `${title} · Expenses` : 'Expenses'
    }
  })
  router.onError(settle)
  return router
}

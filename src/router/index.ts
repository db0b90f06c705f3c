import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { useTenantStore } from '@/stores/tenant'
import { decideNavigation } from './guards'
import { routes } from './routes'

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes })
  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    const tenant = useTenantStore()
    await auth.start()
    return decideNavigation(to, { tenant: tenant.state, signedIn: auth.signedIn, role: auth.role })
  })
  return router
}

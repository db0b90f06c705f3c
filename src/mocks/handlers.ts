/** The one set of handlers shared by the browser worker, Vitest (msw/node) and Playwright. */
import { http } from 'msw'
import { createDispatcher } from './router'
import { tenantsRoutes } from './tenants/routes'
import { usersRoutes } from './users/routes'

export const routes = [...usersRoutes, ...tenantsRoutes]

export const dispatch = createDispatcher(routes)

export const handlers = [http.all(/\/api\/v1\//, ({ request }) => dispatch(request))]

/** The one set of handlers shared by the browser worker, Vitest (msw/node) and Playwright. */
import { http } from 'msw'
import { departmentRoutes } from './expenses/departments'
import { expenseRoutes } from './expenses/expenses'
import { createDispatcher } from './router'
import { withScenarios } from './scenarios'
import { tenantsRoutes } from './tenants/routes'
import { mediaRoutes } from './users/photo'
import { usersRoutes } from './users/routes'

/** The URLconf, in the contract server's order. */
export const routes = [
  ...usersRoutes,
  ...tenantsRoutes,
  ...departmentRoutes,
  ...expenseRoutes,
  ...mediaRoutes,
]

const djangoDispatch = createDispatcher(routes)

/** One request through the active scenarios and then the mock Django project. */
export const dispatch = (request: Request): Promise<Response> =>
  withScenarios(request, djangoDispatch)

/** What the mock answers: the API and the uploaded media. Everything else passes through. */
export const MOCKED_PATHS = /^[^?#]*?\/\/[^/]+\/(api\/v1\/|media\/)/

export const handlers = [http.all(MOCKED_PATHS, ({ request }) => dispatch(request))]

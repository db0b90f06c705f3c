/** The one set of handlers shared by the browser worker, Vitest (msw/node) and Playwright. */
import { http } from 'msw'
import { coreRoutes } from './core'
import { createDispatcher } from './router'
import { withScenarios } from './scenarios'
import { departmentRoutes } from './tenants/departments'
import { tenantsRoutes } from './tenants/routes'
import { mediaRoutes } from './users/photo'
import { usersRoutes } from './users/routes'

/** The URLconf, in the original's order: auth (Djoser, simplejwt), tenants, core, media. */
export const routes = [
  ...usersRoutes,
  ...tenantsRoutes,
  ...departmentRoutes,
  ...coreRoutes,
  ...mediaRoutes,
]

const djangoDispatch = createDispatcher(routes)

/**
 * Every answer carries a `Date` (an HTTP-date, as Django's server sends), so a client can learn
 * the server's clock even from tokens without `iat`. A network error has no headers to carry it.
 */
function dated(response: Response): Response {
  if (response.type === 'error' || response.headers.has('date')) return response
  try {
    response.headers.set('Date', new Date().toUTCString())
    return response
  } catch {
    // Immutable headers (none of ours today): copy the answer.
    const headers = new Headers(response.headers)
    headers.set('Date', new Date().toUTCString())
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    })
  }
}

/** One request through the active scenarios and then the mock Django project. */
export const dispatch = async (request: Request): Promise<Response> =>
  dated(await withScenarios(request, djangoDispatch))

/** What the mock answers: the API and the uploaded media. Everything else passes through. */
export const MOCKED_PATHS = /^[^?#]*?\/\/[^/]+\/(api\/v1\/|media\/)/

export const handlers = [http.all(MOCKED_PATHS, ({ request }) => dispatch(request))]

/**
 * A small Django URLconf: the host gate, then URL resolution with APPEND_SLASH, then DRF's
 * authenticate -> permission -> method order. Each Django app folder contributes its routes.
 */
import { authenticate, notAuthenticated } from './authn'
import type { TenantRow, UserRow } from './db'
import { html, methodNotAllowed, readBody, redirectWithSlash } from './drf'
import { tenantGate, tenantRequired } from './tenancy'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Ctx<T extends TenantRow | null = TenantRow> {
  request: Request
  url: URL
  params: Record<string, string>
  tenant: T
  /** Host with port, as Django's request.get_host() (used for absolute URLs). */
  host: string
  user: UserRow | null
  /** The parsed body, or a 400 Response for malformed JSON. */
  body(): Promise<Record<string, unknown> | Response>
}

export interface AuthedCtx extends Ctx {
  user: UserRow
}

export type View =
  | { auth: false; run(ctx: Ctx): Promise<Response> | Response }
  | { auth: true; run(ctx: AuthedCtx): Promise<Response> | Response }

export interface Route {
  /** Path regex below the origin, e.g. /^\/api\/v1\/auth\/users\/(?<id>\d+)\/$/ */
  path: RegExp
  views: Partial<Record<Method, View>>
  /** simplejwt's jwt views: no authentication classes at all (a stale header is ignored). */
  noAuthentication?: boolean
  /** Answered on the public host too (only tenants/info). */
  publicHost?: boolean
}

export const open = (run: (ctx: Ctx) => Promise<Response> | Response): View => ({
  auth: false,
  run,
})
export const authed = (run: (ctx: AuthedCtx) => Promise<Response> | Response): View => ({
  auth: true,
  run,
})

function resolve(
  routes: Route[],
  path: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const m = route.path.exec(path)
    if (m) return { route, params: { ...(m.groups ?? {}) } }
  }
  return null
}

export function createDispatcher(routes: Route[]) {
  return async function dispatch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const gate = tenantGate(url)
    if (gate.kind === 'refused') return gate.response
    const found = resolve(routes, url.pathname)
    if (!found && !url.pathname.endsWith('/') && resolve(routes, `${url.pathname}/`)) {
      return redirectWithSlash(url)
    }
    if (gate.kind === 'public' && !found?.route.publicHost) return tenantRequired()
    if (!found)
      return html(
        404,
        '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
      )
    const { route, params } = found
    const tenant = gate.kind === 'tenant' ? gate.tenant : null
    let user: UserRow | null = null
    if (!route.noAuthentication) {
      const authn = await authenticate(request, tenant)
      if ('response' in authn) return authn.response
      user = authn.user
    }
    const method = request.method.toUpperCase() as Method
    const view = route.views[method]
    if (view?.auth && !user) return notAuthenticated()
    if (!view) {
      // DRF checks the view's permissions before the method: an anonymous caller of an
      // authenticated-only resource hears 401, not 405.
      const needsAuth = Object.values(route.views).every((v) => v.auth)
      if (needsAuth && !user) return notAuthenticated()
      return methodNotAllowed(method)
    }
    let parsed: Promise<Record<string, unknown> | Response> | null = null
    const ctx = {
      request,
      url,
      params,
      tenant: tenant as TenantRow,
      host: gate.host,
      user,
      body: () => (parsed ??= readBody(request)),
    }
    return view.auth ? view.run(ctx as AuthedCtx) : view.run(ctx)
  }
}

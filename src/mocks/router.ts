/**
 * A small Django project: the middleware stack (CORS preflight -> ALLOWED_HOSTS -> APPEND_SLASH
 * -> tenant), URL resolution, then DRF's authenticate -> permission -> method order.
 * Each Django app folder contributes its routes.
 */
import { authenticate, notAuthenticated } from './authn'
import type { TenantRow, UserRow } from './db'
import {
  badHost,
  methodNotAllowed,
  pageNotFound,
  preflight,
  readBody,
  redirectWithSlash,
  serverError,
  type Body,
} from './drf'
import { MissingRelation, UnhandledException } from './scope'
import { allowedHost, tenantGate, type SchemaRef } from './tenancy'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Ctx {
  request: Request
  params: Record<string, string>
  /** The host's tenant (null on the public host, and on an unknown host in the original). */
  tenant: TenantRow | null
  /** The schema the request works in: read rows through scope.ts. */
  schema: SchemaRef
  /** Host with port, as Django's request.get_host() (used for absolute URLs and mail links). */
  host: string
  /** `http` or `https`, for absolute URLs. */
  scheme: string
  user: UserRow | null
  /** The parsed body, or a 400 Response for malformed JSON. Read lazily, like request.data. */
  body(): Promise<Body | Response>
}

export interface AuthedCtx extends Ctx {
  user: UserRow
}

type Result = Promise<Response> | Response

export type View =
  { auth: false; run(ctx: Ctx): Result } | { auth: true; run(ctx: AuthedCtx): Result }

export interface Route {
  /** Path regex, e.g. /^\/api\/v1\/auth\/users\/(?<id>\d+)\/$/ */
  path: RegExp
  views: Partial<Record<Method, View>>
  /** simplejwt's jwt views and static files: no authentication classes (a stale header is ignored). */
  noAuthentication?: boolean
  /**
   * The view's permission for a method it does not map: DRF checks it before answering 405.
   * Djoser and the tenant viewsets need a user (anonymous -> 401); AllowAny views say 405.
   */
  unmapped?: 'open' | 'authed'
  /** The route exists only while this holds (e.g. `jwt/blacklist/` with the blacklist app). */
  when?: () => boolean
  /**
   * DRF's `Allow` header (the view's allowed methods), sent on every answer of the view, errors
   * included (`GET, POST, HEAD, OPTIONS` for a ListCreateAPIView). Unset: no header.
   */
  allow?: string
}

/** DRF's `allowed_methods` of the generic views. */
export const ALLOW = {
  listCreate: 'GET, POST, HEAD, OPTIONS',
  retrieveUpdate: 'GET, PUT, PATCH, HEAD, OPTIONS',
  list: 'GET, HEAD, OPTIONS',
} as const

function withAllow(response: Response, allow: string): Response {
  try {
    response.headers.set('Allow', allow)
    return response
  } catch {
    const headers = new Headers(response.headers)
    headers.set('Allow', allow)
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    })
  }
}

export const open = (run: (ctx: Ctx) => Result): View => ({ auth: false, run })
export const authed = (run: (ctx: AuthedCtx) => Result): View => ({ auth: true, run })

function resolve(routes: Route[], path: string) {
  for (const route of routes) {
    if (route.when && !route.when()) continue
    const m = route.path.exec(path)
    if (m) return { route, params: { ...(m.groups ?? {}) } }
  }
  return null
}

export function createDispatcher(routes: Route[]) {
  return async function dispatch(request: Request): Promise<Response> {
    try {
      return await djangoRequest(request)
    } catch (e) {
      // A query on an unknown host's search path: Postgres' ProgrammingError, Django's 500 page.
      // An exception the view did not handle (DoesNotExist...): the same page.
      if (e instanceof MissingRelation || e instanceof UnhandledException) return serverError()
      throw e
    }
  }

  async function djangoRequest(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const raw = request.method.toUpperCase()
    if (raw === 'OPTIONS' && request.headers.has('access-control-request-method'))
      return preflight()
    if (!allowedHost(url.hostname)) return badHost()
    const found = resolve(routes, url.pathname)
    if (!found && !url.pathname.endsWith('/') && resolve(routes, `${url.pathname}/`)) {
      return redirectWithSlash(url) // CommonMiddleware runs before the tenant middleware
    }
    const gate = tenantGate(url, raw)
    if (gate.kind === 'refused') return gate.response
    if (!found) return pageNotFound()
    const response = await runView(request, url, raw, found, gate)
    return found.route.allow ? withAllow(response, found.route.allow) : response
  }

  async function runView(
    request: Request,
    url: URL,
    raw: string,
    { route, params }: { route: Route; params: Record<string, string> },
    gate: Exclude<ReturnType<typeof tenantGate>, { kind: 'refused' }>,
  ): Promise<Response> {
    const tenant = gate.kind === 'tenant' ? gate.tenant : null
    const schema = gate.schema
    let user: UserRow | null = null
    if (!route.noAuthentication) {
      const authn = await authenticate(request, { schema })
      if ('response' in authn) return authn.response
      user = authn.user
    }
    const method = (raw === 'HEAD' ? 'GET' : raw) as Method
    const view = route.views[method]
    if (!view) {
      if ((route.unmapped ?? 'authed') === 'authed' && !user) return notAuthenticated()
      return methodNotAllowed(raw)
    }
    if (view.auth && !user) return notAuthenticated()
    let parsed: Promise<Body | Response> | null = null
    const ctx: Ctx = {
      request,
      params,
      tenant,
      schema,
      host: url.host.toLowerCase(),
      scheme: url.protocol.replace(':', ''),
      user,
      body: () => (parsed ??= readBody(request)),
    }
    return view.auth ? view.run(ctx as AuthedCtx) : view.run(ctx)
  }
}

/** A route regex below /api/v1/, e.g. apiPath('auth/users/me/'). */
export const apiPath = (pattern: string): RegExp => new RegExp(`^/api/v1/${pattern}$`)

/**
 * A `(?<id>[^/.]+)` path segment (DRF routers' default lookup) as an integer pk: anything that is
 * not digits matches no row (Django's get_object_or_404 turns the ValueError into a 404).
 */
export const pkOf = (text: string | undefined): number =>
  text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN

/** The host-based tenant middleware of the contract server (§2). */
import { db, type TenantRow } from './db'
import { detail } from './drf'

export type TenantGate =
  | { kind: 'tenant'; tenant: TenantRow }
  | { kind: 'public' }
  | { kind: 'refused'; response: Response }

export const INACTIVE_ORGANIZATION =
  'It appears your organization is inactive, please contact support to rectify this.'

/** Host names ALLOWED_HOSTS lets in (`.localhost`, `localhost`, `127.0.0.1`); others get a 400. */
export function allowedHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '')
  return h === 'localhost' || h.endsWith('.localhost') || h === '127.0.0.1'
}

/** The middleware's only API route open on the public host. */
const PUBLIC_API = { method: 'POST', path: '/api/v1/tenants/info/' }

export function tenantGate(url: URL, method: string): TenantGate {
  const hostname = url.hostname.toLowerCase().replace(/\.$/, '')
  if (hostname === 'localhost' || hostname === '127.0.0.1') {
    const open = method === PUBLIC_API.method && url.pathname === PUBLIC_API.path
    if (url.pathname.startsWith('/api/') && !open)
      return { kind: 'refused', response: tenantRequired() }
    return { kind: 'public' }
  }
  // The tenant is the first DNS label of the host (`acme.localhost` -> `acme`).
  const label = hostname.split('.')[0]
  const tenant = db.tenants.find((t) => t.schema === label)
  if (!tenant) {
    return {
      kind: 'refused',
      response: detail(404, `No tenant matches the host '${hostname}'.`, 'tenant_not_found'),
    }
  }
  if (!tenant.is_active) {
    return {
      kind: 'refused',
      response: detail(403, INACTIVE_ORGANIZATION, 'tenant_inactive'),
    }
  }
  return { kind: 'tenant', tenant }
}

export const tenantRequired = (): Response =>
  detail(404, 'This endpoint needs a tenant host such as acme.localhost.', 'tenant_required')

/** Tenant.subdomain: the full host without port. */
export const subdomainOf = (t: TenantRow): string => `${t.schema}.localhost`

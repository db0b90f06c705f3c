/**
 * Which tenant a request is for. `hardened` (contract §2): a gate answers unknown and inactive
 * hosts itself. `original`: the seed project's middleware only runs `SET search_path` to the schema
 * its tenants table maps the host to (`public` for the site's own domain); an unknown host gets a
 * search path naming no schema, so whatever then touches the database fails (a 500).
 */
import { schemaTenancy } from './config'
import { db, type TenantRow } from './db'
import { detail } from './drf'

/** The Postgres schema a request works in. */
export interface SchemaRef {
  /** A tenant's schema, `public`, or (unknown host) a name no schema has. */
  name: string
  /** False for an unknown host in the original: any database access there is a 500. */
  exists: boolean
  /** The host's tenant in the public tenants table; null on the public host and unknown hosts. */
  tenant: TenantRow | null
}

export type TenantGate =
  | { kind: 'tenant'; tenant: TenantRow; schema: SchemaRef }
  | { kind: 'public'; schema: SchemaRef }
  | { kind: 'refused'; response: Response }

export const INACTIVE_ORGANIZATION =
  'It appears your organization is inactive, please contact support to rectify this.'

const PUBLIC_SCHEMA: SchemaRef = { name: 'public', exists: true, tenant: null }

const bare = (hostname: string): string => hostname.toLowerCase().replace(/\.$/, '')

/**
 * Host names ALLOWED_HOSTS lets in; others get a 400. The hardened server also allows
 * `127.0.0.1`; the original only `localhost` and its subdomains.
 */
export function allowedHost(hostname: string): boolean {
  const h = bare(hostname)
  if (h === '127.0.0.1') return !schemaTenancy()
  return h === 'localhost' || h.endsWith('.localhost')
}

/** The middleware's only API route open on the public host. */
const PUBLIC_API = { method: 'POST', path: '/api/v1/tenants/info/' }

export function tenantGate(url: URL, method: string): TenantGate {
  return schemaTenancy() ? searchPath(url) : gate(url, method)
}

/** The original: Site 2's domain is the public schema, a tenant's `subdomain` its own schema. */
function searchPath(url: URL): TenantGate {
  const hostname = bare(url.hostname)
  if (hostname === 'localhost') return { kind: 'public', schema: PUBLIC_SCHEMA }
  // dict(Tenant.objects.values_list('subdomain', 'schema')) ordered by id: the last row wins.
  const tenant = [...db.tenants].reverse().find((t) => subdomainOf(t) === hostname)
  if (!tenant) return { kind: 'public', schema: { name: 'None', exists: false, tenant: null } }
  // A tenant created with `schema: "public"` maps its host onto the public schema itself.
  if (tenant.schema === 'public') return { kind: 'public', schema: PUBLIC_SCHEMA }
  return { kind: 'tenant', tenant, schema: { name: tenant.schema, exists: true, tenant } }
}

function gate(url: URL, method: string): TenantGate {
  const hostname = bare(url.hostname)
  if (hostname === 'localhost' || hostname === '127.0.0.1') {
    const open = method === PUBLIC_API.method && url.pathname === PUBLIC_API.path
    if (url.pathname.startsWith('/api/') && !open)
      return { kind: 'refused', response: tenantRequired() }
    return { kind: 'public', schema: PUBLIC_SCHEMA }
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
  return { kind: 'tenant', tenant, schema: { name: tenant.schema, exists: true, tenant } }
}

export const tenantRequired = (): Response =>
  detail(404, 'This endpoint needs a tenant host such as acme.localhost.', 'tenant_required')

/** Tenant.subdomain: the full host without port (as stored, else `<schema>.localhost`). */
export const subdomainOf = (t: TenantRow): string => t.subdomain ?? `${t.schema}.localhost`

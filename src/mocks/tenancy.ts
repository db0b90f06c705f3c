/** The host-based tenant middleware of the contract server (§2). */
import { db, type TenantRow } from './db'
import { detail, html } from './drf'

export type TenantGate =
  | { kind: 'tenant'; tenant: TenantRow; host: string }
  | { kind: 'public'; host: string }
  | { kind: 'refused'; response: Response }

/** Host names Django's ALLOWED_HOSTS lets in: localhost, *.localhost and 127.0.0.1 (and what tests use). */
function allowedHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1'
}

export function tenantGate(url: URL): TenantGate {
  const hostname = url.hostname.toLowerCase()
  const host = url.host.toLowerCase()
  if (!allowedHost(hostname))
    return { kind: 'refused', response: html(400, '<h1>Bad Request (400)</h1>') }
  if (hostname === 'localhost' || hostname === '127.0.0.1') return { kind: 'public', host }
  const labels = hostname.split('.')
  const tenant = labels.length === 2 ? db.tenants.find((t) => t.schema === labels[0]) : undefined
  if (!tenant) {
    return {
      kind: 'refused',
      response: detail(404, `No tenant matches the host '${hostname}'.`, 'tenant_not_found'),
    }
  }
  if (!tenant.is_active) {
    return {
      kind: 'refused',
      response: detail(
        403,
        'It appears your organization is inactive, please contact support to rectify this.',
        'tenant_inactive',
      ),
    }
  }
  return { kind: 'tenant', tenant, host }
}

export const tenantRequired = (): Response =>
  detail(404, 'This endpoint needs a tenant host such as acme.localhost.', 'tenant_required')

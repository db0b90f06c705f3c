/**
 * The tenants app. Both profiles: `tenants/info/` (public, any host). Hardened: `tenants/current/`
 * (contract §2, §6). Original: `tenants/` (AllowAny ListCreateAPIView over the host schema's
 * tenants table: a tenant's own row, or every tenant on the public host), no `tenants/current/`.
 */
import { schemaTenancy } from '../config'
import type { TenantRow } from '../db'
import { detail, json, notFound } from '../drf'
import { apiPath, authed, open, type Route } from '../router'
import { tenantsTable } from '../scope'
import { INACTIVE_ORGANIZATION, subdomainOf } from '../tenancy'

export function tenantWire(t: TenantRow) {
  return {
    id: t.id,
    name: t.name,
    business_phone_number: t.business_phone_number,
    business_email: t.business_email,
    is_active: t.is_active,
    schema: t.schema,
    subdomain: subdomainOf(t),
    tenant_id: t.tenant_id,
    created: t.created,
    updated: t.updated,
  }
}

/** The original's TenantSerializer (`fields = '__all__'`): model field order. */
export function originalTenantWire(t: TenantRow) {
  return {
    id: t.id,
    created: t.created,
    updated: t.updated,
    name: t.name,
    business_phone_number: t.business_phone_number,
    business_email: t.business_email,
    is_active: t.is_active,
    schema: t.schema,
    subdomain: subdomainOf(t),
    tenant_id: t.tenant_id,
  }
}

const info = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  // `"tenant_id" not in request.data`: only a missing key is a 400; "" or null just finds nothing.
  if (!('tenant_id' in body)) {
    return detail(400, 'Please pass tenant_id as a key in your request')
  }
  // get_object_or_404 on the host schema's table (the original's tenant hosts know only themselves).
  const code = String(body.tenant_id ?? '')
  const tenant = tenantsTable(ctx).find((t) => t.tenant_id === code)
  if (!tenant) return notFound()
  if (!tenant.is_active) return detail(403, INACTIVE_ORGANIZATION)
  return json(200, {
    name: tenant.name,
    subdomain: subdomainOf(tenant),
    organization_id: tenant.tenant_id,
  })
})

const current = authed((ctx) => json(200, tenantWire(ctx.tenant as TenantRow)))

/** Meta.ordering = ['-created']. */
const list = open((ctx) =>
  json(
    200,
    [...tenantsTable(ctx)]
      .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : b.id - a.id))
      .map(originalTenantWire),
  ),
)

export const tenantsRoutes: Route[] = [
  // AllowAny APIView: GET is a 405 for anyone. The tenant middleware opens it on the public host.
  { path: apiPath('tenants/info/'), views: { POST: info }, unmapped: 'open' },
  { path: apiPath('tenants/current/'), views: { GET: current }, when: () => !schemaTenancy() },
  {
    path: apiPath('tenants/'),
    views: { GET: list },
    unmapped: 'open',
    when: schemaTenancy,
  },
]

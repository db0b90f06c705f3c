/** The tenants app: `tenants/info/` (public, any host) and `tenants/current/` (contract §2, §6). */
import { db, type TenantRow } from '../db'
import { detail, json, notFound } from '../drf'
import { apiPath, authed, open, type Route } from '../router'
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

const info = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  // `"tenant_id" not in request.data`: only a missing key is a 400; "" or null just finds nothing.
  if (!('tenant_id' in body)) {
    return detail(400, 'Please pass tenant_id as a key in your request')
  }
  const tenant = db.tenants.find((t) => t.tenant_id === String(body.tenant_id ?? ''))
  if (!tenant) return notFound()
  if (!tenant.is_active) return detail(403, INACTIVE_ORGANIZATION)
  return json(200, {
    name: tenant.name,
    subdomain: subdomainOf(tenant),
    organization_id: tenant.tenant_id,
  })
})

const current = authed((ctx) => json(200, tenantWire(ctx.tenant)))

export const tenantsRoutes: Route[] = [
  // AllowAny APIView: GET is a 405 for anyone. The tenant middleware opens it on the public host.
  { path: apiPath('tenants/info/'), views: { POST: info }, unmapped: 'open' },
  { path: apiPath('tenants/current/'), views: { GET: current } },
]

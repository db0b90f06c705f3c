/** The tenants app: `tenants/info/` (public, any host) and `tenants/current/` (contract §2, §6). */
import { db, type TenantRow } from '../db'
import { detail, json, notFound } from '../drf'
import { authed, open, type Route } from '../router'

export function tenantWire(t: TenantRow) {
  return {
    id: t.id,
    name: t.name,
    business_phone_number: t.business_phone_number,
    business_email: t.business_email,
    is_active: t.is_active,
    schema: t.schema,
    subdomain: `${t.schema}.localhost`,
    tenant_id: t.tenant_id,
    created: t.created,
    updated: t.updated,
  }
}

const info = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  if (body.tenant_id === undefined || body.tenant_id === null || body.tenant_id === '') {
    return detail(400, 'Please pass tenant_id as a key in your request')
  }
  const tenant = db.tenants.find((t) => t.tenant_id === String(body.tenant_id))
  if (!tenant) return notFound()
  if (!tenant.is_active) {
    return detail(
      403,
      'It appears your organization is inactive, please contact support to rectify this.',
    )
  }
  return json(200, {
    name: tenant.name,
    subdomain: `${tenant.schema}.localhost`,
    organization_id: tenant.tenant_id,
  })
})

const current = authed((ctx) => json(200, tenantWire(ctx.tenant)))

export const tenantsRoutes: Route[] = [
  { path: /^\/api\/v1\/tenants\/info\/$/, views: { POST: info }, publicHost: true },
  { path: /^\/api\/v1\/tenants\/current\/$/, views: { GET: current } },
]

/**
 * The tenants app. Both profiles: `tenants/info/` (public, any host). Hardened: `tenants/current/`
 * (contract §2, §6). Original: `tenants/` (AllowAny ListCreateAPIView over the host schema's
 * tenants table: a tenant's own row, or every tenant on the public host; POST creates a tenant and
 * its empty schema), no `tenants/current/`.
 */
import { schemaTenancy } from '../config'
import { commit, db, djangoNow, djangoTime, type SchemaState, type TenantRow } from '../db'
import { detail, fieldErrors, json, notFound, serverError } from '../drf'
import { Fields } from '../fields'
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
  const matches = tenantsTable(ctx).filter((t) => t.tenant_id === code)
  // tenant_id is not unique (POST tenants/ accepts a taken code): get() raises MultipleObjectsReturned.
  if (matches.length > 1) return serverError()
  const tenant = matches[0]
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

/** django.utils.text.slugify (allow_unicode=False). */
function slugify(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '')
  return ascii
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
}

const SLUG = /^[-a-zA-Z0-9_]+$/

/**
 * The original's `POST tenants/`: its TenantSerializer (fields '__all__', `schema` neither required
 * nor unique there), then the pre_save signal (schema and subdomain from the name unless either
 * was given, a random tenant_id unless given) and the post_save one (CREATE SCHEMA, migrate, the
 * tenant's own row in it, always active). The signal reads Site 2, which only public has: on a
 * tenant host a valid request is a 500 page, after validation.
 */
const create = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  // name: UniqueValidator on the host schema's tenants table (a query: 500 on an unknown host),
  // then MaxLengthValidator.
  const name = f.char('name', { required: true })
  if (typeof name === 'string') {
    if (tenantsTable(ctx).some((t) => t.name === name))
      f.fail('name', 'tenant with this name already exists.')
    if (name.length > 255) f.fail('name', 'Ensure this field has no more than 255 characters.')
  }
  const phone = f.char('business_phone_number', { required: true, maxLength: 250 })
  const email = f.email('business_email', { required: true })
  const isActive = f.boolean('is_active')
  const schema = f.char('schema', { allowBlank: true, maxLength: 255 })
  const subdomain = f.char('subdomain', { allowBlank: true, maxLength: 255 })
  // SlugField(max_length=50, allow_blank=True): MaxLengthValidator, then the slug RegexValidator.
  const given = f.char('tenant_id', { allowBlank: true })
  if (given && given.length > 50)
    f.fail('tenant_id', 'Ensure this field has no more than 50 characters.')
  if (given && !SLUG.test(given))
    f.fail(
      'tenant_id',
      'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.',
    )
  if (!f.valid) return fieldErrors(f.errors)
  // perform_create: Site.objects.get(id=2) in the host's schema.
  if (ctx.schema.name !== 'public') return serverError()

  const joined = (name as string).replaceAll(' ', '').toLowerCase()
  let row = { schema: schema ?? '', subdomain: subdomain ?? '' }
  if (!schema && !subdomain) row = { schema: joined, subdomain: `${joined}.localhost` }
  let code = given
  if (!code) {
    const digits = Array.from({ length: 4 }, () => Math.floor(Math.random() * 10)).join('')
    code = slugify(`${Array.from(joined).slice(0, 3).join('')} ${digits}`).toUpperCase()
  }
  // Tenant.schema is unique in the model: the INSERT's IntegrityError is a 500, nothing saved.
  if (db.tenants.some((t) => t.schema === row.schema)) return serverError()
  const created = djangoNow()
  const tenant: TenantRow = {
    id: Math.max(0, ...db.tenants.map((t) => t.id)) + 1,
    name: name as string,
    schema: row.schema,
    subdomain: row.subdomain,
    tenant_id: code,
    is_active: isActive ?? true,
    business_phone_number: phone as string,
    business_email: email as string,
    created,
    updated: djangoNow(),
  }
  db.tenants.push(tenant)
  // The new, empty schema (a `public` one is the public schema itself, already there). Its own
  // row gets the signal's naive datetime.now(), stored 3 hours late as in the seed.
  if (!Object.hasOwn(db.schemas, row.schema)) {
    const late = Date.now() + 3 * 3600 * 1000
    // defineProperty: a schema may be called `__proto__` too.
    Object.defineProperty(db.schemas, row.schema, {
      enumerable: true,
      writable: true,
      configurable: true,
      value: {
        tenants: [
          {
            ...tenant,
            id: 1,
            is_active: true,
            created: djangoTime(late),
            updated: djangoTime(late + 0.001),
          },
        ],
        nextId: { user: 1, department: 1, account: 1, budget: 1, expense: 1 },
        blacklist: [],
      } satisfies SchemaState,
    })
  }
  commit()
  return json(201, originalTenantWire(tenant))
})

export const tenantsRoutes: Route[] = [
  // AllowAny APIView: GET is a 405 for anyone. The tenant middleware opens it on the public host.
  { path: apiPath('tenants/info/'), views: { POST: info }, unmapped: 'open' },
  { path: apiPath('tenants/current/'), views: { GET: current }, when: () => !schemaTenancy() },
  {
    path: apiPath('tenants/'),
    views: { GET: list, POST: create },
    unmapped: 'open',
    when: schemaTenancy,
  },
]

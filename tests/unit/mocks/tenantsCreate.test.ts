/**
 * `POST tenants/` on the original profile: the seed backend's AllowAny ListCreateAPIView, answer
 * by answer as the Django fixture (tests/contract/django, BACKEND_PROFILE=original) gives them.
 * The hardened profile has no such route.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { configureMock } from '@/mocks/config'
import { db } from '@/mocks/db'
import { ACME, call, login } from './helpers'

const PUBLIC = 'http://localhost'
const NOPE = 'http://nope.localhost'
const UMBRELLA = 'http://umbrellacorp.localhost'
const TENANTS = '/api/v1/tenants/'
const INFO = '/api/v1/tenants/info/'
const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+03:00$/
const REQUIRED = ['This field is required.']
const NAME_TAKEN = ['tenant with this name already exists.']
const NO_ACCOUNT = { detail: 'No active account found with the given credentials' }

const UMBRELLA_BODY = {
  name: 'Umbrella Corp',
  business_phone_number: '+254711111111',
  business_email: 'info@umbrella.test',
  tenant_id: 'UMB-1004',
}
const minimal = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  business_phone_number: '1',
  business_email: 'a@b.test',
  ...extra,
})

const create = (body: unknown, origin = PUBLIC) => call(`${origin}${TENANTS}`, { body })
const rows = async (origin = PUBLIC) =>
  (await call(`${origin}${TENANTS}`)).body as Record<string, unknown>[]

describe('original: POST tenants/ on the public host', () => {
  beforeEach(() => configureMock({ profile: 'original' }))

  it('creates the tenant: 201 with the new row, schema and subdomain from the name, id 4', async () => {
    const r = await create(UMBRELLA_BODY)
    expect(r.status).toBe(201)
    expect(r.headers.get('content-type')).toBe('application/json')
    const row = r.body as Record<string, unknown>
    expect(row).toEqual({
      id: 4,
      created: expect.stringMatching(DATETIME),
      updated: expect.stringMatching(DATETIME),
      name: 'Umbrella Corp',
      business_phone_number: '+254711111111',
      business_email: 'info@umbrella.test',
      is_active: true,
      schema: 'umbrellacorp',
      subdomain: 'umbrellacorp.localhost',
      tenant_id: 'UMB-1004',
    })
    expect(row.updated! > row.created!).toBe(true)
  })

  it('tenants/info then finds the code and GET tenants/ lists it first', async () => {
    await create(UMBRELLA_BODY)
    const info = await call(`${PUBLIC}${INFO}`, { body: { tenant_id: 'UMB-1004' } })
    expect([info.status, info.body]).toEqual([
      200,
      { name: 'Umbrella Corp', subdomain: 'umbrellacorp.localhost', organization_id: 'UMB-1004' },
    ])
    expect((await rows()).map((t) => [t.id, t.tenant_id])).toEqual([
      [4, 'UMB-1004'],
      [3, 'INI-1003'],
      [2, 'GLO-1002'],
      [1, 'ACM-1001'],
    ])
  })

  it('ids continue in the public table', async () => {
    const a = await create(minimal('First Co'))
    const b = await create(minimal('Second Co'))
    expect([(a.body as { id: number }).id, (b.body as { id: number }).id]).toEqual([4, 5])
  })

  it('the new host is an empty schema: its own row (id 1, active), no users, ids from 1', async () => {
    await create({ ...UMBRELLA_BODY, is_active: false })
    const own = await rows(UMBRELLA)
    expect(own).toHaveLength(1)
    expect(own[0]).toMatchObject({
      id: 1,
      name: 'Umbrella Corp',
      is_active: true,
      schema: 'umbrellacorp',
      subdomain: 'umbrellacorp.localhost',
      tenant_id: 'UMB-1004',
    })
    // The public row keeps is_active false: tenants/info there says inactive.
    const info = await call(`${PUBLIC}${INFO}`, { body: { tenant_id: 'UMB-1004' } })
    expect(info.status).toBe(403)
    // On its own host only its own code is known.
    const here = await call(`${UMBRELLA}${INFO}`, { body: { tenant_id: 'UMB-1004' } })
    expect(here.status).toBe(200)
    const acme = await call(`${UMBRELLA}${INFO}`, { body: { tenant_id: 'ACM-1001' } })
    expect(acme.status).toBe(404)
    const signIn = await call(`${UMBRELLA}/api/v1/auth/jwt/create/`, {
      body: { email: 'admin@acme.test', password: 'acme-admin-pass-1' },
    })
    expect([signIn.status, signIn.body]).toEqual([401, NO_ACCOUNT])
    expect(db.schemas.umbrellacorp?.nextId).toEqual({
      user: 1,
      department: 1,
      account: 1,
      budget: 1,
      expense: 1,
    })
    expect(db.schemas.umbrellacorp?.blacklist).toEqual([])
  })

  it('a user registered on the new host is id 1 there and can sign in', async () => {
    await create(UMBRELLA_BODY)
    const reg = await call(`${UMBRELLA}/api/v1/auth/users/`, {
      body: {
        email: 'first@umbrella.test',
        password: 'a-long-new-pass-9',
        first_name: 'Una',
        last_name: 'First',
        employee_id: 'UMB-E001',
      },
    })
    expect([reg.status, (reg.body as { id: number }).id]).toEqual([201, 1])
    const tokens = await login(
      { email: 'first@umbrella.test', password: 'a-long-new-pass-9' },
      UMBRELLA,
    )
    expect(tokens.access).toBeTruthy()
  })

  it('without tenant_id (or blank) it gets a random code from the first three letters', async () => {
    const a = await create(minimal('Off Co'))
    const b = await create(minimal('A&b Co', { tenant_id: '' }))
    expect((a.body as { tenant_id: string }).tenant_id).toMatch(/^OFF-\d{4}$/)
    // slugify drops the '&' of 'a&b'; the schema keeps it.
    expect(b.body).toMatchObject({ schema: 'a&bco', subdomain: 'a&bco.localhost' })
    expect((b.body as { tenant_id: string }).tenant_id).toMatch(/^AB-\d{4}$/)
  })

  it('a given subdomain keeps the schema blank, and that host maps to it', async () => {
    const r = await create(minimal('Sub Given', { subdomain: 'sg.localhost' }))
    expect(r.body).toMatchObject({ id: 4, schema: '', subdomain: 'sg.localhost' })
    const own = await rows('http://sg.localhost')
    expect(own.map((t) => [t.id, t.name, t.subdomain])).toEqual([[1, 'Sub Given', 'sg.localhost']])
  })

  it('a given schema leaves the subdomain blank: no host reaches it (a 500 page)', async () => {
    const r = await create(minimal('Schema Given', { schema: 'sch' }))
    expect(r.body).toMatchObject({ schema: 'sch', subdomain: '' })
    const there = await call(`http://sch.localhost${TENANTS}`)
    expect([there.status, there.headers.get('content-type')]).toEqual([500, 'text/html'])
  })

  it('an empty body names the three required fields', async () => {
    const r = await create({})
    expect([r.status, r.body]).toEqual([
      400,
      { name: REQUIRED, business_phone_number: REQUIRED, business_email: REQUIRED },
    ])
  })

  it('blank values may not be blank', async () => {
    const r = await create({ name: '', business_phone_number: ' ', business_email: '' })
    const blank = ['This field may not be blank.']
    expect([r.status, r.body]).toEqual([
      400,
      { name: blank, business_phone_number: blank, business_email: blank },
    ])
  })

  it('a taken name is a 400, and nothing is created', async () => {
    await create(UMBRELLA_BODY)
    const r = await create({ ...UMBRELLA_BODY, tenant_id: 'UMB-2000' })
    expect([r.status, r.body]).toEqual([400, { name: NAME_TAKEN }])
    expect(await rows()).toHaveLength(4)
  })

  it('bad email, boolean, null schema and a non-slug code are named in field order', async () => {
    const r = await create({
      name: 'A&b Co',
      business_phone_number: '1',
      business_email: 'bad',
      tenant_id: 'no slug',
      is_active: 'maybe',
      schema: null,
    })
    expect([r.status, r.body]).toEqual([
      400,
      {
        business_email: ['Enter a valid email address.'],
        is_active: ['Must be a valid boolean.'],
        schema: ['This field may not be null.'],
        tenant_id: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'],
      },
    ])
  })

  it('too long values', async () => {
    const r = await create({
      name: 'x'.repeat(256),
      business_phone_number: 'p'.repeat(251),
      business_email: 'a@b.test',
      tenant_id: 't'.repeat(51),
    })
    expect([r.status, r.body]).toEqual([
      400,
      {
        name: ['Ensure this field has no more than 255 characters.'],
        business_phone_number: ['Ensure this field has no more than 250 characters.'],
        tenant_id: ['Ensure this field has no more than 50 characters.'],
      },
    ])
  })

  it('a new name whose schema is taken (Tenant.schema is unique) is a 500 page, nothing saved', async () => {
    const r = await create(minimal('  Acme '))
    expect([r.status, r.headers.get('content-type')]).toEqual([500, 'text/html'])
    expect(r.text).toContain('<h1>Server Error (500)</h1>')
    expect(await rows()).toHaveLength(3)
  })

  it('a taken tenant_id is accepted; tenants/info for it is then a 500 page', async () => {
    const r = await create(minimal('Acme Again', { tenant_id: 'ACM-1001' }))
    expect(r.status).toBe(201)
    const info = await call(`${PUBLIC}${INFO}`, { body: { tenant_id: 'ACM-1001' } })
    expect(info.status).toBe(500)
  })
})

describe('original: POST tenants/ elsewhere', () => {
  beforeEach(() => configureMock({ profile: 'original' }))

  it('on a tenant host, valid data is a 500 page (Site 2 is only in public), nothing saved', async () => {
    const r = await create(minimal('Tenant Host'), ACME)
    expect([r.status, r.headers.get('content-type')]).toEqual([500, 'text/html'])
    expect(await rows()).toHaveLength(3)
    expect(Object.keys(db.schemas).sort()).toEqual(['acme', 'globex', 'initech', 'public'])
  })

  it("on a tenant host the name is unique against that schema's own row", async () => {
    const r = await create(minimal('Acme Corporation'), ACME)
    expect([r.status, r.body]).toEqual([400, { name: NAME_TAKEN }])
  })

  it.each([ACME, NOPE])('on %s an empty body is still a 400', async (origin) => {
    const r = await create({}, origin)
    expect([r.status, r.body]).toEqual([
      400,
      { name: REQUIRED, business_phone_number: REQUIRED, business_email: REQUIRED },
    ])
  })

  it('on an unknown host a name is looked up (no table there): a 500 page', async () => {
    const r = await create(minimal('Nope Co'), NOPE)
    expect([r.status, r.headers.get('content-type')]).toEqual([500, 'text/html'])
  })
})

describe('hardened: no tenants/ route', () => {
  it('POST tenants/ on a tenant host is the 404 page; on the public host tenant_required', async () => {
    const r = await create(UMBRELLA_BODY, ACME)
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const pub = await create(UMBRELLA_BODY)
    expect([pub.status, (pub.body as { code: string }).code]).toEqual([404, 'tenant_required'])
    expect(db.tenants).toHaveLength(3)
  })
})

/** departments/ and expenses/ (contract §6): tenant scoping, validation, methods. */
import { beforeEach, describe, expect, it } from 'vitest'
import { ACCOUNTS, ACME, GLOBEX, call, login } from './helpers'

const API = `${ACME}/api/v1`
let token = ''

beforeEach(async () => {
  token = (await login(ACCOUNTS.acmeStaff)).access
})

describe('departments/', () => {
  it('needs authentication (the contract server keeps IsAuthenticated)', async () => {
    expect((await call(`${API}/departments/`)).body).toEqual({
      detail: 'Authentication credentials were not provided.',
    })
  })

  it('lists the tenant departments by name', async () => {
    const r = await call(`${API}/departments/`, { token })
    expect(
      (r.body as { id: number; name: string; organization: number }[]).map((d) => [
        d.id,
        d.name,
        d.organization,
      ]),
    ).toEqual([
      [2, 'Engineering', 1],
      [1, 'Finance', 1],
    ])
  })

  it('creates (201), refuses a duplicate name in the tenant, allows it in another', async () => {
    const r = await call(`${API}/departments/`, { body: { name: 'Legal', organization: 2 }, token })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ id: 5, name: 'Legal', organization: 1 })
    const dup = await call(`${API}/departments/`, { body: { name: 'Finance' }, token })
    expect([dup.status, dup.body]).toEqual([
      400,
      { name: ['department with this name already exists.'] },
    ])
    const globex = await login(ACCOUNTS.globexStaff, GLOBEX)
    const there = await call(`${GLOBEX}/api/v1/departments/`, {
      body: { name: 'Legal' },
      token: globex.access,
    })
    expect(there.status).toBe(201)
    expect((await call(`${API}/departments/`, { body: {}, token })).body).toEqual({
      name: ['This field is required.'],
    })
  })

  it('GET/PUT/PATCH by id within the tenant; another tenant id is 404', async () => {
    expect((await call(`${API}/departments/1/`, { token })).body).toMatchObject({ name: 'Finance' })
    const put = await call(`${API}/departments/1/`, {
      method: 'PUT',
      body: { name: 'Treasury' },
      token,
    })
    expect(put.body).toMatchObject({ id: 1, name: 'Treasury' })
    const same = await call(`${API}/departments/1/`, {
      method: 'PATCH',
      body: { name: 'Treasury' },
      token,
    })
    expect(same.status).toBe(200) // its own name is not a duplicate
    expect((await call(`${API}/departments/3/`, { token })).body).toEqual({ detail: 'Not found.' })
  })
})

describe('expenses/', () => {
  it('lists the tenant expenses newest first with created_by_email', async () => {
    const r = await call(`${API}/expenses/`, { token })
    const rows = r.body as { id: number; created_by_email: string; created: string }[]
    expect(rows.map((e) => e.id)).toEqual([3, 2, 1])
    expect(rows[0]).toMatchObject({
      amount: 4500,
      description: 'Bank charges',
      department: 1,
      created_by: 1,
      created_by_email: 'admin@acme.test',
    })
    expect(rows[0]?.created).toMatch(/\.\d{6}\+03:00$/)
  })

  it('creates with the caller as created_by, and then lists it first', async () => {
    const r = await call(`${API}/expenses/`, {
      body: { amount: 1500, description: 'Taxi', department: 1, created_by: 1 },
      token,
    })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      id: 6,
      amount: 1500,
      description: 'Taxi',
      department: 1,
      created_by: 2,
      created_by_email: 'staff@acme.test',
    })
    const list = await call(`${API}/expenses/`, { token })
    expect((list.body as { id: number }[])[0]?.id).toBe(6)
  })

  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    [
      'a decimal amount',
      { amount: '12.50', description: 'x', department: 1 },
      { amount: ['A valid integer is required.'] },
    ],
    [
      'a negative amount',
      { amount: -5, description: 'x', department: 1 },
      { amount: ['Ensure this value is greater than or equal to 0.'] },
    ],
    [
      'an empty body',
      {},
      {
        amount: ['This field is required.'],
        description: ['This field is required.'],
        department: ['This field is required.'],
      },
    ],
    [
      'another tenant department',
      { amount: 1, description: 'x', department: 3 },
      { department: ['Invalid pk "3" - object does not exist.'] },
    ],
  ])('400 for %s', async (_case, body, errors) => {
    const r = await call(`${API}/expenses/`, { body, token })
    expect([r.status, r.body]).toEqual([400, errors])
  })

  it('accepts "12.0" as 12 (DRF strips a zero fraction)', async () => {
    const r = await call(`${API}/expenses/`, {
      body: { amount: '12.0', description: 'x', department: 2 },
      token,
    })
    expect(r.body).toMatchObject({ amount: 12 })
  })

  it('PUT needs every field, PATCH updates one; DELETE is 405; other tenant ids are 404', async () => {
    const put = await call(`${API}/expenses/1/`, { method: 'PUT', body: { amount: 1 }, token })
    expect(put.body).toEqual({
      description: ['This field is required.'],
      department: ['This field is required.'],
    })
    const patch = await call(`${API}/expenses/1/`, {
      method: 'PATCH',
      body: { amount: 13000 },
      token,
    })
    expect(patch.body).toMatchObject({ id: 1, amount: 13000, description: 'Team lunch' })
    const del = await call(`${API}/expenses/1/`, { method: 'DELETE', token })
    expect([del.status, del.body]).toEqual([405, { detail: 'Method "DELETE" not allowed.' }])
    expect((await call(`${API}/expenses/4/`, { token })).status).toBe(404)
    expect(
      (await call(`${API}/expenses/4/`, { method: 'PATCH', body: { amount: 1 }, token })).status,
    ).toBe(404)
  })
})

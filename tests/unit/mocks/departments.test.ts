/** departments/ on the hardened profile (contract §6): tenant scoping, validation, methods. */
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

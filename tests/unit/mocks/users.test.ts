/** Djoser's user endpoints besides register (contract §5). */
import { describe, expect, it } from 'vitest'
import { ACCOUNTS, ACME, GLOBEX, call, claims, login } from './helpers'

const AUTH = `${ACME}/api/v1/auth`
const ME = `${AUTH}/users/me/`
const ids = (body: unknown) => (body as { id: number }[]).map((u) => u.id)

describe('GET users/ (HIDE_USERS)', () => {
  it('staff see the tenant users newest first; others only themselves', async () => {
    await call(`${AUTH}/users/`, {
      body: { email: 'new@acme.test', password: 'violet-harbour-42' },
    })
    const admin = await login(ACCOUNTS.acmeAdmin)
    expect(ids((await call(`${AUTH}/users/`, { token: admin.access })).body)).toEqual([5, 2, 1])
    const staff = await login(ACCOUNTS.acmeStaff)
    const mine = await call(`${AUTH}/users/`, { token: staff.access })
    expect(mine.body).toEqual([expect.objectContaining({ id: 2, is_active: true })])
    expect((await call(`${AUTH}/users/`)).status).toBe(401)
  })
})

describe('users/{id}/', () => {
  it('non-staff: own id 200, other id 404 (DELETE 403); staff: other tenant 404', async () => {
    const staff = await login(ACCOUNTS.acmeStaff)
    expect((await call(`${AUTH}/users/2/`, { token: staff.access })).status).toBe(200)
    const other = await call(`${AUTH}/users/1/`, { token: staff.access })
    expect([other.status, other.body]).toEqual([404, { detail: 'Not found.' }])
    const patch = await call(`${AUTH}/users/1/`, {
      method: 'PATCH',
      body: { role: 'Staff' },
      token: staff.access,
    })
    expect(patch.status).toBe(404)
    const del = await call(`${AUTH}/users/1/`, {
      method: 'DELETE',
      body: { current_password: 'x' },
      token: staff.access,
    })
    expect([del.status, del.body]).toEqual([
      403,
      { detail: 'You do not have permission to perform this action.' },
    ])
    const admin = await login(ACCOUNTS.acmeAdmin)
    expect((await call(`${AUTH}/users/2/`, { token: admin.access })).status).toBe(200)
    expect((await call(`${AUTH}/users/3/`, { token: admin.access })).status).toBe(404)
  })
})

describe('users/me/', () => {
  it('PATCH returns the full user; role and is_active are writable, id and password ignored', async () => {
    const { access } = await login(ACCOUNTS.acmeStaff)
    const r = await call(ME, {
      method: 'PATCH',
      body: { first_name: 'Samuel', role: 'Admin', id: 999, password: 'ignored-pass-1' },
      token: access,
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      id: 2,
      first_name: 'Samuel',
      last_name: 'Staff',
      role: 'Admin',
      is_active: true,
    })
    const relogin = await call(`${AUTH}/jwt/create/`, { body: ACCOUNTS.acmeStaff })
    expect(relogin.status).toBe(200)
  })

  it('PATCH is_active false: the next call is user_inactive and login is refused', async () => {
    const { access, refresh } = await login(ACCOUNTS.acmeStaff)
    await call(ME, { method: 'PATCH', body: { is_active: false }, token: access })
    const r = await call(ME, { token: access })
    expect([r.status, r.body]).toEqual([401, { detail: 'User is inactive', code: 'user_inactive' }])
    expect((await call(`${AUTH}/jwt/create/`, { body: ACCOUNTS.acmeStaff })).status).toBe(401)
    expect((await call(`${AUTH}/jwt/refresh/`, { body: { refresh } })).status).toBe(200) // 5.2.2
  })

  it('PUT needs email; organization must be the host tenant; a taken email is refused', async () => {
    const { access } = await login(ACCOUNTS.acmeStaff)
    expect(
      (await call(ME, { method: 'PUT', body: { first_name: 'x' }, token: access })).body,
    ).toEqual({
      email: ['This field is required.'],
    })
    expect(
      (await call(ME, { method: 'PATCH', body: { organization: 2 }, token: access })).body,
    ).toEqual({
      organization: ['Invalid pk "2" - object does not exist.'],
    })
    expect(
      (await call(ME, { method: 'PATCH', body: { email: 'admin@acme.test' }, token: access })).body,
    ).toEqual({
      email: ['user account with this email already exists.'],
    })
    const put = await call(ME, { method: 'PUT', body: { email: 'sam@acme.test' }, token: access })
    expect(put.body).toMatchObject({ email: 'sam@acme.test', first_name: 'Sam' })
  })

  it('DELETE needs current_password; afterwards the access token is user_not_found, refresh still works', async () => {
    const { access, refresh } = await login(ACCOUNTS.acmeStaff)
    expect((await call(ME, { method: 'DELETE', token: access })).body).toEqual({
      current_password: ['This field is required.'],
    })
    expect(
      (await call(ME, { method: 'DELETE', body: { current_password: 'nope' }, token: access }))
        .body,
    ).toEqual({
      current_password: ['Invalid password.'],
    })
    const del = await call(ME, {
      method: 'DELETE',
      body: { current_password: ACCOUNTS.acmeStaff.password },
      token: access,
    })
    expect([del.status, del.text, del.headers.get('content-type')]).toEqual([204, '', null])
    const after = await call(ME, { token: access })
    expect([after.status, after.body]).toEqual([
      401,
      { detail: 'User not found', code: 'user_not_found' },
    ])
    expect((await call(`${AUTH}/jwt/refresh/`, { body: { refresh } })).status).toBe(200)
    expect((await call(`${AUTH}/jwt/create/`, { body: ACCOUNTS.acmeStaff })).status).toBe(401)
  })
})

describe('set_password and set_email', () => {
  it('set_password: 400 rows, then 204; old tokens keep working, only new logins need it', async () => {
    const { access, refresh } = await login(ACCOUNTS.acmeAdmin)
    const url = `${AUTH}/users/set_password/`
    expect((await call(url, { body: {}, token: access })).body).toEqual({
      new_password: ['This field is required.'],
      current_password: ['This field is required.'],
    })
    expect(
      (
        await call(url, {
          body: { new_password: 'x-long-enough-9', current_password: 'no' },
          token: access,
        })
      ).body,
    ).toEqual({
      current_password: ['Invalid password.'],
    })
    const weak = await call(url, {
      body: { new_password: '1234', current_password: ACCOUNTS.acmeAdmin.password },
      token: access,
    })
    expect(weak.body).toEqual({
      new_password: [
        'This password is too short. It must contain at least 8 characters.',
        'This password is too common.',
        'This password is entirely numeric.',
      ],
    })
    // the saved user's username (its sign-up email) is compared first
    const similar = await call(url, {
      body: { new_password: 'adminacme', current_password: ACCOUNTS.acmeAdmin.password },
      token: access,
    })
    expect(similar.body).toEqual({ new_password: ['The password is too similar to the username.'] })
    const ok = await call(url, {
      body: { new_password: 'fresh-meadow-77', current_password: ACCOUNTS.acmeAdmin.password },
      token: access,
    })
    expect(ok.status).toBe(204)
    expect((await call(ME, { token: access })).status).toBe(200)
    expect((await call(`${AUTH}/jwt/refresh/`, { body: { refresh } })).status).toBe(200)
    expect((await call(`${AUTH}/jwt/create/`, { body: ACCOUNTS.acmeAdmin })).status).toBe(401)
    expect(
      (
        await call(`${AUTH}/jwt/create/`, {
          body: { email: 'admin@acme.test', password: 'fresh-meadow-77' },
        })
      ).status,
    ).toBe(200)
  })

  it('set_email: 400 rows, 204; /me shows it, the username claim never follows', async () => {
    const { access } = await login(ACCOUNTS.acmeStaff)
    const url = `${AUTH}/users/set_email/`
    expect((await call(url, { body: {}, token: access })).body).toEqual({
      current_password: ['This field is required.'],
      new_email: ['This field is required.'],
    })
    const taken = await call(url, {
      body: { new_email: 'admin@globex.test', current_password: ACCOUNTS.acmeStaff.password },
      token: access,
    })
    expect(taken.body).toEqual({ new_email: ['user account with this email already exists.'] })
    const ok = await call(url, {
      body: { new_email: 'sam@acme.test', current_password: ACCOUNTS.acmeStaff.password },
      token: access,
    })
    expect(ok.status).toBe(204)
    expect((await call(ME, { token: access })).body).toMatchObject({ email: 'sam@acme.test' })
    const next = await login({ email: 'sam@acme.test', password: ACCOUNTS.acmeStaff.password })
    expect(claims(next.access)).toMatchObject({
      email: 'sam@acme.test',
      username: 'staff@acme.test',
    })
  })
})

describe('photo', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

  it('multipart upload gives an absolute URL that is served; {photo: null} clears it', async () => {
    const { access } = await login(ACCOUNTS.acmeStaff)
    const form = new FormData()
    form.append('photo', new File([PNG], 'pixel.png', { type: 'image/png' }))
    const r = await call(ME, { method: 'PATCH', body: form, token: access })
    expect(r.status).toBe(200)
    const url = (r.body as { photo: string }).photo
    expect(url).toBe('http://acme.localhost/media/users/photos/pixel.png')
    const served = await fetch(url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG)

    const again = new FormData()
    again.append('photo', new File([PNG], 'pixel.png'))
    const second = await call(ME, { method: 'PATCH', body: again, token: access })
    expect((second.body as { photo: string }).photo).toMatch(
      /\/media\/users\/photos\/pixel_[A-Za-z0-9]{7}\.png$/,
    )

    const cleared = await call(ME, { method: 'PATCH', body: { photo: null }, token: access })
    expect((cleared.body as { photo: unknown }).photo).toBeNull()
    expect((await fetch(`${GLOBEX}/media/users/photos/none.png`)).status).toBe(404)
  })

  it('refuses a file that is not an image', async () => {
    const { access } = await login(ACCOUNTS.acmeStaff)
    const form = new FormData()
    form.append('photo', new File(['hello'], 'notes.png', { type: 'image/png' }))
    const r = await call(ME, { method: 'PATCH', body: form, token: access })
    expect([r.status, r.body]).toEqual([
      400,
      {
        photo: [
          'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
        ],
      },
    ])
    const json = await call(ME, { method: 'PATCH', body: { photo: 'data:xyz' }, token: access })
    expect(json.body).toEqual({
      photo: ['The submitted data was not a file. Check the encoding type on the form.'],
    })
  })
})

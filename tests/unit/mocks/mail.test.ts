/** Djoser's mail flows: reset password (with the outbox), activation, reset email (contract §5). */
import { describe, expect, it } from 'vitest'
import { db, lastMail } from '@/mocks/db'
import { ACCOUNTS, ACME, GLOBEX, call } from './helpers'

const USERS = `${ACME}/api/v1/auth/users`

describe('reset_password', () => {
  it('mails a link to the API host with uid = base64(id) and a single-use token', async () => {
    const r = await call(`${USERS}/reset_password/`, { body: { email: 'staff@acme.test' } })
    expect([r.status, r.text]).toEqual([204, ''])
    const mail = lastMail('staff@acme.test')
    expect(mail).toBeDefined()
    expect(mail?.uid).toBe('Mg')
    expect(mail?.token).toMatch(/^[0-9a-z]+-[0-9a-f]{32}$/)
    expect(mail?.link).toBe(`http://acme.localhost/auth/password/reset/Mg/${mail?.token}`)
    expect(mail?.body).toContain(mail?.link)

    const confirm = { uid: mail?.uid, token: mail?.token, new_password: 'copper-kettle-88' }
    const weak = await call(`${USERS}/reset_password_confirm/`, {
      body: { ...confirm, new_password: '123' },
    })
    expect(weak.body).toEqual({
      new_password: [
        'This password is too short. It must contain at least 8 characters.',
        'This password is too common.',
        'This password is entirely numeric.',
      ],
    })
    expect((await call(`${USERS}/reset_password_confirm/`, { body: confirm })).status).toBe(204)
    const reuse = await call(`${USERS}/reset_password_confirm/`, {
      body: { ...confirm, new_password: 'copper-kettle-99' },
    })
    expect([reuse.status, reuse.body]).toEqual([400, { token: ['Invalid token for given user.'] }])
    const loginNew = await call(`${ACME}/api/v1/auth/jwt/create/`, {
      body: { email: 'staff@acme.test', password: 'copper-kettle-88' },
    })
    expect(loginNew.status).toBe(200)
  })

  it('204 without mail for unknown and other-tenant addresses; 400 for a bad or missing email', async () => {
    for (const email of ['nobody@acme.test', 'staff@globex.test']) {
      expect((await call(`${USERS}/reset_password/`, { body: { email } })).status).toBe(204)
    }
    expect(db.outbox).toEqual([])
    expect((await call(`${USERS}/reset_password/`, { body: {} })).body).toEqual({
      email: ['This field is required.'],
    })
    expect((await call(`${USERS}/reset_password/`, { body: { email: 'x' } })).body).toEqual({
      email: ['Enter a valid email address.'],
    })
  })

  it('confirm: empty body lists all three; bad and other-tenant uids are invalid', async () => {
    expect((await call(`${USERS}/reset_password_confirm/`, { body: {} })).body).toEqual({
      uid: ['This field is required.'],
      token: ['This field is required.'],
      new_password: ['This field is required.'],
    })
    await call(`${GLOBEX}/api/v1/auth/users/reset_password/`, {
      body: { email: 'staff@globex.test' },
    })
    const globexMail = lastMail('staff@globex.test')
    for (const uid of ['!!', 'NA' /* "4" on acme: not this tenant */, globexMail?.uid]) {
      const r = await call(`${USERS}/reset_password_confirm/`, {
        body: { uid, token: globexMail?.token, new_password: 'copper-kettle-88' },
      })
      expect(r.body).toEqual({ uid: ["Invalid user id or user doesn't exist."] })
    }
  })

  it('an expired access token in the header breaks the AllowAny endpoint (401)', async () => {
    const r = await call(`${USERS}/reset_password/`, {
      body: { email: 'staff@acme.test' },
      token: 'expired.or.garbage',
    })
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ code: 'token_not_valid' })
  })
})

describe('activation, resend_activation, reset_email', () => {
  it('activation of an active user is 403 stale; a bad uid is 400', async () => {
    await call(`${USERS}/reset_password/`, { body: { email: 'admin@acme.test' } })
    const mail = lastMail()
    const r = await call(`${USERS}/activation/`, { body: { uid: mail?.uid, token: mail?.token } })
    expect([r.status, r.body]).toEqual([403, { detail: 'Stale token for given user.' }])
    expect((await call(`${USERS}/activation/`, { body: { uid: 'zz', token: 'x' } })).body).toEqual({
      uid: ["Invalid user id or user doesn't exist."],
    })
  })

  it('resend_activation answers 400 with an empty body', async () => {
    const r = await call(`${USERS}/resend_activation/`, { body: { email: 'staff@acme.test' } })
    expect([r.status, r.text, r.headers.get('content-type')]).toEqual([400, '', null])
  })

  it('reset_email mails a link; confirm sets the new email', async () => {
    expect(
      (await call(`${USERS}/reset_email/`, { body: { email: 'staff@acme.test' } })).status,
    ).toBe(204)
    const mail = lastMail('staff@acme.test')
    expect(mail?.kind).toBe('username_reset')
    expect(mail?.link).toContain('/auth/email/reset/Mg/')
    expect((await call(`${USERS}/reset_email_confirm/`, { body: {} })).body).toEqual({
      new_email: ['This field is required.'],
    })
    const ok = await call(`${USERS}/reset_email_confirm/`, {
      body: { uid: mail?.uid, token: mail?.token, new_email: 'sam@acme.test' },
    })
    expect(ok.status).toBe(204)
    const login = await call(`${ACME}/api/v1/auth/jwt/create/`, {
      body: { email: 'sam@acme.test', password: ACCOUNTS.acmeStaff.password },
    })
    expect(login.status).toBe(200)
  })
})

/** POST users/ (Djoser register, AllowAny): contract §5 and its 400 table. */
import { describe, expect, it } from 'vitest'
import { configureMock } from '@/mocks/config'
import { quickRatio } from '@/mocks/users/passwords'
import { ACME, GLOBEX, call } from './helpers'

const USERS = `${ACME}/api/v1/auth/users/`
const GOOD = 'violet-harbour-lantern-42'
const register = (body: unknown, url = USERS) => call(url, { body })

describe('register', () => {
  it('201 with the stored user (no is_active), defaults and the host tenant', async () => {
    const r = await register({
      email: 'reg1@acme.test',
      password: GOOD,
      first_name: 'Reg',
      last_name: 'One',
    })
    expect(r.status).toBe(201)
    expect(r.body).toEqual({
      id: 5,
      first_name: 'Reg',
      last_name: 'One',
      email: 'reg1@acme.test',
      photo: null,
      organization: 1,
      department: null,
      employee_id: null,
      role: 'Staff',
    })
    const login = await call(`${ACME}/api/v1/auth/jwt/create/`, {
      body: { email: 'reg1@acme.test', password: GOOD },
    })
    expect(login.status).toBe(200)
  })

  it('anyone can pick role Admin, a department of the tenant and an employee id', async () => {
    const r = await register({
      email: 'boss@acme.test',
      password: GOOD,
      role: 'Admin',
      department: 2,
      employee_id: 'E9',
    })
    expect(r.body).toMatchObject({
      role: 'Admin',
      department: 2,
      employee_id: 'E9',
      organization: 1,
    })
  })

  it('lower-cases only the domain; login is case-sensitive; another case is another user', async () => {
    const r = await register({ email: 'Mixed.Case@Acme.TEST', password: GOOD })
    expect((r.body as { email: string }).email).toBe('Mixed.Case@acme.test')
    const typed = await call(`${ACME}/api/v1/auth/jwt/create/`, {
      body: { email: 'Mixed.Case@Acme.TEST', password: GOOD },
    })
    expect(typed.status).toBe(401)
    const other = await register({ email: 'mixed.case@acme.test', password: GOOD })
    expect(other.status).toBe(201)
  })

  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    [
      'duplicate email of another tenant',
      { email: 'admin@globex.test', password: GOOD },
      { email: ['user account with this email already exists.'] },
    ],
    [
      'too short',
      { email: 'n@acme.test', password: 'x9$qz' },
      { password: ['This password is too short. It must contain at least 8 characters.'] },
    ],
    [
      'too short and common',
      { email: 'n@acme.test', password: 'pass' },
      {
        password: [
          'This password is too short. It must contain at least 8 characters.',
          'This password is too common.',
        ],
      },
    ],
    [
      'numeric and common',
      { email: 'n@acme.test', password: '12345678' },
      { password: ['This password is too common.', 'This password is entirely numeric.'] },
    ],
    [
      'common, any case',
      { email: 'n@acme.test', password: 'QwertyUI' },
      { password: ['This password is too common.'] },
    ],
    [
      'numeric only',
      { email: 'n@acme.test', password: '80417329516' },
      { password: ['This password is entirely numeric.'] },
    ],
    [
      'similar to the email',
      { email: 'reg1@acme.test', password: 'reg1acme' },
      { password: ['The password is too similar to the email.'] },
    ],
    [
      'similar to the first name',
      { email: 'n@acme.test', password: 'gwendolyn1', first_name: 'Gwendolyn' },
      { password: ['The password is too similar to the first name.'] },
    ],
    [
      'empty body',
      {},
      { email: ['This field is required.'], password: ['This field is required.'] },
    ],
    [
      'bad email',
      { email: 'not-an-email', password: GOOD },
      { email: ['Enter a valid email address.'] },
    ],
    [
      'bad role',
      { email: 'n@acme.test', password: GOOD, role: 'Boss' },
      { role: ['"Boss" is not a valid choice.'] },
    ],
    [
      'other tenant organization',
      { email: 'n@acme.test', password: GOOD, organization: 2 },
      { organization: ['Invalid pk "2" - object does not exist.'] },
    ],
    [
      'other tenant department',
      { email: 'n@acme.test', password: GOOD, department: 3 },
      { department: ['Invalid pk "3" - object does not exist.'] },
    ],
    [
      'blank password',
      { email: 'n@acme.test', password: '' },
      { password: ['This field may not be blank.'] },
    ],
  ])('400 for %s', async (_case, body, errors) => {
    const r = await register(body)
    expect([r.status, r.body]).toEqual([400, errors])
  })

  it('field errors come before the password validators, in the serializer field order', async () => {
    const r = await register({ email: 'bad', password: '1', role: 'X', department: 99 })
    expect(Object.keys(r.body as object)).toEqual(['email', 'department', 'role'])
  })

  it('ignores re_password unless PASSWORD_RETYPE is on', async () => {
    expect(
      (await register({ email: 'a1@acme.test', password: GOOD, re_password: 'other' })).status,
    ).toBe(201)
    configureMock({ passwordRetype: true })
    expect((await register({ email: 'a2@acme.test', password: GOOD })).body).toEqual({
      re_password: ['This field is required.'],
    })
    expect(
      (await register({ email: 'a2@acme.test', password: GOOD, re_password: 'x' })).body,
    ).toEqual({
      non_field_errors: ["The two password fields didn't match."],
    })
    expect(
      (await register({ email: 'a2@acme.test', password: GOOD, re_password: GOOD })).status,
    ).toBe(201)
  })

  it('an address equal to a stored one after domain normalisation is Djoser’s cannot_create_user 400', async () => {
    const r = await register({ email: 'staff@ACME.test', password: GOOD })
    expect([r.status, r.body]).toEqual([400, ['Unable to create account.']])
  })

  it('registers on the host tenant (globex)', async () => {
    const r = await register(
      { email: 'g@globex.test', password: GOOD, department: 4 },
      `${GLOBEX}/api/v1/auth/users/`,
    )
    expect(r.body).toMatchObject({ organization: 2, department: 4 })
  })
})

describe('quickRatio (difflib.SequenceMatcher.quick_ratio)', () => {
  it('matches CPython on a few pairs', () => {
    expect(quickRatio('reg1acme', 'reg1@acme.test')).toBeCloseTo(0.7272727, 6)
    expect(quickRatio('staffacme', 'staff@acme.test')).toBeCloseTo(0.75, 6)
    expect(quickRatio('acmetest99', 'acme')).toBeCloseTo(0.5714286, 6)
  })
})

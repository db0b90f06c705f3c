/** Contract §5: register (with its validation rows), the users list, me, users/{id}. */
import type { Scenario } from '../harness/dsl'
import { claimsOf } from '../harness/normalise'
import {
  AUTH,
  badAccess,
  login,
  loginWith,
  me,
  ME,
  multipartFile,
  NO_ACCOUNT,
  NOT_FOUND,
  NOT_PROVIDED,
  notAllowed,
  PIXEL_PNG,
  REQUIRED,
  USER_NOT_FOUND,
} from './helpers'

const USERS = `${AUTH}/users/`
const ME_PATH = `${AUTH}/users/me/`
const GOOD = 'sup3r-Secret-xyz'
const REG1 = {
  id: 5,
  first_name: 'Reg',
  last_name: 'One',
  email: 'reg1@acme.test',
  photo: null,
  organization: 1,
  department: null,
  employee_id: null,
  role: 'Staff',
}

const register = (
  json: unknown,
  expect: number | { status: number; body?: unknown },
  host: 'acme' | 'globex' = 'acme',
) => ({
  do: `register ${JSON.stringify(json).slice(0, 60)}${host === 'acme' ? '' : ` on ${host}`}`,
  method: 'POST' as const,
  path: USERS,
  host,
  json,
  expect,
})

export const usersScenarios: Scenario[] = [
  {
    name: 'register: 201 with the stored user, then sign in and read me',
    steps: [
      register(
        { email: 'reg1@acme.test', password: GOOD, first_name: 'Reg', last_name: 'One' },
        { status: 201, body: REG1 },
      ),
      loginWith('reg1@acme.test', GOOD, 'reg'),
      {
        check: 'claims of the new user',
        value: (v) => {
          const c = claimsOf(v['reg.access'])
          return [c.user_id, c.email, c.username, c.tenant]
        },
        expect: [5, 'reg1@acme.test', 'reg1@acme.test', 'acme'],
      },
      me('{reg.access}', { status: 200, body: { ...REG1, is_active: true } }),
    ],
  },
  {
    name: 'register: optional fields, self-registered Admin, department of the tenant',
    steps: [
      register(
        {
          email: 'boss@acme.test',
          password: GOOD,
          role: 'Admin',
          department: 2,
          employee_id: 'ACM-E099',
          organization: 1,
        },
        {
          status: 201,
          body: {
            ...REG1,
            first_name: '',
            last_name: '',
            email: 'boss@acme.test',
            role: 'Admin',
            department: 2,
            employee_id: 'ACM-E099',
          },
        },
      ),
      register(
        { email: 'glob@globex.test', password: GOOD, department: 4 },
        {
          status: 201,
          body: {
            ...REG1,
            id: 6,
            first_name: '',
            last_name: '',
            email: 'glob@globex.test',
            organization: 2,
            department: 4,
          },
        },
        'globex',
      ),
    ],
  },
  {
    name: 'register: validation rows of the contract',
    steps: [
      register({}, { status: 400, body: { email: REQUIRED, password: REQUIRED } }),
      register(
        { email: 'admin@acme.test', password: GOOD },
        { status: 400, body: { email: ['user account with this email already exists.'] } },
      ),
      register(
        { email: 'admin@globex.test', password: GOOD },
        { status: 400, body: { email: ['user account with this email already exists.'] } },
      ),
      register(
        { email: 'not-an-email', password: GOOD },
        { status: 400, body: { email: ['Enter a valid email address.'] } },
      ),
      register(
        { email: 'r2@acme.test', password: 'Zq9#xv' },
        {
          status: 400,
          body: {
            password: ['This password is too short. It must contain at least 8 characters.'],
          },
        },
      ),
      register(
        { email: 'r2@acme.test', password: 'abc123' },
        {
          status: 400,
          body: {
            password: [
              'This password is too short. It must contain at least 8 characters.',
              'This password is too common.',
            ],
          },
        },
      ),
      register(
        { email: 'r2@acme.test', password: '12345678' },
        {
          status: 400,
          body: {
            password: ['This password is too common.', 'This password is entirely numeric.'],
          },
        },
      ),
      register(
        { email: 'r2@acme.test', password: 'password' },
        { status: 400, body: { password: ['This password is too common.'] } },
      ),
      register(
        { email: 'r2@acme.test', password: 'r2@acme.test' },
        { status: 400, body: { password: ['The password is too similar to the email.'] } },
      ),
      register(
        { email: 'r2@acme.test', password: GOOD, role: 'Boss' },
        { status: 400, body: { role: ['"Boss" is not a valid choice.'] } },
      ),
      register(
        { email: 'r2@acme.test', password: GOOD, organization: 2 },
        { status: 400, body: { organization: ['Invalid pk "2" - object does not exist.'] } },
      ),
      register(
        { email: 'r2@acme.test', password: GOOD, department: 3 },
        { status: 400, body: { department: ['Invalid pk "3" - object does not exist.'] } },
      ),
      {
        do: 'register with malformed JSON',
        method: 'POST',
        path: USERS,
        raw: { contentType: 'application/json', body: '{"email": }' },
        expect: {
          status: 400,
          body: { detail: 'JSON parse error - Expecting value: line 1 column 11 (char 10)' },
        },
      },
    ],
  },
  {
    name: 'register: retype off, re_password is ignored; email case rules',
    steps: [
      register(
        { email: 'r3@acme.test', password: GOOD, re_password: 'something-else-1' },
        { status: 201 },
      ),
      register(
        { email: 'Mixed.Case@Acme.TEST', password: GOOD },
        {
          status: 201,
          body: { ...REG1, id: 6, first_name: '', last_name: '', email: 'Mixed.Case@acme.test' },
        },
      ),
      loginWith('Mixed.Case@Acme.TEST', GOOD, 'typed', 401),
      loginWith('Mixed.Case@acme.test', GOOD, 'stored', 200),
      register({ email: 'mixed.case@acme.test', password: GOOD }, { status: 201 }),
      // Not in the contract: the unique check sees the raw address and create_user the
      // normalised one, so Django raises IntegrityError, which Djoser turns into a bare list.
      // (Django: 400 ["Unable to create account."]; parity only, no contract row.)
      {
        do: 'register admin@ACME.test (domain-case duplicate)',
        method: 'POST',
        path: USERS,
        json: { email: 'admin@ACME.test', password: GOOD },
      },
    ],
  },
  {
    name: 'register (PASSWORD_RETYPE=1): mismatch, missing, match keeps the custom fields',
    config: 'retype',
    steps: [
      register(
        { email: 'rt@acme.test', password: GOOD, re_password: 'other-Secret-xyz' },
        { status: 400, body: { non_field_errors: ["The two password fields didn't match."] } },
      ),
      register(
        { email: 'rt@acme.test', password: GOOD },
        { status: 400, body: { re_password: REQUIRED } },
      ),
      register(
        {
          email: 'rt@acme.test',
          password: GOOD,
          re_password: GOOD,
          role: 'Admin',
          first_name: 'R',
        },
        {
          status: 201,
          body: { ...REG1, first_name: 'R', last_name: '', email: 'rt@acme.test', role: 'Admin' },
        },
      ),
    ],
  },
  {
    name: 'users list: HIDE_USERS, staff sees the tenant newest first, others themselves',
    steps: [
      { do: 'anonymous list', path: USERS, expect: { status: 401, body: NOT_PROVIDED } },
      register(
        { email: 'reg1@acme.test', password: GOOD, first_name: 'Reg', last_name: 'One' },
        201,
      ),
      login('admin'),
      login('staff'),
      {
        do: 'admin lists users',
        path: USERS,
        auth: '{admin.access}',
        expect: { status: 200, body: [{ ...REG1, is_active: true }, ME.staff, ME.admin] },
      },
      {
        do: 'staff lists users',
        path: USERS,
        auth: '{staff.access}',
        expect: { status: 200, body: [ME.staff] },
      },
      login('gadmin'),
      {
        do: 'globex admin lists users',
        path: USERS,
        host: 'globex',
        auth: '{gadmin.access}',
        expect: 200,
      },
    ],
  },
  {
    name: 'me: GET, POST 405, anonymous 401',
    steps: [
      login('admin'),
      me('{admin.access}', { status: 200, body: ME.admin }),
      {
        do: 'POST me',
        method: 'POST',
        path: ME_PATH,
        auth: '{admin.access}',
        json: {},
        expect: { status: 405, body: notAllowed('POST') },
      },
      {
        do: 'anonymous POST me',
        method: 'POST',
        path: ME_PATH,
        json: {},
        expect: { status: 401, body: NOT_PROVIDED },
      },
      { do: 'anonymous GET me', path: ME_PATH, expect: { status: 401, body: NOT_PROVIDED } },
    ],
  },
  {
    name: 'me PATCH: writable fields, ignored id/password, organization and email rules',
    steps: [
      login('staff'),
      {
        do: 'PATCH names, role, employee_id, id, password',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: {
          first_name: 'Samuel',
          role: 'Admin',
          employee_id: 'X-1',
          id: 999,
          password: 'ignored-pass-1',
          department: 1,
        },
        expect: {
          status: 200,
          body: {
            ...ME.staff,
            first_name: 'Samuel',
            role: 'Admin',
            employee_id: 'X-1',
            department: 1,
          },
        },
      },
      {
        do: 'PATCH another tenant organization',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { organization: 2 },
        expect: {
          status: 400,
          body: { organization: ['Invalid pk "2" - object does not exist.'] },
        },
      },
      {
        do: 'PATCH a taken email',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { email: 'admin@acme.test' },
        expect: { status: 400, body: { email: ['user account with this email already exists.'] } },
      },
      {
        do: 'PATCH another tenant department',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { department: 4 },
        expect: { status: 400, body: { department: ['Invalid pk "4" - object does not exist.'] } },
      },
      {
        do: 'PATCH a bad role',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { role: 'Boss' },
        expect: { status: 400, body: { role: ['"Boss" is not a valid choice.'] } },
      },
      loginWith('staff@acme.test', 'acme-staff-pass-1', 'again', 200),
    ],
  },
  {
    name: 'role is not is_staff: a staff user who PATCHes role Admin still sees only themself',
    steps: [
      login('staff'),
      {
        do: 'PATCH role Admin and is_staff',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { role: 'Admin', is_staff: true },
        expect: { status: 200, body: { ...ME.staff, role: 'Admin' } },
      },
      {
        do: 'list users',
        path: USERS,
        auth: '{staff.access}',
        expect: { status: 200, body: [{ ...ME.staff, role: 'Admin' }] },
      },
      {
        do: 'GET user 1',
        path: `${USERS}1/`,
        auth: '{staff.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
    ],
  },
  {
    name: 'me PUT: email required, then a full update',
    steps: [
      login('staff'),
      {
        do: 'PUT without email',
        method: 'PUT',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { first_name: 'S' },
        expect: { status: 400, body: { email: REQUIRED } },
      },
      {
        do: 'PUT with email',
        method: 'PUT',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { email: 'staff@acme.test', first_name: 'S', last_name: 'T' },
        expect: { status: 200, body: { ...ME.staff, first_name: 'S', last_name: 'T' } },
      },
    ],
  },
  {
    name: 'me PATCH email: me follows, the token claims do not until a new login',
    steps: [
      login('staff'),
      {
        do: 'PATCH email',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { email: 'sam@acme.test' },
        expect: { status: 200, body: { ...ME.staff, email: 'sam@acme.test' } },
      },
      me('{staff.access}', { status: 200, body: { ...ME.staff, email: 'sam@acme.test' } }),
      loginWith('staff@acme.test', 'acme-staff-pass-1', 'old', 401),
      loginWith('sam@acme.test', 'acme-staff-pass-1', 'new', 200),
      {
        check: 'claims of the new login',
        value: (v) => {
          const c = claimsOf(v['new.access'])
          return { email: c.email, username: c.username }
        },
        expect: { email: 'sam@acme.test', username: 'staff@acme.test' },
      },
      {
        do: 'refresh the pre-change session',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        json: { refresh: '{staff.refresh}' },
        expect: 200,
        save: { 'r.access': 'access' },
      },
      {
        check: 'claims are frozen at login: the refreshed access keeps the old email',
        value: (v) => claimsOf(v['r.access']).email,
        expect: 'staff@acme.test',
      },
    ],
  },
  {
    name: 'me PATCH is_active=false: user_inactive, no login, refresh still 200',
    steps: [
      login('staff'),
      {
        do: 'deactivate yourself',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { is_active: false },
        expect: { status: 200, body: { ...ME.staff, is_active: false } },
      },
      me('{staff.access}', {
        status: 401,
        body: { detail: 'User is inactive', code: 'user_inactive' },
      }),
      {
        do: 'sign in again',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: { email: 'staff@acme.test', password: 'acme-staff-pass-1' },
        expect: { status: 401, body: NO_ACCOUNT },
      },
      {
        do: 'refresh',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        json: { refresh: '{staff.refresh}' },
        expect: 200,
      },
    ],
  },
  {
    name: 'me photo: multipart upload, served URL, not an image, cleared with null',
    steps: [
      login('staff'),
      {
        do: 'upload a PNG',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        raw: multipartFile('photo', 'pixel.png', 'image/png', PIXEL_PNG),
        expect: 200,
        save: { photo: 'photo' },
      },
      {
        check: 'photo URL',
        value: (v) =>
          String(v.photo).replace(/^http:\/\/acme\.localhost:\d+\//, 'http://acme.localhost:PORT/'),
        expect: 'http://acme.localhost:PORT/media/users/photos/pixel.png',
      },
      {
        do: 'GET the photo URL',
        path: '/media/users/photos/pixel.png',
        expect: { status: 200, headers: { 'content-type': 'image/png' } },
      },
      {
        do: 'upload a text file',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        raw: multipartFile('photo', 'notes.txt', 'text/plain', Buffer.from('not an image')),
        expect: {
          status: 400,
          body: {
            photo: [
              'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
            ],
          },
        },
      },
      {
        do: 'clear the photo',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { photo: null },
        expect: { status: 200, body: ME.staff },
      },
    ],
  },
  {
    name: 'me DELETE: password required, then user_not_found, refresh still 200, no login',
    steps: [
      login('staff'),
      {
        do: 'DELETE without body',
        method: 'DELETE',
        path: ME_PATH,
        auth: '{staff.access}',
        expect: { status: 400, body: { current_password: REQUIRED } },
      },
      {
        do: 'DELETE with a wrong password',
        method: 'DELETE',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { current_password: 'wrong-pass-1' },
        expect: { status: 400, body: { current_password: ['Invalid password.'] } },
      },
      {
        do: 'DELETE with the password',
        method: 'DELETE',
        path: ME_PATH,
        auth: '{staff.access}',
        json: { current_password: 'acme-staff-pass-1' },
        expect: { status: 204, body: '' },
      },
      me('{staff.access}', { status: 401, body: USER_NOT_FOUND }),
      {
        do: 'refresh after deletion',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        json: { refresh: '{staff.refresh}' },
        expect: 200,
      },
      loginWith('staff@acme.test', 'acme-staff-pass-1', 'gone', 401),
      login('admin'),
      {
        do: 'admin lists users',
        path: USERS,
        auth: '{admin.access}',
        expect: { status: 200, body: [ME.admin] },
      },
      {
        do: 'expenses after the deletion',
        path: '/api/v1/expenses/',
        auth: '{admin.access}',
        expect: 200,
      },
    ],
  },
  {
    name: 'users/{id}: own id, other ids hidden (404), staff sees the tenant, other tenant 404',
    steps: [
      login('staff'),
      login('admin'),
      {
        do: 'staff GET own id',
        path: `${USERS}2/`,
        auth: '{staff.access}',
        expect: { status: 200, body: ME.staff },
      },
      {
        do: 'staff GET admin',
        path: `${USERS}1/`,
        auth: '{staff.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'admin GET staff',
        path: `${USERS}2/`,
        auth: '{admin.access}',
        expect: { status: 200, body: ME.staff },
      },
      {
        do: 'admin GET globex user',
        path: `${USERS}4/`,
        auth: '{admin.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'admin GET unknown id',
        path: `${USERS}99/`,
        auth: '{admin.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'anonymous GET user 1',
        path: `${USERS}1/`,
        expect: { status: 401, body: NOT_PROVIDED },
      },
      {
        do: 'garbage token on user 1',
        path: `${USERS}1/`,
        auth: 'garbage',
        expect: { status: 401, body: badAccess() },
      },
    ],
  },
  {
    name: 'users/{id}: PATCH and DELETE by staff (admin) and by others',
    steps: [
      login('staff'),
      login('admin'),
      {
        do: 'admin PATCH staff',
        method: 'PATCH',
        path: `${USERS}2/`,
        auth: '{admin.access}',
        json: { last_name: 'Renamed' },
        expect: { status: 200, body: { ...ME.staff, last_name: 'Renamed' } },
      },
      {
        do: 'staff PATCH admin',
        method: 'PATCH',
        path: `${USERS}1/`,
        auth: '{staff.access}',
        json: { last_name: 'Nope' },
        expect: { status: 404, body: NOT_FOUND },
      },
      {
        do: 'staff PUT own id',
        method: 'PUT',
        path: `${USERS}2/`,
        auth: '{staff.access}',
        json: { email: 'staff@acme.test', first_name: 'Own' },
        expect: 200,
      },
      {
        do: 'staff DELETE own id with the password',
        method: 'DELETE',
        path: `${USERS}2/`,
        auth: '{staff.access}',
        json: { current_password: 'acme-staff-pass-1' },
        expect: 204,
      },
      {
        do: 'admin GET deleted staff',
        path: `${USERS}2/`,
        auth: '{admin.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
    ],
  },
]

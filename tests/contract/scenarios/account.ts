/** Contract §5: set_password, set_email, password reset by mail, activation, email reset. */
import type { Scenario } from '../harness/dsl'
import { claimsOf } from '../harness/normalise'
import { AUTH, login, loginWith, me, ME, NOT_PROVIDED, REQUIRED } from './helpers'

const U = `${AUTH}/users`
const NEW = 'n3w-Secret-pass'

const post = (doing: string, path: string, json: unknown, expect?: unknown, auth?: string) => ({
  do: doing,
  method: 'POST' as const,
  path,
  json,
  auth,
  expect: expect as number,
})

export const accountScenarios: Scenario[] = [
  {
    name: 'set_password: validation, success, old tokens keep working, new password needed',
    steps: [
      login('staff'),
      post('anonymous', `${U}/set_password/`, {}, { status: 401, body: NOT_PROVIDED }),
      post(
        'empty body',
        `${U}/set_password/`,
        {},
        { status: 400, body: { new_password: REQUIRED, current_password: REQUIRED } },
        '{staff.access}',
      ),
      post(
        'wrong current password',
        `${U}/set_password/`,
        { current_password: 'wrong-pass-1', new_password: NEW },
        { status: 400, body: { current_password: ['Invalid password.'] } },
        '{staff.access}',
      ),
      post(
        'weak new password',
        `${U}/set_password/`,
        { current_password: 'acme-staff-pass-1', new_password: '1234567' },
        {
          status: 400,
          body: {
            new_password: [
              'This password is too short. It must contain at least 8 characters.',
              'This password is too common.',
              'This password is entirely numeric.',
            ],
          },
        },
        '{staff.access}',
      ),
      post(
        'change it',
        `${U}/set_password/`,
        { current_password: 'acme-staff-pass-1', new_password: NEW, re_new_password: 'ignored' },
        { status: 204, body: '' },
        '{staff.access}',
      ),
      me('{staff.access}', { status: 200, body: ME.staff }),
      post(
        'the old refresh token still refreshes',
        `${AUTH}/jwt/refresh/`,
        { refresh: '{staff.refresh}' },
        200,
      ),
      loginWith('staff@acme.test', 'acme-staff-pass-1', 'old', 401),
      loginWith('staff@acme.test', NEW, 'new', 200),
    ],
  },
  {
    name: 'set_password (PASSWORD_RETYPE=1): mismatch and missing re_new_password',
    config: 'retype',
    steps: [
      login('staff'),
      post(
        'mismatch',
        `${U}/set_password/`,
        {
          current_password: 'acme-staff-pass-1',
          new_password: NEW,
          re_new_password: 'other-Secret-1',
        },
        { status: 400, body: { non_field_errors: ["The two password fields didn't match."] } },
        '{staff.access}',
      ),
      post(
        'missing re_new_password',
        `${U}/set_password/`,
        { current_password: 'acme-staff-pass-1', new_password: NEW },
        { status: 400, body: { re_new_password: REQUIRED } },
        '{staff.access}',
      ),
      post(
        'matching',
        `${U}/set_password/`,
        { current_password: 'acme-staff-pass-1', new_password: NEW, re_new_password: NEW },
        204,
        '{staff.access}',
      ),
    ],
  },
  {
    name: 'PASSWORD_RETYPE=1: set_email, reset_password_confirm and reset_email_confirm retype fields',
    config: 'retype',
    steps: [
      login('staff'),
      post(
        'set_email without re_new_email',
        `${U}/set_email/`,
        { new_email: 'sam@acme.test', current_password: 'acme-staff-pass-1' },
        undefined,
        '{staff.access}',
      ),
      post(
        'set_email with a mismatching re_new_email',
        `${U}/set_email/`,
        {
          new_email: 'sam@acme.test',
          re_new_email: 'other@acme.test',
          current_password: 'acme-staff-pass-1',
        },
        undefined,
        '{staff.access}',
      ),
      post('ask for a reset', `${U}/reset_password/`, { email: 'admin@acme.test' }, 204),
      { mail: 'the reset mail', save: 'reset' },
      post('confirm without re_new_password', `${U}/reset_password_confirm/`, {
        uid: '{reset.uid}',
        token: '{reset.token}',
        new_password: NEW,
      }),
      post('confirm with a mismatch', `${U}/reset_password_confirm/`, {
        uid: '{reset.uid}',
        token: '{reset.token}',
        new_password: NEW,
        re_new_password: 'x-Other-pass-9',
      }),
      post(
        'confirm with the retype',
        `${U}/reset_password_confirm/`,
        { uid: '{reset.uid}', token: '{reset.token}', new_password: NEW, re_new_password: NEW },
        204,
      ),
      post('reset_email', `${U}/reset_email/`, { email: 'staff@acme.test' }, 204),
      { mail: 'the email-reset mail', save: 'er' },
      post('reset_email_confirm without re_new_email', `${U}/reset_email_confirm/`, {
        uid: '{er.uid}',
        token: '{er.token}',
        new_email: 'samuel@acme.test',
      }),
      post('reset_email_confirm with the retype', `${U}/reset_email_confirm/`, {
        uid: '{er.uid}',
        token: '{er.token}',
        new_email: 'samuel@acme.test',
        re_new_email: 'samuel@acme.test',
      }),
    ],
  },
  {
    name: 'set_email: validation, success, me shows it, old token works, new login',
    steps: [
      login('staff'),
      post(
        'empty body',
        `${U}/set_email/`,
        {},
        { status: 400, body: { current_password: REQUIRED, new_email: REQUIRED } },
        '{staff.access}',
      ),
      post(
        'taken email',
        `${U}/set_email/`,
        { new_email: 'admin@acme.test', current_password: 'acme-staff-pass-1' },
        { status: 400, body: { new_email: ['user account with this email already exists.'] } },
        '{staff.access}',
      ),
      post(
        'wrong password',
        `${U}/set_email/`,
        { new_email: 'sam@acme.test', current_password: 'wrong-pass-1' },
        { status: 400, body: { current_password: ['Invalid password.'] } },
        '{staff.access}',
      ),
      post(
        'bad email',
        `${U}/set_email/`,
        { new_email: 'nope', current_password: 'acme-staff-pass-1' },
        { status: 400, body: { new_email: ['Enter a valid email address.'] } },
        '{staff.access}',
      ),
      post(
        'change it',
        `${U}/set_email/`,
        { new_email: 'sam@acme.test', current_password: 'acme-staff-pass-1' },
        { status: 204, body: '' },
        '{staff.access}',
      ),
      me('{staff.access}', { status: 200, body: { ...ME.staff, email: 'sam@acme.test' } }),
      loginWith('staff@acme.test', 'acme-staff-pass-1', 'old', 401),
      loginWith('sam@acme.test', 'acme-staff-pass-1', 'new', 200),
      {
        check: 'the new login has the new email and the old username',
        value: (v) => {
          const c = claimsOf(v['new.access'])
          return { email: c.email, username: c.username }
        },
        expect: { email: 'sam@acme.test', username: 'staff@acme.test' },
      },
    ],
  },
  {
    name: 'reset_password: known, unknown and other-tenant addresses, validation',
    steps: [
      post(
        'unknown address',
        `${U}/reset_password/`,
        { email: 'ghost@acme.test' },
        { status: 204, body: '' },
      ),
      { mail: 'nothing sent for an unknown address', expectCount: 0 },
      post('another tenant address', `${U}/reset_password/`, { email: 'admin@globex.test' }, 204),
      { mail: 'nothing sent for another tenant', expectCount: 0 },
      post('empty body', `${U}/reset_password/`, {}, { status: 400, body: { email: REQUIRED } }),
      post(
        'bad email',
        `${U}/reset_password/`,
        { email: 'nope' },
        { status: 400, body: { email: ['Enter a valid email address.'] } },
      ),
      post('known address', `${U}/reset_password/`, { email: 'staff@acme.test' }, 204),
      { mail: 'one mail for a known address', expectCount: 1 },
    ],
  },
  {
    // Not in the contract's tables: Djoser 2.1 looks the address up with an exact match and
    // is_active=True, so the live Django is the reference here.
    name: 'reset_password: the letter case of the address matters; inactive users get no mail',
    steps: [
      post('upper-case address', `${U}/reset_password/`, { email: 'STAFF@ACME.TEST' }, 204),
      { mail: 'after the upper-case address' },
      post('exact address', `${U}/reset_password/`, { email: 'staff@acme.test' }, 204),
      { mail: 'after the exact address' },
      login('admin'),
      {
        do: 'admin deactivates staff',
        method: 'PATCH',
        path: `${U}/2/`,
        auth: '{admin.access}',
        json: { is_active: false },
        expect: { status: 200, body: { ...ME.staff, is_active: false } },
      },
      post(
        'reset for the inactive user',
        `${U}/reset_password/`,
        { email: 'staff@acme.test' },
        204,
      ),
      { mail: 'after the inactive user' },
      {
        do: 'register Mixed.Case',
        method: 'POST',
        path: `${U}/`,
        json: { email: 'Mixed.Case@acme.test', password: 'sup3r-Secret-xyz' },
        expect: 201,
      },
      {
        do: 'register mixed.case',
        method: 'POST',
        path: `${U}/`,
        json: { email: 'mixed.case@acme.test', password: 'sup3r-Secret-xyz' },
        expect: 201,
      },
      {
        do: 'reset for mixed.case (two users differ only in case)',
        method: 'POST',
        path: `${U}/reset_password/`,
        json: { email: 'mixed.case@acme.test' },
      },
      { mail: 'after mixed.case' },
    ],
  },
  {
    name: 'reset_password_confirm: a token dies when the password changes another way',
    steps: [
      post('ask for a reset', `${U}/reset_password/`, { email: 'staff@acme.test' }, 204),
      { mail: 'the reset mail', save: 'reset' },
      login('staff'),
      post(
        'set_password meanwhile',
        `${U}/set_password/`,
        { current_password: 'acme-staff-pass-1', new_password: NEW },
        204,
        '{staff.access}',
      ),
      post(
        'confirm with the old mail',
        `${U}/reset_password_confirm/`,
        { uid: '{reset.uid}', token: '{reset.token}', new_password: 'n3w-Secret-pass-2' },
        { status: 400, body: { token: ['Invalid token for given user.'] } },
      ),
    ],
  },
  {
    name: 'reset_password_confirm: uid/token from the mail, single use, then sign in',
    steps: [
      post('ask for a reset', `${U}/reset_password/`, { email: 'admin@acme.test' }, 204),
      { mail: 'the reset mail', save: 'reset', expectCount: 1 },
      {
        check: 'the link: API host, the SPA route, uid = base64(id), a ~39-character token',
        value: (v) => ({
          uid: v['reset.uid'],
          to: v['reset.to'],
          url: String(v['reset.url'])
            .replace(/^http:\/\/acme\.localhost:\d+\//, 'http://acme.localhost:PORT/')
            .replace(/\/[0-9a-z]{1,13}-[0-9a-f]{32}$/, '/<ts>-<32 hex>'),
        }),
        expect: {
          uid: 'MQ',
          to: 'admin@acme.test',
          url: 'http://acme.localhost:PORT/auth/password/reset/MQ/<ts>-<32 hex>',
        },
      },
      post(
        'confirm with a weak password',
        `${U}/reset_password_confirm/`,
        { uid: '{reset.uid}', token: '{reset.token}', new_password: 'password' },
        { status: 400, body: { new_password: ['This password is too common.'] } },
      ),
      post(
        'confirm',
        `${U}/reset_password_confirm/`,
        { uid: '{reset.uid}', token: '{reset.token}', new_password: NEW },
        { status: 204, body: '' },
      ),
      post(
        'confirm again with the same token',
        `${U}/reset_password_confirm/`,
        { uid: '{reset.uid}', token: '{reset.token}', new_password: 'n3w-Secret-pass-2' },
        { status: 400, body: { token: ['Invalid token for given user.'] } },
      ),
      loginWith('admin@acme.test', 'acme-admin-pass-1', 'old', 401),
      loginWith('admin@acme.test', NEW, 'new', 200),
    ],
  },
  {
    name: 'reset_password_confirm: bad uid, bad token, empty body, other tenant uid',
    // The same answers on the original backend (and the fixture's original profile).
    profiles: ['original', 'hardened'],
    steps: [
      post(
        'empty body',
        `${U}/reset_password_confirm/`,
        {},
        { status: 400, body: { uid: REQUIRED, token: REQUIRED, new_password: REQUIRED } },
      ),
      post(
        'bad uid',
        `${U}/reset_password_confirm/`,
        { uid: 'zz', token: 'abc-123', new_password: NEW },
        { status: 400, body: { uid: ["Invalid user id or user doesn't exist."] } },
      ),
      post(
        'bad token',
        `${U}/reset_password_confirm/`,
        { uid: 'MQ', token: 'abc-123', new_password: NEW },
        { status: 400, body: { token: ['Invalid token for given user.'] } },
      ),
      post(
        'uid of a globex user on acme',
        `${U}/reset_password_confirm/`,
        { uid: 'Mw', token: 'abc-123', new_password: NEW },
        { status: 400, body: { uid: ["Invalid user id or user doesn't exist."] } },
      ),
    ],
  },
  {
    name: 'activation: stale token for an active user, bad uid, bad token; resend_activation',
    steps: [
      post(
        'ask for a reset (to get a token)',
        `${U}/reset_password/`,
        { email: 'staff@acme.test' },
        204,
      ),
      { mail: 'the reset mail', save: 'reset' },
      post(
        'activate an active user',
        `${U}/activation/`,
        { uid: '{reset.uid}', token: '{reset.token}' },
        { status: 403, body: { detail: 'Stale token for given user.' } },
      ),
      post(
        'bad uid',
        `${U}/activation/`,
        { uid: 'zz', token: '{reset.token}' },
        { status: 400, body: { uid: ["Invalid user id or user doesn't exist."] } },
      ),
      post(
        'bad token',
        `${U}/activation/`,
        { uid: '{reset.uid}', token: 'abc-123' },
        { status: 400, body: { token: ['Invalid token for given user.'] } },
      ),
      post(
        'empty body',
        `${U}/activation/`,
        {},
        { status: 400, body: { uid: REQUIRED, token: REQUIRED } },
      ),
      post(
        'resend_activation',
        `${U}/resend_activation/`,
        { email: 'staff@acme.test' },
        { status: 400, body: '' },
      ),
      post(
        'resend_activation unknown',
        `${U}/resend_activation/`,
        { email: 'ghost@acme.test' },
        { status: 400, body: '' },
      ),
      post(
        'resend_activation empty body',
        `${U}/resend_activation/`,
        {},
        { status: 400, body: { email: REQUIRED } },
      ),
    ],
  },
  {
    name: 'reset_email and reset_email_confirm: mail, empty body, confirm changes the email',
    steps: [
      post(
        'reset_email',
        `${U}/reset_email/`,
        { email: 'staff@acme.test' },
        { status: 204, body: '' },
      ),
      { mail: 'the email-reset mail', save: 'er', expectCount: 1 },
      post(
        'confirm with an empty body',
        `${U}/reset_email_confirm/`,
        {},
        { status: 400, body: { new_email: REQUIRED } },
      ),
      post(
        'confirm',
        `${U}/reset_email_confirm/`,
        { uid: '{er.uid}', token: '{er.token}', new_email: 'sam@acme.test' },
        204,
      ),
      loginWith('sam@acme.test', 'acme-staff-pass-1', 'sam', 200),
      post('reset_email unknown', `${U}/reset_email/`, { email: 'ghost@acme.test' }, 204),
      { mail: 'no second mail', expectCount: 1 },
    ],
  },
]

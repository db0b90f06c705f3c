/**
 * DRF behaviour the contract implies without spelling out each row: parsers (415, non-object
 * bodies), field coercion and trimming, blank/null messages. A client sees these as 400 bodies.
 * The contract states none of these answers, so the steps carry no `expect` (beyond a status
 * where the contract's rules fix it): the live Django, built from the same packages, is the
 * reference, and the mock must match it.
 */
import type { Scenario } from '../harness/dsl'
import { Books } from './domainSeed'
import { API, AUTH, login } from './helpers'

/** A globex expense's id (hardened: one id sequence for every tenant). */
const GLOBEX_EXPENSE = new Books('hardened').expense('globex', 'Courier').id

/** A valid expense body: acme's budget 1, a plain date. */
const EXPENSE = { budget: 1, date: '2026-11-10', use: 'x', amount: 1 }

const expensePost = (doing: string, json: unknown, expect?: number) => ({
  do: doing,
  method: 'POST' as const,
  path: `${API}/expenses/`,
  auth: '{admin.access}',
  json,
  expect,
})

export const edgeScenarios: Scenario[] = [
  {
    name: 'parsers: unsupported media type, non-object JSON bodies, form bodies on register',
    steps: [
      {
        do: 'register with text/plain',
        method: 'POST',
        path: `${AUTH}/users/`,
        raw: { contentType: 'text/plain', body: 'email=a@acme.test' },
      },
      {
        do: 'register with a JSON list',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: [1, 2],
        expect: 400,
      },
      {
        do: 'jwt/create with a JSON string',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: 'admin@acme.test',
        expect: 400,
      },
      {
        do: 'jwt/create with JSON null',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: null,
        expect: 400,
      },
      {
        do: 'register form-encoded',
        method: 'POST',
        path: `${AUTH}/users/`,
        form: { email: 'form@acme.test', password: 'sup3r-Secret-xyz', role: 'Admin' },
        expect: 201,
      },
      {
        do: 'jwt/create with truncated JSON',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        raw: { contentType: 'application/json', body: '{"email": "admin@acme.test", ' },
        expect: 400,
      },
    ],
  },
  {
    name: 'jwt/create: whitespace is trimmed, non-strings are coerced, null is refused',
    steps: [
      {
        do: 'email and password with surrounding spaces',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: { email: ' admin@acme.test ', password: ' acme-admin-pass-1 ' },
      },
      {
        do: 'numeric email and password',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: { email: 123, password: 456 },
      },
      {
        do: 'null email',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: { email: null, password: 'x' },
      },
      {
        do: 'blank password',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: { email: 'admin@acme.test', password: '   ' },
      },
      {
        do: 'refresh with a number',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        json: { refresh: 123 },
      },
      {
        do: 'verify with null',
        method: 'POST',
        path: `${AUTH}/jwt/verify/`,
        json: { token: null },
      },
    ],
  },
  {
    name: 'register: whitespace and letter case in email, blank names, long fields',
    steps: [
      {
        do: 'email with spaces',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: '  spaced@acme.test ', password: 'sup3r-Secret-xyz' },
      },
      {
        do: 'blank email',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: '', password: 'sup3r-Secret-xyz' },
      },
      {
        do: 'null password',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: 'np@acme.test', password: null },
      },
      {
        do: 'long first name',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: {
          email: 'long@acme.test',
          password: 'sup3r-Secret-xyz',
          first_name: 'x'.repeat(200),
        },
      },
      {
        do: 'null department and employee_id',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: {
          email: 'nulls@acme.test',
          password: 'sup3r-Secret-xyz',
          department: null,
          employee_id: null,
          photo: null,
        },
      },
      {
        do: 'department as a string id',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: 'strdep@acme.test', password: 'sup3r-Secret-xyz', department: '2' },
      },
      {
        do: 'department of the wrong type',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: 'baddep@acme.test', password: 'sup3r-Secret-xyz', department: 'abc' },
      },
      {
        do: 'password similar to the first name',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: 'sim@acme.test', password: 'Bartholomew', first_name: 'Bartholomew' },
      },
    ],
  },
  {
    name: 'expenses: amount coercion, blank and null fields, budget and date types',
    steps: [
      login('admin'),
      expensePost('amount true', { ...EXPENSE, amount: true }),
      expensePost('amount 1.0', { ...EXPENSE, amount: 1.0, use: 'one' }),
      expensePost('amount 1.5', { ...EXPENSE, amount: 1.5 }),
      expensePost('amount "abc"', { ...EXPENSE, amount: 'abc' }),
      expensePost('amount null', { ...EXPENSE, amount: null }),
      expensePost('huge amount', { ...EXPENSE, amount: 1e12 }),
      expensePost('blank use', { ...EXPENSE, use: '' }),
      expensePost('whitespace use', { ...EXPENSE, use: '   ' }),
      expensePost('padded use is trimmed', { ...EXPENSE, use: '  padded  ' }),
      expensePost('null budget', { ...EXPENSE, budget: null }),
      expensePost('budget "abc"', { ...EXPENSE, budget: 'abc' }),
      expensePost('budget "2"', { ...EXPENSE, budget: '2', use: 'two' }),
      expensePost('budget 999', { ...EXPENSE, budget: 999 }),
      expensePost('budget 1.5', { ...EXPENSE, budget: 1.5 }),
      expensePost('date null', { ...EXPENSE, date: null }),
      expensePost('date as a number', { ...EXPENSE, date: 20261201 }),
      expensePost('date 2026-2-3', { ...EXPENSE, date: '2026-2-3', use: 'short date' }),
      expensePost('date 2026-02-30', { ...EXPENSE, date: '2026-02-30' }),
      expensePost('read-only fields are ignored', {
        ...EXPENSE,
        use: 'three',
        id: 77,
        created: '2020-01-01T00:00:00+03:00',
        updated: '2020-01-01T00:00:00+03:00',
      }),
      {
        do: 'list',
        path: `${API}/expenses/`,
        auth: '{admin.access}',
        expect: 200,
      },
    ],
  },
  {
    name: 'departments and me: blank, null and long values',
    steps: [
      login('admin'),
      {
        do: 'blank department name',
        method: 'POST',
        path: `${API}/departments/`,
        auth: '{admin.access}',
        json: { name: '' },
      },
      {
        do: 'null department name',
        method: 'POST',
        path: `${API}/departments/`,
        auth: '{admin.access}',
        json: { name: null },
      },
      {
        do: 'long department name',
        method: 'POST',
        path: `${API}/departments/`,
        auth: '{admin.access}',
        json: { name: 'd'.repeat(300) },
      },
      {
        do: 'name with spaces',
        method: 'POST',
        path: `${API}/departments/`,
        auth: '{admin.access}',
        json: { name: '  Finance  ' },
      },
      {
        do: 'PATCH me department null',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        json: { department: null },
      },
      {
        do: 'PATCH me email with an upper-case domain',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        json: { email: 'Ada@ACME.test' },
      },
      {
        do: 'PATCH me blank email',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        json: { email: '' },
      },
      {
        do: 'PATCH me is_active as a string',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        json: { is_active: 'maybe' },
      },
    ],
  },
  {
    name: 'password validators see the user: set_password and reset confirm similar to the email',
    steps: [
      login('staff'),
      {
        do: 'set_password similar to the email',
        method: 'POST',
        path: `${AUTH}/users/set_password/`,
        auth: '{staff.access}',
        json: { current_password: 'acme-staff-pass-1', new_password: 'staff@acme.test1' },
      },
      {
        do: 'set_password similar to the last name',
        method: 'POST',
        path: `${AUTH}/users/set_password/`,
        auth: '{staff.access}',
        json: { current_password: 'acme-staff-pass-1', new_password: 'Staff-Staff' },
      },
      {
        do: 'ask for a reset',
        method: 'POST',
        path: `${AUTH}/users/reset_password/`,
        json: { email: 'staff@acme.test' },
        expect: 204,
      },
      { mail: 'the reset mail', save: 'reset' },
      {
        do: 'confirm with a password similar to the email',
        method: 'POST',
        path: `${AUTH}/users/reset_password_confirm/`,
        json: { uid: '{reset.uid}', token: '{reset.token}', new_password: 'staff@acme.test' },
      },
      {
        do: 'confirm with a numeric short password',
        method: 'POST',
        path: `${AUTH}/users/reset_password_confirm/`,
        json: { uid: '{reset.uid}', token: '{reset.token}', new_password: '9071' },
      },
    ],
  },
  {
    name: 'file and read-only fields in JSON; query strings are ignored by the lists',
    steps: [
      login('admin'),
      {
        do: 'PATCH me photo as a string',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        json: { photo: 'http://example.com/a.png' },
      },
      {
        do: 'PATCH me photo as an empty string',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        json: { photo: '' },
      },
      {
        do: 'register with id and is_active',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: { email: 'ro@acme.test', password: 'sup3r-Secret-xyz', id: 99, is_active: false },
      },
      {
        do: 'the new user can sign in',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: { email: 'ro@acme.test', password: 'sup3r-Secret-xyz' },
      },
      {
        do: 'expenses with a filter-looking query',
        path: `${API}/expenses/?department=1&ordering=amount&page=2`,
        auth: '{admin.access}',
      },
      {
        do: 'users with a search-looking query',
        path: `${AUTH}/users/?search=staff&email=staff@acme.test`,
        auth: '{admin.access}',
      },
      {
        do: 'tenants/info with a number',
        method: 'POST',
        path: `${API}/tenants/info/`,
        json: { tenant_id: 1001 },
      },
      {
        do: 'PUT a department without a name',
        method: 'PUT',
        path: `${API}/departments/1/`,
        auth: '{admin.access}',
        json: {},
      },
      {
        do: 'PUT a globex expense',
        method: 'PUT',
        path: `${API}/expenses/${GLOBEX_EXPENSE}/`,
        auth: '{admin.access}',
        json: EXPENSE,
      },
      {
        do: 'admin PUT staff with a taken email',
        method: 'PUT',
        path: `${AUTH}/users/2/`,
        auth: '{admin.access}',
        json: { email: 'admin@acme.test' },
      },
    ],
  },
  {
    name: 'forms and encodings: multipart PATCH of text fields, padded uid, case variants elsewhere',
    steps: [
      login('staff'),
      {
        do: 'multipart PATCH first_name and is_active=true',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{staff.access}',
        raw: multipartText({ first_name: 'Form', is_active: 'true', department: '' }),
      },
      {
        do: 'form-encoded set_password with a wrong current password',
        method: 'POST',
        path: `${AUTH}/users/set_password/`,
        auth: '{staff.access}',
        form: { current_password: 'nope-nope-1', new_password: 'n3w-Secret-pass' },
      },
      {
        do: 'PATCH me to another tenant email',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{staff.access}',
        json: { email: 'admin@globex.test' },
      },
      {
        do: 'set_email to a domain-case variant of another user',
        method: 'POST',
        path: `${AUTH}/users/set_email/`,
        auth: '{staff.access}',
        json: { new_email: 'admin@ACME.test', current_password: 'acme-staff-pass-1' },
      },
      {
        do: 'ask for a reset',
        method: 'POST',
        path: `${AUTH}/users/reset_password/`,
        json: { email: 'admin@acme.test' },
      },
      { mail: 'the reset mail', save: 'reset' },
      {
        do: 'confirm with a padded uid',
        method: 'POST',
        path: `${AUTH}/users/reset_password_confirm/`,
        json: { uid: '{reset.uid}==', token: '{reset.token}', new_password: 'n3w-Secret-pass' },
      },
      {
        do: 'confirm with the uid of a globex user on acme',
        method: 'POST',
        path: `${AUTH}/users/reset_password_confirm/`,
        json: { uid: 'Mw', token: '{reset.token}', new_password: 'n3w-Secret-pass' },
      },
      {
        do: 'tenants/info with a lower-case code',
        method: 'POST',
        path: `${API}/tenants/info/`,
        json: { tenant_id: 'acm-1001' },
      },
    ],
  },
  {
    name: 'form-encoded and multipart bodies on the resource endpoints',
    steps: [
      login('admin'),
      {
        do: 'form POST expense',
        method: 'POST',
        path: `${API}/expenses/`,
        auth: '{admin.access}',
        form: { amount: '250', use: 'Form taxi', budget: '2', date: '2026-11-20' },
      },
      {
        do: 'multipart POST expense with blanks',
        method: 'POST',
        path: `${API}/expenses/`,
        auth: '{admin.access}',
        raw: multipartText({ amount: '', use: '', budget: '', date: '' }),
      },
      {
        do: 'multipart PATCH expense with an empty amount',
        method: 'PATCH',
        path: `${API}/expenses/1/`,
        auth: '{admin.access}',
        raw: multipartText({ amount: '' }),
      },
      {
        do: 'form POST department',
        method: 'POST',
        path: `${API}/departments/`,
        auth: '{admin.access}',
        form: { name: 'Form Dept' },
      },
      {
        do: 'form refresh',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        form: { refresh: '{admin.refresh}' },
      },
      {
        do: 'form tenants/info',
        method: 'POST',
        path: `${API}/tenants/info/`,
        form: { tenant_id: 'GLO-1002' },
      },
      {
        do: 'multipart PATCH me employee_id and last_name blank',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        raw: multipartText({ employee_id: '', last_name: '', role: '' }),
      },
    ],
  },
  {
    name: 'empty strings in JSON and forms on register and me (relations, choices, booleans, photo)',
    steps: [
      {
        do: 'JSON register with empty department, organization and role',
        method: 'POST',
        path: `${AUTH}/users/`,
        json: {
          email: 'e1@acme.test',
          password: 'sup3r-Secret-xyz',
          department: '',
          organization: '',
          role: '',
        },
      },
      {
        do: 'multipart register with empty optional fields',
        method: 'POST',
        path: `${AUTH}/users/`,
        raw: multipartText({
          email: 'e2@acme.test',
          password: 'sup3r-Secret-xyz',
          first_name: '',
          department: '',
          employee_id: '',
          organization: '',
          photo: '',
        }),
      },
      login('staff'),
      {
        do: 'JSON PATCH me is_active empty and department empty',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{staff.access}',
        json: { is_active: '', department: '' },
      },
      {
        do: 'multipart PATCH me photo empty and is_active empty',
        method: 'PATCH',
        path: `${AUTH}/users/me/`,
        auth: '{staff.access}',
        raw: multipartText({ photo: '', is_active: '' }),
      },
    ],
  },
]

/** multipart/form-data with text fields only. */
function multipartText(fields: Record<string, string>) {
  const boundary = '----contract-suite-text-boundary'
  const body = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: `${body}--${boundary}--\r\n`,
  }
}

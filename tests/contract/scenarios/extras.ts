/**
 * Combinations the contract's tables imply but do not list: media files, admin actions on other
 * users, blacklist across tenants, preflights on gate hosts, HEAD. Mostly mock-vs-Django parity.
 */
import type { Scenario } from '../harness/dsl'
import { Books } from './domainSeed'
import {
  API,
  AUTH,
  login,
  ME,
  multipartFile,
  NOT_FOUND,
  PIXEL_PNG,
  USER_NOT_FOUND,
} from './helpers'

const ME_PATH = `${AUTH}/users/me/`
/** A globex budget's id (hardened: one id sequence for every tenant). */
const GLOBEX_BUDGET = new Books('hardened').budget('globex', 'mkt-cur').id
const PREFLIGHT = {
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'content-type',
}

export const extraScenarios: Scenario[] = [
  {
    name: 'photo: a second upload with the same name gets a new storage name; media on gate hosts',
    steps: [
      login('staff'),
      {
        do: 'upload pixel.png',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        raw: multipartFile('photo', 'pixel.png', 'image/png', PIXEL_PNG),
        expect: 200,
      },
      {
        do: 'upload pixel.png again',
        method: 'PATCH',
        path: ME_PATH,
        auth: '{staff.access}',
        raw: multipartFile('photo', 'pixel.png', 'image/png', PIXEL_PNG),
        expect: 200,
        save: { photo2: 'photo' },
      },
      {
        check: 'the second storage name',
        value: (v) =>
          String(v.photo2).replace(
            /^http:\/\/acme\.localhost:\d+\/media\/users\/photos\/pixel_[A-Za-z0-9]{7}\.png$/,
            'pixel_<7 random>.png',
          ),
        expect: 'pixel_<7 random>.png',
      },
      { do: 'GET a missing media file', path: '/media/users/photos/none.png', expect: 404 },
      {
        do: 'GET the first photo on globex',
        path: '/media/users/photos/pixel.png',
        host: 'globex',
      },
      { do: 'GET the first photo on nope', path: '/media/users/photos/pixel.png', host: 'nope' },
      {
        do: 'GET the first photo on the public host',
        path: '/media/users/photos/pixel.png',
        host: 'public',
      },
    ],
  },
  {
    name: 'register with a multipart photo',
    steps: [
      {
        do: 'register with a photo',
        method: 'POST',
        path: `${AUTH}/users/`,
        raw: multipartFields(
          { email: 'pic@acme.test', password: 'sup3r-Secret-xyz', first_name: 'Pic' },
          PIXEL_PNG,
        ),
        expect: 201,
        save: { photo: 'photo' },
      },
      {
        check: 'photo URL',
        value: (v) =>
          String(v.photo).replace(/^http:\/\/acme\.localhost:\d+\//, 'http://acme.localhost:PORT/'),
        expect: 'http://acme.localhost:PORT/media/users/photos/pixel.png',
      },
    ],
  },
  {
    name: 'admin deletes another user with the admin password; their token and verify afterwards',
    steps: [
      login('staff'),
      login('admin'),
      {
        do: 'admin DELETE staff with the staff password',
        method: 'DELETE',
        path: `${AUTH}/users/2/`,
        auth: '{admin.access}',
        json: { current_password: 'acme-staff-pass-1' },
        expect: 400,
      },
      {
        do: 'admin DELETE staff with the admin password',
        method: 'DELETE',
        path: `${AUTH}/users/2/`,
        auth: '{admin.access}',
        json: { current_password: 'acme-admin-pass-1' },
        expect: 204,
      },
      {
        do: 'staff token',
        path: ME_PATH,
        auth: '{staff.access}',
        expect: { status: 401, body: USER_NOT_FOUND },
      },
      {
        do: 'verify the deleted user access token',
        method: 'POST',
        path: `${AUTH}/jwt/verify/`,
        json: { token: '{staff.access}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'expense 1 of the deleted user',
        path: `${API}/expenses/1/`,
        auth: '{admin.access}',
      },
    ],
  },
  {
    name: 'jwt/blacklist: across tenants, with a stale header, then refresh',
    steps: [
      login('admin'),
      {
        do: 'blacklist acme refresh on globex',
        method: 'POST',
        path: `${AUTH}/jwt/blacklist/`,
        host: 'globex',
        auth: 'garbage',
        json: { refresh: '{admin.refresh}' },
      },
      {
        do: 'refresh on acme',
        method: 'POST',
        path: `${AUTH}/jwt/refresh/`,
        json: { refresh: '{admin.refresh}' },
      },
      {
        do: 'blacklist without slash',
        method: 'POST',
        path: `${AUTH}/jwt/blacklist`,
        json: {},
      },
    ],
  },
  {
    name: 'register while signed in; register on globex signs in only there',
    steps: [
      login('admin'),
      {
        do: 'register with a valid token',
        method: 'POST',
        path: `${AUTH}/users/`,
        auth: '{admin.access}',
        json: { email: 'new@acme.test', password: 'sup3r-Secret-xyz' },
        expect: 201,
      },
      {
        do: 'register on globex',
        method: 'POST',
        path: `${AUTH}/users/`,
        host: 'globex',
        json: { email: 'new@globex.test', password: 'sup3r-Secret-xyz' },
        expect: 201,
      },
      {
        do: 'the globex user on acme',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        json: { email: 'new@globex.test', password: 'sup3r-Secret-xyz' },
        expect: 401,
      },
      {
        do: 'the globex user on globex',
        method: 'POST',
        path: `${AUTH}/jwt/create/`,
        host: 'globex',
        json: { email: 'new@globex.test', password: 'sup3r-Secret-xyz' },
        expect: 200,
        save: { 'g.access': 'access' },
      },
      {
        do: 'globex me',
        path: ME_PATH,
        host: 'globex',
        auth: '{g.access}',
        expect: {
          status: 200,
          body: {
            id: 6,
            first_name: '',
            last_name: '',
            email: 'new@globex.test',
            photo: null,
            organization: 2,
            department: null,
            employee_id: null,
            role: 'Staff',
            is_active: true,
          },
        },
      },
    ],
  },
  {
    name: 'expenses PATCH: another tenant budget, read-only fields; departments of globex',
    steps: [
      login('staff'),
      {
        do: 'PATCH budget to a globex one',
        method: 'PATCH',
        path: `${API}/expenses/1/`,
        auth: '{staff.access}',
        json: { budget: GLOBEX_BUDGET },
        expect: {
          status: 400,
          body: { budget: [`Invalid pk "${GLOBEX_BUDGET}" - object does not exist.`] },
        },
      },
      {
        do: 'PATCH read-only fields with the use',
        method: 'PATCH',
        path: `${API}/expenses/1/`,
        auth: '{staff.access}',
        json: { id: 50, created: '2020-01-01T00:00:00+03:00', use: 'Audit fees!' },
        expect: 200,
      },
      {
        do: 'staff edits an expense of the admin',
        method: 'PATCH',
        path: `${API}/expenses/3/`,
        auth: '{staff.access}',
        json: { amount: 1 },
      },
      login('gstaff'),
      {
        do: 'globex departments',
        path: `${API}/departments/`,
        host: 'globex',
        auth: '{gstaff.access}',
        expect: 200,
      },
    ],
  },
  {
    // No HEAD here: the fixture's development server (wsgiref) sends a body on HEAD, which a
    // client's HTTP parser rejects; a browser SPA never sends HEAD to this API.
    name: 'preflights on gate hosts and slash-less paths',
    steps: [
      {
        do: 'preflight on nope',
        method: 'OPTIONS',
        path: `${AUTH}/jwt/create/`,
        host: 'nope',
        headers: PREFLIGHT,
        expect: 200,
      },
      {
        do: 'preflight on initech',
        method: 'OPTIONS',
        path: `${AUTH}/jwt/create/`,
        host: 'initech',
        headers: PREFLIGHT,
        expect: 200,
      },
      {
        do: 'preflight without slash',
        method: 'OPTIONS',
        path: `${AUTH}/users`,
        headers: PREFLIGHT,
        expect: 200,
      },
      login('staff'),
      {
        do: 'GET me for comparison',
        path: ME_PATH,
        auth: '{staff.access}',
        expect: { status: 200, body: ME.staff },
      },
      {
        do: 'GET a deleted-looking id',
        path: `${AUTH}/users/0/`,
        auth: '{staff.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
    ],
  },
  {
    name: 'routing: non-numeric ids, router roots, letter case and doubled slashes in paths',
    steps: [
      { do: 'anonymous users/foo/', path: `${AUTH}/users/foo/` },
      login('admin'),
      { do: 'users/foo/', path: `${AUTH}/users/foo/`, auth: '{admin.access}' },
      { do: 'expenses/abc/', path: `${API}/expenses/abc/`, auth: '{admin.access}' },
      { do: 'departments/1.5/', path: `${API}/departments/1.5/`, auth: '{admin.access}' },
      { do: 'users/1 without slash', path: `${AUTH}/users/1`, auth: '{admin.access}' },
      { do: 'the API root', path: `${API}/`, auth: '{admin.access}' },
      { do: 'the auth root', path: `${AUTH}/`, auth: '{admin.access}' },
      { do: 'the jwt prefix', path: `${AUTH}/jwt/`, auth: '{admin.access}' },
      { do: 'upper-case path', path: `${API}/Expenses/`, auth: '{admin.access}' },
      { do: 'doubled slash', path: `${API}//expenses/`, auth: '{admin.access}' },
      { do: 'expenses.json', path: `${API}/expenses.json`, auth: '{admin.access}' },
    ],
  },
]

/** multipart/form-data with text fields and a `photo` file. */
function multipartFields(fields: Record<string, string>, png: Buffer) {
  const file = multipartFile('photo', 'pixel.png', 'image/png', png)
  const boundary = /boundary=(.*)$/.exec(file.contentType)![1]!
  const text = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')
  return {
    contentType: file.contentType,
    body: new Uint8Array(Buffer.concat([Buffer.from(text), Buffer.from(file.body)])),
  }
}

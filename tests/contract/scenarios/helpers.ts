/** Shared pieces of the scenarios: the seed accounts (contract §1.2) and common steps. */
import type { HostName } from '../harness/backends'
import type { Call } from '../harness/dsl'

export const API = '/api/v1'
export const AUTH = `${API}/auth`

export const ACCOUNTS = {
  admin: { email: 'admin@acme.test', password: 'acme-admin-pass-1' },
  staff: { email: 'staff@acme.test', password: 'acme-staff-pass-1' },
  gadmin: { email: 'admin@globex.test', password: 'globex-admin-pass-1' },
  gstaff: { email: 'staff@globex.test', password: 'globex-staff-pass-1' },
} as const

export type Who = keyof typeof ACCOUNTS

const TENANT_OF: Record<Who, HostName> = {
  admin: 'acme',
  staff: 'acme',
  gadmin: 'globex',
  gstaff: 'globex',
}

/** POST jwt/create/ for a seed account; saves `{who}.access` and `{who}.refresh`. */
export function login(who: Who, as: string = who): Call {
  return {
    do: `sign in as ${who}`,
    method: 'POST',
    path: `${AUTH}/jwt/create/`,
    host: TENANT_OF[who],
    json: ACCOUNTS[who],
    expect: { status: 200, body: { access: '<jwt>', refresh: '<jwt>' } },
    save: { [`${as}.access`]: 'access', [`${as}.refresh`]: 'refresh' },
  }
}

/** POST jwt/create/ with any credentials; saves `{as}.access` / `{as}.refresh` when it works. */
export function loginWith(email: string, password: string, as: string, expect = 200): Call {
  return {
    do: `sign in as ${email}`,
    method: 'POST',
    path: `${AUTH}/jwt/create/`,
    json: { email, password },
    expect,
    save: { [`${as}.access`]: 'access', [`${as}.refresh`]: 'refresh' },
  }
}

export const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' }
export const NO_ACCOUNT = { detail: 'No active account found with the given credentials' }
export const NOT_FOUND = { detail: 'Not found.' }
export const USER_NOT_FOUND = { detail: 'User not found', code: 'user_not_found' }
export const REQUIRED = ['This field is required.']
export const BEARER = { 'www-authenticate': 'Bearer realm="api"' }

/** The 401 of a bad or expired token in the Authorization header (contract §1.1). */
export function badAccess(message = 'Token is invalid or expired') {
  return {
    detail: 'Given token not valid for any token type',
    code: 'token_not_valid',
    messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
  }
}

export const notAllowed = (method: string) => ({ detail: `Method "${method}" not allowed.` })

export const INACTIVE_ORG =
  'It appears your organization is inactive, please contact support to rectify this.'

/** GET /users/me/ with a saved access token. */
export function me(auth: string, expect: Call['expect'] = 200, host: HostName = 'acme'): Call {
  return { do: `GET me with ${auth}`, path: `${AUTH}/users/me/`, auth, host, expect }
}

/** The seed users as `/users/me/` shows them (contract §5). */
export const ME = {
  admin: {
    id: 1,
    first_name: 'Ada',
    last_name: 'Admin',
    email: 'admin@acme.test',
    photo: null,
    organization: 1,
    department: 1,
    employee_id: 'ACM-E001',
    role: 'Admin',
    is_active: true,
  },
  staff: {
    id: 2,
    first_name: 'Sam',
    last_name: 'Staff',
    email: 'staff@acme.test',
    photo: null,
    organization: 1,
    department: 2,
    employee_id: 'ACM-E002',
    role: 'Staff',
    is_active: true,
  },
}

/** A 1x1 PNG. */
export const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** A multipart/form-data body with one file field. */
export function multipartFile(field: string, filename: string, type: string, content: Buffer) {
  const boundary = '----contract-suite-boundary-7d1f'
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: new Uint8Array(body) }
}

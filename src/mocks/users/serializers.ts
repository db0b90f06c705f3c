/** The seed backend's user serializers (contract §5): wire shapes and the writable fields. */
import { mockConfig } from '../config'
import type { Role, UserRow } from '../db'
import { FORM_BODY, REQUIRED, type Body, type FieldErrors } from '../drf'
import { inTenantDepartment } from '../tenants/departments'
import { Fields } from '../fields'
import type { AuthedCtx, Ctx } from '../router'
import { emailTable, organizationChoices } from '../scope'
import { passwordErrors } from './passwords'
import { readPhoto, type Upload } from './photo'

export interface UserWire {
  id: number
  first_name: string
  last_name: string
  email: string
  photo: string | null
  organization: number | null
  department: number | null
  employee_id: string | null
  role: Role
}

export interface CurrentUserWire extends UserWire {
  is_active: boolean
}

/** UserCreateSerializer's output (no is_active). `photo` is an absolute URL from the request host. */
export function userWire(u: UserRow, ctx: Pick<Ctx, 'host' | 'scheme'>): UserWire {
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    photo: u.photo ? `${ctx.scheme}://${ctx.host}/media/${u.photo}` : null,
    organization: u.organization,
    department: u.department,
    employee_id: u.employee_id,
    role: u.role,
  }
}

/** UserSerializer (list, retrieve, me): the same fields plus is_active. */
export function currentUserWire(u: UserRow, ctx: Pick<Ctx, 'host' | 'scheme'>): CurrentUserWire {
  return { ...userWire(u, ctx), is_active: u.is_active }
}

export const EMAIL_TAKEN = 'user account with this email already exists.'
export const ROLES = ['Admin', 'Staff'] as const

export interface UserValues {
  first_name?: string
  last_name?: string
  email?: string
  photo?: Upload | null
  organization?: number
  department?: number | null
  employee_id?: string | null
  role?: Role
  is_active?: boolean
  password?: string
}

export type Validated = { ok: true; values: UserValues } | { ok: false; errors: FieldErrors }

/**
 * Field validation shared by register (`instance` null) and update, in the serializers' field
 * order: first_name, last_name, email, photo, organization, department, employee_id, role, then
 * password (create) or is_active (update).
 */
export async function validateUserFields(
  ctx: Ctx,
  data: Body,
  instance: UserRow | null,
  partial: boolean,
): Promise<{ fields: Fields; values: UserValues }> {
  const f = new Fields(data, partial)
  const values: UserValues = {}
  const set = <K extends keyof UserValues>(k: K, v: UserValues[K] | undefined | null) => {
    if (v !== undefined) values[k] = v as UserValues[K]
  }
  set('first_name', f.char('first_name', { maxLength: 150, allowBlank: true }))
  set('last_name', f.char('last_name', { maxLength: 150, allowBlank: true }))
  const email = f.email('email', { required: true })
  if (email && emailTable(ctx).some((u) => u.email === email && u !== instance))
    f.fail('email', EMAIL_TAKEN)
  set('email', email)
  set('photo', await readPhoto(f, FORM_BODY in data))
  set('organization', f.pk('organization', organizationChoices(ctx)))
  set('department', f.pk('department', inTenantDepartment(ctx), { allowNull: true }))
  set('employee_id', f.char('employee_id', { maxLength: 255, allowBlank: true, allowNull: true }))
  set('role', f.choice('role', ROLES))
  if (instance) set('is_active', f.boolean('is_active'))
  else set('password', f.char('password', { required: true }))
  if (!instance && mockConfig.passwordRetype) f.char('re_password', { required: true })
  return { fields: f, values }
}

/** UserCreateSerializer.validate: Django's password validators on User(**attrs), then retype. */
export async function validateNewUser(values: UserValues, data: Body): Promise<FieldErrors | null> {
  const password = values.password ?? ''
  // An unsaved User(**attrs): its username is still empty, so only names and email compare.
  const problems = await passwordErrors(password, {
    first_name: values.first_name,
    last_name: values.last_name,
    email: values.email,
  })
  if (problems.length) return { password: problems }
  if (mockConfig.passwordRetype && String(data.re_password).trim() !== password)
    return { non_field_errors: ["The two password fields didn't match."] }
  return null
}

/** Retype check shared by set_password, set_email and reset confirm (Djoser *_RETYPE settings). */
export function retypeErrors(data: Body, field: string, value: string): FieldErrors | null {
  if (!mockConfig.passwordRetype) return null
  const other = data[`re_${field}`]
  if (other === undefined || other === null) return { [`re_${field}`]: [REQUIRED] }
  if (String(other).trim() !== value) {
    const what = field.includes('password') ? 'password' : 'email'
    return { non_field_errors: [`The two ${what} fields didn't match.`] }
  }
  return null
}

/** Django's normalize_email: only the domain part is lower-cased. */
export function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@')
  return at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`
}

/** CurrentPasswordSerializer: required, and must be the caller's password. */
export function currentPassword(f: Fields, ctx: AuthedCtx): void {
  const current = f.char('current_password', { required: true })
  if (current !== undefined && current !== ctx.user.password)
    f.fail('current_password', 'Invalid password.')
}

/** The mock database's rows: the Django models of the contract server (users, tenants apps). */
export type Role = 'Admin' | 'Staff'

export interface TenantRow {
  id: number
  name: string
  schema: string
  tenant_id: string
  is_active: boolean
  business_phone_number: string
  business_email: string
  created: string
  updated: string
}

export interface UserRow {
  id: number
  email: string
  /** simplejwt's `username` claim: the email at sign-up, never updated afterwards. */
  username: string
  password: string
  /**
   * Stands for the random salt of Django's password hash: renewed on every password change, so
   * reset tokens (which hash it) become single-use even when the same password is set again.
   */
  password_salt: string
  first_name: string
  last_name: string
  organization: number
  department: number | null
  employee_id: string | null
  role: Role
  is_active: boolean
  is_staff: boolean
  /** Storage name below MEDIA_ROOT, e.g. `users/photos/pixel.png`, or null. */
  photo: string | null
  date_joined: string
}

export interface DepartmentRow {
  id: number
  name: string
  organization: number
  created: string
  updated: string
}

export interface ExpenseRow {
  id: number
  amount: number
  description: string
  department: number
  created_by: number
  organization: number
  created: string
  updated: string
}

/** A mail the server "sent" (Django's file-based EmailBackend on the contract server). */
export interface SentMail {
  to: string
  kind: 'password_reset' | 'username_reset'
  subject: string
  body: string
  link: string
  uid: string
  token: string
  sentAt: string
}

/** An uploaded file below MEDIA_ROOT, base64 so it survives JSON persistence. */
export interface MediaFile {
  contentType: string
  base64: string
}

export interface MockDb {
  /** Bumped when the shape changes, so an old copy in localStorage is discarded. */
  version: number
  tenants: TenantRow[]
  users: UserRow[]
  departments: DepartmentRow[]
  expenses: ExpenseRow[]
  /** jti of every blacklisted refresh token. */
  blacklist: string[]
  outbox: SentMail[]
  media: Record<string, MediaFile>
  nextId: { user: number; department: number; expense: number }
}

export const DB_VERSION = 2

let lastMicros = 0

/**
 * Django's TIME_ZONE is Africa/Nairobi (UTC+3, no DST): ISO-8601 with microseconds and offset.
 * Successive calls never return the same instant, so "newest first" orderings are stable.
 */
export function djangoNow(ms: number = Date.now()): string {
  let micros = Math.floor(ms * 1000)
  if (micros <= lastMicros) micros = lastMicros + 1
  lastMicros = micros
  const whole = Math.floor(micros / 1000)
  const shifted = new Date(whole + 3 * 3600 * 1000).toISOString() // 2026-11-22T15:36:14.502Z
  const frac = String(micros % 1_000_000).padStart(6, '0')
  return `${shifted.slice(0, 19)}.${frac}+03:00`
}

export function randomSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36)).join('')
}

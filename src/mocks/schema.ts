/** The mock database's rows: the Django models of the contract server (users, tenants apps). */
import type { ProfileName } from './profiles'

export type Role = 'Admin' | 'Staff'

export interface TenantRow {
  id: number
  name: string
  schema: string
  tenant_id: string
  is_active: boolean
  business_phone_number: string
  business_email: string
  /**
   * Tenant.subdomain as stored, set by the original's `POST tenants/` (which may store one that
   * is not `<schema>.localhost`, or ''). Absent on seeded rows: `<schema>.localhost`.
   */
  subdomain?: string
  created: string
  updated: string
}

export interface UserRow {
  id: number
  /**
   * The Postgres schema the row lives in (the tenant's `schema`, or `public`). The hardened
   * profile's single table keeps it equal to the organization's schema; the original's ids repeat
   * across schemas, so a row is (schema, id).
   */
  schema: string
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
  /** The Tenant foreign key, in the row's own schema (the original registers users with none). */
  organization: number | null
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
  schema: string
  name: string
  organization: number | null
  created: string
  updated: string
}

/**
 * The original's core models (core/models.py). Every row lives in one schema (the host's tenant);
 * the hardened profile's querysets filter on it as they would on the organisation.
 * `created`/`updated` are the wire values: see tenants/commonInfo.ts for which one a save moves.
 */
export interface AccountRow {
  id: number
  schema: string
  name: string
  /** BigIntegerField: what is left in the account (creating a budget subtracts from it). */
  amount: number
  created: string
  updated: string
}

export interface BudgetRow {
  id: number
  schema: string
  department: number
  /** The Account it is allocated from. */
  source: number
  /** 1-12 (MONTHS choices); shown as the English name on read. */
  month: number
  year: number
  /** BigIntegerField: what remains (saving an expense subtracts from it). */
  amount: number
  created: string
  updated: string
}

export interface ExpenseRow {
  id: number
  schema: string
  budget: number
  /** DateField, `YYYY-MM-DD`. */
  date: string
  use: string
  /** PositiveIntegerField. */
  amount: number
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

/** The next primary key of each table's sequence. */
export interface NextIds {
  user: number
  department: number
  account: number
  budget: number
  expense: number
}

/** What lives in each Postgres schema of the original (profile `original` only). */
export interface SchemaState {
  /** The schema's own copy of the tenants table: its tenant's row, id 1 (`public` uses `MockDb.tenants`). */
  tenants: TenantRow[]
  /** Next primary keys of this schema's sequences. */
  nextId: NextIds
  /** jti of every refresh token blacklisted through this schema (token_blacklist tables). */
  blacklist: string[]
}

export interface MockDb {
  /** Bumped when the shape changes, so an old copy in localStorage is discarded. */
  version: number
  /** The profile this database was seeded for (tabs of an origin follow it). */
  profile: ProfileName
  /** The public tenants table (both profiles). */
  tenants: TenantRow[]
  users: UserRow[]
  departments: DepartmentRow[]
  accounts: AccountRow[]
  budgets: BudgetRow[]
  expenses: ExpenseRow[]
  /** jti of every blacklisted refresh token (profile `hardened`: one blacklist for every host). */
  blacklist: string[]
  outbox: SentMail[]
  media: Record<string, MediaFile>
  /** Global primary keys (profile `hardened`). */
  nextId: NextIds
  /** Per-schema state, keyed by schema name (profile `original`; empty in `hardened`). */
  schemas: Record<string, SchemaState>
}

export const DB_VERSION = 4

let lastMicros = 0

/** A Django datetime for this many microseconds since the epoch: Africa/Nairobi (UTC+3, no DST). */
function formatMicros(micros: number): string {
  const whole = Math.floor(micros / 1000)
  const shifted = new Date(whole + 3 * 3600 * 1000).toISOString() // 2026-11-22T15:36:14.502Z
  const frac = String(micros % 1_000_000).padStart(6, '0')
  return `${shifted.slice(0, 19)}.${frac}+03:00`
}

/**
 * Django's TIME_ZONE is Africa/Nairobi (UTC+3, no DST): ISO-8601 with microseconds and offset.
 * Successive calls never return the same instant, so "newest first" orderings are stable.
 */
export function djangoNow(ms: number = Date.now()): string {
  let micros = Math.floor(ms * 1000)
  if (micros <= lastMicros) micros = lastMicros + 1
  lastMicros = micros
  return formatMicros(micros)
}

/** The same format for any instant, outside the strictly increasing sequence of djangoNow(). */
export function djangoTime(ms: number): string {
  return formatMicros(Math.floor(ms * 1000))
}

export function randomSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36)).join('')
}

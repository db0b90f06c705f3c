/**
 * The mock's data: the same seed as the contract server (shared/backend-contract.md §1.2).
 * One in-memory database, reset between tests; the browser worker persists it per origin.
 */
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
  first_name: string
  last_name: string
  organization: number
  department: number | null
  employee_id: string | null
  role: Role
  is_active: boolean
  is_staff: boolean
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

export interface SentMail {
  to: string
  subject: string
  body: string
  link: string
  uid: string
  token: string
  sentAt: string
}

export interface MockDb {
  tenants: TenantRow[]
  users: UserRow[]
  departments: DepartmentRow[]
  expenses: ExpenseRow[]
  /** jti of every blacklisted refresh token. */
  blacklist: string[]
  outbox: SentMail[]
  nextId: { user: number; department: number; expense: number }
}

/** Django's TIME_ZONE is Africa/Nairobi (UTC+3, no DST): ISO-8601 with microseconds and offset. */
export function djangoNow(ms: number = Date.now()): string {
  const shifted = new Date(ms + 3 * 3600 * 1000).toISOString() // 2026-11-22T15:36:14.502Z
  return `${shifted.slice(0, 23)}000+03:00`
}

function tenant(
  id: number,
  name: string,
  schema: string,
  tenantId: string,
  active: boolean,
): TenantRow {
  const at = djangoNow()
  return {
    id,
    name,
    schema,
    tenant_id: tenantId,
    is_active: active,
    business_phone_number: '+254700000000',
    business_email: `info@${schema}.test`,
    created: at,
    updated: at,
  }
}

function user(
  id: number,
  org: number,
  email: string,
  password: string,
  first: string,
  last: string,
  employeeId: string,
  department: number,
  role: Role,
): UserRow {
  return {
    id,
    email,
    username: email,
    password,
    first_name: first,
    last_name: last,
    organization: org,
    department,
    employee_id: employeeId,
    role,
    is_active: true,
    is_staff: role === 'Admin',
    photo: null,
    date_joined: djangoNow(),
  }
}

export function seed(): MockDb {
  const at = djangoNow()
  const dept = (id: number, name: string, organization: number): DepartmentRow => ({
    id,
    name,
    organization,
    created: at,
    updated: at,
  })
  const expense = (
    id: number,
    amount: number,
    description: string,
    department: number,
    createdBy: number,
    organization: number,
  ): ExpenseRow => ({
    id,
    amount,
    description,
    department,
    created_by: createdBy,
    organization,
    created: djangoNow(Date.now() + id),
    updated: djangoNow(Date.now() + id),
  })
  return {
    tenants: [
      tenant(1, 'Acme Corporation', 'acme', 'ACM-1001', true),
      tenant(2, 'Globex Corporation', 'globex', 'GLO-1002', true),
      tenant(3, 'Initech', 'initech', 'INI-1003', false),
    ],
    users: [
      user(1, 1, 'admin@acme.test', 'acme-admin-pass-1', 'Ada', 'Admin', 'ACM-E001', 1, 'Admin'),
      user(2, 1, 'staff@acme.test', 'acme-staff-pass-1', 'Sam', 'Staff', 'ACM-E002', 2, 'Staff'),
      user(
        3,
        2,
        'admin@globex.test',
        'globex-admin-pass-1',
        'Gina',
        'Admin',
        'GLO-E001',
        3,
        'Admin',
      ),
      user(
        4,
        2,
        'staff@globex.test',
        'globex-staff-pass-1',
        'Hank',
        'Staff',
        'GLO-E002',
        4,
        'Staff',
      ),
    ],
    departments: [
      dept(1, 'Finance', 1),
      dept(2, 'Engineering', 1),
      dept(3, 'Finance', 2),
      dept(4, 'Marketing', 2),
    ],
    expenses: [
      expense(1, 12000, 'Team lunch', 2, 2, 1),
      expense(2, 250000, 'Laptops for new hires', 2, 1, 1),
      expense(3, 4500, 'Bank charges', 1, 1, 1),
      expense(4, 80000, 'Trade show booth', 4, 4, 2),
      expense(5, 3000, 'Courier', 3, 3, 2),
    ],
    blacklist: [],
    outbox: [],
    nextId: { user: 5, department: 5, expense: 6 },
  }
}

/** Where the database survives a reload: the browser worker plugs in localStorage here. */
export interface DbPersistence {
  load(): MockDb | null
  save(db: MockDb): void
}

let persistence: DbPersistence | null = null
export let db: MockDb = seed()

export function usePersistence(p: DbPersistence | null): void {
  persistence = p
  db = p?.load() ?? db
}

/** Call after every write so a reload or a second tab sees it. */
export function commit(): void {
  persistence?.save(db)
}

/** Back to the seed (between tests, or from the dev panel). */
export function resetDb(): void {
  db = seed()
  commit()
}

/** Re-read persisted state (another tab may have written it). */
export function reloadDb(): void {
  const loaded = persistence?.load()
  if (loaded) db = loaded
}

/**
 * Rows put straight into the mock's database, for tests that need data the seed does not have.
 * Each goes in as the server would save it: ids from the profile's sequences (global on
 * `hardened`, per schema on `original`), the original's signals (a budget takes its amount from
 * its account, an expense from its budget), timestamps as the views write them.
 */
import {
  commit,
  db,
  djangoNow,
  randomSalt,
  type AccountRow,
  type BudgetRow,
  type ExpenseRow,
  type Role,
  type TenantRow,
  type UserRow,
} from './db'
import { createBudget, createExpense } from './core'
import { allocateId, ownOrganization, type Scoped } from './scope'
import { nairobiToday, seedPeriods } from './seedDomain'
import { stamps } from './tenants/commonInfo'

/** The tenant by its schema (`acme`, `globex`...); a clear error for one the mock does not have. */
function scopeOf(tenant: string): Scoped {
  const row = db.tenants.find((t: TenantRow) => t.schema === tenant)
  if (!row) {
    const known = db.tenants.map((t) => t.schema).join(', ')
    throw new Error(`The mock has no tenant "${tenant}" (it has ${known}).`)
  }
  return { schema: { name: row.schema, exists: true, tenant: row } }
}

function saved<T>(row: T): T {
  commit()
  return row
}

const rowsOf = <T extends { schema: string }>(rows: T[], tenant: string): T[] =>
  rows.filter((r) => r.schema === tenant)

export interface AccountSpec {
  tenant?: string
  name?: string
  amount?: number
}

export function buildAccount(spec: AccountSpec = {}): AccountRow {
  const tenant = spec.tenant ?? 'acme'
  const ctx = scopeOf(tenant)
  const row: AccountRow = {
    id: allocateId(ctx, 'account'),
    schema: tenant,
    name: spec.name ?? `Account ${rowsOf(db.accounts, tenant).length + 1}`,
    amount: spec.amount ?? 100_000,
    ...stamps(),
  }
  db.accounts.push(row)
  return saved(row)
}

export interface BudgetSpec {
  tenant?: string
  /** A department id, or its name in the tenant; default the tenant's first department. */
  department?: number | string
  /** The account id it is taken from; default the tenant's first account. */
  source?: number
  /** 1-12; default the current month (the server's, Africa/Nairobi), as `year`. */
  month?: number
  year?: number
  amount?: number
}

export function buildBudget(spec: BudgetSpec = {}): BudgetRow {
  const tenant = spec.tenant ?? 'acme'
  const ctx = scopeOf(tenant)
  const departments = rowsOf(db.departments, tenant)
  const department =
    typeof spec.department === 'string'
      ? departments.find((d) => d.name === spec.department)?.id
      : (spec.department ?? departments[0]?.id)
  const source = spec.source ?? rowsOf(db.accounts, tenant)[0]?.id
  if (department === undefined) throw new Error(`No department "${spec.department}" in ${tenant}.`)
  if (source === undefined) throw new Error(`${tenant} has no account: build one first.`)
  const today = nairobiToday()
  const row = createBudget(ctx, {
    department,
    source,
    month: spec.month ?? today.month,
    year: spec.year ?? today.year,
    amount: spec.amount ?? 10_000,
  })
  return saved(row)
}

export interface ExpenseSpec {
  tenant?: string
  /** The budget id it is recorded against; default the tenant's newest budget. */
  budget?: number
  /** `YYYY-MM-DD`; default today (the server's). */
  date?: string
  use?: string
  amount?: number
}

export function buildExpense(spec: ExpenseSpec = {}): ExpenseRow {
  const tenant = spec.tenant ?? 'acme'
  const ctx = scopeOf(tenant)
  const budget = spec.budget ?? rowsOf(db.budgets, tenant).at(-1)?.id
  if (budget === undefined) throw new Error(`${tenant} has no budget: build one first.`)
  const row = createExpense(ctx, {
    budget,
    date: spec.date ?? seedPeriods().today,
    use: spec.use ?? `Expense ${rowsOf(db.expenses, tenant).length + 1}`,
    amount: spec.amount ?? 1_000,
  })
  return saved(row)
}

export interface UserSpec {
  tenant?: string
  email?: string
  password?: string
  role?: Role
  first_name?: string
  last_name?: string
  /** A department id in the tenant, or null. */
  department?: number | null
  employee_id?: string | null
  /** Django's is_staff (sees every user); default true for an Admin. */
  is_staff?: boolean
}

export function buildUser(spec: UserSpec = {}): UserRow {
  const tenant = spec.tenant ?? 'acme'
  const ctx = scopeOf(tenant)
  const id = allocateId(ctx, 'user')
  const email = (spec.email ?? `user${id}@${tenant}.test`).toLowerCase()
  if (db.users.some((u) => u.schema === tenant && u.email === email))
    throw new Error(`${tenant} already has a user ${email}.`)
  const role = spec.role ?? 'Staff'
  const row: UserRow = {
    id,
    schema: tenant,
    email,
    username: email,
    password: spec.password ?? `${tenant}-user-pass-${id}`,
    password_salt: randomSalt(),
    first_name: spec.first_name ?? 'Test',
    last_name: spec.last_name ?? `User ${id}`,
    organization: ownOrganization(ctx),
    department: spec.department ?? null,
    employee_id: spec.employee_id ?? null,
    role,
    is_active: true,
    is_staff: spec.is_staff ?? role === 'Admin',
    photo: null,
    date_joined: djangoNow(),
  }
  db.users.push(row)
  return saved(row)
}

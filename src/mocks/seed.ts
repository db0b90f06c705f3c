/**
 * The seed data (shared/backend-contract.md §1.2, and core/seed.ts for the accounts, budgets
 * and expenses): the same tenants, people, passwords, departments and domain rows in both profiles. `hardened` numbers them globally as one database
 * does; `original` numbers them from 1 in each tenant's schema, as its Postgres schemas do.
 */
import type { ProfileName } from './profiles'
import {
  DB_VERSION,
  djangoNow,
  djangoTime,
  randomSalt,
  type DepartmentRow,
  type MockDb,
  type Role,
  type SchemaState,
  type TenantRow,
  type UserRow,
} from './schema'
import { seedDomain } from './seedDomain'
import { stamps } from './tenants/commonInfo'

function tenant(
  id: number,
  name: string,
  schema: string,
  code: string,
  active: boolean,
  at: number | null = null,
): TenantRow {
  return {
    id,
    name,
    schema,
    tenant_id: code,
    is_active: active,
    business_phone_number: '+254700000000',
    business_email: `info@${schema}.test`,
    created: at === null ? djangoNow() : djangoTime(at),
    updated: at === null ? djangoNow() : djangoTime(at + 0.001),
  }
}

const TENANTS: [string, string, string, boolean][] = [
  ['Acme Corporation', 'acme', 'ACM-1001', true],
  ['Globex Corporation', 'globex', 'GLO-1002', true],
  ['Initech', 'initech', 'INI-1003', false],
]

// schema, email, password, first, last, employee id, department name, role
type UserSeed = [string, string, string, string, string, string, string, Role]

const USERS: UserSeed[] = [
  ['acme', 'admin@acme.test', 'acme-admin-pass-1', 'Ada', 'Admin', 'ACM-E001', 'Finance', 'Admin'],
  [
    'acme',
    'staff@acme.test',
    'acme-staff-pass-1',
    'Sam',
    'Staff',
    'ACM-E002',
    'Engineering',
    'Staff',
  ],
  [
    'globex',
    'admin@globex.test',
    'globex-admin-pass-1',
    'Gina',
    'Admin',
    'GLO-E001',
    'Finance',
    'Admin',
  ],
  [
    'globex',
    'staff@globex.test',
    'globex-staff-pass-1',
    'Hank',
    'Staff',
    'GLO-E002',
    'Marketing',
    'Staff',
  ],
]

const DEPARTMENTS: [string, string][] = [
  ['acme', 'Finance'],
  ['acme', 'Engineering'],
  ['globex', 'Finance'],
  ['globex', 'Marketing'],
]

/** Hands out primary keys: one sequence per table (hardened) or per table and schema (original). */
function numbering(perSchema: boolean) {
  const counters = new Map<string, number>()
  return (table: string, schema: string): number => {
    const key = perSchema ? `${schema}.${table}` : table
    const next = (counters.get(key) ?? 0) + 1
    counters.set(key, next)
    return next
  }
}

export function seed(profile: ProfileName = 'hardened'): MockDb {
  const perSchema = profile === 'original'
  const nextPk = numbering(perSchema)
  const tenants = TENANTS.map(([name, schema, code, active], i) =>
    tenant(i + 1, name, schema, code, active),
  )
  const orgOf = (schema: string): number => {
    const t = tenants.find((row) => row.schema === schema) as TenantRow
    // In a tenant's schema the tenants table holds only that tenant's own copy, id 1.
    return perSchema ? 1 : t.id
  }

  const departments = DEPARTMENTS.map(([schema, name]): DepartmentRow => ({
    id: nextPk('department', schema),
    schema,
    name,
    organization: orgOf(schema),
    ...stamps(),
  }))
  const departmentId = (schema: string, name: string): number =>
    (departments.find((d) => d.schema === schema && d.name === name) as DepartmentRow).id

  const users = USERS.map(
    ([schema, email, password, first, last, employeeId, department, role]): UserRow => ({
      id: nextPk('user', schema),
      schema,
      email,
      username: email,
      password,
      password_salt: randomSalt(),
      first_name: first,
      last_name: last,
      organization: orgOf(schema),
      department: departmentId(schema, department),
      employee_id: employeeId,
      role,
      is_active: true,
      is_staff: role === 'Admin',
      photo: null,
      date_joined: djangoNow(),
    }),
  )
  const domain = seedDomain({ nextPk, departmentId })

  const schemas: Record<string, SchemaState> = {}
  if (perSchema) {
    const state = (schema: string, own: TenantRow[]): SchemaState => ({
      tenants: own,
      nextId: {
        user: nextPk('user', schema),
        department: nextPk('department', schema),
        account: nextPk('account', schema),
        budget: nextPk('budget', schema),
        expense: nextPk('expense', schema),
      },
      blacklist: [],
    })
    schemas.public = state('public', [])
    for (const t of tenants) {
      // The original's post_save signal inserts the tenant's own row into its new schema with
      // `is_active` true and a naive datetime.now(), which Postgres (UTC session) stores 3 hours late.
      const copy = tenant(1, t.name, t.schema, t.tenant_id, true, Date.now() + 3 * 3600 * 1000)
      schemas[t.schema] = state(t.schema, [copy])
    }
  }

  return {
    version: DB_VERSION,
    profile,
    tenants,
    users,
    departments,
    ...domain,
    blacklist: [],
    outbox: [],
    media: {},
    nextId: perSchema
      ? { user: 1, department: 1, account: 1, budget: 1, expense: 1 }
      : {
          user: users.length + 1,
          department: departments.length + 1,
          account: domain.accounts.length + 1,
          budget: domain.budgets.length + 1,
          expense: domain.expenses.length + 1,
        },
    schemas,
  }
}

/** The seed data of the contract server (shared/backend-contract.md §1.2): mock and fixture agree. */
import {
  DB_VERSION,
  djangoNow,
  randomSalt,
  type DepartmentRow,
  type ExpenseRow,
  type MockDb,
  type Role,
  type TenantRow,
  type UserRow,
} from './schema'

function tenant(
  id: number,
  name: string,
  schema: string,
  code: string,
  active: boolean,
): TenantRow {
  const at = djangoNow()
  return {
    id,
    name,
    schema,
    tenant_id: code,
    is_active: active,
    business_phone_number: '+254700000000',
    business_email: `info@${schema}.test`,
    created: at,
    updated: djangoNow(),
  }
}

type UserSeed = [number, number, string, string, string, string, string, number, Role]

const USERS: UserSeed[] = [
  [1, 1, 'admin@acme.test', 'acme-admin-pass-1', 'Ada', 'Admin', 'ACM-E001', 1, 'Admin'],
  [2, 1, 'staff@acme.test', 'acme-staff-pass-1', 'Sam', 'Staff', 'ACM-E002', 2, 'Staff'],
  [3, 2, 'admin@globex.test', 'globex-admin-pass-1', 'Gina', 'Admin', 'GLO-E001', 3, 'Admin'],
  [4, 2, 'staff@globex.test', 'globex-staff-pass-1', 'Hank', 'Staff', 'GLO-E002', 4, 'Staff'],
]

function user([id, org, email, password, first, last, employeeId, dept, role]: UserSeed): UserRow {
  return {
    id,
    email,
    username: email,
    password,
    password_salt: randomSalt(),
    first_name: first,
    last_name: last,
    organization: org,
    department: dept,
    employee_id: employeeId,
    role,
    is_active: true,
    is_staff: role === 'Admin',
    photo: null,
    date_joined: djangoNow(),
  }
}

const DEPARTMENTS: [number, string, number][] = [
  [1, 'Finance', 1],
  [2, 'Engineering', 1],
  [3, 'Finance', 2],
  [4, 'Marketing', 2],
]

// amount, description, department, created_by, organization (ids 1..5 in this order)
const EXPENSES: [number, string, number, number, number][] = [
  [12000, 'Team lunch', 2, 2, 1],
  [250000, 'Laptops for new hires', 2, 1, 1],
  [4500, 'Bank charges', 1, 1, 1],
  [80000, 'Trade show booth', 4, 4, 2],
  [3000, 'Courier', 3, 3, 2],
]

export function seed(): MockDb {
  const departments = DEPARTMENTS.map(([id, name, organization]): DepartmentRow => {
    const at = djangoNow()
    return { id, name, organization, created: at, updated: at }
  })
  const expenses = EXPENSES.map(
    ([amount, description, department, createdBy, organization], i): ExpenseRow => {
      const at = djangoNow() // strictly increasing: later ids are newer
      return {
        id: i + 1,
        amount,
        description,
        department,
        created_by: createdBy,
        organization,
        created: at,
        updated: at,
      }
    },
  )
  return {
    version: DB_VERSION,
    tenants: [
      tenant(1, 'Acme Corporation', 'acme', 'ACM-1001', true),
      tenant(2, 'Globex Corporation', 'globex', 'GLO-1002', true),
      tenant(3, 'Initech', 'initech', 'INI-1003', false),
    ],
    users: USERS.map(user),
    departments,
    expenses,
    blacklist: [],
    outbox: [],
    media: {},
    nextId: { user: 5, department: 5, expense: 6 },
  }
}

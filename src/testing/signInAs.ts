/**
 * Which user a test signs in as: a role (`'admin'`, `'staff'`) or an email, looked up in the mock's
 * database of the tenant, so the seeded users (src/mocks/README.md, "Demo accounts") and users a
 * test built with `mockBackend.build.user()` both work.
 */
import { db, type Role } from '@/mocks/db'

/** The two seeded tenants; any tenant the mock knows may be named. */
export type TenantName = 'acme' | 'globex' | (string & {})
/** A role, lower case, or a user's email. */
export type SignInAs = 'admin' | 'staff' | (string & {})

export interface TestUser {
  email: string
  password: string
  role: Role
}

export function findUser(tenant: TenantName, as: SignInAs): TestUser {
  const users = db.users.filter((u) => u.schema === tenant && u.is_active)
  const wanted = as.toLowerCase()
  const found = wanted.includes('@')
    ? users.find((u) => u.email === wanted)
    : users.find((u) => u.role.toLowerCase() === wanted)
  if (!found) {
    const known = users.map((u) => `${u.email} (${u.role})`).join(', ') || 'nobody'
    throw new Error(`No user "${as}" on ${tenant}: it has ${known}.`)
  }
  return { email: found.email, password: found.password, role: found.role }
}

/** The wire shapes of the seed backend's user serializers (contract §5). */
import type { UserRow } from '../db'

export interface UserWire {
  id: number
  first_name: string
  last_name: string
  email: string
  photo: string | null
  organization: number
  department: number | null
  employee_id: string | null
  role: 'Admin' | 'Staff'
}

export interface CurrentUserWire extends UserWire {
  is_active: boolean
}

/** `photo` is an absolute URL built from the request host. */
export function userWire(u: UserRow, host: string, scheme = 'http'): UserWire {
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    photo: u.photo ? `${scheme}://${host}/media/${u.photo}` : null,
    organization: u.organization,
    department: u.department,
    employee_id: u.employee_id,
    role: u.role,
  }
}

export function currentUserWire(u: UserRow, host: string, scheme = 'http'): CurrentUserWire {
  return { ...userWire(u, host, scheme), is_active: u.is_active }
}

/** Djoser's users endpoints. Wire types stay snake_case, as Django sends them. */
import type { AxiosInstance } from 'axios'

export type Role = 'Admin' | 'Staff'

export interface UserWire {
  id: number
  first_name: string
  last_name: string
  email: string
  photo: string | null
  organization: number
  department: number | null
  employee_id: string | null
  role: Role
}

export interface CurrentUserWire extends UserWire {
  is_active: boolean
}

export async function getMe(http: AxiosInstance): Promise<CurrentUserWire> {
  const { data } = await http.get<CurrentUserWire>('/auth/users/me/')
  return data
}

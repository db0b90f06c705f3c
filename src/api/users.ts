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

/** What a person may change about themself: never role, is_active or organization. */
export interface ProfilePatch {
  first_name?: string
  last_name?: string
  employee_id?: string | null
  department?: number | null
}

export interface RegistrationWire {
  email: string
  password: string
  first_name?: string
  last_name?: string
  employee_id?: string
  department?: number
}

export async function getMe(http: AxiosInstance): Promise<CurrentUserWire> {
  const { data } = await http.get<CurrentUserWire>('/auth/users/me/')
  return data
}

/** Public sign-up: never sends Authorization (a stale token would turn it into a 401). */
export async function registerUser(http: AxiosInstance, body: RegistrationWire): Promise<UserWire> {
  const { data } = await http.post<UserWire>('/auth/users/', body, { skipAuth: true })
  return data
}

/** Staff (is_staff) see every user of the tenant; anyone else gets a list holding only themself. */
export async function listUsers(http: AxiosInstance): Promise<UserWire[]> {
  const { data } = await http.get<UserWire[]>('/auth/users/')
  return data
}

export async function updateMe(http: AxiosInstance, patch: ProfilePatch): Promise<CurrentUserWire> {
  const { data } = await http.patch<CurrentUserWire>('/auth/users/me/', patch)
  return data
}

/** The photo needs multipart; axios sets the boundary itself for FormData. */
export async function uploadPhoto(
  http: AxiosInstance,
  file: Blob,
  filename: string,
): Promise<CurrentUserWire> {
  const form = new FormData()
  form.append('photo', file, filename)
  const { data } = await http.patch<CurrentUserWire>('/auth/users/me/', form)
  return data
}

export async function setPassword(
  http: AxiosInstance,
  body: { current_password: string; new_password: string },
): Promise<void> {
  await http.post('/auth/users/set_password/', body)
}

export async function setEmail(
  http: AxiosInstance,
  body: { new_email: string; current_password: string },
): Promise<void> {
  await http.post('/auth/users/set_email/', body)
}

/** DELETE with a JSON body: axios needs it under `data`. */
export async function deleteMe(http: AxiosInstance, currentPassword: string): Promise<void> {
  await http.delete('/auth/users/me/', { data: { current_password: currentPassword } })
}

/** Public: 204 whether or not the address is known (no user enumeration). */
export async function requestPasswordReset(http: AxiosInstance, email: string): Promise<void> {
  await http.post('/auth/users/reset_password/', { email }, { skipAuth: true })
}

export async function confirmPasswordReset(
  http: AxiosInstance,
  body: { uid: string; token: string; new_password: string },
): Promise<void> {
  await http.post('/auth/users/reset_password_confirm/', body, { skipAuth: true })
}

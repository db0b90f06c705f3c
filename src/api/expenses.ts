/** The expenses app: departments and expenses of the host's tenant (contract §6). */
import type { AxiosInstance } from 'axios'

export interface DepartmentWire {
  id: number
  name: string
  organization: number
  created: string
  updated: string
}

export interface ExpenseWire {
  id: number
  /** Whole currency units. */
  amount: number
  description: string
  department: number
  created_by: number
  created_by_email: string
  created: string
  updated: string
}

export interface ExpenseInput {
  amount: number
  description: string
  department: number
}

/** Sorted by name by the server. */
export async function listDepartments(http: AxiosInstance): Promise<DepartmentWire[]> {
  const { data } = await http.get<DepartmentWire[]>('/departments/')
  return data
}

export async function createDepartment(http: AxiosInstance, name: string): Promise<DepartmentWire> {
  const { data } = await http.post<DepartmentWire>('/departments/', { name })
  return data
}

export async function renameDepartment(
  http: AxiosInstance,
  id: number,
  name: string,
): Promise<DepartmentWire> {
  const { data } = await http.patch<DepartmentWire>(`/departments/${id}/`, { name })
  return data
}

/** Newest first, as the server sends them. */
export async function listExpenses(http: AxiosInstance): Promise<ExpenseWire[]> {
  const { data } = await http.get<ExpenseWire[]>('/expenses/')
  return data
}

export async function getExpense(http: AxiosInstance, id: number): Promise<ExpenseWire> {
  const { data } = await http.get<ExpenseWire>(`/expenses/${id}/`)
  return data
}

export async function createExpense(http: AxiosInstance, body: ExpenseInput): Promise<ExpenseWire> {
  const { data } = await http.post<ExpenseWire>('/expenses/', body)
  return data
}

/** There is no delete: the backend answers DELETE with 405. */
export async function updateExpense(
  http: AxiosInstance,
  id: number,
  body: ExpenseInput,
): Promise<ExpenseWire> {
  const { data } = await http.patch<ExpenseWire>(`/expenses/${id}/`, body)
  return data
}

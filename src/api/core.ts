/**
 * The core app of the original: accounts, budgets and expenses. Wire types stay as Django sends
 * them: reads nest their relations (a budget its department and account, an expense its whole
 * budget) and show a budget's `month` by name; writes take ids and `month` as 1-12, and answer
 * flat. Timestamps carry the server's offset (`+03:00`, Africa/Nairobi); `date` is `YYYY-MM-DD`.
 * Money moves on the server: a new budget takes its amount from its account, and every save of
 * an expense (create and each update) takes its amount from its budget.
 */
import type { AxiosInstance } from 'axios'
import type { DepartmentWire } from './tenants'

/** Money an organisation holds; `amount` is what is left after the budgets taken from it. */
export interface AccountWire {
  id: number
  created: string
  updated: string
  name: string
  /** Whole currency units (a BigIntegerField: it may go below zero). */
  amount: number
}

export interface AccountInput {
  name: string
  amount: number
}

/** A budget as GET answers it: nested department and account, the month by its English name. */
export interface BudgetWire {
  id: number
  created: string
  updated: string
  department: DepartmentWire
  source: AccountWire
  /** `"December"`: Django's month name; `monthNumber` (budgeting/months.ts) turns it into 12. */
  month: string
  year: number
  /** What remains: every expense saved against the budget has been subtracted from it. */
  amount: number
}

/** What a budget write takes. */
export interface BudgetInput {
  department: number
  source: number
  /** 1-12. */
  month: number
  year: number
  amount: number
}

/** A budget write's answer: flat, with ids and the month as a number. */
export interface BudgetWriteWire extends BudgetInput {
  id: number
  created: string
  updated: string
}

/** An expense as GET answers it: the whole budget nested. */
export interface ExpenseWire {
  id: number
  created: string
  updated: string
  /** `YYYY-MM-DD`. */
  date: string
  use: string
  /** Whole currency units, never below zero (a PositiveIntegerField). */
  amount: number
  budget: BudgetWire
}

export interface ExpenseInput {
  budget: number
  date: string
  use: string
  amount: number
}

/** An expense write's answer: flat, with the budget's id. */
export interface ExpenseWriteWire extends ExpenseInput {
  id: number
  created: string
  updated: string
}

async function get<T>(http: AxiosInstance, url: string): Promise<T> {
  const { data } = await http.get<T>(url)
  return data
}

async function send<T>(
  http: AxiosInstance,
  method: 'post' | 'patch',
  url: string,
  body: object,
): Promise<T> {
  const { data } = await http[method]<T>(url, body)
  return data
}

// Every list is unpaginated and newest first (`-created`: on the original, `created` changes on
// each save, so a budget moves to the top when an expense is saved against it).

export const listAccounts = (http: AxiosInstance) => get<AccountWire[]>(http, '/accounts/')
export const getAccount = (http: AxiosInstance, id: number) =>
  get<AccountWire>(http, `/accounts/${id}/`)
export const createAccount = (http: AxiosInstance, body: AccountInput) =>
  send<AccountWire>(http, 'post', '/accounts/', body)
export const updateAccount = (http: AxiosInstance, id: number, body: Partial<AccountInput>) =>
  send<AccountWire>(http, 'patch', `/accounts/${id}/`, body)

export const listBudgets = (http: AxiosInstance) => get<BudgetWire[]>(http, '/budgets/')
/** A department's budgets, nested. The original answers an unknown department with a 500. */
export const listDepartmentBudgets = (http: AxiosInstance, departmentId: number) =>
  get<BudgetWire[]>(http, `/budgets/department/${departmentId}/`)
export const getBudget = (http: AxiosInstance, id: number) =>
  get<BudgetWire>(http, `/budgets/${id}/`)
/** Takes `amount` from the source account (once, on create). */
export const createBudget = (http: AxiosInstance, body: BudgetInput) =>
  send<BudgetWriteWire>(http, 'post', '/budgets/', body)
/** Sets the fields as given: `amount` becomes what remains; no account is touched. */
export const updateBudget = (http: AxiosInstance, id: number, body: Partial<BudgetInput>) =>
  send<BudgetWriteWire>(http, 'patch', `/budgets/${id}/`, body)

export const listExpenses = (http: AxiosInstance) => get<ExpenseWire[]>(http, '/expenses/')
/** The expenses of a department's budgets, nested. */
export const listDepartmentExpenses = (http: AxiosInstance, departmentId: number) =>
  get<ExpenseWire[]>(http, `/expenses/department/${departmentId}/`)
export const getExpense = (http: AxiosInstance, id: number) =>
  get<ExpenseWire>(http, `/expenses/${id}/`)
/** Takes `amount` from the budget. */
export const createExpense = (http: AxiosInstance, body: ExpenseInput) =>
  send<ExpenseWriteWire>(http, 'post', '/expenses/', body)
/**
 * Takes `amount` from the (new) budget again, on every save; nothing is given back to the budget
 * it had. There is no delete: the server answers DELETE with 405.
 */
export const updateExpense = (http: AxiosInstance, id: number, body: Partial<ExpenseInput>) =>
  send<ExpenseWriteWire>(http, 'patch', `/expenses/${id}/`, body)

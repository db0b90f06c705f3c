/**
 * The seeded accounts, budgets and expenses (tests/contract/django/core/seed.py, and the mock's
 * "Seeded domain data" in src/mocks/README.md), and a small model of what the server holds after
 * the seed and after each write: ids per profile, the signals' arithmetic, and list order.
 *
 * Every model is ordered by `-created`. On the original `created` is `auto_now`, so a list is in
 * the order of the rows' last save (newest first): creating a budget saves its account again;
 * saving an expense (create or update) saves its budget again. On hardened `created` is set once
 * (its contract's §8), so a list is newest created first.
 */
import type { Profile } from '../harness/backends'

export type Tenant = 'acme' | 'globex'
type Which = 'current' | 'previous'

interface SeedBudget {
  department: string
  which: Which
  amount: number
}
interface SeedExpense {
  /** The budget, as its position (from 1) among the tenant's seeded budgets. */
  budget: number
  use: string
  amount: number
}
interface SeedTenant {
  account: { name: string; amount: number }
  budgets: SeedBudget[]
  expenses: SeedExpense[]
}

/** In seed order: acme first, then globex (the hardened profile's global ids follow it). */
export const SEED: Record<Tenant, SeedTenant> = {
  acme: {
    account: { name: 'Acme operating account', amount: 1_500_000 },
    budgets: [
      { department: 'Finance', which: 'current', amount: 100_000 },
      { department: 'Engineering', which: 'current', amount: 400_000 },
      { department: 'Finance', which: 'previous', amount: 100_000 },
      { department: 'Engineering', which: 'previous', amount: 400_000 },
    ],
    expenses: [
      { budget: 2, use: 'Team lunch', amount: 12_000 },
      { budget: 2, use: 'Laptops for new hires', amount: 250_000 },
      { budget: 1, use: 'Bank charges', amount: 4_500 },
      { budget: 4, use: 'Cloud hosting', amount: 380_000 },
      { budget: 3, use: 'Audit fees', amount: 120_000 },
    ],
  },
  globex: {
    account: { name: 'Globex operating account', amount: 1_000_000 },
    budgets: [
      { department: 'Finance', which: 'current', amount: 50_000 },
      { department: 'Marketing', which: 'current', amount: 200_000 },
      { department: 'Finance', which: 'previous', amount: 50_000 },
      { department: 'Marketing', which: 'previous', amount: 150_000 },
    ],
    expenses: [
      { budget: 2, use: 'Trade show booth', amount: 80_000 },
      { budget: 1, use: 'Courier', amount: 3_000 },
      { budget: 4, use: 'Print adverts', amount: 95_000 },
      { budget: 3, use: 'Office supplies', amount: 12_500 },
    ],
  },
}

/** The day of the month a seeded expense is dated, by its budget's month. */
const EXPENSE_DAY: Record<Which, number> = { current: 1, previous: 15 }

/** Each tenant's departments as the fixture seeds them (name → [original id, hardened id]). */
const DEPARTMENTS: Record<Tenant, Record<string, [number, number]>> = {
  acme: { Finance: [1, 1], Engineering: [2, 2] },
  globex: { Finance: [1, 3], Marketing: [2, 4] },
}
/** The tenant row departments point at: the schema's own row (original), the tenant (hardened). */
const ORGANIZATION: Record<Tenant, [number, number]> = { acme: [1, 1], globex: [1, 2] }

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** Today in the server's time zone (Africa/Nairobi, UTC+3, no daylight saving). */
export function today(now = Date.now()): { year: number; month: number; day: number } {
  const d = new Date(now + 3 * 3600 * 1000)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

export function seedMonth(which: Which): { month: number; year: number } {
  const t = today()
  if (which === 'current') return { month: t.month, year: t.year }
  return t.month === 1 ? { month: 12, year: t.year - 1 } : { month: t.month - 1, year: t.year }
}

const pad = (n: number) => String(n).padStart(2, '0')

export const isoDate = (year: number, month: number, day: number) =>
  `${year}-${pad(month)}-${pad(day)}`

const DT = '<datetime>'

interface Row {
  id: number
  saved: number
}
interface AccountRow extends Row {
  tenant: Tenant
  name: string
  amount: number
}
interface BudgetRow extends Row {
  tenant: Tenant
  department: number
  departmentName: string
  source: AccountRow
  month: number
  year: number
  amount: number
}
interface ExpenseRow extends Row {
  budget: BudgetRow
  date: string
  use: string
  amount: number
}

/** What one profile's server holds; the writes below change it as the server's signals do. */
export class Books {
  readonly profile: Profile
  private clock = 0
  private readonly ids = new Map<string, number>()
  readonly accounts: AccountRow[] = []
  readonly budgets: BudgetRow[] = []
  readonly expenses: ExpenseRow[] = []

  constructor(profile: Profile) {
    this.profile = profile
    for (const tenant of ['acme', 'globex'] as const) {
      const seed = SEED[tenant]
      const account = this.addAccount(tenant, seed.account.name, seed.account.amount)
      const budgets = seed.budgets.map((b) => {
        const { month, year } = seedMonth(b.which)
        return this.addBudget(tenant, b.department, account, month, year, b.amount)
      })
      for (const e of seed.expenses) {
        const budget = budgets[e.budget - 1]!
        const day = EXPENSE_DAY[seed.budgets[e.budget - 1]!.which]
        this.addExpense(budget, isoDate(budget.year, budget.month, day), e.use, e.amount)
      }
    }
  }

  private nextId(table: string, tenant: Tenant): number {
    const key = this.profile === 'original' ? `${table}:${tenant}` : table
    const id = (this.ids.get(key) ?? 0) + 1
    this.ids.set(key, id)
    return id
  }

  /** A row is written: new rows always take the clock; a save of an existing row moves
   * `created` (and so its place in the lists) only where the timestamps are swapped. */
  private save(row: Row, created = false) {
    this.clock += 1
    if (created || this.profile === 'original') row.saved = this.clock
  }

  /** The id of the tenant's department in this profile. */
  departmentId(tenant: Tenant, name: string): number {
    return DEPARTMENTS[tenant][name]![this.profile === 'original' ? 0 : 1]
  }

  addAccount(tenant: Tenant, name: string, amount: number): AccountRow {
    const row: AccountRow = { id: this.nextId('account', tenant), saved: 0, tenant, name, amount }
    this.save(row, true)
    this.accounts.push(row)
    return row
  }

  /** POST budgets/: draws the amount from the account (post_save, created). */
  addBudget(
    tenant: Tenant,
    departmentName: string,
    source: AccountRow,
    month: number,
    year: number,
    amount: number,
  ): BudgetRow {
    const row: BudgetRow = {
      id: this.nextId('budget', tenant),
      saved: 0,
      tenant,
      department: this.departmentId(tenant, departmentName),
      departmentName,
      source,
      month,
      year,
      amount,
    }
    this.save(row, true)
    this.budgets.push(row)
    source.amount -= amount
    this.save(source)
    return row
  }

  /** POST expenses/: charges the budget (pre_save), then the row is written. */
  addExpense(budget: BudgetRow, date: string, use: string, amount: number): ExpenseRow {
    budget.amount -= amount
    this.save(budget)
    const row: ExpenseRow = {
      id: this.nextId('expense', budget.tenant),
      saved: 0,
      budget,
      date,
      use,
      amount,
    }
    this.save(row, true)
    this.expenses.push(row)
    return row
  }

  /** PUT/PATCH expenses/{id}/: the (new) budget is charged the (new) amount again. */
  editExpense(
    row: ExpenseRow,
    change: Partial<Pick<ExpenseRow, 'budget' | 'date' | 'use' | 'amount'>>,
  ) {
    Object.assign(row, change)
    row.budget.amount -= row.amount
    this.save(row.budget)
    this.save(row)
  }

  /** PUT/PATCH budgets/{id}/ or accounts/{id}/: a save, no money moves. */
  edit<T extends Row>(row: T, change: Partial<T>) {
    Object.assign(row, change)
    this.save(row)
  }

  account(tenant: Tenant, index = 0): AccountRow {
    return this.accounts.filter((a) => a.tenant === tenant)[index]!
  }
  /** The tenant's seeded budget at that position (from 1, as SEED). */
  budget(tenant: Tenant, position: number): BudgetRow {
    return this.budgets.filter((b) => b.tenant === tenant)[position - 1]!
  }
  expense(tenant: Tenant, use: string): ExpenseRow {
    return this.expenses.find((e) => e.budget.tenant === tenant && e.use === use)!
  }

  // ---------------------------------------------------------------- wire shapes

  accountJson(a: AccountRow) {
    return { id: a.id, created: DT, updated: DT, name: a.name, amount: a.amount }
  }

  departmentJson(tenant: Tenant, id: number, name: string) {
    const organization = ORGANIZATION[tenant][this.profile === 'original' ? 0 : 1]
    return { id, name, organization, created: DT, updated: DT }
  }

  budgetJson(b: BudgetRow) {
    return {
      id: b.id,
      department: this.departmentJson(b.tenant, b.department, b.departmentName),
      month: MONTHS[b.month - 1],
      source: this.accountJson(b.source),
      created: DT,
      updated: DT,
      year: b.year,
      amount: b.amount,
    }
  }

  budgetWriteJson(b: BudgetRow) {
    return {
      id: b.id,
      created: DT,
      updated: DT,
      month: b.month,
      year: b.year,
      amount: b.amount,
      department: b.department,
      source: b.source.id,
    }
  }

  expenseJson(e: ExpenseRow) {
    return {
      id: e.id,
      budget: this.budgetJson(e.budget),
      created: DT,
      updated: DT,
      date: e.date,
      use: e.use,
      amount: e.amount,
    }
  }

  expenseWriteJson(e: ExpenseRow) {
    return {
      id: e.id,
      created: DT,
      updated: DT,
      date: e.date,
      use: e.use,
      amount: e.amount,
      budget: e.budget.id,
    }
  }

  // ---------------------------------------------------------------- lists, newest save first

  private static newest<T extends Row>(rows: T[]): T[] {
    return [...rows].sort((a, b) => b.saved - a.saved)
  }

  accountList(tenant: Tenant) {
    return Books.newest(this.accounts.filter((a) => a.tenant === tenant)).map((a) =>
      this.accountJson(a),
    )
  }

  budgetList(tenant: Tenant, department?: number) {
    return Books.newest(
      this.budgets.filter(
        (b) => b.tenant === tenant && (department === undefined || b.department === department),
      ),
    ).map((b) => this.budgetJson(b))
  }

  expenseList(tenant: Tenant, department?: number) {
    return Books.newest(
      this.expenses.filter(
        (e) =>
          e.budget.tenant === tenant &&
          (department === undefined || e.budget.department === department),
      ),
    ).map((e) => this.expenseJson(e))
  }
}

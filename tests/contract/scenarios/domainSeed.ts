/**
 * The seeded accounts, budgets and expenses (tests/contract/django/core/seed.py, and the mock's
 * "Seeded domain data" in src/mocks/README.md), and a small model of what the server holds after
 * the seed and after each write: ids per profile, the signals' arithmetic, and list order.
 *
 * Every model is ordered by `-created`, and `created` is `auto_now` (the original's swap, kept on
 * both profiles), so a list is in the order of the rows' last save (newest first): creating a
 * budget saves its account again; saving an expense (create or update) saves its budget again.
 */
import type { Profile } from '../harness/backends'

export type Tenant = 'acme' | 'globex'
type Which = 'current' | 'previous'

interface SeedBudget {
  key: string
  department: string
  which: Which
  amount: number
}
interface SeedExpense {
  budget: string
  day: number
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
    account: { name: 'Acme operating account', amount: 1_000_000 },
    budgets: [
      { key: 'fin-prev', department: 'Finance', which: 'previous', amount: 80_000 },
      { key: 'eng-prev', department: 'Engineering', which: 'previous', amount: 300_000 },
      { key: 'fin-cur', department: 'Finance', which: 'current', amount: 100_000 },
      { key: 'eng-cur', department: 'Engineering', which: 'current', amount: 400_000 },
    ],
    expenses: [
      { budget: 'fin-prev', day: 10, use: 'Audit fees', amount: 30_000 },
      { budget: 'eng-prev', day: 20, use: 'Cloud hosting', amount: 120_000 },
      { budget: 'eng-cur', day: 1, use: 'Team lunch', amount: 12_000 },
      { budget: 'eng-cur', day: 1, use: 'Laptops for new hires', amount: 250_000 },
      { budget: 'fin-cur', day: 1, use: 'Bank charges', amount: 4_500 },
    ],
  },
  globex: {
    account: { name: 'Globex operating account', amount: 800_000 },
    budgets: [
      { key: 'fin-prev', department: 'Finance', which: 'previous', amount: 50_000 },
      { key: 'mkt-prev', department: 'Marketing', which: 'previous', amount: 150_000 },
      { key: 'fin-cur', department: 'Finance', which: 'current', amount: 60_000 },
      { key: 'mkt-cur', department: 'Marketing', which: 'current', amount: 200_000 },
    ],
    expenses: [
      { budget: 'mkt-prev', day: 15, use: 'Print ads', amount: 90_000 },
      { budget: 'mkt-cur', day: 1, use: 'Trade show booth', amount: 80_000 },
      { budget: 'fin-cur', day: 1, use: 'Courier', amount: 3_000 },
    ],
  },
}

/** Each tenant's departments as the fixture seeds them (name → [original id, hardened id]). */
const DEPARTMENTS: Record<Tenant, Record<string, [number, number]>> = {
  acme: { Finance: [1, 1], Engineering: [2, 2] },
  globex: { Finance: [1, 3], Marketing: [2, 4] },
}
/** The tenant a department belongs to on hardened (the original shows none). */
const ORGANIZATION: Record<Tenant, number> = { acme: 1, globex: 2 }

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

/** `YYYY-MM-DD` of that day of the month, or today if that is earlier (as core/seed.py). */
export function seedDate(month: number, year: number, day: number): string {
  const t = today()
  const iso = `${year}-${pad(month)}-${pad(day)}`
  const now = `${t.year}-${pad(t.month)}-${pad(t.day)}`
  return iso < now ? iso : now
}

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
      const keys = new Map<string, BudgetRow>()
      for (const b of seed.budgets) {
        const { month, year } = seedMonth(b.which)
        keys.set(b.key, this.addBudget(tenant, b.department, account, month, year, b.amount))
      }
      for (const e of seed.expenses) {
        const budget = keys.get(e.budget)!
        this.addExpense(budget, seedDate(budget.month, budget.year, e.day), e.use, e.amount)
      }
    }
  }

  private nextId(table: string, tenant: Tenant): number {
    const key = this.profile === 'original' ? `${table}:${tenant}` : table
    const id = (this.ids.get(key) ?? 0) + 1
    this.ids.set(key, id)
    return id
  }

  /** A row is written: `created` (auto_now on both profiles) moves, and so its place in lists. */
  private save(row: Row) {
    this.clock += 1
    row.saved = this.clock
  }

  /** The id of the tenant's department in this profile. */
  departmentId(tenant: Tenant, name: string): number {
    return DEPARTMENTS[tenant][name]![this.profile === 'original' ? 0 : 1]
  }

  addAccount(tenant: Tenant, name: string, amount: number): AccountRow {
    const row: AccountRow = { id: this.nextId('account', tenant), saved: 0, tenant, name, amount }
    this.save(row)
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
    this.save(row)
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
    this.save(row)
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
  /** The tenant's seeded budget of that key (SEED). */
  budget(tenant: Tenant, key: string): BudgetRow {
    const index = SEED[tenant].budgets.findIndex((b) => b.key === key)
    return this.budgets.filter((b) => b.tenant === tenant)[index]!
  }
  expense(tenant: Tenant, use: string): ExpenseRow {
    return this.expenses.find((e) => e.budget.tenant === tenant && e.use === use)!
  }

  // ---------------------------------------------------------------- wire shapes

  accountJson(a: AccountRow) {
    return { id: a.id, created: DT, updated: DT, name: a.name, amount: a.amount }
  }

  /** The departments/ serializer of the profile: the original's `'__all__'`, the contract's. */
  departmentJson(tenant: Tenant, id: number, name: string) {
    if (this.profile === 'original') return { id, created: DT, updated: DT, name }
    return { id, name, organization: ORGANIZATION[tenant], created: DT, updated: DT }
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

/**
 * The seeded accounts, budgets and expenses of each demo tenant (src/mocks/README.md, "Seeded
 * domain data"), built by replaying what the original's views and signals do: the account is
 * created, each budget is created and its post_save takes its amount from the account, each
 * expense's pre_save takes its amount from its budget before the expense is saved. So every
 * timestamp, id and amount is what the server would hold after the same requests.
 *
 * Budgets are for the current and the previous month of today's date in Africa/Nairobi (the
 * server's TIME_ZONE); expenses are dated a day of their budget's month, never after today.
 * Timestamps are the original's (core models have `created` moving on each save on both profiles).
 */
import type { AccountRow, BudgetRow, ExpenseRow } from './schema'
import { stamps, touch } from './tenants/commonInfo'

type Period = 'current' | 'previous'

interface TenantBooks {
  schema: string
  account: { name: string; opening: number }
  /** Created in this order; `key` names the budget for the expenses. */
  budgets: { key: string; department: string; period: Period; amount: number }[]
  /** Created in this order, dated that day of their budget's month (never after today). */
  expenses: { budget: string; day: number; use: string; amount: number }[]
}

/** Tenant by tenant (the hardened profile's global ids follow this order). */
export const SEED_BOOKS: TenantBooks[] = [
  {
    schema: 'acme',
    account: { name: 'Acme operating account', opening: 1_000_000 },
    budgets: [
      { key: 'fin-prev', department: 'Finance', period: 'previous', amount: 80_000 },
      { key: 'eng-prev', department: 'Engineering', period: 'previous', amount: 300_000 },
      { key: 'fin-cur', department: 'Finance', period: 'current', amount: 100_000 },
      { key: 'eng-cur', department: 'Engineering', period: 'current', amount: 400_000 },
    ],
    expenses: [
      { budget: 'fin-prev', day: 10, use: 'Audit fees', amount: 30_000 },
      { budget: 'eng-prev', day: 20, use: 'Cloud hosting', amount: 120_000 },
      { budget: 'eng-cur', day: 1, use: 'Team lunch', amount: 12_000 },
      { budget: 'eng-cur', day: 1, use: 'Laptops for new hires', amount: 250_000 },
      { budget: 'fin-cur', day: 1, use: 'Bank charges', amount: 4_500 },
    ],
  },
  {
    schema: 'globex',
    account: { name: 'Globex operating account', opening: 800_000 },
    budgets: [
      { key: 'fin-prev', department: 'Finance', period: 'previous', amount: 50_000 },
      { key: 'mkt-prev', department: 'Marketing', period: 'previous', amount: 150_000 },
      { key: 'fin-cur', department: 'Finance', period: 'current', amount: 60_000 },
      { key: 'mkt-cur', department: 'Marketing', period: 'current', amount: 200_000 },
    ],
    expenses: [
      { budget: 'mkt-prev', day: 15, use: 'Print ads', amount: 90_000 },
      { budget: 'mkt-cur', day: 1, use: 'Trade show booth', amount: 80_000 },
      { budget: 'fin-cur', day: 1, use: 'Courier', amount: 3_000 },
    ],
  },
]

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

/** The server's local date (Africa/Nairobi, UTC+3 without DST). */
export function nairobiToday(ms: number = Date.now()): {
  year: number
  month: number
  day: number
} {
  const local = new Date(ms + 3 * 3600 * 1000)
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }
}

/** The current and the previous month of that date. */
export function seedPeriods(ms: number = Date.now()) {
  const today = nairobiToday(ms)
  const current = { year: today.year, month: today.month }
  const previous =
    current.month === 1
      ? { year: current.year - 1, month: 12 }
      : { year: current.year, month: current.month - 1 }
  return { current, previous, today: isoDate(today.year, today.month, today.day) }
}

export interface DomainRows {
  accounts: AccountRow[]
  budgets: BudgetRow[]
  expenses: ExpenseRow[]
}

/**
 * Every tenant's domain rows, tenant by tenant in the order of SEED_ACCOUNTS (so global ids run
 * acme first). `nextPk` hands out the primary keys; `swapped` is the original's timestamps.
 */
export function seedDomain(opts: {
  nextPk: (table: 'account' | 'budget' | 'expense', schema: string) => number
  departmentId: (schema: string, name: string) => number
  now?: number
}): DomainRows {
  const periods = seedPeriods(opts.now)
  const out: DomainRows = { accounts: [], budgets: [], expenses: [] }
  for (const books of SEED_BOOKS) {
    const schema = books.schema
    const account: AccountRow = {
      id: opts.nextPk('account', schema),
      schema,
      name: books.account.name,
      amount: books.account.opening,
      ...stamps(),
    }
    out.accounts.push(account)
    const budgets = new Map<string, BudgetRow>()
    for (const b of books.budgets) {
      const { year, month } = periods[b.period]
      const row: BudgetRow = {
        id: opts.nextPk('budget', schema),
        schema,
        department: opts.departmentId(schema, b.department),
        source: account.id,
        month,
        year,
        amount: b.amount,
        ...stamps(),
      }
      budgets.set(b.key, row)
      account.amount -= row.amount // post_save, created
      touch(account, true)
    }
    out.budgets.push(...budgets.values())
    for (const e of books.expenses) {
      const budget = budgets.get(e.budget) as BudgetRow
      const date = isoDate(budget.year, budget.month, e.day)
      budget.amount -= e.amount // pre_save
      touch(budget, true)
      out.expenses.push({
        id: opts.nextPk('expense', schema),
        schema,
        budget: budget.id,
        date: date < periods.today ? date : periods.today,
        use: e.use,
        amount: e.amount,
        ...stamps(),
      })
    }
  }
  return out
}

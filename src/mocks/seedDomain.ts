/**
 * The seeded accounts, budgets and expenses of each demo tenant (src/mocks/README.md, "Seeded
 * domain data"), built by replaying what the original's views and signals do: the account is
 * created, each budget is created and its post_save takes its amount from the account, each
 * expense's pre_save takes its amount from its budget before the expense is saved. So every
 * timestamp, id and amount is what the server would hold after the same requests.
 *
 * Budgets are for the current and the previous month of today's date in Africa/Nairobi (the
 * server's TIME_ZONE); expenses are dated the 1st of the current month or the 15th of the previous.
 */
import type { AccountRow, BudgetRow, ExpenseRow } from './schema'
import { stamps, touch } from './tenants/commonInfo'

interface AccountSeed {
  schema: string
  name: string
  /** What the account held before its budgets were created. */
  opening: number
}

interface BudgetSeed {
  schema: string
  department: string
  period: 'current' | 'previous'
  amount: number
}

interface ExpenseSeed {
  schema: string
  /** The budget, as its position (from 1) among its tenant's seeded budgets. */
  budget: number
  use: string
  amount: number
}

export const SEED_ACCOUNTS: AccountSeed[] = [
  { schema: 'acme', name: 'Acme operating account', opening: 1_500_000 },
  { schema: 'globex', name: 'Globex operating account', opening: 1_000_000 },
]

export const SEED_BUDGETS: BudgetSeed[] = [
  { schema: 'acme', department: 'Finance', period: 'current', amount: 100_000 },
  { schema: 'acme', department: 'Engineering', period: 'current', amount: 400_000 },
  { schema: 'acme', department: 'Finance', period: 'previous', amount: 100_000 },
  { schema: 'acme', department: 'Engineering', period: 'previous', amount: 400_000 },
  { schema: 'globex', department: 'Finance', period: 'current', amount: 50_000 },
  { schema: 'globex', department: 'Marketing', period: 'current', amount: 200_000 },
  { schema: 'globex', department: 'Finance', period: 'previous', amount: 50_000 },
  { schema: 'globex', department: 'Marketing', period: 'previous', amount: 150_000 },
]

export const SEED_EXPENSES: ExpenseSeed[] = [
  { schema: 'acme', budget: 2, use: 'Team lunch', amount: 12_000 },
  { schema: 'acme', budget: 2, use: 'Laptops for new hires', amount: 250_000 },
  { schema: 'acme', budget: 1, use: 'Bank charges', amount: 4_500 },
  { schema: 'acme', budget: 4, use: 'Cloud hosting', amount: 380_000 },
  { schema: 'acme', budget: 3, use: 'Audit fees', amount: 120_000 },
  { schema: 'globex', budget: 2, use: 'Trade show booth', amount: 80_000 },
  { schema: 'globex', budget: 1, use: 'Courier', amount: 3_000 },
  { schema: 'globex', budget: 4, use: 'Print adverts', amount: 95_000 },
  { schema: 'globex', budget: 3, use: 'Office supplies', amount: 12_500 },
]

/** The server's local date (Africa/Nairobi, UTC+3 without DST). */
export function nairobiToday(ms: number = Date.now()): { year: number; month: number } {
  const local = new Date(ms + 3 * 3600 * 1000)
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 }
}

/** The current and the previous month of that date. */
export function seedPeriods(ms: number = Date.now()) {
  const current = nairobiToday(ms)
  const previous =
    current.month === 1
      ? { year: current.year - 1, month: 12 }
      : { year: current.year, month: current.month - 1 }
  return { current, previous }
}

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

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
  swapped: boolean
  nextPk: (table: 'account' | 'budget' | 'expense', schema: string) => number
  departmentId: (schema: string, name: string) => number
  now?: number
}): DomainRows {
  const periods = seedPeriods(opts.now)
  const out: DomainRows = { accounts: [], budgets: [], expenses: [] }
  for (const a of SEED_ACCOUNTS) {
    const account: AccountRow = {
      id: opts.nextPk('account', a.schema),
      schema: a.schema,
      name: a.name,
      amount: a.opening,
      ...stamps(),
    }
    out.accounts.push(account)
    const budgets = SEED_BUDGETS.filter((b) => b.schema === a.schema).map((b): BudgetRow => {
      const { year, month } = periods[b.period]
      const row: BudgetRow = {
        id: opts.nextPk('budget', a.schema),
        schema: a.schema,
        department: opts.departmentId(a.schema, b.department),
        source: account.id,
        month,
        year,
        amount: b.amount,
        ...stamps(),
      }
      account.amount -= row.amount // post_save, created
      touch(account, opts.swapped)
      return row
    })
    out.budgets.push(...budgets)
    const seeds = SEED_BUDGETS.filter((b) => b.schema === a.schema)
    for (const e of SEED_EXPENSES.filter((x) => x.schema === a.schema)) {
      const budget = budgets[e.budget - 1] as BudgetRow
      const period = (seeds[e.budget - 1] as BudgetSeed).period
      const day = period === 'current' ? 1 : 15
      budget.amount -= e.amount // pre_save
      touch(budget, opts.swapped)
      out.expenses.push({
        id: opts.nextPk('expense', a.schema),
        schema: a.schema,
        budget: budget.id,
        date: isoDate(budget.year, budget.month, day),
        use: e.use,
        amount: e.amount,
        ...stamps(),
      })
    }
  }
  return out
}

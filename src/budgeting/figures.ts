/**
 * What the screens show of budgets and expenses, worked out from what the server sends. The
 * server's `budget.amount` is what remains (each expense save subtracts its amount), so:
 * spent = the sum of the budget's expenses, allocated = remaining + spent, and a budget is over
 * when what remains is below zero. An expense edit subtracts again on the server, so after edits
 * `allocated` reads lower than the amount first given: it is what the server's figures add up to.
 */
import type { BudgetWire, ExpenseWire } from '@/api/core'
import { budgetPeriod } from './months'

export interface BudgetFigures {
  allocated: number
  spent: number
  remaining: number
  /** Remaining is below zero. */
  over: boolean
  /** How far below zero (0 when not over). */
  overBy: number
}

export interface Totals {
  allocated: number
  spent: number
  remaining: number
}

export const sumAmounts = (rows: readonly { amount: number }[]): number =>
  rows.reduce((sum, r) => sum + r.amount, 0)

/** Spent per budget id, from the expenses recorded against each. */
export function spentByBudget(expenses: readonly ExpenseWire[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const e of expenses) out.set(e.budget.id, (out.get(e.budget.id) ?? 0) + e.amount)
  return out
}

export function budgetFigures(remaining: number, spent: number): BudgetFigures {
  return {
    allocated: remaining + spent,
    spent,
    remaining,
    over: remaining < 0,
    overBy: remaining < 0 ? -remaining : 0,
  }
}

export function addTotals(rows: readonly Totals[]): Totals {
  return rows.reduce(
    (t, r) => ({
      allocated: t.allocated + r.allocated,
      spent: t.spent + r.spent,
      remaining: t.remaining + r.remaining,
    }),
    { allocated: 0, spent: 0, remaining: 0 },
  )
}

export interface BudgetRow extends BudgetFigures {
  budget: BudgetWire
  /** `YYYY-MM`, or null when the server sent a month name we do not know. */
  period: string | null
}

/** Each budget with its figures, in the order given. */
export function budgetRows(
  budgets: readonly BudgetWire[],
  expenses: readonly ExpenseWire[],
): BudgetRow[] {
  const spent = spentByBudget(expenses)
  return budgets.map((budget) => ({
    budget,
    period: budgetPeriod(budget),
    ...budgetFigures(budget.amount, spent.get(budget.id) ?? 0),
  }))
}

/** Newest period first, then department name, then id: how budget lists read. */
export function byPeriodThenDepartment(a: BudgetRow, b: BudgetRow): number {
  return (
    (b.period ?? '').localeCompare(a.period ?? '') ||
    a.budget.department.name.localeCompare(b.budget.department.name) ||
    a.budget.id - b.budget.id
  )
}

/** The periods budgets cover, newest first, each once. */
export function periodsOf(budgets: readonly BudgetWire[]): string[] {
  const keys = new Set<string>()
  for (const b of budgets) {
    const p = budgetPeriod(b)
    if (p) keys.add(p)
  }
  return [...keys].sort().reverse()
}

export interface BudgetFilter {
  department?: number | null
  /** `YYYY-MM`. */
  period?: string | null
}

export function filterBudgetRows(rows: readonly BudgetRow[], f: BudgetFilter): BudgetRow[] {
  return rows.filter(
    (r) =>
      (f.department == null || r.budget.department.id === f.department) &&
      (!f.period || r.period === f.period),
  )
}

export interface ExpenseFilter {
  department?: number | null
  budget?: number | null
  /** `YYYY-MM-DD`, inclusive. */
  from?: string | null
  /** `YYYY-MM-DD`, inclusive. */
  to?: string | null
}

/** Dates are `YYYY-MM-DD`, so they compare as strings. */
export function filterExpenses(expenses: readonly ExpenseWire[], f: ExpenseFilter): ExpenseWire[] {
  return expenses.filter(
    (e) =>
      (f.department == null || e.budget.department.id === f.department) &&
      (f.budget == null || e.budget.id === f.budget) &&
      (!f.from || e.date >= f.from) &&
      (!f.to || e.date <= f.to),
  )
}

/** Newest date first, then the newest record (highest id). */
export const newestExpenseFirst = (a: ExpenseWire, b: ExpenseWire): number =>
  b.date.localeCompare(a.date) || b.id - a.id

/** What saving an expense does to its budget on the server: subtract its amount from remaining. */
export interface SaveEffect {
  subtract: number
  leaving: number
  over: boolean
}

export function expenseSaveEffect(budgetRemaining: number, amount: number): SaveEffect {
  const leaving = budgetRemaining - amount
  return { subtract: amount, leaving, over: leaving < 0 }
}

/** What creating a budget does to its account: the account's amount less the budget's. */
export const budgetCreateEffect = (accountAmount: number, amount: number): SaveEffect =>
  expenseSaveEffect(accountAmount, amount)

export interface InsightRow extends Totals {
  key: string
  label: string
  /** How many of the group's budgets are over. */
  overBudgets: number
}

function groupRows(
  rows: readonly BudgetRow[],
  keyOf: (r: BudgetRow) => string,
  labelOf: (r: BudgetRow) => string,
): InsightRow[] {
  const out = new Map<string, InsightRow>()
  for (const r of rows) {
    const key = keyOf(r)
    const row = out.get(key) ?? {
      key,
      label: labelOf(r),
      allocated: 0,
      spent: 0,
      remaining: 0,
      overBudgets: 0,
    }
    row.allocated += r.allocated
    row.spent += r.spent
    row.remaining += r.remaining
    if (r.over) row.overBudgets += 1
    out.set(key, row)
  }
  return [...out.values()]
}

/** Budget against spending per department, by department name. */
export const insightsByDepartment = (rows: readonly BudgetRow[]): InsightRow[] =>
  groupRows(
    rows,
    (r) => String(r.budget.department.id),
    (r) => r.budget.department.name,
  ).sort((a, b) => a.label.localeCompare(b.label))

/** Budget against spending per budget month, oldest first; `label` is the `YYYY-MM` key. */
export const insightsByPeriod = (rows: readonly BudgetRow[]): InsightRow[] =>
  groupRows(
    rows,
    (r) => r.period ?? '',
    (r) => r.period ?? '',
  ).sort((a, b) => a.key.localeCompare(b.key))

/** Whole units only, as every amount field of the original is an integer field. */
export const parseWholeAmount = (text: string): number | null =>
  /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : null

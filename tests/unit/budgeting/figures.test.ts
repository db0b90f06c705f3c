import { describe, expect, it } from 'vitest'
import type { AccountWire, BudgetWire, ExpenseWire } from '@/api/core'
import {
  addTotals,
  budgetCreateEffect,
  budgetFigures,
  budgetRows,
  byPeriodThenDepartment,
  expenseSaveEffect,
  filterBudgetRows,
  filterExpenses,
  insightsByDepartment,
  insightsByPeriod,
  newestExpenseFirst,
  parseWholeAmount,
  periodsOf,
  spentByBudget,
  sumAmounts,
} from '@/budgeting/figures'

const at = '2026-12-01T23:37:37.531006+03:00'
const account: AccountWire = { id: 1, created: at, updated: at, name: 'Operating', amount: 500000 }
const finance = { id: 1, created: at, updated: at, name: 'Finance' }
const engineering = { id: 2, created: at, updated: at, name: 'Engineering' }
const budget = (
  id: number,
  department: typeof finance,
  month: string,
  year: number,
  amount: number,
): BudgetWire => ({
  id,
  created: at,
  updated: at,
  department,
  source: account,
  month,
  year,
  amount,
})
const expense = (id: number, b: BudgetWire, date: string, amount: number): ExpenseWire => ({
  id,
  created: at,
  updated: at,
  date,
  use: `use ${id}`,
  amount,
  budget: b,
})

// As the server holds them: each budget's amount already has its expenses subtracted.
const finDec = budget(1, finance, 'December', 2026, 95500)
const engDec = budget(2, engineering, 'December', 2026, 138000)
const finNov = budget(3, finance, 'November', 2026, -20000)
const engNov = budget(4, engineering, 'November', 2026, 20000)
const budgets = [finDec, engDec, finNov, engNov]
const expenses = [
  expense(1, engDec, '2026-12-01', 12000),
  expense(2, engDec, '2026-12-01', 250000),
  expense(3, finDec, '2026-12-01', 4500),
  expense(4, engNov, '2026-11-15', 380000),
  expense(5, finNov, '2026-11-15', 120000),
]

describe('budget figures', () => {
  it('reads remaining from the server, spent from the expenses, allocated as their sum', () => {
    expect(spentByBudget(expenses).get(2)).toBe(262000)
    expect(budgetFigures(138000, 262000)).toEqual({
      allocated: 400000,
      spent: 262000,
      remaining: 138000,
      over: false,
      overBy: 0,
    })
  })

  it('is over budget when what remains is below zero, and says by how much', () => {
    const f = budgetFigures(-20000, 120000)
    expect(f).toMatchObject({ allocated: 100000, over: true, overBy: 20000 })
    expect(budgetFigures(0, 100).over).toBe(false)
  })

  it('gives each budget its row, and totals them', () => {
    const rows = budgetRows(budgets, expenses)
    expect(rows.map((r) => [r.budget.id, r.period, r.allocated, r.spent, r.remaining])).toEqual([
      [1, '2026-12', 100000, 4500, 95500],
      [2, '2026-12', 400000, 262000, 138000],
      [3, '2026-11', 100000, 120000, -20000],
      [4, '2026-11', 400000, 380000, 20000],
    ])
    expect(addTotals(rows)).toEqual({ allocated: 1000000, spent: 766500, remaining: 233500 })
    expect(budgetRows([budget(9, finance, 'May', 2026, 10)], expenses)[0]).toMatchObject({
      spent: 0,
      allocated: 10,
    })
  })

  it('sorts newest month first, then by department, and lists the months once each', () => {
    const rows = budgetRows(budgets, expenses).sort(byPeriodThenDepartment)
    expect(rows.map((r) => r.budget.id)).toEqual([2, 1, 4, 3])
    expect(periodsOf([...budgets, budget(5, finance, 'December', 2026, 1)])).toEqual([
      '2026-12',
      '2026-11',
    ])
  })

  it('filters budgets by department and by month', () => {
    const rows = budgetRows(budgets, expenses)
    expect(filterBudgetRows(rows, { department: 1 }).map((r) => r.budget.id)).toEqual([1, 3])
    expect(filterBudgetRows(rows, { period: '2026-11' }).map((r) => r.budget.id)).toEqual([3, 4])
    expect(
      filterBudgetRows(rows, { department: 2, period: '2026-12' }).map((r) => r.budget.id),
    ).toEqual([2])
    expect(filterBudgetRows(rows, {})).toHaveLength(4)
  })
})

describe('expenses', () => {
  it('filters by department, budget and an inclusive date range, and totals', () => {
    const ids = (f: Parameters<typeof filterExpenses>[1]) =>
      filterExpenses(expenses, f).map((e) => e.id)
    expect(ids({ department: 1 })).toEqual([3, 5])
    expect(ids({ budget: 2 })).toEqual([1, 2])
    expect(ids({ from: '2026-12-01' })).toEqual([1, 2, 3])
    expect(ids({ to: '2026-11-15' })).toEqual([4, 5])
    expect(ids({ from: '2026-11-16', to: '2026-11-30' })).toEqual([])
    expect(ids({ department: 2, from: '2026-11-01', to: '2026-11-30' })).toEqual([4])
    expect(sumAmounts(filterExpenses(expenses, { department: 2 }))).toBe(642000)
  })

  it('lists the newest date first, then the newest record', () => {
    expect([...expenses].sort(newestExpenseFirst).map((e) => e.id)).toEqual([3, 2, 1, 5, 4])
  })

  it('says what a save does to the budget: subtract the amount, every time', () => {
    expect(expenseSaveEffect(138000, 1500)).toEqual({
      subtract: 1500,
      leaving: 136500,
      over: false,
    })
    expect(expenseSaveEffect(1000, 1500)).toEqual({ subtract: 1500, leaving: -500, over: true })
    expect(expenseSaveEffect(1500, 1500).over).toBe(false)
  })

  it('says what creating a budget does to its account', () => {
    expect(budgetCreateEffect(500000, 100000)).toMatchObject({ leaving: 400000, over: false })
    expect(budgetCreateEffect(500000, 600000)).toMatchObject({ leaving: -100000, over: true })
  })

  it('takes whole amounts only', () => {
    expect(parseWholeAmount(' 1500 ')).toBe(1500)
    expect(parseWholeAmount('-20')).toBe(-20)
    expect(parseWholeAmount('12.50')).toBeNull()
    expect(parseWholeAmount('1,500')).toBeNull()
    expect(parseWholeAmount('')).toBeNull()
  })
})

describe('insights', () => {
  const rows = budgetRows(budgets, expenses)

  it('puts budget against spending per department, by name', () => {
    expect(insightsByDepartment(rows)).toEqual([
      {
        key: '2',
        label: 'Engineering',
        allocated: 800000,
        spent: 642000,
        remaining: 158000,
        overBudgets: 0,
      },
      {
        key: '1',
        label: 'Finance',
        allocated: 200000,
        spent: 124500,
        remaining: 75500,
        overBudgets: 1,
      },
    ])
  })

  it('puts budget against spending per budget month, oldest first', () => {
    expect(
      insightsByPeriod(rows).map((r) => [r.key, r.allocated, r.spent, r.remaining, r.overBudgets]),
    ).toEqual([
      ['2026-11', 500000, 500000, 0, 1],
      ['2026-12', 500000, 266500, 233500, 0],
    ])
  })
})

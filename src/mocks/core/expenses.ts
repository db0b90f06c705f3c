/**
 * Expenses (core): money spent against a budget. Written `{budget, date, use, amount}` and
 * answered flat (the `fields = '__all__'` serializer); read with the whole budget nested.
 * No DELETE (a 405). Every save, create and each update alike, first subtracts the expense's
 * (new) amount from its (new) budget: the original's pre_save signal, which never gives back
 * what an earlier save took, so editing an expense spends its amount again.
 */
import { schemaTenancy } from '../config'
import { commit, db, type ExpenseRow } from '../db'
import { fieldErrors, json, notFound } from '../drf'
import { Fields } from '../fields'
import { ALLOW, apiPath, authed, pkOf, type AuthedCtx, type Route } from '../router'
import { allocateId, budgetsOf, expensesOf, type Scoped } from '../scope'
import { newestFirst, stamps, touch } from '../tenants/commonInfo'
import { departmentById } from '../tenants/departments'
import { POSITIVE_INT, SWAPPED } from './accounts'
import { budgetById, budgetDetailWire } from './budgets'

/** ExpenseSerializer: what a write answers. */
export function expenseWire(e: ExpenseRow) {
  return {
    id: e.id,
    created: e.created,
    updated: e.updated,
    date: e.date,
    use: e.use,
    amount: e.amount,
    budget: e.budget,
  }
}

/** ExpenseDetailSerializer: what a read answers. */
export function expenseDetailWire(ctx: Scoped, e: ExpenseRow) {
  const budget = budgetById(ctx, e.budget)
  return {
    id: e.id,
    budget: budget ? budgetDetailWire(ctx, budget) : null,
    created: e.created,
    updated: e.updated,
    date: e.date,
    use: e.use,
    amount: e.amount,
  }
}

const inTenantBudget = (ctx: Scoped) => (id: number) => budgetById(ctx, id) !== undefined

/** Fields in the serializer's order: date, use, amount, budget. */
async function validate(ctx: AuthedCtx, partial: boolean) {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body, partial)
  const date = f.date('date', { required: true })
  const use = f.char('use', { required: true })
  const amount = f.integer('amount', { required: true, ...POSITIVE_INT })
  const budget = f.pk('budget', inTenantBudget(ctx), { required: true })
  return f.valid ? { date, use, amount, budget } : fieldErrors(f.errors)
}

/** The pre_save signal: the budget pays for the expense being saved, then the row is saved. */
function spend(ctx: Scoped, e: Pick<ExpenseRow, 'budget' | 'amount'>): void {
  const budget = budgetById(ctx, e.budget)
  if (!budget) return
  budget.amount -= e.amount
  touch(budget, SWAPPED)
}

/** Expense.objects.create with its signal. */
export function createExpense(
  ctx: Scoped,
  v: { budget: number; date: string; use: string; amount: number },
): ExpenseRow {
  spend(ctx, v)
  const row: ExpenseRow = {
    id: allocateId(ctx, 'expense'),
    schema: ctx.schema.name,
    ...v,
    ...stamps(),
  }
  db.expenses.push(row)
  return row
}

const detailList = (ctx: Scoped, rows: ExpenseRow[]) =>
  json(
    200,
    newestFirst(rows).map((e) => expenseDetailWire(ctx, e)),
  )

const list = authed((ctx) => detailList(ctx, expensesOf(ctx)))

const create = authed(async (ctx) => {
  const v = await validate(ctx, false)
  if (v instanceof Response) return v
  const row = createExpense(ctx, v as Parameters<typeof createExpense>[1])
  commit()
  return json(201, expenseWire(row))
})

const find = (ctx: AuthedCtx) => expensesOf(ctx).find((e) => e.id === pkOf(ctx.params.id))

const retrieve = authed((ctx) => {
  const row = find(ctx)
  return row ? json(200, expenseDetailWire(ctx, row)) : notFound()
})

const update = (partial: boolean) =>
  authed(async (ctx) => {
    const row = find(ctx)
    if (!row) return notFound()
    const v = await validate(ctx, partial)
    if (v instanceof Response) return v
    if (typeof v.date === 'string') row.date = v.date
    if (typeof v.use === 'string') row.use = v.use
    if (typeof v.amount === 'number') row.amount = v.amount
    if (typeof v.budget === 'number') row.budget = v.budget
    spend(ctx, row)
    touch(row, SWAPPED)
    commit()
    return json(200, expenseWire(row))
  })

/**
 * `expenses/department/<int:department_id>/`: the expenses whose budget is that department's.
 * The original only filters (an unknown department is an empty list); the hardened profile
 * answers 404 for a department outside the tenant, as its departmental budgets do.
 */
const departmental = authed((ctx) => {
  const id = pkOf(ctx.params.department)
  if (!schemaTenancy() && !departmentById(ctx, id)) return notFound()
  const budgets = new Set(
    budgetsOf(ctx)
      .filter((b) => b.department === id)
      .map((b) => b.id),
  )
  return detailList(
    ctx,
    expensesOf(ctx).filter((e) => budgets.has(e.budget)),
  )
})

export const expenseRoutes: Route[] = [
  { path: apiPath('expenses/'), views: { GET: list, POST: create }, allow: ALLOW.listCreate },
  {
    path: apiPath('expenses/(?<id>[0-9]+)/'),
    views: { GET: retrieve, PUT: update(false), PATCH: update(true) },
    allow: ALLOW.retrieveUpdate,
  },
  {
    path: apiPath('expenses/department/(?<department>[0-9]+)/'),
    views: { GET: departmental },
    allow: ALLOW.list,
  },
]

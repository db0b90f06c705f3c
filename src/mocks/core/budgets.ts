/**
 * Budgets (core): an amount allocated from an account to a department for a month and year.
 * Written with ids and `month` 1-12 (the `fields = '__all__'` serializer, which also answers the
 * writes); read with `department` and `source` nested and `month` as its English name.
 * Creating one subtracts its amount from its source account (the post_save signal, on create
 * only); its own `amount` is what remains after the expenses saved against it (expenses.ts).
 */
import { schemaTenancy } from '../config'
import { commit, db, type BudgetRow } from '../db'
import { fieldErrors, json, notFound } from '../drf'
import { Fields } from '../fields'
import { ALLOW, apiPath, authed, pkOf, type AuthedCtx, type Route } from '../router'
import { allocateId, budgetsOf, UnhandledException, type Scoped } from '../scope'
import { newestFirst, stamps, touch } from '../tenants/commonInfo'
import { departmentById, departmentWire, inTenantDepartment } from '../tenants/departments'
import { accountById, accountWire, BIGINT, POSITIVE_INT, SWAPPED } from './accounts'

/** django.utils.dates.MONTHS. */
export const MONTH_NAMES = [
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
] as const

/** ChoiceField.choice_strings_to_values of `month`. */
const MONTH_CHOICES: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.map((_, i) => [String(i + 1), i + 1]),
)

/** BudgetSerializer: what a write answers. */
export function budgetWire(b: BudgetRow) {
  return {
    id: b.id,
    created: b.created,
    updated: b.updated,
    month: b.month,
    year: b.year,
    amount: b.amount,
    department: b.department,
    source: b.source,
  }
}

/** BudgetDetailSerializer: what a read answers (also nested in expenses). */
export function budgetDetailWire(ctx: Scoped, b: BudgetRow) {
  const department = departmentById(ctx, b.department)
  const source = accountById(ctx, b.source)
  return {
    id: b.id,
    department: department ? departmentWire(department) : null,
    month: MONTH_NAMES[b.month - 1] ?? b.month,
    source: source ? accountWire(source) : null,
    created: b.created,
    updated: b.updated,
    year: b.year,
    amount: b.amount,
  }
}

export const budgetById = (ctx: Scoped, id: number): BudgetRow | undefined =>
  budgetsOf(ctx).find((b) => b.id === id)

const inTenantAccount = (ctx: Scoped) => (id: number) => accountById(ctx, id) !== undefined

/** Fields in the serializer's order: month, year, amount, department, source. */
async function validate(ctx: AuthedCtx, partial: boolean) {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body, partial)
  const month = f.choiceOf('month', MONTH_CHOICES, { required: true })
  const year = f.integer('year', { required: true, ...POSITIVE_INT })
  const amount = f.integer('amount', { required: true, ...BIGINT })
  const department = f.pk('department', inTenantDepartment(ctx), { required: true })
  const source = f.pk('source', inTenantAccount(ctx), { required: true })
  return f.valid ? { month, year, amount, department, source } : fieldErrors(f.errors)
}

const list = authed((ctx) =>
  json(
    200,
    newestFirst(budgetsOf(ctx)).map((b) => budgetDetailWire(ctx, b)),
  ),
)

/** Budget.objects.create, then the post_save signal: the source account pays for it. */
export function createBudget(
  ctx: Scoped,
  v: { department: number; source: number; month: number; year: number; amount: number },
): BudgetRow {
  const row: BudgetRow = {
    id: allocateId(ctx, 'budget'),
    schema: ctx.schema.name,
    ...v,
    ...stamps(),
  }
  db.budgets.push(row)
  const account = accountById(ctx, row.source)
  if (account) {
    account.amount -= row.amount
    touch(account, SWAPPED)
  }
  return row
}

const create = authed(async (ctx) => {
  const v = await validate(ctx, false)
  if (v instanceof Response) return v
  const row = createBudget(ctx, v as Parameters<typeof createBudget>[1])
  commit()
  return json(201, budgetWire(row))
})

const find = (ctx: AuthedCtx) => budgetById(ctx, pkOf(ctx.params.id))

const retrieve = authed((ctx) => {
  const row = find(ctx)
  return row ? json(200, budgetDetailWire(ctx, row)) : notFound()
})

/** An update saves the row only: the signal moves money on create, never on update. */
const update = (partial: boolean) =>
  authed(async (ctx) => {
    const row = find(ctx)
    if (!row) return notFound()
    const v = await validate(ctx, partial)
    if (v instanceof Response) return v
    if (typeof v.month === 'number') row.month = v.month
    if (typeof v.year === 'number') row.year = v.year
    if (typeof v.amount === 'number') row.amount = v.amount
    if (typeof v.department === 'number') row.department = v.department
    if (typeof v.source === 'number') row.source = v.source
    touch(row, SWAPPED)
    commit()
    return json(200, budgetWire(row))
  })

/**
 * `budgets/department/<int:department_id>/`: the department's budgets. The original looks the
 * department up with `Department.objects.get`, so an unknown one is a 500 page; the hardened
 * profile answers DRF's 404 for a department outside the tenant.
 */
const departmental = authed((ctx) => {
  const id = pkOf(ctx.params.department)
  if (!departmentById(ctx, id)) {
    if (schemaTenancy()) throw new UnhandledException('Department matching query does not exist.')
    return notFound()
  }
  const rows = budgetsOf(ctx).filter((b) => b.department === id)
  return json(
    200,
    newestFirst(rows).map((b) => budgetDetailWire(ctx, b)),
  )
})

export const budgetRoutes: Route[] = [
  { path: apiPath('budgets/'), views: { GET: list, POST: create }, allow: ALLOW.listCreate },
  {
    path: apiPath('budgets/(?<id>[0-9]+)/'),
    views: { GET: retrieve, PUT: update(false), PATCH: update(true) },
    allow: ALLOW.retrieveUpdate,
  },
  {
    path: apiPath('budgets/department/(?<department>[0-9]+)/'),
    views: { GET: departmental },
    allow: ALLOW.list,
  },
]

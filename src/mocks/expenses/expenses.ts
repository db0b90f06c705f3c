/** ExpenseViewSet (contract §6): the tenant's expenses, newest first; no DELETE (405). */
import { commit, db, djangoNow, type ExpenseRow } from '../db'
import { fieldErrors, json, notFound } from '../drf'
import { Fields } from '../fields'
import { apiPath, authed, pkOf, type AuthedCtx, type Route } from '../router'
import { allocateId, departmentsOf, expensesOf, ownOrganization } from '../scope'
import { inTenantDepartment } from './departments'

export function expenseWire(e: ExpenseRow) {
  return {
    id: e.id,
    amount: e.amount,
    description: e.description,
    department: e.department,
    created_by: e.created_by,
    created_by_email:
      db.users.find((u) => u.schema === e.schema && u.id === e.created_by)?.email ?? null,
    created: e.created,
    updated: e.updated,
  }
}

/** Meta.ordering = ["-created", "-id"]. */
const newestFirst = (a: ExpenseRow, b: ExpenseRow) =>
  a.created < b.created ? 1 : a.created > b.created ? -1 : b.id - a.id

/** The queryset: expenses whose department belongs to the host's tenant. */
function scoped(ctx: AuthedCtx): ExpenseRow[] {
  const mine = new Set(departmentsOf(ctx).map((d) => d.id))
  return expensesOf(ctx).filter((e) => mine.has(e.department))
}

/** amount (integer >= 0), description (<= 255), department (a pk of this tenant). */
async function validate(ctx: AuthedCtx, partial: boolean) {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body, partial)
  const amount = f.integer('amount', { required: true, min: 0 })
  const description = f.char('description', { required: true, maxLength: 255 })
  const department = f.pk('department', inTenantDepartment(ctx), { required: true })
  if (!f.valid) return fieldErrors(f.errors)
  return { amount, description, department }
}

const list = authed((ctx) => json(200, scoped(ctx).sort(newestFirst).map(expenseWire)))

const create = authed(async (ctx) => {
  const v = await validate(ctx, false)
  if (v instanceof Response) return v
  const at = djangoNow()
  const row: ExpenseRow = {
    id: allocateId(ctx, 'expense'),
    schema: ctx.schema.name,
    amount: v.amount as number,
    description: v.description as string,
    department: v.department as number,
    created_by: ctx.user.id, // read-only: perform_create sets the caller
    organization: ownOrganization(ctx),
    created: at,
    updated: at,
  }
  db.expenses.push(row)
  commit()
  return json(201, expenseWire(row))
})

const find = (ctx: AuthedCtx) => scoped(ctx).find((e) => e.id === pkOf(ctx.params.id))

const retrieve = authed((ctx) => {
  const row = find(ctx)
  return row ? json(200, expenseWire(row)) : notFound()
})

const update = (partial: boolean) =>
  authed(async (ctx) => {
    const row = find(ctx)
    if (!row) return notFound()
    const v = await validate(ctx, partial)
    if (v instanceof Response) return v
    if (typeof v.amount === 'number') row.amount = v.amount
    if (typeof v.description === 'string') row.description = v.description
    if (typeof v.department === 'number') row.department = v.department
    row.updated = djangoNow()
    commit()
    return json(200, expenseWire(row))
  })

export const expenseRoutes: Route[] = [
  { path: apiPath('expenses/'), views: { GET: list, POST: create } },
  {
    path: apiPath('expenses/(?<id>[^/.]+)/'),
    views: { GET: retrieve, PUT: update(false), PATCH: update(true) },
  },
]

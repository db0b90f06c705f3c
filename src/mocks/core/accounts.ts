/**
 * Accounts (core): the money an organisation has. `accounts/` lists and creates,
 * `accounts/<int:pk>/` retrieves and updates (PUT, PATCH), with the `fields = '__all__'`
 * serializer `{id, created, updated, name, amount}`. No signal of its own: creating a budget
 * subtracts from its source account (budgets.ts).
 */
import { commit, db, type AccountRow } from '../db'
import { fieldErrors, json, notFound } from '../drf'
import { Fields } from '../fields'
import { apiPath, authed, ALLOW, pkOf, type AuthedCtx, type Route } from '../router'
import { accountsOf, allocateId, type Scoped } from '../scope'
import { newestFirst, stamps, touch } from '../tenants/commonInfo'

/** The original's swapped timestamps, on both profiles (tenants/commonInfo.ts). */
export const SWAPPED = true

/** BigIntegerField's range on PostgreSQL, as DRF's IntegerField gets it from the model. */
export const BIGINT = { min: -(2n ** 63n), max: 2n ** 63n - 1n }
/** PositiveIntegerField's range on PostgreSQL. */
export const POSITIVE_INT = { min: 0, max: 2147483647 }

export function accountWire(a: AccountRow) {
  return { id: a.id, created: a.created, updated: a.updated, name: a.name, amount: a.amount }
}

export const accountById = (ctx: Scoped, id: number): AccountRow | undefined =>
  accountsOf(ctx).find((a) => a.id === id)

async function validate(ctx: AuthedCtx, partial: boolean) {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body, partial)
  const name = f.char('name', { required: true, maxLength: 255 })
  const amount = f.integer('amount', { required: true, ...BIGINT })
  return f.valid ? { name, amount } : fieldErrors(f.errors)
}

const list = authed((ctx) => json(200, newestFirst(accountsOf(ctx)).map(accountWire)))

const create = authed(async (ctx) => {
  const v = await validate(ctx, false)
  if (v instanceof Response) return v
  const row: AccountRow = {
    id: allocateId(ctx, 'account'),
    schema: ctx.schema.name,
    name: v.name as string,
    amount: v.amount as number,
    ...stamps(),
  }
  db.accounts.push(row)
  commit()
  return json(201, accountWire(row))
})

const find = (ctx: AuthedCtx) => accountById(ctx, pkOf(ctx.params.id))

const retrieve = authed((ctx) => {
  const row = find(ctx)
  return row ? json(200, accountWire(row)) : notFound()
})

const update = (partial: boolean) =>
  authed(async (ctx) => {
    const row = find(ctx)
    if (!row) return notFound()
    const v = await validate(ctx, partial)
    if (v instanceof Response) return v
    if (typeof v.name === 'string') row.name = v.name
    if (typeof v.amount === 'number') row.amount = v.amount
    touch(row, SWAPPED)
    commit()
    return json(200, accountWire(row))
  })

export const accountRoutes: Route[] = [
  { path: apiPath('accounts/'), views: { GET: list, POST: create }, allow: ALLOW.listCreate },
  {
    path: apiPath('accounts/(?<id>[0-9]+)/'),
    views: { GET: retrieve, PUT: update(false), PATCH: update(true) },
    allow: ALLOW.retrieveUpdate,
  },
]

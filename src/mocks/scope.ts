/**
 * The rows a request can see, by profile: `hardened` keeps one table per model and filters it by
 * the host's organisation; `original` has a Postgres schema per tenant, so the same ids repeat in
 * each schema and the host's search path decides which rows exist at all. Every database access
 * of a view goes through here, so an unknown host in the original fails where Django's would.
 */
import { schemaTenancy } from './config'
import { db, type SchemaState, type TenantRow, type UserRow } from './db'
import type { SchemaRef } from './tenancy'

/** Postgres' `relation "…" does not exist`: the search path names no schema. The router answers 500. */
export class MissingRelation extends Error {
  constructor(schema: string) {
    super(`the search path "${schema}" names no schema`)
  }
}

/**
 * An exception a view does not handle (e.g. `Model.objects.get` of a missing row, DoesNotExist):
 * Django's 500 page, without the headers DRF would have added. The router answers it.
 */
export class UnhandledException extends Error {}

export interface Scoped {
  schema: SchemaRef
}

function need(ctx: Scoped): void {
  if (!ctx.schema.exists) throw new MissingRelation(ctx.schema.name)
}

function state(ctx: Scoped): SchemaState {
  need(ctx)
  const found = db.schemas[ctx.schema.name]
  if (!found) throw new MissingRelation(ctx.schema.name)
  return found
}

const inSchema =
  (ctx: Scoped) =>
  (row: { schema: string }): boolean =>
    row.schema === ctx.schema.name

export function usersOf(ctx: Scoped): UserRow[] {
  need(ctx)
  return db.users.filter(inSchema(ctx))
}

export function departmentsOf(ctx: Scoped) {
  need(ctx)
  return db.departments.filter(inSchema(ctx))
}

export function accountsOf(ctx: Scoped) {
  need(ctx)
  return db.accounts.filter(inSchema(ctx))
}

export function budgetsOf(ctx: Scoped) {
  need(ctx)
  return db.budgets.filter(inSchema(ctx))
}

export function expensesOf(ctx: Scoped) {
  need(ctx)
  return db.expenses.filter(inSchema(ctx))
}

/** The user with this pk, as the host's schema (original) or organisation (hardened) has it. */
export function userById(ctx: Scoped, id: number | null): UserRow | undefined {
  return usersOf(ctx).find((u) => u.id === id)
}

/**
 * The table an email must be unique in: the one users table (hardened), or the schema's
 * (original: the same address may sign up with each tenant).
 */
export function emailTable(ctx: Scoped): UserRow[] {
  if (!schemaTenancy()) return db.users
  return usersOf(ctx)
}

/** The tenants table the host's schema has: its own tenant's copy, or every tenant in `public`. */
export function tenantsTable(ctx: Scoped): TenantRow[] {
  if (!schemaTenancy() || ctx.schema.name === 'public') {
    need(ctx)
    return db.tenants
  }
  return state(ctx).tenants
}

/**
 * The organisation pk of the host's own tenant, as its schema's rows point at it: the tenant's id
 * (hardened), its own copy's id (original), or null on the public host.
 */
export function ownOrganization(ctx: Scoped): number | null {
  const tenant = ctx.schema.tenant
  if (!tenant) return null
  if (!schemaTenancy()) return tenant.id
  return tenantsTable(ctx).find((t) => t.tenant_id === tenant.tenant_id)?.id ?? null
}

/** The organisation pks a `organization` field may name: the host's tenant (hardened) or the schema's table. */
export function organizationChoices(ctx: Scoped): (id: number) => boolean {
  if (!schemaTenancy()) return (id) => id === ctx.schema.tenant?.id
  const table = tenantsTable(ctx)
  return (id) => table.some((t) => t.id === id)
}

/** The next primary key of a table: global sequences (hardened) or the schema's (original). */
export function allocateId(ctx: Scoped, table: keyof SchemaState['nextId']): number {
  if (!schemaTenancy()) return db.nextId[table]++
  return state(ctx).nextId[table]++
}

/** The token_blacklist rows the host sees: one list (hardened), or the schema's (original). */
function blacklistOf(ctx: Scoped): string[] {
  return schemaTenancy() ? state(ctx).blacklist : db.blacklist
}

export function isBlacklisted(ctx: Scoped, jti: string): boolean {
  return blacklistOf(ctx).includes(jti)
}

/** Adds the jti (the caller commits). */
export function addToBlacklist(ctx: Scoped, jti: string): void {
  blacklistOf(ctx).push(jti)
}

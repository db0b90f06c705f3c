/**
 * Departments (the tenants app). `original`: the original's generic views (`departments/`,
 * `departments/<int:pk>/`) and its `fields = '__all__'` serializer `{id, created, updated, name}`,
 * newest save first, the name unique in the schema. `hardened`: the contract's viewset (§6) with
 * `organization`, sorted by name, the name unique in the tenant.
 */
import { schemaTenancy } from '../config'
import { commit, db, type DepartmentRow } from '../db'
import { fieldErrors, json, notFound } from '../drf'
import { Fields } from '../fields'
import { ALLOW, apiPath, authed, pkOf, type AuthedCtx, type Route } from '../router'
import { allocateId, departmentsOf, ownOrganization, type Scoped } from '../scope'
import { newestFirst, stamps, touch } from './commonInfo'

/** The department exists in the host's schema / organisation (a PrimaryKeyRelatedField's queryset). */
export const inTenantDepartment = (ctx: Scoped) => (id: number) =>
  departmentsOf(ctx).some((d) => d.id === id)

/** The department with this pk, as the host sees it. */
export const departmentById = (ctx: Scoped, id: number): DepartmentRow | undefined =>
  departmentsOf(ctx).find((d) => d.id === id)

/** DepartmentSerializer of the profile in force (also nested in budgets). */
export function departmentWire(d: DepartmentRow) {
  if (schemaTenancy()) return { id: d.id, created: d.created, updated: d.updated, name: d.name }
  return {
    id: d.id,
    name: d.name,
    organization: d.organization,
    created: d.created,
    updated: d.updated,
  }
}

/** Python's default string order (SQLite BINARY collation), then id: Meta.ordering = [name, id]. */
const byName = (a: DepartmentRow, b: DepartmentRow) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id

const ordered = (rows: DepartmentRow[]): DepartmentRow[] =>
  schemaTenancy() ? newestFirst(rows) : [...rows].sort(byName)

/** The `name` field plus its uniqueness (the schema's table / the tenant), the instance excepted. */
async function validate(ctx: AuthedCtx, instance: DepartmentRow | null, partial: boolean) {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body, partial)
  const name = f.char('name', { required: true, maxLength: 255 })
  const taken = (d: DepartmentRow) => d.name === name && d !== instance
  if (name && departmentsOf(ctx).some(taken))
    f.fail('name', 'department with this name already exists.')
  return f.valid ? { name } : fieldErrors(f.errors)
}

const list = authed((ctx) => json(200, ordered(departmentsOf(ctx)).map(departmentWire)))

const create = authed(async (ctx) => {
  const v = await validate(ctx, null, false)
  if (v instanceof Response) return v
  const row: DepartmentRow = {
    id: allocateId(ctx, 'department'),
    schema: ctx.schema.name,
    name: v.name as string,
    organization: ownOrganization(ctx), // organization is read-only: perform_create sets it
    ...stamps(),
  }
  db.departments.push(row)
  commit()
  return json(201, departmentWire(row))
})

const find = (ctx: AuthedCtx): DepartmentRow | undefined => departmentById(ctx, pkOf(ctx.params.id))

const retrieve = authed((ctx) => {
  const row = find(ctx)
  return row ? json(200, departmentWire(row)) : notFound()
})

const update = (partial: boolean) =>
  authed(async (ctx) => {
    const row = find(ctx)
    if (!row) return notFound()
    const v = await validate(ctx, row, partial)
    if (v instanceof Response) return v
    if (v.name !== undefined && v.name !== null) row.name = v.name
    touch(row, schemaTenancy()) // the original's CommonInfo; the contract's TimeStamped
    commit()
    return json(200, departmentWire(row))
  })

const detailViews = { GET: retrieve, PUT: update(false), PATCH: update(true) }

export const departmentRoutes: Route[] = [
  { path: apiPath('departments/'), views: { GET: list, POST: create }, allow: ALLOW.listCreate },
  // The original's `<int:pk>` (anything else is Django's 404 page); the contract's router lookup.
  {
    path: apiPath('departments/(?<id>[0-9]+)/'),
    views: detailViews,
    allow: ALLOW.retrieveUpdate,
    when: schemaTenancy,
  },
  {
    path: apiPath('departments/(?<id>[^/.]+)/'),
    views: detailViews,
    allow: ALLOW.retrieveUpdate,
    when: () => !schemaTenancy(),
  },
]

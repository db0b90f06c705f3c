/** DepartmentViewSet (contract §6): list/create/retrieve/update, scoped to the host's tenant. */
import { commit, db, djangoNow, type DepartmentRow } from '../db'
import { fieldErrors, json, notFound } from '../drf'
import { Fields } from '../fields'
import { apiPath, authed, pkOf, type AuthedCtx, type Route } from '../router'
import { allocateId, departmentsOf, ownOrganization, type Scoped } from '../scope'

/** The department exists and belongs to this organisation (a PrimaryKeyRelatedField's queryset). */
export const inTenantDepartment = (ctx: Scoped) => (id: number) =>
  departmentsOf(ctx).some((d) => d.id === id)

export function departmentWire(d: DepartmentRow) {
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

/** The `name` field plus validate_name: unique within the tenant (the instance excepted). */
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

const list = authed((ctx) => json(200, departmentsOf(ctx).sort(byName).map(departmentWire)))

const create = authed(async (ctx) => {
  const v = await validate(ctx, null, false)
  if (v instanceof Response) return v
  const at = djangoNow()
  const row: DepartmentRow = {
    id: allocateId(ctx, 'department'),
    schema: ctx.schema.name,
    name: v.name as string,
    organization: ownOrganization(ctx), // organization is read-only: perform_create sets it
    created: at,
    updated: at,
  }
  db.departments.push(row)
  commit()
  return json(201, departmentWire(row))
})

function find(ctx: AuthedCtx): DepartmentRow | undefined {
  const id = pkOf(ctx.params.id)
  return departmentsOf(ctx).find((d) => d.id === id)
}

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
    row.updated = djangoNow()
    commit()
    return json(200, departmentWire(row))
  })

export const departmentRoutes: Route[] = [
  { path: apiPath('departments/'), views: { GET: list, POST: create } },
  {
    path: apiPath('departments/(?<id>[^/.]+)/'),
    views: { GET: retrieve, PUT: update(false), PATCH: update(true) },
  },
]

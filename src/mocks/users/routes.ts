/** Djoser's UserViewSet (contract §5), over the users of the host's tenant. */
import { tenancy } from '../config'
import { commit, db, djangoNow, randomSalt, type UserRow } from '../db'
import { fieldErrors, forbidden, json, noContent, notFound, serverError } from '../drf'
import { Fields } from '../fields'
import { apiPath, authed, pkOf, open, type AuthedCtx, type Ctx, type Route } from '../router'
import { allocateId, emailTable, userById, usersOf } from '../scope'
import { accountRoutes } from './account'
import { jwtRoutes } from './jwt'
import { mailRoutes } from './mail'
import { storeUpload } from './photo'
import {
  currentPassword,
  currentUserWire,
  normalizeEmail,
  userWire,
  validateNewUser,
  validateUserFields,
  type UserValues,
} from './serializers'

const register = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const { fields, values } = await validateUserFields(ctx, body, null, false)
  if (!fields.valid) return fieldErrors(fields.errors)
  const problems = await validateNewUser(values, body)
  if (problems) return fieldErrors(problems)
  const email = normalizeEmail(values.email as string)
  // UniqueValidator compared the raw input; the normalized address can still collide. The
  // database then raises IntegrityError, which Djoser's UserCreateSerializer.create turns into
  // its `cannot_create_user` ValidationError: a 400 whose body is a bare list.
  if (emailTable(ctx).some((u) => u.email === email))
    return json(400, ['Unable to create account.'])
  const user: UserRow = {
    id: allocateId(ctx, 'user'),
    schema: ctx.schema.name,
    email,
    username: email,
    password: values.password as string,
    password_salt: randomSalt(),
    first_name: values.first_name ?? '',
    last_name: values.last_name ?? '',
    // The hardened serializer defaults it to the host's tenant; the original leaves it empty.
    organization:
      values.organization ?? (tenancy().kind === 'gate' ? (ctx.tenant?.id ?? null) : null),
    department: values.department ?? null,
    employee_id: values.employee_id ?? null,
    role: values.role ?? 'Staff',
    is_active: true, // SEND_ACTIVATION_EMAIL is off
    is_staff: false,
    photo: values.photo ? storeUpload(values.photo) : null,
    date_joined: djangoNow(),
  }
  db.users.push(user)
  commit()
  return json(201, userWire(user, ctx))
})

/** HIDE_USERS: staff see the tenant's users newest first, everyone else only themselves. */
const list = authed((ctx) => {
  const users = ctx.user.is_staff
    ? usersOf(ctx).sort((a, b) => b.date_joined.localeCompare(a.date_joined) || b.id - a.id)
    : [ctx.user]
  return json(
    200,
    users.map((u) => currentUserWire(u, ctx)),
  )
})

function apply(user: UserRow, values: UserValues): void {
  const { photo, password: _ignored, ...rest } = values
  Object.assign(user, rest)
  if (photo !== undefined) user.photo = photo ? storeUpload(photo) : null
}

async function update(ctx: Ctx, user: UserRow, partial: boolean): Promise<Response> {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const { fields, values } = await validateUserFields(ctx, body, user, partial)
  if (!fields.valid) return fieldErrors(fields.errors)
  apply(user, values)
  commit()
  return json(200, currentUserWire(user, ctx))
}

/**
 * UserDeleteSerializer: the caller's current password, then the row goes (no domain row points at
 * a user). On the original, deleting oneself first logs out through Djoser's Token model, which is
 * not installed: a 500, and the row stays.
 */
async function destroy(ctx: AuthedCtx, user: UserRow): Promise<Response> {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  currentPassword(f, ctx)
  if (!f.valid) return fieldErrors(f.errors)
  if (user === ctx.user && tenancy().deleteSelf === 'server-error') return serverError()
  db.users = db.users.filter((u) => u !== user)
  commit()
  return noContent()
}

const me = {
  GET: authed((ctx) => json(200, currentUserWire(ctx.user, ctx))),
  PUT: authed((ctx) => update(ctx, ctx.user, false)),
  PATCH: authed((ctx) => update(ctx, ctx.user, true)),
  DELETE: authed((ctx) => destroy(ctx, ctx.user)),
}

/**
 * users/{id}/: the tenant's queryset, then CurrentUserOrAdmin. HIDE_USERS turns a refused
 * retrieve or update into 404; a refused DELETE stays Djoser's 403.
 */
function byId(run: (ctx: AuthedCtx, user: UserRow) => Promise<Response> | Response, hide = true) {
  return authed((ctx) => {
    const id = pkOf(ctx.params.id)
    const user = userById(ctx, id)
    if (!user) return notFound()
    if (!ctx.user.is_staff && user.id !== ctx.user.id) return hide ? notFound() : forbidden()
    return run(ctx, user)
  })
}

const detailViews = {
  GET: byId((ctx, user) => json(200, currentUserWire(user, ctx))),
  PUT: byId((ctx, user) => update(ctx, user, false)),
  PATCH: byId((ctx, user) => update(ctx, user, true)),
  DELETE: byId((ctx, user) => destroy(ctx, user), false),
}

/** DefaultRouter's API root for the users router. */
const apiRoot = authed((ctx) =>
  json(200, { users: `${ctx.scheme}://${ctx.host}/api/v1/auth/users/` }),
)

export const usersRoutes: Route[] = [
  ...jwtRoutes,
  { path: apiPath('auth/'), views: { GET: apiRoot } },
  { path: apiPath('auth/users/'), views: { GET: list, POST: register } },
  { path: apiPath('auth/users/me/'), views: me },
  ...accountRoutes,
  ...mailRoutes,
  { path: apiPath('auth/users/(?<id>[^/.]+)/'), views: detailViews },
]

/** simplejwt's create / refresh / verify views, as Djoser mounts them (contract §4). */
import { commit, db } from '../db'
import { detail, fieldErrors, json, REQUIRED } from '../drf'
import { issuePair, rotate, verify } from '../jwt'
import { open, type Route } from '../router'

const noAccount = () => detail(401, 'No active account found with the given credentials')

const create = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const errors: Record<string, string[]> = {}
  if (typeof body.email !== 'string' || body.email === '') errors.email = [REQUIRED]
  if (typeof body.password !== 'string' || body.password === '') errors.password = [REQUIRED]
  if (Object.keys(errors).length) return fieldErrors(errors)
  const user = db.users.find(
    (u) =>
      u.email === body.email && u.organization === ctx.tenant.id && u.password === body.password,
  )
  if (!user || !user.is_active) return noAccount()
  return json(200, await issuePair(user, ctx.tenant))
})

const refresh = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  if (typeof body.refresh !== 'string' || body.refresh === '')
    return fieldErrors({ refresh: [REQUIRED] })
  const claims = await verify(body.refresh)
  if (!claims) return detail(401, 'Token is invalid or expired', 'token_not_valid')
  if (claims.token_type !== 'refresh') return detail(401, 'Token has wrong type', 'token_not_valid')
  if (db.blacklist.includes(claims.jti))
    return detail(401, 'Token is blacklisted', 'token_not_valid')
  if (claims.tenant !== ctx.tenant.schema) {
    return detail(401, 'Token is not valid for this tenant', 'token_not_valid')
  }
  db.blacklist.push(claims.jti)
  commit()
  return json(200, await rotate(claims))
})

const verifyView = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  if (typeof body.token !== 'string' || body.token === '') return fieldErrors({ token: [REQUIRED] })
  const claims = await verify(body.token)
  if (!claims) return detail(401, 'Token is invalid or expired', 'token_not_valid')
  if (claims.token_type === 'refresh' && db.blacklist.includes(claims.jti)) {
    return json(400, { non_field_errors: ['Token is blacklisted'] })
  }
  return json(200, {})
})

/** The jwt/* routes are Django regexes without an end anchor: `jwt/create`, `jwt/create/` and more all match. */
export const jwtRoutes: Route[] = [
  { path: /^\/api\/v1\/auth\/jwt\/create/, views: { POST: create }, noAuthentication: true },
  { path: /^\/api\/v1\/auth\/jwt\/refresh/, views: { POST: refresh }, noAuthentication: true },
  { path: /^\/api\/v1\/auth\/jwt\/verify/, views: { POST: verifyView }, noAuthentication: true },
]

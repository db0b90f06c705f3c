/**
 * simplejwt's views as Djoser mounts them (contract §4), plus simplejwt's TokenBlacklistView
 * (§12). No authentication classes: a stale Authorization header is ignored here.
 */
import { commit, db } from '../db'
import { detail, fieldErrors, json } from '../drf'
import { Fields } from '../fields'
import { issuePair, rotate, verify, type MockClaims } from '../jwt'
import { open, type Route } from '../router'

const noAccount = () => detail(401, 'No active account found with the given credentials')
const tokenError = (text: string) => detail(401, text, 'token_not_valid')

/** Email and password must match a user of the host's tenant exactly (case-sensitive). */
const create = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  const email = f.char('email', { required: true })
  const password = f.char('password', { required: true })
  if (!f.valid) return fieldErrors(f.errors)
  const user = db.users.find(
    (u) => u.email === email && u.organization === ctx.tenant.id && u.password === password,
  )
  if (!user || !user.is_active) return noAccount()
  return json(200, await issuePair(user, ctx.tenant))
})

/**
 * RefreshToken(raw): signature and expiry, blacklist, then type. A 401 here never has the
 * `messages` list of the Authorization-header failures.
 */
async function refreshToken(raw: string): Promise<MockClaims | Response> {
  const claims = await verify(raw)
  if (!claims) return tokenError('Token is invalid or expired')
  if (db.blacklist.includes(claims.jti)) return tokenError('Token is blacklisted')
  if (claims.token_type !== 'refresh') return tokenError('Token has wrong type')
  return claims
}

async function refreshField(ctx: { body(): Promise<unknown> }): Promise<MockClaims | Response> {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body as Record<string, unknown>)
  const raw = f.char('refresh', { required: true })
  if (!f.valid || !raw) return fieldErrors(f.errors)
  return refreshToken(raw)
}

/** Rotation with blacklist; another tenant's token is refused before anything is spent. */
const refresh = open(async (ctx) => {
  const claims = await refreshField(ctx)
  if (claims instanceof Response) return claims
  if (claims.tenant !== ctx.tenant.schema) return tokenError('Token is not valid for this tenant')
  // Checked and spent in one synchronous step: of concurrent reuses, exactly one wins.
  if (db.blacklist.includes(claims.jti)) return tokenError('Token is blacklisted')
  db.blacklist.push(claims.jti)
  commit()
  return json(200, await rotate(claims))
})

/** Stock TokenBlacklistView: no tenant check (it never was tenant-aware). */
const blacklist = open(async (ctx) => {
  const claims = await refreshField(ctx)
  if (claims instanceof Response) return claims
  if (db.blacklist.includes(claims.jti)) return tokenError('Token is blacklisted')
  db.blacklist.push(claims.jti)
  commit()
  return json(200, {})
})

/** Any token type; a blacklisted refresh token is a 400 non_field_errors, not a 401. */
const verifyView = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  const token = f.char('token', { required: true })
  if (!f.valid || !token) return fieldErrors(f.errors)
  const claims = await verify(token)
  if (!claims) return tokenError('Token is invalid or expired')
  if (db.blacklist.includes(claims.jti))
    return json(400, { non_field_errors: ['Token is blacklisted'] })
  return json(200, {})
})

const jwtRoute = (name: string, view: ReturnType<typeof open>, anchored = false): Route => ({
  // djoser.urls.jwt uses `^jwt/create/?` without an end anchor: jwt/create, jwt/createXYZ match.
  path: new RegExp(`^/api/v1/auth/jwt/${name}${anchored ? '/$' : ''}`),
  views: { POST: view },
  noAuthentication: true,
  unmapped: 'open',
})

export const jwtRoutes: Route[] = [
  jwtRoute('create', create),
  jwtRoute('refresh', refresh),
  jwtRoute('verify', verifyView),
  // The project's own path('api/v1/auth/jwt/blacklist/'): anchored, so it gets the 301.
  jwtRoute('blacklist', blacklist, true),
]

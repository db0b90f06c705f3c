/**
 * simplejwt's views as Djoser mounts them (contract §4), plus simplejwt's TokenBlacklistView
 * (§12) when the blacklist app is installed. No authentication classes: a stale Authorization
 * header is ignored here.
 */
import { mockConfig, schemaTenancy } from '../config'
import { commit } from '../db'
import { detail, fieldErrors, json } from '../drf'
import { Fields } from '../fields'
import { accessFrom, issuePair, rotatedRefresh, verify, type MockClaims } from '../jwt'
import { open, type Ctx, type Route } from '../router'
import { addToBlacklist, isBlacklisted, usersOf } from '../scope'

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
  const user = usersOf(ctx).find((u) => u.email === email && u.password === password)
  if (!user || !user.is_active) return noAccount()
  return json(200, await issuePair(user, ctx.schema.name))
})

/**
 * RefreshToken(raw): signature and expiry, blacklist (only with the blacklist app, in the host's
 * schema on the original), then type. A 401 here never has the `messages` list of the
 * Authorization-header failures.
 */
async function refreshToken(ctx: Ctx, raw: string): Promise<MockClaims | Response> {
  const claims = await verify(raw)
  if (!claims) return tokenError('Token is invalid or expired')
  if (mockConfig.blacklist && isBlacklisted(ctx, claims.jti))
    return tokenError('Token is blacklisted')
  if (claims.token_type !== 'refresh') return tokenError('Token has wrong type')
  return claims
}

async function refreshField(ctx: Ctx): Promise<MockClaims | Response> {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  const raw = f.char('refresh', { required: true })
  if (!f.valid || !raw) return fieldErrors(f.errors)
  return refreshToken(ctx, raw)
}

/**
 * TokenRefreshSerializer: a new access token; with ROTATE_REFRESH_TOKENS a new refresh token too,
 * and with the blacklist app the spent one is blacklisted (BLACKLIST_AFTER_ROTATION). The hardened
 * server refuses another tenant's token before anything is spent; the original takes any.
 */
const refresh = open(async (ctx) => {
  const claims = await refreshField(ctx)
  if (claims instanceof Response) return claims
  if (!schemaTenancy() && mockConfig.tenantClaim && claims.tenant !== ctx.schema.name)
    return tokenError('Token is not valid for this tenant')
  if (!mockConfig.rotate) return json(200, { access: await accessFrom(claims) })
  if (mockConfig.blacklist) {
    // Checked and spent in one synchronous step: of concurrent reuses, exactly one wins.
    if (isBlacklisted(ctx, claims.jti)) return tokenError('Token is blacklisted')
    addToBlacklist(ctx, claims.jti)
    commit()
  }
  return json(200, { access: await accessFrom(claims), refresh: await rotatedRefresh(claims) })
})

/** Stock TokenBlacklistView: no tenant check (it never was tenant-aware). */
const blacklist = open(async (ctx) => {
  const claims = await refreshField(ctx)
  if (claims instanceof Response) return claims
  if (isBlacklisted(ctx, claims.jti)) return tokenError('Token is blacklisted')
  addToBlacklist(ctx, claims.jti)
  commit()
  return json(200, {})
})

/** Any token type; with the blacklist app a blacklisted token is a 400 non_field_errors. */
const verifyView = open(async (ctx) => {
  const body = await ctx.body()
  if (body instanceof Response) return body
  const f = new Fields(body)
  const token = f.char('token', { required: true })
  if (!f.valid || !token) return fieldErrors(f.errors)
  const claims = await verify(token)
  if (!claims) return tokenError('Token is invalid or expired')
  if (mockConfig.blacklist && isBlacklisted(ctx, claims.jti))
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
  // The project's own path('api/v1/auth/jwt/blacklist/'), routed only with the blacklist app:
  // anchored, so it gets the 301; without it both spellings are Django's 404 page.
  { ...jwtRoute('blacklist', blacklist, true), when: () => mockConfig.blacklist },
]

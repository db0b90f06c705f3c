/**
 * simplejwt's JWTAuthentication. `hardened` scopes it to the host's tenant (§2.1, §3.3): the
 * `tenant` claim must name the host and the user must be one of its users. `original` has no
 * tenant check at all: the user with the token's `user_id` in the host's schema is the caller.
 */
import { mockConfig, schemaTenancy } from './config'
import type { UserRow } from './db'
import { detail } from './drf'
import { verify } from './jwt'
import { accessRevoked } from './scenarios'
import { userById, type Scoped } from './scope'

export type Authn = { user: UserRow } | { user: null } | { response: Response }

const invalidAccess = (message: string): Response =>
  detail(401, 'Given token not valid for any token type', 'token_not_valid', {
    messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
  })

/**
 * Runs whenever an Authorization header is present, even on AllowAny views (contract §5).
 * `{ user: null }` means anonymous: no header, or a word that is not in AUTH_HEADER_TYPES.
 */
export async function authenticate(request: Request, ctx: Scoped): Promise<Authn> {
  const header = request.headers.get('authorization')
  if (!header) return { user: null }
  const parts = header.split(/\s+/).filter(Boolean)
  if (!mockConfig.authHeaderTypes.includes(parts[0] ?? '')) return { user: null }
  if (parts.length !== 2) {
    return {
      response: detail(
        401,
        'Authorization header must contain two space-delimited values',
        'bad_authorization_header',
      ),
    }
  }
  const claims = await verify(parts[1] as string)
  if (!claims || (claims.token_type === 'access' && accessRevoked(claims.jti))) {
    return { response: invalidAccess('Token is invalid or expired') }
  }
  if (claims.token_type !== 'access') return { response: invalidAccess('Token has wrong type') }
  const userNotFound = { response: detail(401, 'User not found', 'user_not_found') }
  const tenant = ctx.schema.tenant
  if (!schemaTenancy()) {
    // The hardened server: the tenant claim (when it issues one) must name the host's tenant.
    if (tenant === null) return userNotFound
    if (mockConfig.tenantClaim && claims.tenant !== tenant.schema) return userNotFound
  }
  // User.objects.get(id=user_id) in the host's schema (original) or organisation (hardened).
  const user = userById(ctx, claims.user_id)
  if (!user) return userNotFound
  if (!user.is_active) return { response: detail(401, 'User is inactive', 'user_inactive') }
  return { user }
}

export const notAuthenticated = (): Response =>
  detail(401, 'Authentication credentials were not provided.')

/** simplejwt's JWTAuthentication, scoped to the host's tenant as the contract server does (§2.1, §3.3). */
import { db, type TenantRow, type UserRow } from './db'
import { detail } from './drf'
import { verify } from './jwt'
import { accessRevoked } from './scenarios'

export type Authn = { user: UserRow } | { user: null } | { response: Response }

const invalidAccess = (message: string): Response =>
  detail(401, 'Given token not valid for any token type', 'token_not_valid', {
    messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
  })

/**
 * Runs whenever an Authorization header is present, even on AllowAny views (contract §5).
 * `{ user: null }` means anonymous: no header, or a scheme other than `Bearer`.
 */
export async function authenticate(request: Request, tenant: TenantRow | null): Promise<Authn> {
  const header = request.headers.get('authorization')
  if (!header) return { user: null }
  const parts = header.split(/\s+/).filter(Boolean)
  if (parts[0] !== 'Bearer') return { user: null }
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
  // The tenant claim must name the host's tenant, and the user must be one of its users.
  const userNotFound = { response: detail(401, 'User not found', 'user_not_found') }
  if (tenant === null || claims.tenant !== tenant.schema) return userNotFound
  const user = db.users.find((u) => u.id === claims.user_id)
  if (!user) return userNotFound
  if (!user.is_active) return { response: detail(401, 'User is inactive', 'user_inactive') }
  if (user.organization !== tenant.id) return userNotFound
  return { user }
}

export const notAuthenticated = (): Response =>
  detail(401, 'Authentication credentials were not provided.')

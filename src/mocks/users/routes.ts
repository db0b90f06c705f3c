/** Djoser's users endpoints (contract §5). */
import { authed, type Route } from '../router'
import { json } from '../drf'
import { currentUserWire } from './serializers'
import { jwtRoutes } from './jwt'

const me = authed((ctx) =>
  json(200, currentUserWire(ctx.user, ctx.host, ctx.url.protocol.replace(':', ''))),
)

export const usersRoutes: Route[] = [
  ...jwtRoutes,
  { path: /^\/api\/v1\/auth\/users\/me\/$/, views: { GET: me } },
]

import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/users'
import {
  decideNavigation,
  type AppSnapshot,
  type Decision,
  type RouteSnapshot,
} from '@/router/guards'
import type { TenantState } from '@/stores/tenant'

type Meta = RouteSnapshot['meta']

function to(fullPath: string, name: string, meta: Meta = {}): RouteSnapshot {
  const url = new URL(fullPath, 'http://x.invalid')
  return {
    path: url.pathname,
    fullPath,
    name,
    meta,
    query: Object.fromEntries(url.searchParams),
  }
}

const app = (tenant: TenantState, signedIn: boolean, role: Role | null = null): AppSnapshot => ({
  tenant,
  signedIn,
  role,
})

const HOME = to('/', 'home', { requiresAuth: true })
const EXPENSES = to('/expenses?department=2', 'expenses', { requiresAuth: true })
const LOGIN = to('/login', 'login', { guestOnly: true })
const LOGIN_BACK = to('/login?redirect=%2Fexpenses', 'login', { guestOnly: true })
const LOGIN_EVIL = to('/login?redirect=%2F%2Fevil.example', 'login', { guestOnly: true })
const REGISTER = to('/register', 'register', { guestOnly: true })
const PEOPLE = to('/people', 'people', { roles: ['Admin'] })
const FINDER = to('/find-organisation', 'find-organisation', { tenantPage: true })
const NOT_FOUND_ORG = to('/organisation-not-found', 'organisation-not-found', { tenantPage: true })
const FORBIDDEN = to('/forbidden', 'forbidden')
const MISSING = to('/no/such/page', 'not-found')
const RESET = to('/auth/password/reset/Mg/abc-123', 'reset-password')

const cases: Array<[string, RouteSnapshot, AppSnapshot, Decision]> = [
  // Signed out on a live tenant
  [
    'signed-out home goes to login without a redirect',
    HOME,
    app('tenant', false),
    { name: 'login', replace: true },
  ],
  [
    'signed-out protected page keeps its full path',
    EXPENSES,
    app('tenant', false),
    { name: 'login', query: { redirect: '/expenses?department=2' }, replace: true },
  ],
  [
    'signed-out Admin page goes to login first, not to forbidden',
    PEOPLE,
    app('tenant', false),
    { name: 'login', query: { redirect: '/people' }, replace: true },
  ],
  ['login is open when signed out', LOGIN, app('tenant', false), true],
  ['register is open when signed out', REGISTER, app('tenant', false), true],
  ['the reset link opens signed out', RESET, app('tenant', false), true],
  ['not-found opens signed out', MISSING, app('tenant', false), true],
  // Signed in
  ['signed-in home', HOME, app('tenant', true, 'Staff'), true],
  ['signed-in protected page', EXPENSES, app('tenant', true, 'Staff'), true],
  ['signed-in login goes home', LOGIN, app('tenant', true, 'Staff'), { path: '/', replace: true }],
  [
    'signed-in login follows a safe redirect',
    LOGIN_BACK,
    app('tenant', true, 'Staff'),
    { path: '/expenses', replace: true },
  ],
  [
    'signed-in login ignores an unsafe redirect',
    LOGIN_EVIL,
    app('tenant', true, 'Staff'),
    { path: '/', replace: true },
  ],
  [
    'signed-in register goes home',
    REGISTER,
    app('tenant', true, 'Admin'),
    { path: '/', replace: true },
  ],
  ['Admin reaches an Admin page', PEOPLE, app('tenant', true, 'Admin'), true],
  [
    'Staff gets forbidden on an Admin page',
    PEOPLE,
    app('tenant', true, 'Staff'),
    { name: 'forbidden', replace: true },
  ],
  [
    'no role gets forbidden on an Admin page',
    PEOPLE,
    app('tenant', true, null),
    { name: 'forbidden', replace: true },
  ],
  ['forbidden itself is reachable (no loop)', FORBIDDEN, app('tenant', true, 'Staff'), true],
  ['the reset link opens signed in', RESET, app('tenant', true, 'Staff'), true],
  // Tenant pages on a live tenant
  [
    'the finder is not for a tenant host',
    FINDER,
    app('tenant', false),
    { path: '/', replace: true },
  ],
  [
    'organisation-not-found is not for a live tenant',
    NOT_FOUND_ORG,
    app('tenant', true, 'Staff'),
    { path: '/', replace: true },
  ],
  // Not a live tenant
  [
    'public host: anything goes to the finder',
    HOME,
    app('public', false),
    { name: 'find-organisation', replace: true },
  ],
  [
    'public host: login goes to the finder',
    LOGIN,
    app('public', false),
    { name: 'find-organisation', replace: true },
  ],
  ['public host: the finder itself (no loop)', FINDER, app('public', false), true],
  [
    'unknown tenant: to organisation-not-found',
    EXPENSES,
    app('not_found', false),
    { name: 'organisation-not-found', replace: true },
  ],
  [
    'inactive tenant: to organisation-not-found',
    LOGIN,
    app('inactive', false),
    { name: 'organisation-not-found', replace: true },
  ],
  [
    'invalid host: to organisation-not-found',
    HOME,
    app('invalid', false),
    { name: 'organisation-not-found', replace: true },
  ],
  ['organisation-not-found itself (no loop)', NOT_FOUND_ORG, app('not_found', false), true],
]

describe('decideNavigation', () => {
  it.each(cases)('%s', (_label, route, snapshot, expected) => {
    expect(decideNavigation(route, snapshot)).toEqual(expected)
  })

  it('never redirects to the page it was asked for (no loops)', () => {
    const routes = [
      HOME,
      EXPENSES,
      LOGIN,
      LOGIN_BACK,
      REGISTER,
      PEOPLE,
      FINDER,
      NOT_FOUND_ORG,
      FORBIDDEN,
      MISSING,
      RESET,
    ]
    const states: TenantState[] = ['tenant', 'public', 'invalid', 'not_found', 'inactive']
    const byName = new Map(routes.map((r) => [r.name, r]))
    for (const tenant of states)
      for (const signedIn of [false, true])
        for (const role of [null, 'Staff', 'Admin'] as const) {
          for (const route of routes) {
            // Follow redirects: each chain must settle within three hops.
            let current = route
            let hops = 0
            for (;;) {
              const d = decideNavigation(current, app(tenant, signedIn, signedIn ? role : null))
              if (d === true) break
              const next =
                'name' in d
                  ? byName.get(d.name)
                  : routes.find((r) => r.path === new URL(d.path, 'http://x.invalid').pathname)
              expect(next, `${route.fullPath} -> ${JSON.stringify(d)}`).toBeDefined()
              current = next!
              expect(++hops).toBeLessThanOrEqual(3)
            }
          }
        }
  })
})

/**
 * The contract's requests sent with `fetch` from a real page at http://acme.localhost:PORT, on every
 * project: the MSW worker answers them on the mock projects, Vite's proxy forwards them to the real
 * Django fixture on the django ones. One expectation table for the mock and Django, per profile:
 * `hardened` is shared/backend-contract.md; `original` is the published backend
 * (shared/seed-backend.md): claims without tenant, email or username, a refresh token that lives a
 * day and is kept (refresh answers `{access}` and the same token works again), no
 * `jwt/blacklist/` (an HTML 404), `tenants/` instead of `tenants/current/`. Every answer is
 * checked with `expect.soft`, so one run lists every difference.
 *
 * Django's access tokens are short here (playwright.config.ts): the steps that need a live access token take a fresh one
 * (a new jwt/create, not counted as a step) when the current one is older than 2.5 s.
 * Data: the mock's database is reset first; on Django only rows no other spec changes are used
 * (admin@acme.test's profile, expenses 1 to 5 of the seed, acme's tenant row). The register step
 * fails validation, so nothing is created on either side.
 */
import { expect, type Page } from '@playwright/test'
import { backend, origin, rotates } from '../support/backend'
import { test } from '../support/cspWatch'
import { ADMIN, BLACKLISTED } from './helpers'

// window.__mockBackend is declared by src/mocks/browser.ts (the dev build exposes it).

interface Call {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  /** Sent as JSON with `Content-Type: application/json`. */
  body?: unknown
  /** Sent as `Authorization: Bearer <token>`. */
  bearer?: string
}

interface Answer {
  status: number
  /** The parsed JSON, or '(empty)' / '(html)' / '(<content-type>)' for other bodies. */
  body: unknown
  redirected: boolean
  url: string
}

/** One request from the page: same origin, so the service worker (or Vite's proxy) answers. */
function send(page: Page, call: Call): Promise<Answer> {
  return page.evaluate(async ({ method, path, body, bearer }) => {
    const headers: Record<string, string> = {}
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (bearer !== undefined) headers.Authorization = `Bearer ${bearer}`
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const type = res.headers.get('content-type') ?? ''
    const text = await res.text()
    let parsed: unknown
    if (type.includes('application/json')) parsed = JSON.parse(text) as unknown
    else if (text === '') parsed = '(empty)'
    else if (type.includes('text/html')) parsed = '(html)'
    else parsed = `(${type || 'no content-type'})`
    return { status: res.status, body: parsed, redirected: res.redirected, url: res.url }
  }, call)
}

/** Header and payload of a JWT, decoded in the page (base64url). */
function decodeJwt(page: Page, token: string) {
  return page.evaluate((jwt) => {
    const part = (s: string) => {
      const b64 = s.replace(/-/g, '+').replace(/_/g, '/')
      return JSON.parse(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))) as Record<
        string,
        unknown
      >
    }
    const [header = '', payload = ''] = jwt.split('.')
    return { header: part(header), payload: part(payload) }
  }, token)
}

const API = '/api/v1'
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+03:00$/
const JTI = /^[0-9a-f]{32}$/
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/
const NO_CREDENTIALS = { detail: 'Authentication credentials were not provided.' }
/** The hardened server adds `email`, `username` and `tenant` to simplejwt's claims. */
const HARDENED_CLAIMS = { email: ADMIN.email, username: ADMIN.email, tenant: 'acme' }
const REFRESH_LIFETIME = { hardened: 7 * 24 * 3600, original: 24 * 3600 }
const ME_KEYS = [
  'department',
  'email',
  'employee_id',
  'first_name',
  'id',
  'is_active',
  'last_name',
  'organization',
  'photo',
  'role',
]
const ADA = {
  id: 1,
  first_name: 'Ada',
  last_name: 'Admin',
  email: ADMIN.email,
  photo: null,
  organization: 1,
  department: 1,
  employee_id: 'ACM-E001',
  role: 'Admin',
  is_active: true,
}
/** An expense as the original's GET sends it: the whole budget nested (seed-backend.md). */
const EXPENSE_KEYS = ['amount', 'budget', 'created', 'date', 'id', 'updated', 'use']
const DAY = /^\d{4}-\d{2}-\d{2}$/
/** Seed expenses of acme (src/mocks/README.md, "Seeded domain data"), by id. */
const SEED_EXPENSES = [
  { id: 1, use: 'Audit fees', amount: 30000 },
  { id: 2, use: 'Cloud hosting', amount: 120000 },
  { id: 3, use: 'Team lunch', amount: 12000 },
  { id: 4, use: 'Laptops for new hires', amount: 250000 },
  { id: 5, use: 'Bank charges', amount: 4500 },
].map((e) => ({ ...e, date: expect.stringMatching(DAY) }))
const ACME = {
  id: 1,
  name: 'Acme Corporation',
  business_phone_number: '+254700000000',
  business_email: 'info@acme.test',
  is_active: true,
  schema: 'acme',
  subdomain: 'acme.localhost',
  tenant_id: 'ACM-1001',
  created: expect.stringMatching(ISO),
  updated: expect.stringMatching(ISO),
}

/** Opens /login on acme; on the mock project, waits for the worker and restores the seed. */
async function openAcme(page: Page) {
  await page.goto(`${origin('acme')}/login`)
  if (backend().backend !== 'mock') return
  const controlled = () => page.evaluate(() => !!navigator.serviceWorker?.controller)
  const ok = await expect
    .poll(controlled, { timeout: 5_000 })
    .toBe(true)
    .then(() => true)
    .catch(() => false)
  if (!ok) {
    await page.reload()
    await expect.poll(controlled, { timeout: 10_000 }).toBe(true)
  }
  await page.waitForFunction(() => !!window.__mockBackend)
  await page.evaluate(() => window.__mockBackend!.resetDb())
}

test('the contract requests from a browser page get the contract answers', async ({
  page,
}, testInfo) => {
  await openAcme(page)
  const hardened = rotates()
  const profile = backend().profile

  const log: Array<{ step: string; call: Call; answer: Answer }> = []
  const state = {
    access: '',
    accessAt: 0,
    /** The login's refresh token (later reused after the refresh). */
    refresh1: '',
    /** The one the refresh left (hardened: a new one; original: the same) for jwt/blacklist/. */
    refresh2: '',
  }

  async function step(name: string, call: Call, check: (a: Answer) => void | Promise<void>) {
    const answer = await send(page, call)
    log.push({ step: name, call, answer })
    await test.step(name, async () => {
      await check(answer)
    })
    return answer
  }

  /** An access token that has at least 3.5 s to live on the Django project. */
  async function liveAccess(): Promise<string> {
    if (Date.now() - state.accessAt > 2_500) {
      const login = await send(page, {
        method: 'POST',
        path: `${API}/auth/jwt/create/`,
        body: { email: ADMIN.email, password: ADMIN.password },
      })
      expect(login.status, 're-login for a live access token').toBe(200)
      state.access = (login.body as { access: string }).access
      state.accessAt = Date.now()
    }
    return state.access
  }

  // 1. jwt/create, wrong password: 401 without `code`.
  await step(
    'jwt/create wrong password',
    {
      method: 'POST',
      path: `${API}/auth/jwt/create/`,
      body: { email: ADMIN.email, password: 'not-the-password' },
    },
    (a) =>
      expect.soft({ status: a.status, body: a.body }).toEqual({
        status: 401,
        body: { detail: 'No active account found with the given credentials' },
      }),
  )

  // 2. jwt/create, empty body: field errors.
  await step(
    'jwt/create empty body',
    { method: 'POST', path: `${API}/auth/jwt/create/`, body: {} },
    (a) =>
      expect.soft({ status: a.status, body: a.body }).toEqual({
        status: 400,
        body: { email: ['This field is required.'], password: ['This field is required.'] },
      }),
  )

  // 3. jwt/create, right password: both tokens, claims as in §3.1.
  const loginAt = Date.now()
  await step(
    'jwt/create right password',
    {
      method: 'POST',
      path: `${API}/auth/jwt/create/`,
      body: { email: ADMIN.email, password: ADMIN.password },
    },
    async (a) => {
      expect.soft(a.status).toBe(200)
      const body = a.body as { access: string; refresh: string }
      expect.soft(Object.keys(body).sort()).toEqual(['access', 'refresh'])
      expect.soft(body.access).toMatch(JWT)
      expect.soft(body.refresh).toMatch(JWT)
      state.access = body.access
      state.accessAt = loginAt
      state.refresh1 = body.refresh
      const nowSeconds = Math.floor(loginAt / 1000)
      for (const [kind, token] of [
        ['access', body.access],
        ['refresh', body.refresh],
      ] as const) {
        const { header, payload } = await decodeJwt(page, token)
        const claims = {
          token_type: kind,
          exp: expect.any(Number),
          iat: expect.any(Number),
          jti: expect.stringMatching(JTI),
          user_id: 1,
          ...(hardened ? HARDENED_CLAIMS : {}),
        }
        expect.soft(header, `${kind} header`).toEqual({ alg: 'HS256', typ: 'JWT' })
        expect
          .soft(Object.keys(payload).sort(), `${kind} claim keys`)
          .toEqual(Object.keys(claims).sort())
        expect.soft(payload, `${kind} claims`).toEqual(claims)
        const { exp, iat } = payload as { exp: number; iat: number }
        expect
          .soft(Number.isInteger(exp) && Number.isInteger(iat), `${kind} integer seconds`)
          .toBe(true)
        expect.soft(Math.abs(iat - nowSeconds), `${kind} iat is now`).toBeLessThanOrEqual(5)
        expect.soft(exp, `${kind} exp after iat`).toBeGreaterThan(iat)
        if (kind === 'refresh')
          expect.soft(exp - iat, `refresh lifetime (${profile})`).toBe(REFRESH_LIFETIME[profile])
      }
    },
  )

  // 4. users/me with the token: Ada, exactly.
  await step(
    'users/me authorised',
    { method: 'GET', path: `${API}/auth/users/me/`, bearer: await liveAccess() },
    (a) => {
      expect.soft({ status: a.status, body: a.body }).toEqual({ status: 200, body: ADA })
      expect.soft(Object.keys(a.body as object).sort()).toEqual(ME_KEYS)
    },
  )

  // 5. users/me without a header.
  await step('users/me no header', { method: 'GET', path: `${API}/auth/users/me/` }, (a) =>
    expect.soft({ status: a.status, body: a.body }).toEqual({ status: 401, body: NO_CREDENTIALS }),
  )

  // 6. users/me with a garbage Bearer: the Authorization failure carries `messages`.
  await step(
    'users/me garbage bearer',
    { method: 'GET', path: `${API}/auth/users/me/`, bearer: 'garbage' },
    (a) =>
      expect.soft({ status: a.status, body: a.body }).toEqual({
        status: 401,
        body: {
          detail: 'Given token not valid for any token type',
          code: 'token_not_valid',
          messages: [
            {
              token_class: 'AccessToken',
              token_type: 'access',
              message: 'Token is invalid or expired',
            },
          ],
        },
      }),
  )

  // 7. POST on users/me: 405.
  await step(
    'users/me POST',
    { method: 'POST', path: `${API}/auth/users/me/`, body: {}, bearer: await liveAccess() },
    (a) =>
      expect.soft({ status: a.status, body: a.body }).toEqual({
        status: 405,
        body: { detail: 'Method "POST" not allowed.' },
      }),
  )

  // 8. A GET without its trailing slash: the browser follows the 301 (same origin, so the
  // Authorization header goes along) and lands on the slashed URL.
  await step(
    'users/me without the slash (301 followed)',
    { method: 'GET', path: `${API}/auth/users/me`, bearer: await liveAccess() },
    (a) => {
      expect.soft(a.redirected, 'redirected').toBe(true)
      expect.soft(a.url).toBe(`${origin('acme')}${API}/auth/users/me/`)
      expect.soft({ status: a.status, body: a.body }).toEqual({ status: 200, body: ADA })
    },
  )

  // 9. jwt/refresh: hardened, both keys and a new refresh token (rotation); original, the access
  // token alone (the refresh token is kept).
  await step(
    'jwt/refresh',
    { method: 'POST', path: `${API}/auth/jwt/refresh/`, body: { refresh: state.refresh1 } },
    (a) => {
      expect.soft(a.status).toBe(200)
      const body = a.body as { access: string; refresh?: string }
      expect.soft(Object.keys(body).sort()).toEqual(hardened ? ['access', 'refresh'] : ['access'])
      expect.soft(body.access).toMatch(JWT)
      if (hardened) {
        expect.soft(body.refresh).toMatch(JWT)
        expect.soft(body.refresh).not.toBe(state.refresh1)
      }
      state.refresh2 = hardened ? (body.refresh ?? '') : state.refresh1
      state.access = body.access
      state.accessAt = Date.now()
    },
  )

  // 10. The login's refresh token again: hardened, blacklisted by the rotation; original, it
  // refreshes again.
  await step(
    'jwt/refresh with the login token again',
    { method: 'POST', path: `${API}/auth/jwt/refresh/`, body: { refresh: state.refresh1 } },
    (a) => {
      if (hardened) {
        expect.soft({ status: a.status, body: a.body }).toEqual({ status: 401, body: BLACKLISTED })
      } else {
        expect.soft({ status: a.status, body: a.body }).toEqual({
          status: 200,
          body: { access: expect.stringMatching(JWT) },
        })
      }
    },
  )

  // 11. verify of that token: hardened, 400 non_field_errors (blacklisted), not 401; original, 200.
  await step(
    'jwt/verify the login token',
    { method: 'POST', path: `${API}/auth/jwt/verify/`, body: { token: state.refresh1 } },
    (a) =>
      expect
        .soft({ status: a.status, body: a.body })
        .toEqual(
          hardened
            ? { status: 400, body: { non_field_errors: ['Token is blacklisted'] } }
            : { status: 200, body: {} },
        ),
  )

  // 12. verify of the refreshed access token: 200 {}.
  await step(
    'jwt/verify live access',
    { method: 'POST', path: `${API}/auth/jwt/verify/`, body: { token: await liveAccess() } },
    (a) => expect.soft({ status: a.status, body: a.body }).toEqual({ status: 200, body: {} }),
  )

  // 13. register with a short (and common) password: nothing is created.
  await step(
    'register short password',
    {
      method: 'POST',
      path: `${API}/auth/users/`,
      body: { email: `browser-contract-${Date.now()}@acme.test`, password: 'abc123' },
    },
    (a) =>
      expect.soft({ status: a.status, body: a.body }).toEqual({
        status: 400,
        body: {
          password: [
            'This password is too short. It must contain at least 8 characters.',
            'This password is too common.',
          ],
        },
      }),
  )

  // 14. expenses: newest save first, exact keys; the seed's five rows (other specs may have
  // added newer rows on Django; the mock was just reset).
  await step(
    'expenses list',
    { method: 'GET', path: `${API}/expenses/`, bearer: await liveAccess() },
    (a) => {
      expect.soft(a.status).toBe(200)
      const rows = Array.isArray(a.body) ? (a.body as Array<Record<string, unknown>>) : []
      expect.soft(Array.isArray(a.body), 'a plain array').toBe(true)
      for (const row of rows) expect.soft(Object.keys(row).sort()).toEqual(EXPENSE_KEYS)
      const created = rows.map((r) => String(r.created))
      expect.soft(created, 'newest first').toEqual([...created].sort().reverse())
      const seed = rows
        .filter((r) => typeof r.id === 'number' && r.id <= 5)
        .map(({ id, use, amount, date }) => ({ id, use, amount, date }))
        .sort((x, y) => Number(x.id) - Number(y.id))
      expect.soft(seed).toEqual(SEED_EXPENSES)
    },
  )

  // 15. amount "12.50": integers only (nothing is created).
  await step(
    'expenses POST amount 12.50',
    {
      method: 'POST',
      path: `${API}/expenses/`,
      body: { amount: '12.50', use: 'Taxi', date: '2026-12-01', budget: 3 },
      bearer: await liveAccess(),
    },
    (a) =>
      expect.soft({ status: a.status, body: a.body }).toEqual({
        status: 400,
        body: { amount: ['A valid integer is required.'] },
      }),
  )

  // 16. DELETE an expense: 405 (the row stays).
  await step(
    'expenses DELETE',
    { method: 'DELETE', path: `${API}/expenses/1/`, bearer: await liveAccess() },
    (a) =>
      expect.soft({ status: a.status, body: a.body }).toEqual({
        status: 405,
        body: { detail: 'Method "DELETE" not allowed.' },
      }),
  )

  // 17. expenses without a header.
  await step('expenses no header', { method: 'GET', path: `${API}/expenses/` }, (a) =>
    expect.soft({ status: a.status, body: a.body }).toEqual({ status: 401, body: NO_CREDENTIALS }),
  )

  // 18. The tenant's own row, exact keys: hardened, tenants/current/; original, which has no
  // tenants/current/, the AllowAny tenants/ list (on a tenant host, that tenant's row alone).
  if (hardened) {
    await step(
      'tenants/current',
      { method: 'GET', path: `${API}/tenants/current/`, bearer: await liveAccess() },
      (a) => {
        expect.soft({ status: a.status, body: a.body }).toEqual({ status: 200, body: ACME })
        expect.soft(Object.keys(a.body as object).sort()).toEqual(Object.keys(ACME).sort())
      },
    )
  } else {
    await step('tenants list', { method: 'GET', path: `${API}/tenants/` }, (a) => {
      expect.soft({ status: a.status, body: a.body }).toEqual({ status: 200, body: [ACME] })
      const rows = Array.isArray(a.body) ? (a.body as object[]) : [{}]
      expect.soft(Object.keys(rows[0] ?? {}).sort()).toEqual(Object.keys(ACME).sort())
    })
  }

  // 19. jwt/blacklist the current refresh token: hardened (contract §12), 200 {}; original, not
  // routed: Django's HTML 404.
  await step(
    'jwt/blacklist',
    { method: 'POST', path: `${API}/auth/jwt/blacklist/`, body: { refresh: state.refresh2 } },
    (a) =>
      expect
        .soft({ status: a.status, body: a.body })
        .toEqual(hardened ? { status: 200, body: {} } : { status: 404, body: '(html)' }),
  )

  // 20. …then: hardened, it no longer refreshes; original, it still does.
  await step(
    'jwt/refresh after jwt/blacklist',
    { method: 'POST', path: `${API}/auth/jwt/refresh/`, body: { refresh: state.refresh2 } },
    (a) =>
      expect
        .soft({ status: a.status, body: a.body })
        .toEqual(
          hardened
            ? { status: 401, body: BLACKLISTED }
            : { status: 200, body: { access: expect.stringMatching(JWT) } },
        ),
  )

  // 21. A route the resolver does not know: Django's HTML 404.
  await step(
    'unknown path',
    { method: 'GET', path: `${API}/nothing-here/`, bearer: await liveAccess() },
    (a) => expect.soft({ status: a.status, body: a.body }).toEqual({ status: 404, body: '(html)' }),
  )

  await testInfo.attach('answers.json', {
    body: JSON.stringify(log, null, 2),
    contentType: 'application/json',
  })
  expect(log).toHaveLength(21)
})

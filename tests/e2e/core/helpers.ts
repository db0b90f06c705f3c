/**
 * Shared by the core session specs, on every project (the MSW mock in the page, the real Django
 * fixture; each on the original and the hardened profile): short access lifetimes, the stored
 * refresh token, raw calls to the token endpoints from a page, and what the pages send, seen at
 * the network edge (as a request leaves the page, whoever answers it).
 */
import { expect, type BrowserContext, type Page, type Request } from '@playwright/test'
import { backend, origin } from '../support/backend'

export const ADMIN = { email: 'admin@acme.test', password: 'acme-admin-pass-1', name: 'Ada Admin' }
/** simplejwt's answer to a spent (rotated-out or signed-out) refresh token on the hardened profile. */
export const BLACKLISTED = { detail: 'Token is blacklisted', code: 'token_not_valid' }
/**
 * A header the raw calls of a test carry, so the network watches below leave them out: they are
 * the test probing the server, not the app.
 */
const PROBE_HEADER = 'x-e2e-probe'

/** The access lifetime in this run: the mock's is set per tab with `?mock=access:N`. */
export function accessSeconds(mockSeconds = 4): number {
  const info = backend()
  return info.backend === 'django' ? (info.accessSeconds ?? 10) : mockSeconds
}

/** A URL on a tenant host; on the mock, access tokens there live `mockSeconds`. */
export function appUrl(tenant: string, path = '/', mockSeconds = 4): string {
  const query = backend().backend === 'mock' ? `?mock=access:${mockSeconds}` : ''
  return `${origin(tenant)}${path}${query}`
}

export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.locator('#login-email').fill(email)
  await page.locator('#login-password').fill(password)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

export function storedRefresh(page: Page, tenant = 'acme'): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), `auth:${tenant}:refresh`)
}

/**
 * The access token a tab keeps (its sessionStorage record), on this machine's clock (epoch ms):
 * when it falls due for renewal and when it runs out; null when the tab keeps none.
 */
export async function keptAccess(
  page: Page,
  tenant = 'acme',
): Promise<{ dueAt: number; expAt: number } | null> {
  const kept = await page.evaluate((key) => sessionStorage.getItem(key), `auth:${tenant}:access`)
  const record = JSON.parse(kept ?? 'null') as {
    access: string
    offsetMs: number
    marginMs: number
  } | null
  if (!record) return null
  const payload = record.access.split('.')[1]!
  const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number }
  const expAt = exp * 1000 - record.offsetMs
  return { dueAt: expAt - record.marginMs, expAt }
}

/** When the kept access token falls due: a refresh before then is one the tab did not need. */
export async function renewalDueAt(page: Page, tenant = 'acme'): Promise<number> {
  const kept = await keptAccess(page, tenant)
  if (!kept) throw new Error('this tab keeps no access token')
  return kept.dueAt
}

export interface TokenAnswer {
  status: number
  body: { detail?: string; code?: string; access?: string; refresh?: string }
  /** The keys of the JSON body, sorted. */
  keys: string[]
}

/** POST jwt/refresh/ from the page (same origin: the mock's worker or Vite's proxy answers). */
export function refreshFromPage(page: Page, refresh: string): Promise<TokenAnswer> {
  return page.evaluate(
    async ({ token, probe }) => {
      const res = await fetch('/api/v1/auth/jwt/refresh/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [probe]: '1' },
        body: JSON.stringify({ refresh: token }),
      })
      const body = (await res.json()) as TokenAnswer['body']
      return { status: res.status, body, keys: Object.keys(body).sort() }
    },
    { token: refresh, probe: PROBE_HEADER },
  )
}

/** A request the app made (not a service worker's own, not a probe of the test). */
function fromApp(request: Request): boolean {
  return !request.serviceWorker() && request.headers()[PROBE_HEADER] === undefined
}

const isPost = (request: Request, endpoint: string) =>
  request.method() === 'POST' &&
  new URL(request.url()).pathname.replace(/\/?$/, '/').endsWith(`/auth/jwt/${endpoint}/`)

export interface RefreshCall {
  /** The refresh token the request spent. */
  token: string | null
  /** When the request left (the test's clock, epoch ms). */
  at: number
  /** Its answer: the status, the keys of the body, the tokens it carried, when it came. */
  answer: Promise<{
    status: number | null
    keys: string[]
    access?: string
    refresh?: string
    at: number
  }>
}

/** The app's `POST jwt/refresh/` requests from every page of the context, in order. */
export function watchRefreshes(context: BrowserContext) {
  const seen: RefreshCall[] = []
  const listener = (request: Request) => {
    if (!isPost(request, 'refresh') || !fromApp(request)) return
    const body = request.postDataJSON() as { refresh?: string } | null
    seen.push({
      token: body?.refresh ?? null,
      at: Date.now(),
      answer: request.response().then(async (response) => {
        const at = Date.now()
        const json = (await response?.json().catch(() => null)) as TokenAnswer['body'] | null
        return {
          status: response?.status() ?? null,
          keys: json ? Object.keys(json).sort() : [],
          access: json?.access,
          refresh: json?.refresh,
          at,
        }
      }),
    })
  }
  context.on('request', listener)
  return {
    seen,
    count: () => seen.length,
    statuses: () => Promise.all(seen.map(async (s) => (await s.answer).status)),
    stop: () => context.off('request', listener),
  }
}

/** The app's `POST jwt/blacklist/` requests (sign-out) from every page of the context. */
export function watchBlacklist(context: BrowserContext) {
  const seen: Array<Promise<number | null>> = []
  const listener = (request: Request) => {
    if (!isPost(request, 'blacklist') || !fromApp(request)) return
    seen.push(request.response().then((r) => r?.status() ?? null))
  }
  context.on('request', listener)
  return {
    count: () => seen.length,
    statuses: () => Promise.all(seen),
    stop: () => context.off('request', listener),
  }
}

export interface SentRequest {
  url: string
  method: string
  authorization: string | null
  body: string | null
}

/** Every request the pages of the context send to a host, with its Authorization header. */
export function watchHost(context: BrowserContext, host: string) {
  const seen: Array<Promise<SentRequest>> = []
  const listener = (request: Request) => {
    if (new URL(request.url()).hostname !== host || !fromApp(request)) return
    seen.push(
      request.headerValue('authorization').then((authorization) => ({
        url: request.url(),
        method: request.method(),
        authorization,
        body: request.postData(),
      })),
    )
  }
  context.on('request', listener)
  return {
    all: () => Promise.all(seen),
    stop: () => context.off('request', listener),
  }
}

/** The page shows the signed-in home of this user. */
export async function expectSignedIn(page: Page, name = ADMIN.name) {
  await expect(page.getByTestId('user-name')).toHaveText(name)
}

/** The page shows the sign-in form and nothing of a signed-in user. */
export async function expectSignInPage(page: Page) {
  await expect(page).toHaveURL(/\/login/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByTestId('nav-user')).toHaveCount(0)
  await expect(page.getByTestId('expense-row')).toHaveCount(0)
}

/** No error on screen: no alert with words in it (error toasts among them), no "session has ended". */
export async function expectNoErrorShown(page: Page) {
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0)
  await expect(page.getByText(/session has ended/i)).toHaveCount(0)
}

export const expensesLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Expenses' })

/**
 * Shared by the core session specs, on both projects (the MSW mock in the page, and the real
 * Django fixture): short access lifetimes, the stored refresh token, raw calls to the token
 * endpoints from a page, and a count of refresh requests at the network edge.
 */
import { expect, type BrowserContext, type Page, type Request } from '@playwright/test'
import { backend, origin } from '../support/backend'

export const REFRESH_PATH = '/api/v1/auth/jwt/refresh/'
export const ADMIN = { email: 'admin@acme.test', password: 'acme-admin-pass-1', name: 'Ada Admin' }

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

/** POST jwt/refresh/ from the page (same origin: the mock's worker or Vite's proxy answers). */
export function refreshFromPage(page: Page, refresh: string) {
  return page.evaluate(async (token) => {
    const res = await fetch('/api/v1/auth/jwt/refresh/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh: token }),
    })
    return { status: res.status, body: (await res.json()) as { detail?: string; code?: string } }
  }, refresh)
}

/** Refresh requests of every page of the context, with the token each one spent. */
export function watchRefreshes(context: BrowserContext) {
  const seen: Array<{ token: string | null; status: Promise<number | null> }> = []
  const listener = (request: Request) => {
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.endsWith('/jwt/refresh/'))
      return
    const body = request.postDataJSON() as { refresh?: string } | null
    seen.push({
      token: body?.refresh ?? null,
      status: request.response().then((r) => r?.status() ?? null),
    })
  }
  context.on('request', listener)
  return {
    seen,
    count: () => seen.length,
    statuses: () => Promise.all(seen.map((s) => s.status)),
    stop: () => context.off('request', listener),
  }
}

/** The page shows the signed-in home of this user. */
export async function expectSignedIn(page: Page, name = ADMIN.name) {
  await expect(page.getByTestId('user-name')).toHaveText(name)
}

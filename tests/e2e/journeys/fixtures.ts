/**
 * Journeys share: full URLs on the acme/globex hosts, a page that fails the test on any console
 * error or uncaught exception, an axe check (0 serious or critical violations), and screenshots.
 */
import AxeBuilder from '@axe-core/playwright'
import {
  test as base,
  expect,
  type BrowserContext,
  type Page,
  type Request,
  type TestInfo,
} from '@playwright/test'

export const port = Number(process.env.E2E_PORT ?? 5199)
export const acme = `http://acme.localhost:${port}`
export const apex = `http://localhost:${port}`

export interface Journey {
  /** Runs axe on the current screen and attaches a full-page screenshot under `name`. */
  checkScreen(name: string): Promise<void>
  signIn(email: string, password: string): Promise<void>
  /** The mock backend's recorded mail, read from the origin's persisted database. */
  outbox(): Promise<Array<{ to: string; link: string }>>
}

/** Messages from requests the app expects to fail (the 401 tenant probe, refused calls in a test). */
const EXPECTED = [
  /Failed to load resource: the server responded with a status of (400|401|403|404)/,
]

export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.waitForLoadState('networkidle')
  await expect(page.locator('[data-testid="progress-bar"]')).toHaveCount(0)
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  })
  // Saved under the test's output folder (test-results/…), and attached by path for reports.
  const shot = testInfo.outputPath(`screen-${name}.png`)
  await page.screenshot({ path: shot, fullPage: true })
  await testInfo.attach(`screen-${name}`, { path: shot, contentType: 'image/png' })
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${name}`,
  ).toEqual([])
}

export const test = base.extend<{ journey: Journey; consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' && !EXPECTED.some((re) => re.test(m.text()))) errors.push(m.text())
    })
    await use(errors)
    expect(errors, 'console errors').toEqual([])
  },
  journey: async ({ page, consoleErrors: _errors }, use, testInfo) => {
    await use({
      checkScreen: (name) => checkScreen(page, testInfo, name),
      async signIn(email, password) {
        await page.locator('#login-email').fill(email)
        await page.locator('#login-password').fill(password)
        await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      },
      outbox: () =>
        page.evaluate(() => {
          const raw = localStorage.getItem('mock-django-db')
          return raw ? (JSON.parse(raw).outbox as Array<{ to: string; link: string }>) : []
        }),
    })
  },
})

export { expect }

/** The refresh endpoint (simplejwt's TokenRefreshView under Djoser's jwt/ routes). */
export const REFRESH_PATH = '/api/v1/auth/jwt/refresh/'

export interface RefreshCall {
  /** The refresh token the request spent. */
  spent: string | null
  /** The answer: its status and the pair it carried (nulls when it failed or had no pair). */
  answer: Promise<{ status: number | null; access: string | null; refresh: string | null }>
}

/**
 * Every `POST jwt/refresh/` the pages of the context send, counted at the network edge (as the
 * request leaves the page, whoever answers it), in order.
 */
export function watchRefreshes(context: BrowserContext) {
  const calls: RefreshCall[] = []
  context.on('request', (request: Request) => {
    const path = new URL(request.url()).pathname
    if (request.method() !== 'POST' || path.replace(/\/?$/, '/') !== REFRESH_PATH) return
    // A request the service worker makes itself would be the same call seen twice.
    if (request.serviceWorker()) return
    const body = request.postDataJSON() as { refresh?: string } | null
    calls.push({
      spent: body?.refresh ?? null,
      answer: request.response().then(async (response) => {
        const pair = (await response?.json().catch(() => null)) as {
          access?: string
          refresh?: string
        } | null
        return {
          status: response?.status() ?? null,
          access: pair?.access ?? null,
          refresh: pair?.refresh ?? null,
        }
      }),
    })
  })
  return { calls, count: () => calls.length }
}

/** The claims of a JWT, read without checking it. */
export function claimsOf(token: string): { exp: number; iat: number; token_type: string } {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'))
}

export function storedRefresh(page: Page, tenant = 'acme'): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), `auth:${tenant}:refresh`)
}

export { watchScreens, type Sighting } from '../support/screens'

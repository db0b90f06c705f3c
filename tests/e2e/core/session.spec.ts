/**
 * The session in one tab, on the mock and on the real Django fixture: sign in, a refresh the user
 * never notices, rotation (the old refresh token is refused), sign-out revokes, tenants apart.
 */
import { expect, test } from '@playwright/test'
import { origin } from '../support/backend'
import {
  accessSeconds,
  ADMIN,
  appUrl,
  expectSignedIn,
  refreshFromPage,
  signIn,
  storedRefresh,
  watchRefreshes,
} from './helpers'

test('sign in: the home page greets the user and only the refresh token is stored', async ({
  page,
}) => {
  await page.goto(appUrl('acme'))
  await expect(page).toHaveURL(/\/login/)
  await signIn(page)
  await expectSignedIn(page)
  const stored = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('auth:')),
  )
  expect(stored).toEqual(['auth:acme:refresh'])
})

test('a short access lifetime: the session renews itself and the user sees no interruption', async ({
  page,
  context,
}) => {
  await page.goto(appUrl('acme'))
  await signIn(page)
  await expectSignedIn(page)
  const first = await storedRefresh(page)
  const refreshes = watchRefreshes(context)
  const visited: string[] = []
  page.on('framenavigated', (f) => f === page.mainFrame() && visited.push(f.url()))

  // Past the access lifetime: the stored (rotated) refresh token changes on its own.
  await expect
    .poll(() => storedRefresh(page), { timeout: (accessSeconds() + 10) * 1000 })
    .not.toBe(first)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Expenses' })
    .click()
  await expect(page.getByTestId('expense-row').first()).toBeVisible()
  await expect(page.getByTestId('nav-user')).toContainText(ADMIN.name) // still signed in
  expect(visited.some((u) => u.includes('/login'))).toBe(false)
  expect(refreshes.count()).toBeGreaterThanOrEqual(1)
  expect(new Set(await refreshes.statuses())).toEqual(new Set([200]))
})

test('rotation: after a refresh the stored token is new and the old one is refused', async ({
  page,
}) => {
  await page.goto(appUrl('acme'))
  await signIn(page)
  await expectSignedIn(page)
  const old = (await storedRefresh(page))!
  await expect
    .poll(() => storedRefresh(page), { timeout: (accessSeconds() + 10) * 1000 })
    .not.toBe(old)
  const reuse = await refreshFromPage(page, old)
  expect(reuse).toEqual({
    status: 401,
    body: { detail: 'Token is blacklisted', code: 'token_not_valid' },
  })
  await page.reload()
  await expectSignedIn(page) // the current token still restores the session
})

test('sign-out revokes the refresh token: the stored one no longer refreshes', async ({ page }) => {
  await page.goto(appUrl('acme'))
  await signIn(page)
  await expectSignedIn(page)
  const token = (await storedRefresh(page))!
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
  expect(await storedRefresh(page)).toBeNull()
  await expect
    .poll(async () => (await refreshFromPage(page, token)).body.detail)
    .toBe('Token is blacklisted')
})

test('tenants apart: an acme session is refused on globex, and globex stays signed out', async ({
  page,
}) => {
  await page.goto(appUrl('acme'))
  await signIn(page)
  await expectSignedIn(page)
  const acmeToken = (await storedRefresh(page))!

  await page.goto(appUrl('globex'))
  await expect(page).toHaveURL(/\/login/)
  expect(await storedRefresh(page, 'globex')).toBeNull()
  expect(await storedRefresh(page, 'acme')).toBeNull() // another origin's storage
  const refused = await refreshFromPage(page, acmeToken)
  expect(refused).toEqual({
    status: 401,
    body: { detail: 'Token is not valid for this tenant', code: 'token_not_valid' },
  })

  // Refused without being spent: acme still restores its session with it.
  await page.goto(`${origin('acme')}/`)
  await expectSignedIn(page, ADMIN.name)
})

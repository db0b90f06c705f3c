/**
 * Three tabs of one browser on acme, on the mock and on the real Django fixture: tokens that
 * expire together cost one refresh and sign nobody out; a sign-out reaches every tab at once.
 * Again with Web Locks removed from the page (the storage-lease fallback).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import {
  accessSeconds,
  appUrl,
  expectSignedIn,
  signIn,
  storedRefresh,
  watchRefreshes,
} from './helpers'

/** Long enough that no proactive refresh starts while the tabs are being opened and frozen. */
const MOCK_SECONDS = 8

async function openThreeTabs(context: BrowserContext, first: Page): Promise<Page[]> {
  await first.goto(appUrl('acme', '/', MOCK_SECONDS))
  await signIn(first)
  await expectSignedIn(first)
  const pages = [first]
  for (let i = 0; i < 2; i++) {
    const page = await context.newPage()
    await page.goto(appUrl('acme', '/', MOCK_SECONDS))
    await expectSignedIn(page)
    pages.push(page)
  }
  return pages
}

const expensesLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Expenses' })

for (const mode of ['Web Locks', 'no Web Locks (storage lease)'] as const) {
  test.describe(`three tabs, ${mode}`, () => {
    test.beforeEach(async ({ context }) => {
      // The pages' clocks are Playwright's, so all three tabs can be moved past expiry at once.
      await context.clock.install()
      if (mode === 'Web Locks') return
      await context.addInitScript(() => {
        delete (Navigator.prototype as { locks?: unknown }).locks
      })
    })

    test('tokens expiring together: 1 refresh reaches the backend and no tab is signed out', async ({
      context,
      page,
    }) => {
      const logs: string[] = []
      context.on('console', (m) => m.text().startsWith('[auth:') && logs.push(m.text()))
      const pages = await openThreeTabs(context, page)
      const locks = await page.evaluate(() => 'locks' in navigator && !!navigator.locks)
      expect(locks).toBe(mode === 'Web Locks')
      // The tabs hold one pair: the one the last tab's start-up refresh stored.
      await expect
        .poll(() => Promise.all(pages.map((p) => storedRefresh(p))))
        .toEqual(Array(3).fill(await storedRefresh(page)))
      const before = await storedRefresh(page)

      // Every tab's access token expires at the same moment; each tab wants a refresh and
      // each makes requests.
      const refreshes = watchRefreshes(context)
      await context.clock.fastForward((accessSeconds(MOCK_SECONDS) + 2) * 1000)
      await Promise.all(pages.map((p) => expensesLink(p).click()))
      await Promise.all(
        pages.map((p) => expect(p.getByTestId('expense-row').first()).toBeVisible()),
      )
      refreshes.stop()

      // Counted up to here: the renewed pair's own proactive refresh comes later (the access
      // lifetimes here are 8 s on the mock and 10 s on Django).
      const spent = refreshes.seen.map((r) => r.token?.slice(-8))
      const why = `spent ${spent.join(', ')}\n${logs.join('\n')}`
      expect(refreshes.count(), why).toBe(1)
      expect(refreshes.seen[0]?.token, why).toBe(before)
      expect(await refreshes.statuses(), why).toEqual([200])
      for (const p of pages) {
        expect(new URL(p.url()).pathname).toBe('/expenses')
        expect(await storedRefresh(p)).not.toBe(before)
      }
    })

    test('sign-out in one tab: all three show the sign-in page within a second', async ({
      context,
      page,
    }) => {
      const pages = await openThreeTabs(context, page)
      const blacklist: string[] = []
      context.on('request', (r) => r.url().includes('/jwt/blacklist/') && blacklist.push(r.url()))
      await pages[1]!.getByRole('button', { name: 'Sign out' }).click()
      await Promise.all(pages.map((p) => expect(p).toHaveURL(/\/login/, { timeout: 1_000 })))
      for (const p of pages) await expect(p.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      expect(await storedRefresh(page)).toBeNull()
      await expect.poll(() => blacklist.length).toBe(1)
    })
  })
}

/**
 * Three tabs of one browser on acme, on every project: tokens that expire together cost one
 * refresh and sign nobody out (on hardened the tabs then share the rotated refresh token, on
 * original they keep the one they had); a sign-out reaches every tab at once (revoked on hardened,
 * local on original). Again with Web Locks removed from the page (the storage-lease fallback).
 */
import { expect, type BrowserContext, type Page } from '@playwright/test'
import { backend, rotates } from '../support/backend'
import { test } from '../support/cspWatch'
import {
  accessSeconds,
  appUrl,
  expectNoErrorShown,
  expectSignedIn,
  expensesLink,
  keptAccess,
  signIn,
  storedRefresh,
  watchBlacklist,
  watchRefreshes,
} from './helpers'

/** The mock's access-token lifetime here: the first renewal falls due 6 s after the sign-in. */
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

for (const mode of ['Web Locks', 'no Web Locks (storage lease)'] as const) {
  test.describe(`three tabs, ${mode}`, () => {
    test.beforeEach(async ({ context }) => {
      // On the mock the pages' clocks (the mock's too: it runs in the page) are Playwright's, so
      // all three tabs can be moved past expiry at once. The Django fixture's clock cannot move:
      // there the shared token runs out in real time (see the test).
      if (backend().backend === 'mock') await context.clock.install()
      if (mode === 'Web Locks') return
      await context.addInitScript(() => {
        delete (Navigator.prototype as { locks?: unknown }).locks
      })
    })

    test('tokens expiring together: 1 refresh reaches the backend and no tab is signed out', async ({
      context,
      page,
    }) => {
      // The session's log lines and the token requests, by tab and time, for a failure message.
      const logs: string[] = []
      const start = Date.now()
      const note = (page: Page | null, what: string) =>
        logs.push(
          `${Date.now() - start} ms, tab ${page ? context.pages().indexOf(page) : '?'}: ${what}`,
        )
      context.on('console', (m) => m.text().startsWith('[auth:') && note(m.page(), m.text()))
      context.on('request', (r) => {
        if (r.url().includes('/auth/jwt/')) note(r.frame().page(), `${r.method()} ${r.url()}`)
      })
      const pages = await openThreeTabs(context, page)
      const locks = await page.evaluate(() => 'locks' in navigator && !!navigator.locks)
      expect(locks).toBe(mode === 'Web Locks')
      // The tabs come to hold one pair. (Which one is not fixed: on a loaded machine the opening
      // of three tabs can outlast a 10 s token, and a proactive refresh renews it meanwhile.)
      await expect
        .poll(async () => {
          const held = new Set(await Promise.all(pages.map((p) => storedRefresh(p))))
          return held.size === 1 && !held.has(null)
        })
        .toBe(true)
      let before = await storedRefresh(page)

      // Every tab's access token expires at the same moment; each tab wants a refresh and
      // each makes requests.
      let refreshes = watchRefreshes(context)
      if (backend().backend === 'mock') {
        refreshes.stop()
        // Jump to just past the tabs' access tokens' exp, at a moment when no renewal is due for
        // 3 s (on a loaded machine opening the tabs can outlast the 6 s before the first falls
        // due: that renewal is waited out, and the renewed tokens are the ones that run out). A
        // jump while a refresh is on the wire would fire that refresh's own 10 s timeout: the
        // test, not the network, would cut it short. None is on the wire here (each tab's token
        // is 3 s from due), and the jump is under 10 s.
        let jumpMs = 0
        await expect
          .poll(
            async () => {
              const kept = await Promise.all(pages.map((p) => keptAccess(p)))
              const held = new Set(await Promise.all(pages.map((p) => storedRefresh(p))))
              const now = await page.evaluate(() => Date.now())
              if (held.size !== 1 || kept.some((k) => k === null || k.dueAt - now < 3_000))
                return false
              jumpMs = Math.max(...kept.map((k) => k!.expAt)) - now + 1_000
              return true
            },
            { timeout: 20_000, message: 'a moment with no renewal due for 3 s' },
          )
          .toBe(true)
        before = await storedRefresh(page)
        refreshes = watchRefreshes(context)
        await context.clock.fastForward(jumpMs)
      } else {
        // Real time: the three tabs hold one access token, so their proactive refreshes fall due
        // together. (Moving the pages' clocks past a real server's would put every tab ahead of
        // it, which is another story than tokens running out.)
        await expect
          .poll(() => refreshes.count(), {
            timeout: (accessSeconds() + 5) * 1000,
            message: 'the shared access token falls due',
          })
          .toBeGreaterThan(0)
      }
      await Promise.all(pages.map((p) => expensesLink(p).click()))
      await Promise.all(
        pages.map((p) => expect(p.getByTestId('expense-row').first()).toBeVisible()),
      )
      refreshes.stop()

      // The tabs fell due together: every refresh that left within half a lifetime of the first
      // answer is part of that one renewal, and there must be one. Later ones (on a loaded
      // machine the navigation can outlast 75% of a 10 s token) are the renewed pair's own, and
      // each spends the token the one before it returned: none is spent twice.
      const lifetimeMs =
        (backend().backend === 'mock' ? accessSeconds(MOCK_SECONDS) : accessSeconds()) * 1000
      const spent = refreshes.seen.map((r) => r.token?.slice(-8))
      const why = `spent ${spent.join(', ')}\n${logs.join('\n')}`
      const answer = await refreshes.seen[0]!.answer
      const together = refreshes.seen.filter((r) => r.at < answer.at + lifetimeMs / 2)
      expect(together.length, why).toBe(1)
      expect(refreshes.seen[0]?.token, why).toBe(before)
      expect(answer.status, why).toBe(200)
      const answers = await Promise.all(refreshes.seen.map((r) => r.answer))
      expect(
        answers.map((a) => a.status),
        why,
      ).toEqual(answers.map(() => 200))
      if (rotates())
        for (let i = 1; i < refreshes.seen.length; i++)
          expect(refreshes.seen[i]!.token, why).toBe(answers[i - 1]!.refresh)
      // Hardened: every tab now holds the rotated token; original: the one they had all along.
      expect(answer.keys).toEqual(rotates() ? ['access', 'refresh'] : ['access'])
      for (const p of pages) expect(new URL(p.url()).pathname).toBe('/expenses')
      await expect
        .poll(async () => new Set(await Promise.all(pages.map((p) => storedRefresh(p)))).size)
        .toBe(1)
      const held = await storedRefresh(page)
      if (rotates()) expect(held).not.toBe(before)
      else expect(held).toBe(before)
    })

    test('sign-out in one tab: all three show the sign-in page, told by the tab that signed out', async ({
      context,
      page,
    }) => {
      const pages = await openThreeTabs(context, page)
      const blacklist = watchBlacklist(context)
      const refreshes = watchRefreshes(context)
      await pages[1]!.getByRole('button', { name: 'Sign out' }).click()
      await Promise.all(pages.map((p) => expect(p).toHaveURL(/\/login/)))
      // Told, not found out: no tab learned of the sign-out from a refused refresh (on hardened the
      // shared refresh token is revoked, so a tab that missed the news would spend it and get 401;
      // on original it would simply stay signed in). A refresh a tab started before the news is
      // allowed, by design; none may be refused.
      expect(await refreshes.statuses()).not.toContain(401)
      for (const p of pages) await expect(p.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      expect(await storedRefresh(page)).toBeNull()
      // Only the tab that signed out calls jwt/blacklist/: revoked (200) on hardened, 404 on
      // original (no such endpoint: the sign-out is local, and no tab shows an error).
      await expect.poll(() => blacklist.count()).toBe(1)
      expect(await blacklist.statuses()).toEqual([rotates() ? 200 : 404])
      for (const p of pages) {
        await expect(p.getByTestId('nav-user')).toHaveCount(0)
        await expectNoErrorShown(p)
      }
    })
  })
}

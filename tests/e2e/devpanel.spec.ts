/**
 * The mock dev panel (dev builds with VITE_API_MOCKING=true): it shows the session, and its
 * switches drive the mock so a refresh can be watched succeeding, then failing for good.
 */
import type { Page } from '@playwright/test'
import { acme, expect, test } from './journeys/fixtures'
import { profile } from './support/backend'

/**
 * The countdown of a fresh access token: the profile's default lifetime (simplejwt's 5 minutes on
 * the original, the contract's 2 minutes on hardened), less the seconds the steps took.
 */
async function expectFreshCountdown(page: Page) {
  const lifetime = profile() === 'original' ? 300 : 120
  const expiry = page
    .getByRole('complementary', { name: 'Mock backend dev panel' })
    .getByTestId('mock-access-expiry')
  await expect(expiry).toHaveText(/^\d+ s$/)
  const seconds = Number((await expiry.textContent())!.replace(' s', ''))
  expect(seconds).toBeGreaterThan(lifetime - 20)
  expect(seconds).toBeLessThanOrEqual(lifetime)
}

test('the dev panel expires the access token, counts the refresh, then ends the session', async ({
  page,
  journey,
}) => {
  await page.goto(`${acme}/login`)
  await journey.signIn('admin@acme.test', 'acme-admin-pass-1')
  await expect(page).toHaveURL(`${acme}/`)

  const toggle = page.getByRole('button', { name: 'Mock backend panel' })
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await journey.checkScreen('devpanel-collapsed')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')

  const panel = page.getByRole('complementary', { name: 'Mock backend dev panel' })
  const fact = (id: string) => panel.getByTestId(id)
  await expect(fact('mock-tenant')).toHaveText('acme (Acme Corporation)')
  await expect(fact('mock-user-email')).toHaveText('admin@acme.test')
  await expect(fact('mock-user-role')).toHaveText('Admin')
  await expectFreshCountdown(page)
  await expect(fact('mock-refresh-calls')).toHaveText('0')
  await journey.checkScreen('devpanel-open')

  // The server retires the access token; the next request in the app refreshes it.
  await panel.getByRole('button', { name: 'Expire access token now' }).click()
  await expect(fact('mock-access-expiry')).toHaveText(/retired by the mock/)
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Expenses' })
    .click()
  await expect(page).toHaveURL(`${acme}/expenses`)
  await expect(page.getByTestId('expense-row').first()).toBeVisible()
  await expect(fact('mock-refresh-calls')).toHaveText('1')
  await expect(fact('mock-refreshed-events')).toHaveText('1')
  await expectFreshCountdown(page)
  await expect(fact('mock-user-email')).toHaveText('admin@acme.test')

  // Now the refresh token is refused too: the user is sent to sign in again.
  await panel.getByRole('button', { name: 'Next refresh fails 401' }).click()
  await expect(panel.getByTestId('mock-pending-failures')).toHaveText('Queued: 401 token_not_valid')
  await panel.getByRole('button', { name: 'Expire access token now' }).click()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Insights' })
    .click()
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toBeVisible()
  await expect(fact('mock-access-expiry')).toHaveText('none')
  await expect(fact('mock-user-email')).toHaveText('signed out')
  await expect(fact('mock-refresh-calls')).toHaveText('2')
  await journey.checkScreen('devpanel-session-ended')
})

test('on a phone the collapsed panel is a small corner button clear of the main controls', async ({
  page,
  journey,
}) => {
  await page.setViewportSize({ width: 375, height: 667 })
  await page.goto(`${acme}/login`)
  const toggle = page.getByRole('button', { name: 'Mock backend panel' })
  const box = (await toggle.boundingBox())!
  expect(box.width).toBeLessThan(120)
  expect(box.height).toBeLessThan(56)
  expect(box.x).toBeLessThan(16)
  expect(box.y + box.height).toBeGreaterThan(667 - 16)

  const overlaps = async (name: string) => {
    const other = (await page.getByRole('button', { name, exact: true }).boundingBox())!
    return !(
      other.x >= box.x + box.width ||
      other.x + other.width <= box.x ||
      other.y >= box.y + box.height ||
      other.y + other.height <= box.y
    )
  }
  expect(await overlaps('Sign in')).toBe(false)
  await journey.signIn('staff@acme.test', 'acme-staff-pass-1')
  await expect(page).toHaveURL(`${acme}/`)
  expect(await overlaps('Menu')).toBe(false)

  // Keyboard: Enter opens it, Escape closes it and leaves focus on the toggle.
  await toggle.focus()
  await page.keyboard.press('Enter')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await page.getByRole('button', { name: 'Expire access token now' }).focus()
  await page.keyboard.press('Escape')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(toggle).toBeFocused()
})

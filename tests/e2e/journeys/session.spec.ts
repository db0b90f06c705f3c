import { acme, expect, test } from './fixtures'

// window.__mockBackend is declared by src/mocks/browser.ts (the dev build exposes it).

test('a session that ends mid-visit asks to sign in again and comes back to the page', async ({
  page,
  journey,
}) => {
  await page.goto(`${acme}/expenses`)
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await journey.signIn('staff@acme.test', 'acme-staff-pass-1')
  await expect(page).toHaveURL(`${acme}/expenses`)
  await expect(page.getByTestId('expense-row')).toHaveCount(5)

  // The server retires the access token and refuses the refresh token.
  await page.evaluate(() => {
    window.__mockBackend!.expireAccessTokens()
    window.__mockBackend!.failNextRefresh(401)
  })
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Insights' })
    .click()

  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)expenses(%2F|\/)insights$/)
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toBeVisible()
  await journey.checkScreen('session-ended')
  await journey.signIn('staff@acme.test', 'acme-staff-pass-1')
  await expect(page).toHaveURL(`${acme}/expenses/insights`)
  await expect(page.getByRole('heading', { name: 'By month' })).toBeVisible()
})

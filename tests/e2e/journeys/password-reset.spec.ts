import { acme, expect, test } from './fixtures'

test('reset a forgotten password through the mailed link', async ({ page, journey }) => {
  await page.goto(`${acme}/login`)
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await expect(page).toHaveURL(`${acme}/forgot-password`)
  await journey.checkScreen('forgot-password')
  await page.getByLabel('Email').fill('staff@acme.test')
  await page.getByRole('button', { name: 'Send reset link' }).click()
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()

  const mail = (await journey.outbox()).filter((m) => m.to === 'staff@acme.test').at(-1)
  expect(mail, 'a reset mail was recorded').toBeDefined()
  const link = new URL(mail!.link)
  expect(link.pathname).toMatch(/^\/auth\/password\/reset\/[^/]+\/[^/]+$/)

  await page.goto(`${acme}${link.pathname}`)
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  await journey.checkScreen('reset-password')
  await page.getByLabel('New password', { exact: true }).fill('a-brand-new-passphrase-7')
  await page.getByLabel('Confirm new password').fill('a-brand-new-passphrase-7')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible()

  // The link is single-use.
  await page.goto(`${acme}${link.pathname}`)
  await page.getByLabel('New password', { exact: true }).fill('another-passphrase-8')
  await page.getByLabel('Confirm new password').fill('another-passphrase-8')
  await page.getByRole('button', { name: 'Set new password' }).click()
  await expect(page.getByRole('alert')).toContainText('invalid or has already been used')

  await page.goto(`${acme}/login`)
  await journey.signIn('staff@acme.test', 'acme-staff-pass-1')
  await expect(page.getByRole('alert')).toContainText('No active account')
  await journey.signIn('staff@acme.test', 'a-brand-new-passphrase-7')
  await expect(page.getByTestId('user-name')).toHaveText('Sam Staff')
})

import { acme, apex, expect, port, test } from './fixtures'

test('the organisation finder on the apex host sends people to their organisation', async ({
  page,
  journey,
}) => {
  await page.goto(`${apex}/`)
  await expect(page).toHaveURL(`${apex}/find-organisation`)
  await expect(page.getByRole('heading', { name: 'Find your organisation' })).toBeVisible()
  await journey.checkScreen('find-organisation')

  await page.getByLabel('Organisation code').fill('NOPE-0000')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('alert')).toHaveText('No organisation has that code.')

  await page.getByLabel('Organisation code').fill('INI-1003')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.getByRole('alert')).toContainText('inactive')

  await page.getByLabel('Organisation code').fill('acm-1001')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page).toHaveURL(`${acme}/login`)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

test('an unknown organisation host says so', async ({ page, journey }) => {
  await page.goto(`http://nope.localhost:${port}/expenses`)
  await expect(page.getByRole('heading', { name: 'Organisation not found' })).toBeVisible()
  await journey.checkScreen('organisation-not-found')
})

import { acme, expect, test } from './fixtures'

test('a Staff user cannot reach Admin pages', async ({ page, journey }) => {
  await page.goto(`${acme}/departments`)
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)departments$/)
  await journey.signIn('staff@acme.test', 'acme-staff-pass-1')
  await expect(page).toHaveURL(`${acme}/forbidden`)
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible()
  await journey.checkScreen('forbidden')

  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Expenses' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Departments' })).toHaveCount(0)
  await expect(nav.getByRole('link', { name: 'People' })).toHaveCount(0)

  await page.goto(`${acme}/people`)
  await expect(page).toHaveURL(`${acme}/forbidden`)
  await page.goto(`${acme}/no/such/page`)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await journey.checkScreen('not-found')
})

test('an Admin manages departments and sees the people of the organisation', async ({
  page,
  journey,
}) => {
  await page.goto(`${acme}/login?redirect=%2Fdepartments`)
  await journey.signIn('admin@acme.test', 'acme-admin-pass-1')
  await expect(page).toHaveURL(`${acme}/departments`)
  await expect(page.getByTestId('department-row')).toHaveCount(2)
  await journey.checkScreen('departments')

  await page.getByLabel('Name', { exact: true }).fill('Sales')
  await page.getByRole('button', { name: 'Create department' }).click()
  await expect(page.getByTestId('department-row')).toHaveCount(3)
  await page.getByRole('button', { name: 'Rename Sales' }).click()
  await page.getByLabel('New name for Sales').fill('Field Sales')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('department-row').filter({ hasText: 'Field Sales' })).toHaveCount(1)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click()
  await expect(page.getByTestId('user-row')).toHaveCount(2)
  await journey.checkScreen('people')
})

test('on a phone the menu folds behind a button', async ({ page, journey }) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto(`${acme}/login`)
  await journey.signIn('admin@acme.test', 'acme-admin-pass-1')
  await expect(page.getByTestId('user-name')).toBeVisible()
  const menu = page.getByRole('button', { name: 'Menu' })
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await menu.click()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Expenses' })
    .click()
  await expect(page.getByTestId('expense-row').first()).toBeVisible()
  await journey.checkScreen('expenses-phone')
})

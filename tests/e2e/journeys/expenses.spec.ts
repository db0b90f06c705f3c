import { acme, expect, test } from './fixtures'

test('register, sign in, record an expense and see it listed with the total updated', async ({
  page,
  journey,
}) => {
  const email = `e2e.${Date.now()}@acme.test`
  const password = 'an-unusual-passphrase-42'

  await page.goto(`${acme}/register`)
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible()
  await journey.checkScreen('register')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('First name').fill('Erin')
  await page.getByLabel('Last name').fill('Tester')
  await page.getByLabel('Employee id (optional)').fill('ACM-E777')
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Confirm password').fill(password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(`${acme}/`)
  await expect(page.getByTestId('user-name')).toHaveText('Erin Tester')
  await journey.checkScreen('home')

  // Sign out and back in with the new account.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(`${acme}/login`)
  await journey.checkScreen('login')
  await journey.signIn(email, password)
  await expect(page.getByTestId('user-name')).toHaveText('Erin Tester')

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Expenses' })
    .click()
  await expect(page.getByTestId('expense-row')).toHaveCount(3)
  const totalBefore = await page.getByTestId('expenses-total').textContent()
  await journey.checkScreen('expenses')

  await page.getByRole('link', { name: 'New expense' }).click()
  await expect(page.getByLabel('Amount')).toBeVisible()
  await journey.checkScreen('expense-new')
  // A field error first: decimals are refused in the client.
  await page.getByLabel('Amount').fill('12.50')
  await page.getByRole('button', { name: 'Add expense' }).click()
  await expect(page.getByTestId('expense-amount-error')).toContainText('whole amount')
  await page.getByLabel('Amount').fill('1500')
  await page.getByLabel('Description').fill('Taxi to the airport')
  await page.getByLabel('Department').selectOption({ label: 'Engineering' })
  await page.getByRole('button', { name: 'Add expense' }).click()

  await expect(page).toHaveURL(`${acme}/expenses`)
  await expect(page.getByTestId('expense-row')).toHaveCount(4)
  await expect(page.getByTestId('expense-row').first()).toContainText('Taxi to the airport')
  await expect(page.getByTestId('expense-row').first()).toContainText(email)
  const totalAfter = await page.getByTestId('expenses-total').textContent()
  expect(totalAfter).not.toBe(totalBefore)
  const expected = await page.evaluate(() =>
    new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(266500 + 1500),
  )
  await expect(page.getByTestId('expenses-total')).toContainText(expected)

  // Edit it (there is no delete).
  await page.getByRole('link', { name: 'Edit Taxi to the airport' }).click()
  await expect(page.getByLabel('Description')).toHaveValue('Taxi to the airport')
  await journey.checkScreen('expense-edit')
  await page.getByLabel('Amount').fill('1800')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page).toHaveURL(`${acme}/expenses`)
  await expect(page.getByTestId('expenses-total')).toContainText(
    await page.evaluate(() =>
      new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(268300),
    ),
  )

  // The chart loads on its own route.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Insights' })
    .click()
  await expect(page.getByRole('heading', { name: 'By department' })).toBeVisible()
  await expect(page.locator('canvas')).toHaveCount(2)
  await journey.checkScreen('insights')

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Profile' })
    .click()
  await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible()
  await journey.checkScreen('profile')
})

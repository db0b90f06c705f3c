import { expect, test, type Page } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 5199)
const acme = `http://acme.localhost:${port}`
const globex = `http://globex.localhost:${port}`

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Errors the page itself reports; a refused request the app expects (401 probe) is not one. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

test('sign in, survive a reload, sign out, and be sent back to sign in', async ({ page }) => {
  const errors = collectPageErrors(page)
  await page.goto(`${acme}/`)
  await expect(page).toHaveURL(`${acme}/login`)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  await signIn(page, 'admin@acme.test', 'acme-admin-pass-1')
  await expect(page).toHaveURL(`${acme}/`)
  await expect(page.getByTestId('user-name')).toHaveText('Ada Admin')
  await expect(page.getByTestId('user-role')).toHaveText('Admin')
  await expect(page.getByTestId('organisation')).toContainText('Acme')

  await page.reload()
  await expect(page.getByTestId('user-name')).toHaveText('Ada Admin')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
  await page.goto(`${acme}/?tab=mine`)
  await expect(page).toHaveURL(/\/login\?redirect=/)
  expect(new URL(page.url()).searchParams.get('redirect')).toBe('/?tab=mine')
  expect(errors).toEqual([])
})

test('returns to the page asked for after signing in', async ({ page }) => {
  await page.goto(`${acme}/?tab=mine`)
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await signIn(page, 'staff@acme.test', 'acme-staff-pass-1')
  await expect(page).toHaveURL(`${acme}/?tab=mine`)
  await expect(page.getByTestId('user-name')).toHaveText('Sam Staff')
})

test('a wrong password shows the server message', async ({ page }) => {
  await page.goto(`${acme}/login`)
  await signIn(page, 'admin@acme.test', 'wrong-password')
  await expect(page.getByRole('alert')).toHaveText(
    'No active account found with the given credentials',
  )
  await expect(page).toHaveURL(`${acme}/login`)
})

test('an acme user cannot sign in on globex', async ({ page }) => {
  await page.goto(`${globex}/login`)
  await signIn(page, 'admin@acme.test', 'acme-admin-pass-1')
  await expect(page.getByRole('alert')).toHaveText(
    'No active account found with the given credentials',
  )
  await expect(page).toHaveURL(`${globex}/login`)
})

test('an unknown organisation gets a clear page, the bare host the finder', async ({ page }) => {
  await page.goto(`http://nope.localhost:${port}/`)
  await expect(page.getByRole('heading', { name: 'Organisation not found' })).toBeVisible()
  await page.goto(`http://localhost:${port}/`)
  await expect(page.getByRole('heading', { name: 'Find your organisation' })).toBeVisible()
})

test('after sign-out, Back shows sign-in for protected pages and then leaves: no trap', async ({
  page,
}) => {
  await page.goto('about:blank')
  await page.goto(`${acme}/login`)
  await signIn(page, 'admin@acme.test', 'acme-admin-pass-1')
  await expect(page.getByTestId('user-name')).toHaveText('Ada Admin')
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Expenses' })
    .click()
  await expect(page.getByTestId('expense-row').first()).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(`${acme}/login`)

  // Back reaches the home page's entry: signed out, it is replaced by sign-in (no data shown)...
  await page.goBack()
  await expect(page).toHaveURL(/\/login/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByTestId('nav-user')).toHaveCount(0)
  // ...and the next Back leaves the app instead of being sent to sign-in again.
  await page.goBack()
  await expect(page).toHaveURL('about:blank')
})

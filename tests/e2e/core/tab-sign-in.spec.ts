/**
 * A sign-in in one tab reaches the tabs that wait on the sign-in page: they go where they were
 * going, as the same user, without typing anything. On the mock and on the real Django fixture.
 */
import { expect } from '@playwright/test'
import { origin } from '../support/backend'
import { test } from '../support/cspWatch'
import { expectSignedIn, signIn } from './helpers'

test('signing in in one tab takes a waiting sign-in tab to its return path', async ({
  context,
  page,
}) => {
  const waiting = await context.newPage()
  await waiting.goto(`${origin('acme')}/expenses`)
  await expect(waiting).toHaveURL(/\/login\?redirect=/)
  expect(new URL(waiting.url()).searchParams.get('redirect')).toBe('/expenses')

  await page.goto(`${origin('acme')}/login`)
  await signIn(page)
  await expectSignedIn(page)

  await expect(waiting).toHaveURL(`${origin('acme')}/expenses`)
  await expect(waiting.getByTestId('expense-row').first()).toBeVisible()
  await expect(waiting.getByTestId('nav-user')).toContainText('Ada Admin')
})

import { profile } from '../support/backend'
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

test('an unknown organisation host says so', async ({ page, journey, consoleErrors }) => {
  const serverErrors: string[] = []
  page.on('response', (r) => r.status() === 500 && serverErrors.push(new URL(r.url()).host))
  await page.goto(`http://nope.localhost:${port}/expenses`)
  await expect(page.getByRole('heading', { name: 'Organisation not found' })).toBeVisible()
  await journey.checkScreen('organisation-not-found')
  if (profile() === 'original') {
    // The original backend has no tenant gate: an unknown host's search path names no schema, so
    // what reads the database is a 500 page, and that is how the app knows. Those 500s (and the
    // browser's console line for each) are the backend's answer here, not a fault.
    expect(serverErrors.length).toBeGreaterThan(0)
    expect(new Set(serverErrors)).toEqual(new Set([`nope.localhost:${port}`]))
    const failed = /Failed to load resource: the server responded with a status of 500/
    expect(consoleErrors.filter((e) => failed.test(e))).toHaveLength(serverErrors.length)
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !failed.test(e)))
  } else {
    expect(serverErrors).toEqual([])
  }
})

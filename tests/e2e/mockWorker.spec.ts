/**
 * The mock's service worker across page loads (dev builds with VITE_API_MOCKING=true). A page that
 * loads while the worker is still registered (another tab of the origin keeps it, or the last
 * page's unregister has not finished) gets an update check from msw's start(), whose promise msw
 * drops. CI once saw that check refused ("Not found": the leaving page's worker unregistered
 * itself meanwhile), as an uncaught page error in a journey. Here the check is refused on purpose.
 */
import { acme, expect, test } from './journeys/fixtures'

test('a refused service-worker update check is no page error, and the mock still answers', async ({
  page,
  context,
  journey,
}) => {
  await page.goto(`${acme}/login`)
  await journey.signIn('admin@acme.test', 'acme-admin-pass-1')
  await expect(page.getByTestId('user-name')).toHaveText('Ada Admin')

  // A second tab while the first keeps the worker registered; its browser refuses update checks.
  const tab = await context.newPage()
  await tab.addInitScript(() => {
    ServiceWorkerRegistration.prototype.update = function () {
      return Promise.reject(
        new DOMException(
          `Failed to update a ServiceWorker for scope ('${this.scope}'): Not found`,
          'NotFoundError',
        ),
      )
    }
  })
  const errors: string[] = []
  const notes: string[] = []
  tab.on('pageerror', (e) => errors.push(e.message))
  tab.on('console', (m) => {
    if (m.text().includes('update check failed')) notes.push(m.text())
  })
  await tab.goto(`${acme}/expenses`)
  await expect(tab.getByRole('banner')).toContainText('Ada Admin')
  await expect(tab.getByRole('table')).toBeVisible()
  expect(errors, 'uncaught page errors').toEqual([])
  expect(notes, 'the refused check is said once, as information').toHaveLength(1)
})

import { rotates } from '../support/backend'
import {
  acme,
  claimsOf,
  expect,
  storedRefresh,
  test,
  watchRefreshes,
  watchScreens,
} from './fixtures'

// window.__mockBackend is declared by src/mocks/browser.ts (the dev build exposes it).

/** The mock's access-token lifetime in this journey, set for the tab by the first URL. */
const ACCESS_SECONDS = 5

test('register, sign in, record an expense against a budget, keep working while the access token expires, sign out and go back', async ({
  page,
  context,
  journey,
}) => {
  const email = `e2e.${Date.now()}@acme.test`
  const password = 'an-unusual-passphrase-42'
  // The expiry part waits, in real time, for several access tokens to run out.
  test.setTimeout(120_000)
  const refreshes = watchRefreshes(context)
  const watch = await watchScreens(page)

  // `?mock=access:5` is read once when the mock starts in this tab: every access token the tab
  // gets lives 5 seconds from here on (the app is a SPA: no page load until the test ends).
  await page.goto(`${acme}/register?mock=access:${ACCESS_SECONDS}`)
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
  await expect(page.getByTestId('expense-row')).toHaveCount(5)
  const totalBefore = await page.getByTestId('expenses-total').textContent()
  await journey.checkScreen('expenses')

  await page.getByRole('link', { name: 'New expense' }).click()
  await expect(page.getByLabel('Amount')).toBeVisible()
  await journey.checkScreen('expense-new')
  // A field error first: decimals are refused in the client.
  await page.getByLabel('Amount').fill('12.50')
  await page.getByRole('button', { name: 'Record expense' }).click()
  await expect(page.getByTestId('expense-amount-error')).toContainText('whole amount')
  await page.getByLabel('Department').selectOption({ label: 'Engineering' })
  // Engineering's budgets, newest month first: this month's.
  await page.getByLabel('Budget (month)').selectOption({ index: 1 })
  await page.getByLabel('What it was for').fill('Taxi to the airport')
  await page.getByLabel('Amount').fill('1500')
  await expect(page.getByTestId('expense-effect')).toContainText('Saving will subtract')
  await page.getByRole('button', { name: 'Record expense' }).click()

  await expect(page).toHaveURL(`${acme}/expenses`)
  await expect(page.getByTestId('expense-row')).toHaveCount(6)
  await expect(page.getByTestId('expense-row').first()).toContainText('Taxi to the airport')
  const totalAfter = await page.getByTestId('expenses-total').textContent()
  expect(totalAfter).not.toBe(totalBefore)
  const expected = await page.evaluate(() =>
    new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(416500 + 1500),
  )
  await expect(page.getByTestId('expenses-total')).toContainText(expected)

  // Edit it (there is no delete).
  await page.getByRole('link', { name: 'Edit Taxi to the airport' }).click()
  await expect(page.getByLabel('What it was for')).toHaveValue('Taxi to the airport')
  await expect(page.getByTestId('expense-edit-warning')).toContainText('not given back')
  await journey.checkScreen('expense-edit')
  await page.getByLabel('Amount').fill('1800')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page).toHaveURL(`${acme}/expenses`)
  await expect(page.getByTestId('expenses-total')).toContainText(
    await page.evaluate(() =>
      new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(418300),
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

  // Whatever the user saw so far (a 5-second access token all along): no request was refused for
  // an expired token and the session never ended on its own.
  expect(await watch.seen('start', 'rejected', 'session-ended')).toEqual([])
  expect(await watch.seen('start', 'load')).toEqual([
    `load: ${acme}/register?mock=access:${ACCESS_SECONDS}`,
  ])
  expect(await watch.seen('start', 'toast')).toEqual([
    'toast: Welcome! Your account is ready.',
    'toast: Expense recorded.',
    'toast: Expense saved.',
  ])

  // The access token expires while the user keeps working.
  expect(await page.evaluate(() => window.__mockBackend!.mockConfig.accessSeconds)).toBe(
    ACCESS_SECONDS,
  )
  await expect(page.getByTestId('toast')).toHaveCount(0) // the confirmations above time out
  await watch.phase('expiry')
  const renewal = {
    timeout: (ACCESS_SECONDS + 10) * 1000,
    intervals: [100],
    // Only a page load (which restarts the mock with its default lifetime) should time this out.
    message: 'the session renews the short-lived access token',
  }
  // The refresh token the tab holds: on hardened each refresh rotates it; on original (the
  // profile of the dev mock) the sign-in's token is kept and spent every time.
  const signedIn = await storedRefresh(page)
  let held = signedIn
  /**
   * The next refresh request, seen at the network edge: exactly one more than `counted`, spending
   * the refresh token the tab holds, answered 200; then what the tab stores (the new token on
   * hardened, the same one on original).
   */
  const nextRefresh = async (counted: number) => {
    await expect.poll(() => refreshes.count(), renewal).toBe(counted + 1)
    const call = refreshes.calls.at(-1)!
    expect(call.spent, `refresh ${counted + 1} spent the stored refresh token`).toBe(held)
    const answer = await call.answer
    expect(answer.status).toBe(200)
    if (rotates()) {
      expect(answer.refresh).not.toBe(held)
      await expect.poll(() => storedRefresh(page)).toBe(answer.refresh)
      held = answer.refresh
    } else {
      expect(answer.refresh).toBeNull()
      expect(await storedRefresh(page)).toBe(held)
    }
    return answer
  }
  // Line up on a refresh, so none is in flight when counting starts.
  let counted = refreshes.count()
  const aligned = await nextRefresh(counted)
  counted += 1
  const beforeExpiries = counted
  let access = aligned.access!
  // The renewed access token lives ACCESS_SECONDS from its renewal (by the page's clock, which is
  // the mock's): a refreshed access token keeps the login's `iat` (simplejwt 5.2.2), so its `exp`
  // is what says so.
  const renewedAt = await page.evaluate(() => Math.floor(Date.now() / 1000))
  expect(claimsOf(access).exp - renewedAt).toBeLessThanOrEqual(ACCESS_SECONDS)

  /** What must hold at every point of the expiry phase: the user saw nothing of the session. */
  const uninterrupted = async () => {
    await expect(page.getByTestId('toast')).toHaveCount(0)
    expect(
      await watch.seen('expiry', 'toast', 'alert', 'session-ended', 'sign-in', 'rejected', 'load'),
    ).toEqual([])
    expect((await watch.seen('expiry', 'url')).filter((u) => u.includes('/login'))).toEqual([])
  }

  /** Waits until this access token has expired by the page's clock (the mock's clock too). */
  const pastExpiry = (token: string) =>
    expect
      .poll(() => page.evaluate(() => Math.floor(Date.now() / 1000)), {
        timeout: renewal.timeout,
        intervals: [100],
      })
      .toBeGreaterThan(claimsOf(token).exp)

  /**
   * The access token in hand runs out: exactly one more refresh request (see nextRefresh). Returns
   * once the replaced access token is past its `exp` by the page's clock (the mock's clock too),
   * so the user's next steps happen after that expiry.
   */
  const expiry = async () => {
    const answer = await nextRefresh(counted)
    await pastExpiry(access)
    counted += 1
    access = answer.access!
    await uninterrupted()
  }

  const nav = page.getByRole('navigation', { name: 'Main' })
  const total = await page.evaluate(() =>
    new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(418300),
  )

  await expiry()
  await nav.getByRole('link', { name: 'Expenses' }).click()
  await expect(page.getByTestId('expense-row')).toHaveCount(6)
  await expect(page.getByTestId('expenses-total')).toContainText(total)
  await nav.getByRole('link', { name: 'Insights' }).click()
  await expect(page.getByRole('heading', { name: 'By department' })).toBeVisible()
  await expect(page.locator('canvas')).toHaveCount(2)
  await uninterrupted()

  await expiry()
  await nav.getByRole('link', { name: 'Expenses' }).click()
  await expect(page.getByTestId('expense-row')).toHaveCount(6)
  await page.getByRole('link', { name: 'Edit Taxi to the airport' }).click()
  await expect(page.getByLabel('What it was for')).toHaveValue('Taxi to the airport')
  await expect(page.getByLabel('Amount')).toHaveValue('1800')
  await uninterrupted()

  await expiry()
  await page.getByRole('link', { name: 'All expenses' }).click()
  await expect(page).toHaveURL(`${acme}/expenses`)
  await expect(page.getByTestId('expense-row')).toHaveCount(6)
  await expect(page.getByTestId('expense-row').first()).toContainText('Taxi to the airport')
  await expect(page.getByTestId('expenses-total')).toContainText(total)
  await uninterrupted()

  // The watch saw the user's screens change meanwhile (so its empty findings mean something).
  expect(await watch.seen('expiry', 'url')).toEqual(
    expect.arrayContaining([`url: ${acme}/expenses/insights`, `url: ${acme}/expenses`]),
  )
  expect(await watch.seen('expiry', 'protected')).toEqual(
    expect.arrayContaining([expect.stringMatching(/^protected: expense-row: /)]),
  )

  // One more, then sign out right after it (no refresh in flight).
  await expiry()
  await expect(page.getByTestId('expense-row')).toHaveCount(6)
  const sent = refreshes.count()
  // The mock answered every one of them (none counted twice at the edge), and every one
  // succeeded; on hardened each spent a different refresh token (no token raced another
  // refresh), on original each spent the one the sign-in stored.
  expect(await page.evaluate(() => window.__mockBackend!.mockStats.refreshCalls)).toBe(sent)
  if (rotates()) expect(new Set(refreshes.calls.map((c) => c.spent)).size).toBe(sent)
  else {
    const sinceLineUp = refreshes.calls.slice(beforeExpiries - 1).map((c) => c.spent)
    expect(new Set(sinceLineUp)).toEqual(new Set([signedIn]))
  }
  expect(
    new Set(await Promise.all(refreshes.calls.map(async (c) => (await c.answer).status))),
  ).toEqual(new Set([200]))

  // Sign out, then the back button: the sign-in page, and no protected data, not even briefly.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(`${acme}/login`)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await watch.phase('signed-out')
  expect(await storedRefresh(page)).toBeNull()

  /** Back one entry: once the router has settled, the sign-in page and no protected data. */
  const back = async () => {
    await page.goBack()
    await expect
      .poll(() => page.evaluate(() => (history.state as { current?: string } | null)?.current))
      .toMatch(/^\/login\?redirect=/)
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await expect(page.getByTestId('expense-row')).toHaveCount(0)
    await expect(page.getByTestId('expenses-total')).toHaveCount(0)
    await expect(page.getByLabel('Amount')).toHaveCount(0)
    await expect(page.getByText('Taxi to the airport')).toHaveCount(0)
    await expect(page.getByText(total)).toHaveCount(0)
    expect(await storedRefresh(page)).toBeNull()
  }
  // Back to the edit screen the user came from: the guard shows the sign-in page instead.
  await back()
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)expenses(%2F|\/)\d+(%2F|\/)edit$/)
  await journey.checkScreen('signed-out-back')
  // And Back again: still the sign-in page, still nothing of the expenses.
  await back()

  expect(await watch.seen('signed-out', 'protected', 'toast', 'alert', 'session-ended')).toEqual([])
  // Signed out: the session stopped refreshing. Past the expiry of the last access token it held
  // (its proactive refresh was due before that), still not one more refresh request.
  await pastExpiry(access)
  expect(refreshes.count()).toBe(sent)
  test.info().annotations.push({
    type: 'refresh requests',
    description: `${sent} in the journey: ${beforeExpiries} up to the line-up, then ${sent - beforeExpiries} over 4 expiries (1 each), 0 after sign-out`,
  })
})

/**
 * The session in one tab, on every project: sign in, access tokens that expire again and again
 * (one refresh each), a reload, sign-out, tenants apart. Where the two backend profiles differ,
 * each is held to its own behaviour: on `hardened` a refresh rotates the refresh token and the
 * spent one is refused, and sign-out revokes it; on `original` the refresh token is kept and
 * reused, and sign-out is local (the server has no blacklist endpoint and would still take it).
 */
import { expect } from '@playwright/test'
import { origin, rotates } from '../support/backend'
import { test } from '../support/cspWatch'
import { watchScreens } from '../support/screens'
import {
  accessSeconds,
  ADMIN,
  appUrl,
  BLACKLISTED,
  expectNoErrorShown,
  expectSignedIn,
  expectSignInPage,
  expensesLink,
  refreshFromPage,
  renewalDueAt,
  signIn,
  storedRefresh,
  watchBlacklist,
  watchHost,
  watchRefreshes,
} from './helpers'

/** What a refresh answers: a new pair on hardened, the access token alone on original. */
const refreshKeys = () => (rotates() ? ['access', 'refresh'] : ['access'])

test('sign in: the home page greets the user; the refresh token in localStorage, the access token only in the tab’s sessionStorage', async ({
  page,
}) => {
  await page.goto(appUrl('acme'))
  await expect(page).toHaveURL(/\/login/)
  await signIn(page)
  await expectSignedIn(page)
  const stored = await page.evaluate(() => ({
    local: Object.keys(localStorage).filter((k) => k.startsWith('auth:')),
    session: Object.keys(sessionStorage).filter((k) => k.startsWith('auth:')),
  }))
  expect(stored).toEqual({ local: ['auth:acme:refresh'], session: ['auth:acme:access'] })
})

/** Long enough that no renewed token falls due while a step is being checked on a busy machine. */
/**
 * The mock's access lifetime here: each expiry is a jump of the page clock past it, and between
 * jumps the clock runs in real time, so a lifetime a loaded machine's step can outlast (75% of it)
 * would add a proactive refresh of its own.
 */
const EXPIRY_MOCK_SECONDS = 60

test('three access-token expiries while working: one refresh each, the user sees no interruption', async ({
  page,
  context,
}) => {
  // The page's clock is Playwright's: each expiry is one jump past the access lifetime (on the
  // mock the backend runs in the page, so its clock jumps too; Django's is told by its answers).
  await context.clock.install()
  const watch = await watchScreens(page)
  await page.goto(appUrl('acme', '/', EXPIRY_MOCK_SECONDS))
  await signIn(page)
  await expectSignedIn(page)
  const login = (await storedRefresh(page))!
  const refreshes = watchRefreshes(context)
  await watch.phase('working')

  const nav = page.getByRole('navigation', { name: 'Main' })
  const screens = [
    { link: 'Expenses', shows: page.getByTestId('expense-row').first() },
    { link: 'Insights', shows: page.getByRole('heading', { name: 'By department' }) },
    { link: 'Home', shows: page.getByTestId('user-name') },
  ]
  let held = login
  for (const [i, screen] of screens.entries()) {
    const n = i + 1
    expect(refreshes.count(), `refreshes before expiry ${n}`).toBe(i)
    await context.clock.fastForward((accessSeconds(EXPIRY_MOCK_SECONDS) + 1) * 1000)
    await nav.getByRole('link', { name: screen.link }).click()
    await expect(screen.shows).toBeVisible()
    await expect.poll(() => refreshes.count(), `refreshes after expiry ${n}`).toBe(n)
    const call = refreshes.seen[i]!
    expect(call.token, `expiry ${n} spent the refresh token the tab holds`).toBe(held)
    const answer = await call.answer
    expect(answer.status).toBe(200)
    expect(answer.keys).toEqual(refreshKeys())
    if (rotates()) {
      // Rotation: the tab stores the new refresh token and spends it next time.
      expect(answer.refresh).not.toBe(held)
      await expect.poll(() => storedRefresh(page)).toBe(answer.refresh)
      held = answer.refresh!
    } else {
      // No rotation: the login's refresh token stays and is reused.
      expect(await storedRefresh(page)).toBe(login)
    }
  }
  // One more screen on the last token: still three refreshes, nothing refused, never signed out.
  await expensesLink(page).click()
  await expect(page.getByTestId('expense-row').first()).toBeVisible()
  expect(refreshes.count()).toBe(screens.length)
  expect(
    await watch.seen('working', 'rejected', 'session-ended', 'sign-in', 'alert', 'load'),
  ).toEqual([])
  expect((await watch.seen('working', 'url')).filter((u) => u.includes('/login'))).toEqual([])
})

test('a reload and a new tab cost no refresh while the access token works; a tab alone with only the refresh token spends it once', async ({
  page,
  context,
}) => {
  // Long-lived tokens on the mock; on Django (10 s) a loaded machine can take longer than the
  // 7.5 s after which a proactive refresh is due, and that refresh is the tab's right: what is
  // counted is every refresh that left before the kept token fell due.
  await page.goto(appUrl('acme', '/', 60))
  await signIn(page)
  await expectSignedIn(page)
  const refreshes = watchRefreshes(context)
  const due = await renewalDueAt(page)
  const early = () => refreshes.seen.filter((r) => r.at < due).length

  await page.reload()
  await expectSignedIn(page)
  expect(early(), 'the reload kept its access token').toBe(0)

  const second = await context.newPage()
  await second.goto(appUrl('acme', '/', 60))
  await expectSignedIn(second)
  expect(early(), 'the new tab asked the open one').toBe(0)

  // Nobody to ask, nothing kept: the new tab renews with the stored refresh token, once.
  const before = (await storedRefresh(second))!
  await page.close()
  await second.close()
  const closed = refreshes.count()
  const alone = await context.newPage()
  await alone.goto(appUrl('acme', '/', 60))
  await expectSignedIn(alone)
  expect(refreshes.count() - closed).toBe(1)
  const restore = refreshes.seen[closed]!
  expect(restore.token).toBe(before)
  const answer = await restore.answer
  expect(answer.status).toBe(200)
  expect(answer.keys).toEqual(refreshKeys())
  refreshes.stop()
  const after = rotates() ? answer.refresh! : before
  if (rotates()) expect(after).not.toBe(before)
  // (A proactive refresh of the renewed token, due 7.5 s later on Django, moves it on again.)
  await expect
    .poll(async () => {
      const held = await storedRefresh(alone)
      return held === after || (rotates() && held !== before && held !== null)
    })
    .toBe(true)

  // The login's token, as the server now sees it.
  const reuse = await refreshFromPage(alone, before)
  if (rotates()) {
    expect({ status: reuse.status, body: reuse.body }).toEqual({ status: 401, body: BLACKLISTED })
  } else {
    expect({ status: reuse.status, keys: reuse.keys }).toEqual({ status: 200, keys: ['access'] })
  }
})

test('sign out: the sign-in page, no stored token, no error, Back shows no data; revoked on hardened, local on original', async ({
  page,
  context,
}) => {
  const watch = await watchScreens(page)
  await page.goto(appUrl('acme'))
  await signIn(page)
  await expectSignedIn(page)
  await expensesLink(page).click()
  await expect(page.getByTestId('expense-row').first()).toBeVisible()
  const token = (await storedRefresh(page))!
  const blacklist = watchBlacklist(context)
  await watch.phase('signing-out')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expectSignInPage(page)
  await watch.phase('signed-out')
  expect(await storedRefresh(page)).toBeNull()
  // One call to jwt/blacklist/: revoked (200) on hardened; 404 on original, where there is none.
  await expect.poll(() => blacklist.count()).toBe(1)
  expect(await blacklist.statuses()).toEqual([rotates() ? 200 : 404])

  // Back to the expenses the user saw: the sign-in page instead, with nothing of them.
  await page.goBack()
  await expectSignInPage(page)
  await expect(page.getByText('Team lunch')).toHaveCount(0)
  expect(await storedRefresh(page)).toBeNull()
  await expectNoErrorShown(page)
  expect(await watch.seen('signing-out', 'alert', 'session-ended')).toEqual([])
  expect(await watch.seen('signed-out', 'alert', 'session-ended', 'protected')).toEqual([])

  // The signed-out token, as the server sees it: refused on hardened; on original the server
  // would still take it, so the sign-out is the client forgetting it.
  const reuse = await refreshFromPage(page, token)
  if (rotates()) {
    expect({ status: reuse.status, body: reuse.body }).toEqual({ status: 401, body: BLACKLISTED })
  } else {
    expect({ status: reuse.status, keys: reuse.keys }).toEqual({ status: 200, keys: ['access'] })
  }

  // Sign in and out again on this page: hardened revokes again; original does not ask the
  // server again (it learnt there is no blacklist endpoint) and still shows no error.
  await signIn(page)
  await expectSignedIn(page)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expectSignInPage(page)
  expect(await storedRefresh(page)).toBeNull()
  await signIn(page) // a round trip after the sign-out: its revoke call, if any, has left
  await expectSignedIn(page)
  await expect.poll(() => blacklist.count()).toBe(rotates() ? 2 : 1)
  expect(await blacklist.statuses()).toEqual(rotates() ? [200, 200] : [404])
  await expectNoErrorShown(page)
  expect(await watch.seen('signed-out', 'alert', 'session-ended')).toEqual([])
})

test('tenants apart: an acme session never sends its token to globex, and globex stays signed out', async ({
  page,
  context,
}) => {
  const globex = watchHost(context, 'globex.localhost')
  await page.goto(appUrl('acme'))
  await signIn(page)
  await expectSignedIn(page)
  const acmeToken = (await storedRefresh(page))!

  // The same tab on globex, and another tab straight to a protected globex page.
  await page.goto(appUrl('globex'))
  await expectSignInPage(page)
  await expect(page.getByTestId('login-organisation')).toContainText('Globex')
  expect(await storedRefresh(page, 'globex')).toBeNull()
  expect(await storedRefresh(page, 'acme')).toBeNull() // another origin's storage
  const other = await context.newPage()
  await other.goto(appUrl('globex', '/expenses'))
  await expect(other).toHaveURL(/\/login\?redirect=/)
  await expectSignInPage(other)

  // At the network edge: globex got the app's requests (its API among them), none of them with an
  // Authorization header, none with the acme token in it.
  globex.stop()
  const sent = await globex.all()
  expect(sent.filter((r) => new URL(r.url).pathname.startsWith('/api/')).length).toBeGreaterThan(0)
  expect(sent.filter((r) => r.authorization !== null).map((r) => r.url)).toEqual([])
  expect(sent.filter((r) => r.body?.includes(acmeToken)).map((r) => r.url)).toEqual([])

  // What globex's server does with acme's token, sent there by the test on purpose: the hardened
  // server refuses it by its tenant claim; the original would take it (the same user ids on every
  // tenant), which is why the client must never send it.
  const probe = await refreshFromPage(page, acmeToken)
  if (rotates()) {
    expect({ status: probe.status, body: probe.body }).toEqual({
      status: 401,
      body: { detail: 'Token is not valid for this tenant', code: 'token_not_valid' },
    })
  } else {
    expect({ status: probe.status, keys: probe.keys }).toEqual({ status: 200, keys: ['access'] })
  }

  // Acme still restores its session with its token.
  await page.goto(`${origin('acme')}/`)
  await expectSignedIn(page, ADMIN.name)
})

/**
 * The soak: five tabs of one tenant, short access tokens (5 s from `scripts/soak.mjs`), minutes of
 * navigation in every tab at once, against the real Django fixture on each profile. Outside the
 * default run (E2E_SOAK=1 selects it; `npm run test:soak` also keeps every core busy).
 *
 * It holds when no refresh is refused (on hardened a spent token is blacklisted, so a token spent
 * twice would show as a 401), no tab is ever signed out, and the tabs renew once per expiry: every
 * refresh spends the token of the access token it replaces, never one that was already renewed.
 */
import { expect, test, type Page } from '@playwright/test'
import { backend, rotates } from '../support/backend'
import { accessSeconds, appUrl, expectSignedIn, signIn, watchRefreshes } from '../core/helpers'

const TABS = 5
const SECONDS = Number(process.env.E2E_SOAK_SECONDS ?? 180)

test.setTimeout((SECONDS + 120) * 1000)

/** Clicks the nav's links in turn, with short pauses, until `until`; notes any sign-in page. */
async function wander(page: Page, until: number, trouble: string[], index: number) {
  const nav = page.getByRole('navigation')
  for (let step = 0; Date.now() < until; step++) {
    const links = nav.getByRole('link')
    const n = await links.count()
    if (n === 0) {
      trouble.push(`tab ${index}: no nav links at ${page.url()}`)
      return
    }
    await links.nth((step * 7 + index) % n).click()
    await page.waitForTimeout(200 + ((step * 131 + index * 97) % 600))
    const path = new URL(page.url()).pathname
    if (path === '/login') {
      trouble.push(`tab ${index}: signed out at step ${step}`)
      return
    }
  }
}

test(`${TABS} tabs navigating for ${SECONDS} s: no refresh refused, no tab signed out, one refresh per expiry`, async ({
  context,
  page,
}) => {
  expect(backend().backend, 'the soak runs against the Django fixture').toBe('django')
  const logs: string[] = []
  const start = Date.now()
  context.on('console', (m) => {
    if (m.text().startsWith('[auth:')) logs.push(`${Date.now() - start} ms: ${m.text()}`)
  })
  await page.goto(appUrl('acme', '/'))
  await signIn(page)
  await expectSignedIn(page)
  const pages = [page]
  for (let i = 1; i < TABS; i++) {
    const next = await context.newPage()
    await next.goto(appUrl('acme', '/'))
    await expectSignedIn(next)
    pages.push(next)
  }

  const refreshes = watchRefreshes(context)
  const trouble: string[] = []
  const until = Date.now() + SECONDS * 1000
  await Promise.all(pages.map((p, i) => wander(p, until, trouble, i)))
  refreshes.stop()
  // Still signed in, every tab: back home by the app's own link, the user's name is there.
  for (const p of pages) {
    await p.getByRole('link', { name: 'Home', exact: true }).click()
    await expectSignedIn(p)
  }

  const answers = await Promise.all(refreshes.seen.map((r) => r.answer))
  const statuses = answers.map((a) => a.status)
  const why = `${trouble.join('\n')}\nstatuses ${statuses.join(',')}\n${logs.slice(-60).join('\n')}`
  expect(trouble, why).toEqual([])
  expect(
    statuses.filter((s) => s !== 200),
    why,
  ).toEqual([])
  // One refresh per expiry: with rotation each refresh spends the token the previous one gave.
  const tokens = refreshes.seen.map((r) => r.token)
  if (rotates()) {
    expect(new Set(tokens).size, why).toBe(tokens.length)
    for (let i = 1; i < answers.length; i++) expect(tokens[i], why).toBe(answers[i - 1]!.refresh)
  }
  // And never more refreshes than access tokens running out (renewed at 75% at the earliest).
  const lifetimes = SECONDS / (accessSeconds() * 0.75)
  expect(refreshes.count(), why).toBeLessThanOrEqual(Math.ceil(lifetimes) + 1)
  expect(refreshes.count(), why).toBeGreaterThan(0)
  console.log(
    `soak (${backend().profile}): ${TABS} tabs, ${SECONDS} s, ${refreshes.count()} refreshes, ` +
      `${statuses.filter((s) => s !== 200).length} refused, ${trouble.length} tabs signed out`,
  )
})

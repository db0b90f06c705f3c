/**
 * The deployment itself (project `deploy`: the production build behind Debian's nginx with
 * deploy/nginx/tenant-app.conf.template, the Django fixture under gunicorn): the headers a user's
 * browser gets on the page, on its assets and on the API's answers, the history fallback on a
 * reload of a deep link, the return path after sign-in, and that the policy blocks what it is
 * there to block. Every test also fails on any CSP violation it did not provoke (support/cspWatch).
 */
import { expect, type Page, type Response } from '@playwright/test'
import { expectSignedIn, signIn } from '../core/helpers'
import { origin } from '../support/backend'
import { test } from '../support/cspWatch'

const acme = () => origin('acme')

/** Every header the configuration promises on the page and its assets, with its exact value. */
const SECURITY_HEADERS = {
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy':
    'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
}
const PAGE_CACHE = 'no-store'
const ASSET_CACHE = 'public, max-age=31536000, immutable'

/** The CSP as directive -> sources. */
function directives(policy: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  )
}

async function expectSecurityHeaders(response: Response) {
  const headers = await response.allHeaders()
  const label = `${response.request().method()} ${new URL(response.url()).pathname}`
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect.soft(headers[name], `${name} on ${label}`).toBe(value)
  }
  const csp = directives(headers['content-security-policy'])
  expect.soft(csp['default-src'], `default-src on ${label}`).toEqual(["'self'"])
  expect.soft(csp['script-src'], `script-src on ${label}`).toEqual(["'self'"])
  expect.soft(csp['connect-src'], `connect-src on ${label}`).toEqual(["'self'"])
  expect.soft(csp['object-src'], `object-src on ${label}`).toEqual(["'none'"])
  expect.soft(csp['base-uri'], `base-uri on ${label}`).toEqual(["'none'"])
  expect.soft(csp['frame-ancestors'], `frame-ancestors on ${label}`).toEqual(["'none'"])
  const unsafe = Object.values(csp)
    .flat()
    .filter((source) => /unsafe/.test(source))
  expect.soft(unsafe, `unsafe sources on ${label}`).toEqual([])
  return headers
}

/** Each response of the page whose path matches, as it arrives. */
function collect(page: Page, path: RegExp): Response[] {
  const seen: Response[] = []
  page.on('response', (response) => {
    if (path.test(new URL(response.url()).pathname)) seen.push(response)
  })
  return seen
}

test('the page, its assets and the API answers carry every security header; assets are kept a year, the page never', async ({
  page,
}) => {
  const assets = collect(page, /^\/assets\//)
  const api = collect(page, /^\/api\//)
  const document = await page.goto(`${acme()}/login`)
  expect(document!.status()).toBe(200)
  const documentHeaders = await expectSecurityHeaders(document!)
  expect(documentHeaders['content-type']).toMatch(/^text\/html/)
  expect(documentHeaders['cache-control']).toBe(PAGE_CACHE)

  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  // The entry script and style sheet, and the lazy sign-in view: all hashed, all from /assets/.
  const scripts = assets.filter((response) => response.url().endsWith('.js'))
  expect(scripts.length).toBeGreaterThanOrEqual(2)
  expect(assets.some((response) => response.url().endsWith('.css'))).toBe(true)
  for (const asset of assets) {
    expect(asset.status(), asset.url()).toBe(200)
    const headers = await expectSecurityHeaders(asset)
    expect.soft(headers['cache-control'], asset.url()).toBe(ASSET_CACHE)
  }
  // The bundles travel compressed (brotli where nginx has the module, gzip otherwise).
  const entry = await scripts[0]!.allHeaders()
  expect(entry['content-encoding']).toMatch(/^(gzip|br)$/)
  expect(entry['content-type']).toMatch(/javascript/)

  // The tenant lookup went through nginx to Django: the headers once each, nothing stored.
  expect(api.length).toBeGreaterThanOrEqual(1)
  for (const answer of api) {
    const headers = await expectSecurityHeaders(answer)
    expect.soft(headers['cache-control'], answer.url()).toBe('no-store')
  }

  // An asset that does not exist is a 404 that is not kept, never the page.
  const missing = await page.evaluate(async () => {
    const res = await fetch('/assets/no-such-chunk-0000.js')
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      cache: res.headers.get('cache-control'),
      body: await res.text(),
    }
  })
  expect(missing.status).toBe(404)
  expect(missing.cache).toBe(PAGE_CACHE)
  expect(missing.body).not.toContain('<div id="app">')

  // Uploads come from Django with a policy of their own: opened directly, inert.
  const media = await page.evaluate(async () => {
    const res = await fetch('/media/no-such-photo.png')
    return {
      status: res.status,
      csp: res.headers.get('content-security-policy'),
      nosniff: res.headers.get('x-content-type-options'),
    }
  })
  expect(media).toEqual({
    status: 404,
    csp: "default-src 'none'; img-src 'self'; sandbox",
    nosniff: 'nosniff',
  })
})

test('a reload of a deep link is the page from the fallback, still signed in, and the view shows', async ({
  page,
}) => {
  // Signed out, a deep link waits on the sign-in page and comes back after it.
  await page.goto(`${acme()}/expenses/insights`)
  await expect(page).toHaveURL(/\/login\?redirect=/)
  await signIn(page)
  await expect(page).toHaveURL(`${acme()}/expenses/insights`)
  await expect(page.getByRole('heading', { name: 'Budget insights' })).toBeVisible()

  const reload = await page.reload()
  expect(reload!.status()).toBe(200)
  expect(reload!.url()).toBe(`${acme()}/expenses/insights`)
  expect(reload!.request().redirectedFrom()).toBeNull()
  const headers = await expectSecurityHeaders(reload!)
  expect(headers['content-type']).toMatch(/^text\/html/)
  expect(headers['cache-control']).toBe(PAGE_CACHE)
  await expect(page.getByRole('heading', { name: 'Budget insights' })).toBeVisible()
  await expect(page.getByTestId('nav-user')).toHaveText('Ada Admin · Admin')

  // A deeper one, with an id, typed into the address bar of the signed-in tab.
  const edit = await page.goto(`${acme()}/expenses/1/edit`)
  expect(edit!.status()).toBe(200)
  await expect(page).toHaveURL(`${acme()}/expenses/1/edit`)
  await expect(page.getByRole('heading', { name: 'Edit expense' })).toBeVisible()
})

test('a return path that resolves to //evil.example lands on the home page of this tenant', async ({
  page,
}) => {
  await page.goto(`${acme()}/login?redirect=${encodeURIComponent('/.//evil.example')}`)
  await signIn(page)
  await expectSignedIn(page)
  await expect(page).toHaveURL(`${acme()}/`)
  expect(new URL(page.url()).pathname).toBe('/')
})

test('the policy blocks an injected inline script and a script from another host, and says so', async ({
  page,
  csp,
}) => {
  await page.goto(`${acme()}/login`)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  expect(csp.take()).toEqual({ violations: [], consoleErrors: [] })

  // The page's own entry bundle, from another tenant's host: it exists there, and only the
  // policy keeps it out.
  const entry = await page.locator('script[src]').first().getAttribute('src')
  const foreignUrl = `${origin('globex')}${entry}`
  const outcome = await page.evaluate(async (src) => {
    const ran = window as unknown as Record<string, boolean>
    const inline = document.createElement('script')
    inline.textContent = 'window.__inlineRan = true'
    document.head.append(inline)
    const foreign = await new Promise<string>((resolve) => {
      const script = document.createElement('script')
      script.src = src
      script.onload = () => resolve('loaded')
      script.onerror = () => resolve('blocked')
      document.head.append(script)
    })
    return { inlineRan: ran.__inlineRan === true, foreign }
  }, foreignUrl)

  expect(outcome).toEqual({ inlineRan: false, foreign: 'blocked' })
  const seen: ReturnType<typeof csp.take> = { violations: [], consoleErrors: [] }
  await expect
    .poll(() => {
      const taken = csp.take()
      seen.violations.push(...taken.violations)
      seen.consoleErrors.push(...taken.consoleErrors)
      return seen.violations.length
    })
    .toBe(2)
  expect(seen.violations.map((v) => v.blocked).sort()).toEqual([foreignUrl, 'inline'])
  expect(seen.violations.map((v) => v.directive)).toEqual(['script-src-elem', 'script-src-elem'])
  expect(seen.violations.every((v) => v.url === `${acme()}/login`)).toBe(true)
  expect(seen.consoleErrors.length).toBeGreaterThanOrEqual(2)
})

/**
 * What a user could see on screen, recorded as it happens (used by the journeys and the core
 * specs): see watchScreens.
 */
import type { Page } from '@playwright/test'

export interface Sighting {
  phase: string
  what: 'toast' | 'alert' | 'session-ended' | 'sign-in' | 'protected' | 'url' | 'load' | 'rejected'
  text: string
}

/**
 * What the user could see, from the first document on: a MutationObserver in the page records
 * every toast, non-empty alert, "session has ended" notice, sign-in form and protected element
 * (expense rows, totals, forms, the signed-in user's name) the moment it appears, so one that came
 * and went between two assertions is not missed. The test process adds every main-frame URL, every
 * document load and every request that carried an access token and got a 401. Each sighting is tagged with the phase
 * the test was in; call before the first `page.goto`.
 */
export async function watchScreens(page: Page) {
  let phase = 'start'
  const node: Sighting[] = []
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) node.push({ phase, what: 'url', text: frame.url() })
  })
  // A document load: the SPA loads once; another one (a reload) also restarts the page's watch.
  page.on('load', () => node.push({ phase, what: 'load', text: page.url() }))
  page.on('response', async (response) => {
    if (response.status() !== 401) return
    const auth = await response.request().headerValue('authorization')
    if (auth) {
      const url = new URL(response.url())
      node.push({ phase, what: 'rejected', text: `${response.request().method()} ${url.pathname}` })
    }
  })
  await page.addInitScript(() => {
    const seen: Array<{ phase: string; what: string; text: string }> = []
    const noted = new WeakMap<Element, Set<string>>()
    const state = { phase: 'start', seen }
    ;(window as unknown as { __journeyWatch: typeof state }).__journeyWatch = state
    const rules: Array<[string, string, (el: Element) => string]> = [
      ['toast', '[data-testid="toast"]', (el) => el.querySelector('span')?.textContent ?? ''],
      ['alert', '[role="alert"]', (el) => el.textContent?.trim() ?? ''],
      ['session-ended', '.notice', (el) => el.textContent?.trim() ?? ''],
      ['sign-in', '#login-email', () => location.pathname + location.search],
      [
        'protected',
        '[data-testid^="expense"], [data-testid="user-name"], [data-testid="nav-user"], #expense-amount, canvas',
        (el) =>
          `${el.getAttribute('data-testid') || el.id || el.tagName}: ${el.textContent?.trim().slice(0, 80) ?? ''}`,
      ],
    ]
    const scan = () => {
      for (const [what, selector, text] of rules) {
        for (const el of document.querySelectorAll(selector)) {
          const value = text(el)
          if (!value || (what === 'session-ended' && !/session has ended/i.test(value))) continue
          const done = noted.get(el) ?? new Set<string>()
          if (done.has(`${what}:${value}`)) continue
          done.add(`${what}:${value}`)
          noted.set(el, done)
          seen.push({ phase: state.phase, what, text: value })
        }
      }
    }
    new MutationObserver(scan).observe(document, {
      childList: true,
      subtree: true,
      characterData: true,
    })
  })
  return {
    /** Starts a new phase: later sightings are tagged with it. */
    async phase(name: string) {
      phase = name
      await page.evaluate((p) => {
        ;(window as unknown as { __journeyWatch: { phase: string } }).__journeyWatch.phase = p
      }, name)
    },
    /** The sightings of one phase of the given kinds: the page's in order, then the test process's. */
    async seen(name: string, ...what: Sighting['what'][]): Promise<string[]> {
      const inPage = await page.evaluate(
        () => (window as unknown as { __journeyWatch: { seen: Sighting[] } }).__journeyWatch.seen,
      )
      return [...inPage, ...node]
        .filter((s) => s.phase === name && (what.length === 0 || what.includes(s.what)))
        .map((s) => `${s.what}: ${s.text}`)
    },
  }
}

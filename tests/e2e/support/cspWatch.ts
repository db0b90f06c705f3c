/**
 * Playwright's `test` with a Content-Security-Policy watch on every page of the test's context:
 * each `securitypolicyviolation` event the browser fires and each console error about the policy
 * is recorded, and the test fails at its end if there was any. It watches on the projects whose
 * server sends a policy (metadata `csp`: the project `deploy`); the Vite dev servers send none,
 * so there it stays out of the pages.
 *
 * A test that provokes violations on purpose reads (and so clears) them with `csp.take()`.
 */
import { test as base, expect } from '@playwright/test'
import type { BackendInfo } from './backend'

export interface CspViolation {
  /** The page it happened on. */
  url: string
  directive: string
  blocked: string
}

export interface CspWatch {
  /** What was recorded so far; clears the record. */
  take(): { violations: CspViolation[]; consoleErrors: string[] }
}

const BINDING = '__e2eCspViolation'
/** Chromium's console line for a refused load, inline script, eval or policy error. */
const CONSOLE_CSP = /Content Security Policy|Content-Security-Policy/i

export const test = base.extend<{ csp: CspWatch }>({
  csp: [
    async ({ context }, use, testInfo) => {
      if (!(testInfo.project.metadata as BackendInfo).csp) {
        await use({ take: () => ({ violations: [], consoleErrors: [] }) })
        return
      }
      let violations: CspViolation[] = []
      let consoleErrors: string[] = []
      await context.exposeBinding(BINDING, ({ page }, violation: Omit<CspViolation, 'url'>) => {
        violations.push({ url: page.url(), ...violation })
      })
      await context.addInitScript((binding) => {
        document.addEventListener(
          'securitypolicyviolation',
          (event) => {
            const report = (window as unknown as Record<string, (v: unknown) => void>)[binding]
            report?.({ directive: event.effectiveDirective, blocked: event.blockedURI })
          },
          true,
        )
      }, BINDING)
      context.on('console', (message) => {
        if (message.type() === 'error' && CONSOLE_CSP.test(message.text())) {
          consoleErrors.push(message.text())
        }
      })
      await use({
        take() {
          const taken = { violations, consoleErrors }
          violations = []
          consoleErrors = []
          return taken
        },
      })
      expect(violations, 'Content-Security-Policy violations reported by the browser').toEqual([])
      expect(consoleErrors, 'Content-Security-Policy errors in the console').toEqual([])
    },
    { auto: true },
  ],
})

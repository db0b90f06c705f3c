import { defineConfig } from '@playwright/test'

/** Set by scripts/e2e.mjs: Debian's chromium when present, otherwise Playwright's own browser. */
const executablePath = process.env.E2E_CHROMIUM || undefined
/** The app against the mock backend (as `npm run dev`), and against the real Django fixture. */
const mockPort = Number(process.env.E2E_PORT ?? 5199)
const djangoPort = Number(process.env.E2E_DJANGO_PORT ?? 5197)
/** The production bundle (the demo build: the real-backend build plus the mock), served by `vite preview`. */
const buildPort = Number(process.env.E2E_BUILD_PORT ?? 5195)
/**
 * Access-token lifetime of the Django fixture in the e2e run: short, so refreshes happen, and long
 * enough that a renewed token's own proactive refresh (due at 75%) never lands inside a step that
 * counts refreshes on a loaded machine.
 */
export const DJANGO_ACCESS_SECONDS = 10

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      // Every journey, against the MSW mock in the browser.
      name: 'mock',
      testIgnore: ['**/django-only/**'],
      metadata: { port: mockPort, backend: 'mock' },
    },
    {
      // The core journeys again, against the real Django + DRF + Djoser + simplejwt fixture.
      name: 'django',
      testMatch: ['**/core/**/*.spec.ts', '**/django-only/**/*.spec.ts'],
      metadata: { port: djangoPort, backend: 'django', accessSeconds: DJANGO_ACCESS_SECONDS },
    },
    {
      // The session and tab journeys again on the production bundle: its chunking (one initial
      // file, the tab-sync plug-in fetched on its own) is what people get.
      name: 'build',
      testMatch: ['**/core/session.spec.ts', '**/core/tabs.spec.ts'],
      metadata: { port: buildPort, backend: 'mock' },
    },
  ],
  webServer: [
    {
      command: `npx vite --port ${mockPort} --strictPort`,
      url: `http://127.0.0.1:${mockPort}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node scripts/dev-django.mjs --port ${djangoPort} --strictPort`,
      url: `http://127.0.0.1:${djangoPort}/`,
      env: { ACCESS_SECONDS: String(DJANGO_ACCESS_SECONDS) },
      reuseExistingServer: !process.env.CI,
      timeout: 90_000,
    },
    {
      command:
        'npx vite build --mode demo --outDir test-results/e2e-dist --emptyOutDir --logLevel error' +
        ` && npx vite preview --outDir test-results/e2e-dist --port ${buildPort} --strictPort`,
      url: `http://127.0.0.1:${buildPort}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
})

import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { playwright } from '@vitest/browser-playwright'
import { configDefaults, defineConfig } from 'vitest/config'

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  test: {
    // Stryker's sandboxes (copies of the project) and its reports: never tests of this checkout.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**', 'reports/**'],
    // The session's dev-build debug lines (`[auth:acme] signed in...`): noise in a test report.
    onConsoleLog: (log) => !log.startsWith('[auth:'),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // A hang detector, not a timing check: the tab and refresh tests run on hand-driven
          // time, so their verdict never depends on the clock, but the heaviest (three tabs on the
          // storage lease, 50 requests through the mock) take ~0.1-1.5 s of CPU and passed 5 s when
          // a loaded 2-core machine gave each test process a fraction of a core.
          testTimeout: 15_000,
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['src/testing/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://acme.localhost:5173/' } },
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['src/testing/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The same component tests in real Chromium (Debian's, never a downloaded one); the kit's
          // setup file serves the mock through the service worker (public/mockServiceWorker.js).
          name: 'browser',
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['src/testing/setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: '/usr/bin/chromium',
                args: ['--no-sandbox', '--disable-gpu'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
      {
        extends: true,
        test: {
          // Production and demo builds, checked for what they ship.
          name: 'build',
          environment: 'node',
          include: ['tests/build/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The same scenarios against the mock and a live Django (tests/contract/django).
          name: 'contract',
          environment: 'node',
          include: ['tests/contract/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

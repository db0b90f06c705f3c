import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { configDefaults, defineConfig } from 'vitest/config'

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  test: {
    // Stryker's sandboxes (copies of the project) and its reports: never tests of this checkout.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**', 'reports/**'],
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
          setupFiles: ['tests/setup/msw.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://acme.localhost:5173/' } },
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/setup/msw.ts'],
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

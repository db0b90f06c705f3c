/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): only the unit tests that
 * exercise src/core and the router's pure functions, in Node, with the MSW mock at the network edge.
 */
import { fileURLToPath, URL } from 'node:url'
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    environment: 'node',
    include: [
      'tests/unit/core/**/*.test.ts',
      'tests/unit/router/**/*.test.ts',
      'tests/unit/tenant/**/*.test.ts',
    ],
    exclude: [
      ...configDefaults.exclude,
      '.stryker-tmp/**',
      'reports/**',
      // Randomised interleavings (fast-check): a mutant's verdict would change from run to run, and
      // each run costs ~10 s. It stays in `npm test`.
      'tests/unit/core/properties.test.ts',
    ],
    setupFiles: ['src/testing/setup.ts'],
    // Instrumented code under a niced run on a busy machine: the CPU-bound tests (50 requests through
    // the mock, two lifetimes of a day-long token) take ~1.5 s plain and passed 5 s in Stryker's dry run.
    testTimeout: 30_000,
  },
})

// @ts-check
/**
 * Mutation testing (`npm run test:mutation`, not part of `npm test`): StrykerJS with its Vitest
 * runner over src/core and the router's pure functions. Reports go to reports/mutation/ (git-ignored).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // related: false. Finding the tests "related" to a mutated file crawls the import graph, lazy
  // imports included, and the router's lazy routes lead to .vue files this config cannot compile.
  // perTest coverage already picks the tests that reach each mutant.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/core/**/*.ts', 'src/router/redirect.ts', 'src/router/guards.ts'],
  coverageAnalysis: 'perTest',
  // A 2-core machine: one test process per core.
  concurrency: 2,
  // Results of unchanged mutants and tests are reused from reports/stryker-incremental.json.
  incremental: true,
  // A mutant run only while modules load (a constant, a regex) would cost a run of every test: left out.
  ignoreStatic: true,
  // Generous: on a busy machine a short bound turns slow runs into false "timeout" kills.
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: false },
  tempDirName: '.stryker-tmp',
  ignorePatterns: [
    'dist',
    'dist-demo',
    'coverage',
    'test-results',
    'playwright-report',
    'bench/.tmp',
    'reports',
  ],
  cleanTempDir: true,
}

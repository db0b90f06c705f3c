#!/usr/bin/env node
/**
 * `npm test`: type-check, lint, every Vitest project, then the end-to-end suite. Each step runs even
 * when an earlier one failed, so one run shows everything; the last line sums them:
 * `N passed, N failed` (type-check and lint count as one test each). Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

mkdirSync('test-results', { recursive: true })
const totals = { passed: 0, failed: 0, skipped: 0 }
const lines = []

function run(cmd, args, env = {}) {
  console.log(`\n▶ ${[cmd, ...args].join(' ')}`)
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
}

function record(name, passed, failed, skipped = 0) {
  totals.passed += passed
  totals.failed += failed
  totals.skipped += skipped
  lines.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

function step(name, cmd, args) {
  const status = run(cmd, args)
  record(name, status === 0 ? 1 : 0, status === 0 ? 0 : 1)
}

/** A runner that exits non-zero without a report (crash, config error) counts as one failure. */
function suite(name, cmd, args, report, count) {
  rmSync(report, { force: true })
  const status = run(cmd, args)
  const json = existsSync(report) ? readJson(report) : null
  const counted = json ? count(json) : { passed: 0, failed: 0, skipped: 0 }
  if (status !== 0 && counted.failed === 0) counted.failed = 1
  record(name, counted.passed, counted.failed, counted.skipped)
}

step('type-check', 'npx', ['vue-tsc', '--build'])
step('lint', 'npx', ['eslint', '.', '--max-warnings=0'])
const vitestCounts = (j) => ({
  passed: j.numPassedTests,
  failed: j.numFailedTests,
  skipped: j.numPendingTests + j.numTodoTests,
})
// Two runs, one after the other: the Node projects, then Chromium's. In one run Vitest would run
// the browser project's files beside the happy-dom ones, on a 2-core machine each starving the
// other (first tests of a file timing out, and each project's wall time then spans the other's).
suite(
  'vitest',
  'npx',
  [
    'vitest',
    'run',
    ...['unit', 'component', 'build', 'contract'].flatMap((p) => ['--project', p]),
    '--reporter=default',
    // each project's wall time
    '--reporter=./scripts/project-times.mjs',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
  ],
  'test-results/vitest.json',
  vitestCounts,
)
suite(
  'vitest browser',
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'browser',
    '--reporter=default',
    '--reporter=./scripts/project-times.mjs',
    '--reporter=json',
    '--outputFile.json=test-results/vitest-browser.json',
  ],
  'test-results/vitest-browser.json',
  vitestCounts,
)
suite('e2e', 'node', ['scripts/e2e.mjs'], 'test-results/e2e.json', (j) => ({
  passed: j.stats.expected + j.stats.flaky,
  failed: j.stats.unexpected,
  skipped: j.stats.skipped,
}))

console.log('\n' + lines.join('\n'))
// A skipped test is a test that was not run: it counts against the run.
const failed = totals.failed + totals.skipped
console.log(`${totals.passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

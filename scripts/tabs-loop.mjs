#!/usr/bin/env node
/**
 * The three-tab test, run again and again while every core is kept busy: the proof that the tabs
 * stay in step on a loaded machine (a flaky test is a failing test).
 *
 *   node scripts/tabs-loop.mjs                       # 20 runs on django-hardened, CPU hog on
 *   node scripts/tabs-loop.mjs --runs 10 --project django --project django-hardened
 *   node scripts/tabs-loop.mjs --no-hog
 *
 * Each run is one "tokens expiring together" test per lock kind (Web Locks and the storage
 * lease). Exits non-zero unless every run passed; prints `tabs loop: N/N passed`.
 */
import { spawnSync } from 'node:child_process'
import { loadedRunOptions, startCpuHog } from './loaded-run.mjs'

const { option, projects, hog } = loadedRunOptions(process.argv.slice(2), ['django-hardened'])
const runs = Number(option('--runs', '20'))

if (!Number.isInteger(runs) || runs < 1) {
  console.error('tabs loop: --runs takes a whole number of runs')
  process.exit(2)
}

const hogs = startCpuHog(hog)
console.log(
  `tabs loop: ${runs} runs of the three-tab test on ${projects.join(', ')}, ${hogs.describe()}`,
)
const result = spawnSync(
  process.execPath,
  [
    'scripts/e2e.mjs',
    ...projects.flatMap((p) => ['--project', p]),
    'tests/e2e/core/tabs.spec.ts',
    '-g',
    'expiring together',
    `--repeat-each=${runs}`,
    // One after another, as the loop promises (the suite's default is two workers).
    '--workers=1',
    '--retries=0',
    '--reporter=line',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
)
hogs.stop()
process.stdout.write(result.stdout ?? '')
const count = (word) => Number(result.stdout?.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
const passed = count('passed')
const failed = count('failed') + count('flaky')
const total = runs * 2 * projects.length
console.log(`tabs loop: ${passed}/${total} passed${failed ? `, ${failed} failed` : ''}`)
process.exit(result.status === 0 && passed === total ? 0 : 1)

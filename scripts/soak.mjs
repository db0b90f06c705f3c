#!/usr/bin/env node
/**
 * The five-tab soak (tests/e2e/soak) against the Django fixture on both profiles, with 5-second
 * access tokens, while one busy process per core keeps the machine loaded. Not part of `npm test`
 * (it takes about seven minutes); prints each profile's counts and exits non-zero on any failure.
 *
 *   node scripts/soak.mjs                     # 180 s per profile
 *   node scripts/soak.mjs --seconds 60 --project django-hardened --no-hog
 */
import { spawnSync } from 'node:child_process'
import { loadedRunOptions, startCpuHog } from './loaded-run.mjs'

const { option, projects, hog } = loadedRunOptions(process.argv.slice(2), [
  'django',
  'django-hardened',
])
const seconds = Number(option('--seconds', '180'))
const hogs = startCpuHog(hog)

console.log(
  `soak: 5 tabs, ${seconds} s on ${projects.join(', ')}, 5 s access tokens, ${hogs.describe()}`,
)
const result = spawnSync(
  process.execPath,
  // One project at a time: each soak keeps both cores busy with its own five tabs.
  ['scripts/e2e.mjs', ...projects.flatMap((p) => ['--project', p]), '--workers=1', '--retries=0'],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      E2E_SOAK: '1',
      E2E_SOAK_SECONDS: String(seconds),
      E2E_DJANGO_ACCESS_SECONDS: '5',
    },
  },
)
hogs.stop()
process.exit(result.status ?? 1)

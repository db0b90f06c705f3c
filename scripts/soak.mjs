#!/usr/bin/env node
/**
 * The five-tab soak (tests/e2e/soak) against the Django fixture on both profiles, with 5-second
 * access tokens, while one busy process per core keeps the machine loaded. Not part of `npm test`
 * (it takes about seven minutes); prints each profile's counts and exits non-zero on any failure.
 *
 *   node scripts/soak.mjs                     # 180 s per profile
 *   node scripts/soak.mjs --seconds 60 --project django-hardened --no-hog
 */
import { spawn, spawnSync } from 'node:child_process'
import os from 'node:os'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const seconds = Number(option('--seconds', '180'))
const projects = args.flatMap((a, i) => (args[i - 1] === '--project' ? [a] : []))
if (!projects.length) projects.push('django', 'django-hardened')
const hogs = args.includes('--no-hog')
  ? []
  : Array.from({ length: os.availableParallelism() }, () =>
      spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
    )
const stopHogs = () => hogs.forEach((h) => h.kill('SIGKILL'))
process.on('exit', stopHogs)
process.on('SIGINT', () => process.exit(130))

console.log(
  `soak: 5 tabs, ${seconds} s on ${projects.join(', ')}, 5 s access tokens, ` +
    `${hogs.length ? `${hogs.length} busy processes` : 'no CPU hog'}`,
)
const result = spawnSync(
  process.execPath,
  ['scripts/e2e.mjs', ...projects.flatMap((p) => ['--project', p]), '--retries=0'],
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
stopHogs()
process.exit(result.status ?? 1)

#!/usr/bin/env node
/**
 * Runs the Playwright suite in Chromium. Browser choice, in order: /usr/bin/chromium; when root on
 * Debian, install the `chromium` package; otherwise Playwright's own browser (if it was installed).
 * It never skips: without any browser the run fails with a clear message.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

function ensureChromium() {
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log('e2e: installing Debian chromium (apt-get install -y chromium)…')
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM
  }
  console.log(
    "e2e: no Debian chromium; using Playwright's own browser (run `npx playwright install chromium` once if it is missing)",
  )
  return ''
}

const executable = ensureChromium()
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, E2E_CHROMIUM: executable },
})
process.exit(result.status ?? 1)

#!/usr/bin/env node
/**
 * Runs the Playwright suite in Chromium. Browser choice, in order: /usr/bin/chromium; when root on
 * Debian, install the `chromium` package; otherwise Playwright's own browser (if it was installed).
 * It never skips: without any browser the run fails with a clear message.
 *
 * Other arguments go to `playwright test`. `--project NAME` (or `--project=NAME`, repeatable) takes
 * one name, so `--project django tests/e2e/core/session.spec.ts` runs that file on that project,
 * and only the servers of the chosen projects start (playwright.config.ts reads E2E_PROJECTS).
 * Each server's port is its default unless that port is taken (another run on this machine):
 * then a free one, passed on in the same E2E_*_PORT variable you may also set yourself.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import net from 'node:net'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'
/** The port variables of playwright.config.ts and their defaults. */
const PORTS = {
  E2E_PORT: 5199,
  E2E_MOCK_HARDENED_PORT: 5198,
  E2E_DJANGO_PORT: 5197,
  E2E_DJANGO_HARDENED_PORT: 5196,
  E2E_BUILD_PORT: 5195,
  E2E_DEPLOY_PORT: 5194,
}

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

/** Listens on the port (every interface) and closes again: resolves the port, or 0 if taken. */
function tryPort(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(0))
    server.listen({ port, exclusive: true }, () => {
      const { port: bound } = server.address()
      server.close(() => resolve(bound))
    })
  })
}

/** The default port when it is free, else one the system hands out (never one already chosen). */
async function choosePorts() {
  const chosen = {}
  const used = new Set()
  for (const [name, fallback] of Object.entries(PORTS)) {
    if (process.env[name]) {
      chosen[name] = process.env[name]
      used.add(Number(process.env[name]))
      continue
    }
    let port = (await tryPort(fallback)) || 0
    while (!port || used.has(port)) port = await tryPort(0)
    if (port !== fallback) console.log(`e2e: port ${fallback} is taken; ${name}=${port}`)
    used.add(port)
    chosen[name] = String(port)
  }
  return chosen
}

/** `--project a` / `--project=a` become `--project=a`, each taking one name; the rest is kept. */
function splitArgs(argv) {
  const projects = []
  const rest = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--project') {
      if (argv[i + 1] !== undefined) projects.push(argv[++i])
    } else if (arg.startsWith('--project=')) {
      projects.push(arg.slice('--project='.length))
    } else {
      rest.push(arg)
    }
  }
  return { projects, rest }
}

const executable = ensureChromium()
const { projects, rest } = splitArgs(process.argv.slice(2))
const ports = await choosePorts()
const result = spawnSync(
  'npx',
  ['playwright', 'test', ...projects.map((p) => `--project=${p}`), ...rest],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...ports,
      E2E_CHROMIUM: executable,
      E2E_PROJECTS: projects.join(','),
    },
  },
)
process.exit(result.status ?? 1)

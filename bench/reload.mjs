// `npm run bench:reload`: a signed-in reload of /expenses on the production build (the demo build,
// its mock backend in the page, +100 ms on every request), before and after the reload work of
// issue 12, side by side in one run, in Debian's Chromium. For each build: refresh calls, API round
// trips before the first expense row shows (requests that overlap count as one trip), and the
// median time from the reload to that row. Prints a table; compare the ratio, not the milliseconds.
//
//   node bench/reload.mjs                 # baseline 446601c, 7 reloads each
//   node bench/reload.mjs --baseline REV --reloads 11
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tmp = join(root, 'bench', '.tmp', 'reload')
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const BASELINE = option('--baseline', '446601c')
const RELOADS = Number(option('--reloads', '7'))
const LATENCY_MS = 100
const log = (m) => process.stderr.write(`${m}\n`)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed in ${cwd}`)
}

/** The demo build of a checkout into `out`. */
function build(cwd, out) {
  run(
    'npx',
    ['vite', 'build', '--mode', 'demo', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
    cwd,
  )
}

/** The baseline's tree, checked out beside this one (sharing node_modules). */
function baselineTree() {
  const dir = join(tmp, 'baseline')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const archive = spawnSync('git', ['archive', BASELINE], { cwd: root, maxBuffer: 1 << 30 })
  if (archive.status !== 0) throw new Error(`git archive ${BASELINE} failed`)
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout })
  if (untar.status !== 0) throw new Error('tar failed')
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

function preview(cwd, out, port) {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--outDir', out, '--port', String(port), '--strictPort'],
    { cwd, stdio: 'ignore', detached: true },
  )
  return { stop: () => process.kill(-child.pid, 'SIGKILL') }
}

async function waitFor(url) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} never answered`)
}

/** Round trips: requests in start order; one that starts after every earlier one ended opens a new trip. */
function roundTrips(requests) {
  let trips = 0
  let end = -Infinity
  for (const r of [...requests].sort((a, b) => a.start - b.start)) {
    if (r.start >= end) trips += 1
    end = Math.max(end, r.end)
  }
  return trips
}

async function measure(browser, port) {
  const origin = `http://acme.localhost:${port}`
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`${origin}/login?mock=access:600,latency:${LATENCY_MS}`)
  await page.locator('#login-email').fill('admin@acme.test')
  await page.locator('#login-password').fill('acme-admin-pass-1')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  // The mock's knobs come from the URL of each page load, so every reload carries them.
  const expenses = `${origin}/expenses?mock=latency:${LATENCY_MS}`
  await page.goto(expenses)
  const row = page.locator('[data-testid=expense-row], main table tbody tr').first()
  await row.waitFor()
  const samples = []
  for (let i = 0; i < RELOADS; i++) {
    const requests = []
    const pending = new Map()
    const onRequest = (r) => {
      if (r.url().includes('/api/')) pending.set(r, { url: r.url(), start: performance.now() })
    }
    const onDone = (r) => {
      const p = pending.get(r)
      if (p) requests.push({ ...p, end: performance.now() })
    }
    page.on('request', onRequest)
    page.on('requestfinished', onDone)
    page.on('requestfailed', onDone)
    const t0 = performance.now()
    await page.goto(expenses)
    await row.waitFor()
    const shown = performance.now()
    page.off('request', onRequest)
    const before = requests.filter((r) => r.start < shown && r.end <= shown)
    samples.push({
      ms: shown - t0,
      trips: roundTrips(before),
      refreshes: before.filter((r) => r.url.includes('/jwt/refresh/')).length,
    })
  }
  await context.close()
  return {
    ms: median(samples.map((s) => s.ms)),
    trips: median(samples.map((s) => s.trips)),
    refreshes: median(samples.map((s) => s.refreshes)),
  }
}

async function main() {
  mkdirSync(tmp, { recursive: true })
  log(`bench:reload: building the baseline (${BASELINE}) and this tree (demo builds)…`)
  const base = baselineTree()
  build(base, join(tmp, 'dist-baseline'))
  build(root, join(tmp, 'dist-now'))
  const servers = [
    preview(base, join(tmp, 'dist-baseline'), 5301),
    preview(root, join(tmp, 'dist-now'), 5302),
  ]
  try {
    await Promise.all([5301, 5302].map((p) => waitFor(`http://127.0.0.1:${p}/`)))
    const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
    const browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu'],
    })
    // Alternate the two so a busy moment of the machine falls on both.
    const results = { before: [], after: [] }
    for (let round = 0; round < 2; round++) {
      results.before.push(await measure(browser, 5301))
      results.after.push(await measure(browser, 5302))
    }
    await browser.close()
    const pick = (xs) => ({
      ms: median(xs.map((x) => x.ms)),
      trips: median(xs.map((x) => x.trips)),
      refreshes: median(xs.map((x) => x.refreshes)),
    })
    const before = pick(results.before)
    const after = pick(results.after)
    const rows = [
      '| signed-in reload of /expenses, +100 ms per request | before (' + BASELINE + ') | after |',
      '| --- | --- | --- |',
      `| refresh calls | ${before.refreshes} | ${after.refreshes} |`,
      `| API round trips before the first row | ${before.trips} | ${after.trips} |`,
      `| time to the first row (median of ${RELOADS * 2}) | ${before.ms.toFixed(0)} ms | ${after.ms.toFixed(0)} ms |`,
      `| after / before | | ${(after.ms / before.ms).toFixed(2)}x |`,
    ]
    console.log(rows.join('\n'))
  } finally {
    servers.forEach((s) => s.stop())
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

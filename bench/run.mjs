// `npm run bench`: the auth core side by side with bare axios and axios-auth-refresh v5, against an
// in-process backend on 127.0.0.1. Bounded loops; prints a markdown table and writes bench/results.md.
// The machine is shared: compare ratios and counts, not absolute times.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import axios from 'axios'
import { startBackend } from './backend.mjs'
import { agent, CLIENTS, bare, ours } from './clients.mjs'
import { BUDGET, bundleCore, initialJs } from './sizes.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tmp = join(root, 'bench', '.tmp')
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`
const log = (m) => process.stderr.write(`${m}\n`)

async function loadCore() {
  const { file, gzip } = await bundleCore(join(tmp, 'core'))
  return { core: await import(pathToFileURL(file).href), gzip }
}

function buildApp() {
  const out = join(tmp, 'app')
  const r = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 240_000,
    },
  )
  if (r.status !== 0)
    return { gzip: null, note: `build failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}` }
  const { files, gzip } = initialJs(out)
  return { gzip, note: `${files.length} file(s)` }
}

/** N concurrent requests with an access token the server considers expired. */
async function expiredBurst(core, backend, make, n) {
  const client = await make(core, backend)
  backend.expireAll()
  const before = backend.state.refreshCalls
  const results = await Promise.allSettled(
    Array.from({ length: n }, () => client.api.get('/things/')),
  )
  client.dispose()
  return {
    refreshes: backend.state.refreshCalls - before,
    ok: results.filter((r) => r.status === 'fulfilled').length,
  }
}

async function timeRequests(api, total, concurrency = 32) {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await api.get('/things/')
    }),
  )
  return performance.now() - start
}

/** Median of per-round ratios ours/bare, rounds interleaved so load drifts hit both alike. */
async function overhead(core, backend, rounds, total, adapter) {
  const ratios = []
  for (let r = 0; r < rounds; r++) {
    const a = await ours(core, backend)
    const b = await bare(core, backend)
    if (adapter) for (const c of [a, b]) c.api.defaults.adapter = adapter
    await timeRequests(a.api, 200)
    await timeRequests(b.api, 200)
    const [tb1, ta, tb2] = [
      await timeRequests(b.api, total),
      await timeRequests(a.api, total),
      await timeRequests(b.api, total),
    ]
    ratios.push(ta / ((tb1 + tb2) / 2))
    a.dispose()
  }
  return median(ratios)
}

/** Time from the one refresh answering to every one of N queued requests settling. */
async function drain(core, backend, n) {
  const c = await ours(core, backend)
  backend.expireAll()
  backend.hold(n)
  let t0 = 0
  c.session.on((e) => e.type === 'refreshed' && (t0 = performance.now()))
  const results = await Promise.allSettled(Array.from({ length: n }, () => c.api.get('/things/')))
  const t1 = performance.now()
  backend.hold(0)
  c.dispose()
  if (results.some((r) => r.status === 'rejected')) throw new Error('drain: a request failed')
  return t1 - t0
}

/** An adapter that answers at once: the interceptors' cost against axios alone, no network. */
const noNetwork = async (config) => ({
  data: { ok: true },
  status: 200,
  statusText: 'OK',
  headers: {},
  config,
  request: {},
})

const backend = await startBackend()
log('bundling the auth core…')
const { core, gzip: coreGzip } = await loadCore()
const { gzip: withTabs } = await bundleCore(join(tmp, 'core'), 'entry-tabs.ts', 'core-tabs')
const rows = []
const NS = [1, 10, 100, 1000]
const burst = {}
for (const [name, make] of Object.entries(CLIENTS)) {
  burst[name] = []
  for (const n of NS) {
    log(`burst ${name} N=${n}`)
    burst[name].push(await expiredBurst(core, backend, make, n))
  }
}
const names = Object.keys(CLIENTS)
rows.push(
  `| N concurrent, expired token: refresh calls / successes | ${names.join(' | ')} | target | met |`,
)
rows.push(`| --- | ${names.map(() => '---').join(' | ')} | --- | --- |`)
NS.forEach((n, i) => {
  const cells = names.map((name) => `${burst[name][i].refreshes} / ${burst[name][i].ok}`)
  const mine = burst.ours[i]
  rows.push(
    `| N = ${n} | ${cells.join(' | ')} | 1 / ${n} | ${mine.refreshes === 1 && mine.ok === n ? 'yes' : 'NO'} |`,
  )
})

log('overhead (loopback)…')
const loop = await overhead(core, backend, 5, 10_000)
log('overhead (in-process adapter, no network)…')
const noNet = await overhead(core, backend, 5, 10_000, noNetwork)
log('drain…')
/** Median of three drains of n, run one after another. */
const drainMedian = async (n) =>
  median([
    await drain(core, backend, n),
    await drain(core, backend, n),
    await drain(core, backend, n),
  ])
const d1 = await drainMedian(1000)
const d10 = await drainMedian(10_000)
log('real-backend build…')
const app = buildApp()
await backend.close()
agent.destroy()

const table = [
  '| measure | ours | target | met |',
  '| --- | --- | --- | --- |',
  `| per-request time vs bare axios, 10,000 requests, valid token, loopback (median of 5 interleaved rounds) | ${loop.toFixed(3)}x | <= 1.10x | ${loop <= 1.1 ? 'yes' : 'NO'} |`,
  `| same, in-process adapter (no network: interceptor cost against axios alone; informational) | ${noNet.toFixed(3)}x | — | — |`,
  `| drain 10k / drain 1k queued requests after one refresh (median of 3 each) | ${(d10 / d1).toFixed(2)}x | <= 12x | ${d10 / d1 <= 12 ? 'yes' : 'NO'} |`,
  `| auth core alone (src/core/auth + src/core/http, minified + gzip, axios/jwt-decode external) | ${kb(coreGzip)} | <= ${BUDGET.core / 1024} KB | ${coreGzip <= BUDGET.core ? 'yes' : 'NO'} |`,
  `| same, with the tab-sync plug-in and its browser ports (what a localStorage session loads in all; the plug-in is a lazy chunk; informational) | ${kb(withTabs)} | — | — |`,
  `| initial JS of the real-backend build (entry + modulepreload chunks, gzip) | ${app.gzip === null ? 'n/a' : kb(app.gzip)} (${app.note}) | <= ${BUDGET.initialJs / 1024} KB | ${app.gzip === null ? 'not measured' : app.gzip <= BUDGET.initialJs ? 'yes' : 'NO'} |`,
]
const md = [
  '# Benchmark results',
  '',
  `Node ${process.version}, axios ${axios.VERSION}, ${new Date().toISOString()}. Shared machine: read ratios and counts, not times.`,
  '',
  rows.join('\n'),
  '',
  table.join('\n'),
  '',
].join('\n')
writeFileSync(join(root, 'bench', 'results.md'), md)
process.stdout.write(md)

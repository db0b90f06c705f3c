#!/usr/bin/env node
/**
 * `npm run serve:deploy`: the app as deployed, on this machine. It builds the production bundle
 * (the real-backend build, no mock), starts the Django fixture under Debian's gunicorn and
 * Debian's nginx with deploy/'s configuration in front of both, each on a loopback port, and
 * stops both by PID on Ctrl-C (or SIGTERM: the e2e project `deploy` starts it as its server).
 *
 *   node scripts/serve-deploy.mjs [--port 8080] [--dist dist] [--no-build]
 *
 * BACKEND_PROFILE (`original` by default, as `npm run dev:django`) and ACCESS_SECONDS pick the
 * fixture's profile and access-token lifetime. Tenants are subdomains of localhost:
 * http://acme.localhost:8080 (Chromium resolves *.localhost; curl needs `-H 'Host: ...'`).
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { detectBrotli, findNginx, renderSite, renderStandalone } from '../deploy/render.mjs'
import { resolveProfile, startDjango } from '../tests/contract/django/fixture.mjs'

const BASE_DOMAIN = 'localhost'

function option(name, fallback) {
  const args = process.argv.slice(2)
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : args[i + 1]
}
const port = Number(option('port', '8080'))
const dist = path.resolve(option('dist', 'dist'))
const build = !process.argv.includes('--no-build')

/** Whether nothing listens on 127.0.0.1:port (else a 200 from someone else's server would pass for ours). */
function portIsFree() {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () =>
      probe.close(() => resolve(true)),
    )
  })
}

/** GET / with a tenant Host until nginx answers 200; rejects once `alive()` is false or time is up. */
async function waitForNginx(alive, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = await new Promise((resolve) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/', headers: { host: `acme.${BASE_DOMAIN}:${port}` } },
        (res) => {
          res.resume()
          resolve(res.statusCode)
        },
      )
      req.on('error', () => resolve(0))
      req.setTimeout(2_000, () => req.destroy())
    })
    if (status === 200) return
    if (!alive()) throw new Error('nginx exited during start-up')
    if (Date.now() > deadline) throw new Error(`nginx did not answer within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Ends a child by its PID: `signal`, then SIGKILL after `graceMs`; resolves once it has exited. */
function stopChild(child, signal, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(child.pid, 'SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    process.kill(child.pid, signal)
  })
}

if (build) {
  console.log(`serve:deploy: building the production bundle into ${dist}`)
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'],
    { stdio: 'inherit' },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (!(await portIsFree())) {
  console.error(`serve:deploy: 127.0.0.1:${port} is taken; choose another with --port`)
  process.exit(1)
}
// nginx first: without it there is no point starting the backend.
const nginxBinary = findNginx()
const brotli = detectBrotli(nginxBinary)
const profile = resolveProfile(process.env.BACKEND_PROFILE || 'original')
const accessSeconds = process.env.ACCESS_SECONDS ? Number(process.env.ACCESS_SECONDS) : undefined
const django = await startDjango({ profile, accessSeconds, server: 'gunicorn' })

const runDir = mkdtempSync(path.join(os.tmpdir(), 'tenant-app-nginx-'))
const site = renderSite({
  baseDomain: BASE_DOMAIN,
  appRoot: dist,
  backend: `127.0.0.1:${django.port}`,
  listen: `127.0.0.1:${port}`,
  brotli: brotli.builtIn || brotli.modules.length > 0,
})
const conf = path.join(runDir, 'nginx.conf')
writeFileSync(conf, renderStandalone({ site, runDir, modules: brotli.modules }))
const nginx = spawn(nginxBinary, ['-p', runDir, '-c', conf, '-e', path.join(runDir, 'error.log')], {
  stdio: 'inherit',
})
let stopping = false
async function stop(code) {
  if (stopping) return
  stopping = true
  // SIGQUIT: nginx finishes the requests it has, then exits.
  await stopChild(nginx, 'SIGQUIT')
  await django.stop()
  rmSync(runDir, { recursive: true, force: true })
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))
nginx.on('exit', (code) => {
  if (!stopping) {
    // Say why before stop() removes the directory (a port already taken, a bad directive).
    const log = path.join(runDir, 'error.log')
    const why = existsSync(log)
      ? readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n')
      : ''
    console.error(`serve:deploy: nginx exited (${code})${why ? `:\n${why}` : ''}`)
  }
  void stop(code ?? 1)
})

try {
  await waitForNginx(() => nginx.exitCode === null)
} catch (error) {
  console.error(`serve:deploy: ${error.message}`)
  await stop(1)
}
console.log(
  `serve:deploy: nginx (pid ${nginx.pid}) on 127.0.0.1:${port}, gunicorn (pid ${django.pid}, ` +
    `Django fixture, profile ${profile}, access tokens ${django.accessSeconds} s) on ` +
    `127.0.0.1:${django.port}; brotli ${brotli.builtIn || brotli.modules.length ? 'on' : 'off (no module)'}`,
)
console.log(`Open http://acme.${BASE_DOMAIN}:${port} or http://globex.${BASE_DOMAIN}:${port}`)

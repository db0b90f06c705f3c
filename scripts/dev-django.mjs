#!/usr/bin/env node
/**
 * `npm run dev:django`: starts the real Django fixture (tests/contract/django) on a free loopback
 * port and the app against it, with Vite forwarding /api and /media and keeping the tenant host.
 * Ctrl-C stops both.
 *
 * BACKEND_PROFILE picks the backend: `original` (default: the seed backend the app exists for,
 * as observed; ROTATE=1, BLACKLIST=1, AUTH_HEADER_TYPES=JWT add simplejwt settings to it) or
 * `hardened` (shared/backend-contract.md). ACCESS_SECONDS sets the access-token lifetime
 * (default: 300 s original, 120 s hardened).
 */
import { spawn } from 'node:child_process'
import { resolveProfile, startDjango } from '../tests/contract/django/fixture.mjs'

const profile = resolveProfile(process.env.BACKEND_PROFILE || 'original')
const accessSeconds = process.env.ACCESS_SECONDS ? Number(process.env.ACCESS_SECONDS) : undefined
const django = await startDjango({ profile, accessSeconds })
const knobs = ['ROTATE', 'BLACKLIST', 'AUTH_HEADER_TYPES']
  .filter((name) => profile === 'original' && process.env[name])
  .map((name) => `${name}=${process.env[name]}`)
console.log(
  `Django fixture (profile ${profile}${knobs.length ? `, ${knobs.join(' ')}` : ''}) on ` +
    `${django.baseUrl} (access tokens live ${django.accessSeconds} s)`,
)
const args = process.argv.slice(2)
const portArg = args.indexOf('--port')
const port = portArg === -1 ? '5173' : args[portArg + 1]
console.log(`Open http://acme.localhost:${port} or http://globex.localhost:${port}`)

const vite = spawn('npx', ['vite', '--mode', 'django', ...args], {
  stdio: 'inherit',
  env: { ...process.env, API_PROXY_TARGET: django.baseUrl },
})

let stopping = false
async function stop(code) {
  if (stopping) return
  stopping = true
  vite.kill('SIGTERM')
  await django.stop()
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))
vite.on('exit', (code) => void stop(code ?? 0))

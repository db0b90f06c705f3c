#!/usr/bin/env node
/**
 * `npm run dev:django`: starts the real Django fixture (tests/contract/django) on a free loopback
 * port and the app against it, with Vite forwarding /api and /media and keeping the tenant host.
 * Ctrl-C stops both. ACCESS_SECONDS (default 120) sets the access-token lifetime.
 */
import { spawn } from 'node:child_process'
import { startDjango } from '../tests/contract/django/fixture.mjs'

const accessSeconds = Number(process.env.ACCESS_SECONDS ?? 120)
const django = await startDjango({ accessSeconds })
console.log(`Django fixture on ${django.baseUrl} (access tokens live ${accessSeconds} s)`)
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

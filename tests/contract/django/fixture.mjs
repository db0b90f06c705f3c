// Starts, resets and stops the real-Django contract fixture (see README.md).
//
//   import { startDjango } from './tests/contract/django/fixture.mjs'
//   const django = await startDjango({ profile: 'original', accessSeconds: 2 })
//   // django.port, django.baseUrl ('http://127.0.0.1:PORT'), django.host('acme') ...
//   await django.reset()
//   await django.stop()
//
// CLI: node tests/contract/django/fixture.mjs start|stop|reset|status [--profile original|hardened]
//      [--access-seconds N]
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const FIXTURE_DIR = path.dirname(fileURLToPath(import.meta.url))
const SERVE_PY = path.join(FIXTURE_DIR, 'serve.py')
const DEFAULT_PID_FILE = path.join(FIXTURE_DIR, '.run', 'server.json')
const REQUIRED_MODULES = [
  'django',
  'rest_framework',
  'rest_framework_simplejwt',
  'djoser',
  'corsheaders',
  'PIL',
]

/** The Python that has the libraries: $DJANGO_PYTHON, then setup.sh's .venv, then Debian's. */
export function findPython() {
  if (process.env.DJANGO_PYTHON) return process.env.DJANGO_PYTHON
  const venv = path.join(FIXTURE_DIR, '.venv', 'bin', 'python')
  if (fs.existsSync(venv)) return venv
  return '/usr/bin/python3'
}

function checkPython(python) {
  const probe = spawnSync(python, ['-c', `import ${REQUIRED_MODULES.join(', ')}`], {
    encoding: 'utf8',
  })
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : probe.stderr.trim().split('\n').pop()
    throw new Error(
      `Django fixture: ${python} cannot import the backend libraries (${why}). ` +
        `Run: bash ${path.relative(process.cwd(), path.join(FIXTURE_DIR, 'setup.sh'))}`,
    )
  }
}

export const PROFILES = ['hardened', 'original']

/** The profile asked for, else $BACKEND_PROFILE, else hardened; anything else throws. */
export function resolveProfile(profile) {
  const chosen = profile ?? (process.env.BACKEND_PROFILE || 'hardened')
  if (!PROFILES.includes(chosen)) {
    throw new Error(`Django fixture: profile must be one of ${PROFILES.join(', ')}, not ${chosen}`)
  }
  return chosen
}

/** simplejwt's default access lifetime in the original (5 min); the hardened contract's 120 s. */
export const defaultAccessSeconds = (profile) => (profile === 'original' ? 300 : 120)

function fixtureEnv({ profile, accessSeconds, stateDir, env }) {
  return {
    ...process.env,
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    FIXTURE_RESET: '1',
    BACKEND_PROFILE: profile,
    ACCESS_SECONDS: String(accessSeconds),
    DJANGO_STATE_DIR: stateDir,
    DJANGO_EMAIL_DIR: path.join(stateDir, 'mail'),
    DJANGO_MEDIA_ROOT: path.join(stateDir, 'media'),
    ...env,
  }
}

/** One request to the fixture over 127.0.0.1 with an explicit Host (no DNS needed). */
export function request(port, { method = 'GET', path: urlPath = '/', host, body, headers = {} }) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        headers: {
          host: host ?? `127.0.0.1:${port}`,
          // Django's development server cannot read chunked request bodies: always
          // send Content-Length (Node would otherwise chunk a body written like this).
          'content-length': payload ? Buffer.byteLength(payload) : 0,
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }))
      },
    )
    req.on('error', reject)
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${urlPath} timed out`)))
    if (payload) req.write(payload)
    req.end()
  })
}

async function waitUntilAnswering(port, isAlive, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      // The public host answers this route in both profiles: 400 "Please pass tenant_id ..."
      const res = await request(port, {
        method: 'POST',
        path: '/api/v1/tenants/info/',
        host: `localhost:${port}`,
        body: {},
      })
      if (res.status === 400) return
    } catch {
      // not listening yet
    }
    if (!isAlive()) throw new Error('Django fixture exited during start-up')
    if (Date.now() > deadline)
      throw new Error(`Django fixture did not answer within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The newest mails of the file backend, oldest first: [{ file, to, subject, text, url, uid, token }]. */
export function readMails(mailDir) {
  if (!fs.existsSync(mailDir)) return []
  return fs
    .readdirSync(mailDir)
    .map((name) => {
      const file = path.join(mailDir, name)
      return { file, mtime: fs.statSync(file).mtimeMs }
    })
    .sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file))
    .flatMap(({ file }) => {
      // A file holds every message sent through one connection, split by a dashed line.
      const chunks = fs.readFileSync(file, 'utf8').split(/^-{79}$/m)
      return chunks.filter((chunk) => chunk.trim()).map((raw) => parseMail(file, raw))
    })
}

function parseMail(file, raw) {
  const header = (name) => raw.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1]?.trim()
  const text = raw.match(/Content-Type: text\/plain[^]*?\n\n([^]*?)\n--=+/)?.[1] ?? raw
  const link = raw.match(
    /https?:\/\/\S+?\/auth\/(?:password|email)\/reset\/([^/\s"<]+)\/([^/\s"<]+)/,
  )
  return {
    file,
    to: header('To'),
    subject: header('Subject'),
    text,
    url: link?.[0],
    uid: link?.[1],
    token: link?.[2],
    raw,
  }
}

/**
 * The two ways to serve the fixture: the arguments for the Python, the stream that announces the
 * port and how. gunicorn runs one process with threads, like the development server: the
 * refresh serializer's lock (README) and the reset's in-process copy hold only within one process.
 */
const SERVERS = {
  runserver: { args: [SERVE_PY], announces: 'stdout', listening: /^LISTENING (\d+)$/m },
  gunicorn: {
    args: [
      '-m',
      'gunicorn',
      '--bind=127.0.0.1:0',
      '--workers=1',
      '--worker-class=gthread',
      '--threads=8',
      '--timeout=30',
      '--graceful-timeout=2',
      '--log-level=info',
      'fixtureproject.wsgi:application',
    ],
    announces: 'stderr',
    listening: /Listening at: http:\/\/127\.0\.0\.1:(\d+)/,
  },
}

/** serve.py --prepare-only: the seeded database in the state dir, then exit (for gunicorn). */
function prepareDatabase(python, env, logFile, timeoutMs) {
  const log = fs.openSync(logFile, 'a')
  const child = spawn(python, [SERVE_PY, '--prepare-only'], {
    cwd: FIXTURE_DIR,
    env,
    stdio: ['ignore', log, log],
  })
  fs.closeSync(log)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Django fixture: preparing the database took over ${timeoutMs} ms`))
    }, timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else
        reject(
          new Error(`Django fixture: serve.py --prepare-only exited with ${code}; see ${logFile}`),
        )
    })
  })
}

/**
 * Start a fresh, seeded fixture on 127.0.0.1 and a free port.
 * @param {object} [options]
 * @param {'hardened'|'original'} [options.profile] BACKEND_PROFILE (default: $BACKEND_PROFILE, else hardened)
 * @param {number} [options.accessSeconds] ACCESS_SECONDS (default 120 hardened, 300 original)
 * @param {Record<string,string>} [options.env] extra env (hardened: PASSWORD_RETYPE, UPSTREAM_TOKEN_MODEL;
 *   original: ROTATE, BLACKLIST, AUTH_HEADER_TYPES)
 * @param {string} [options.stateDir] folder for db/mail/media (default: a new temp dir, removed on stop)
 * @param {string} [options.python] interpreter (default: findPython())
 * @param {number} [options.timeoutMs=60000]
 * @param {'runserver'|'gunicorn'} [options.server='runserver'] what serves it: serve.py (Django's
 *   threaded development server) or Debian's gunicorn over the database serve.py prepared
 */
export async function startDjango({
  profile: askedProfile,
  accessSeconds,
  env = {},
  stateDir,
  python = findPython(),
  timeoutMs = 60_000,
  server = 'runserver',
} = {}) {
  const profile = resolveProfile(askedProfile)
  if (!SERVERS[server])
    throw new Error(
      `Django fixture: server must be one of ${Object.keys(SERVERS).join(', ')}, not ${server}`,
    )
  accessSeconds ??= defaultAccessSeconds(profile)
  checkPython(python)
  const ownsStateDir = !stateDir
  stateDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'django-fixture-'))
  fs.mkdirSync(stateDir, { recursive: true })
  const childEnv = fixtureEnv({ profile, accessSeconds, stateDir, env })
  const logFile = path.join(stateDir, 'server.log')
  const { args, announces, listening } = SERVERS[server]
  if (server === 'gunicorn') await prepareDatabase(python, childEnv, logFile, timeoutMs)
  const log = fs.openSync(logFile, 'a')
  // The stream that announces the port is piped (and copied to the log); the other goes to the log.
  const child = spawn(python, args, {
    cwd: FIXTURE_DIR,
    env: childEnv,
    stdio: announces === 'stdout' ? ['ignore', 'pipe', log] : ['ignore', log, 'pipe'],
  })
  fs.closeSync(log)
  const announcer = child[announces]
  if (announces === 'stderr') announcer.on('data', (chunk) => fs.appendFileSync(logFile, chunk))
  let exited = false
  const exitPromise = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true
      resolve({ code, signal })
    }),
  )
  const killOnExit = () => child.kill('SIGTERM')
  process.once('exit', killOnExit)

  const port = await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(
      () => reject(new Error('Django fixture: no LISTENING line')),
      timeoutMs,
    )
    announcer.setEncoding('utf8')
    announcer.on('data', (chunk) => {
      out += chunk
      const match = out.match(listening)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    exitPromise.then(({ code }) => {
      clearTimeout(timer)
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')
      reject(new Error(`Django fixture exited with ${code} before listening:\n${tail}`))
    })
  }).catch(async (error) => {
    child.kill('SIGTERM')
    process.removeListener('exit', killOnExit)
    if (ownsStateDir) fs.rmSync(stateDir, { recursive: true, force: true })
    throw error
  })
  announcer.resume()
  await waitUntilAnswering(port, () => !exited, timeoutMs)

  const mailDir = childEnv.DJANGO_EMAIL_DIR
  return {
    profile,
    accessSeconds,
    port,
    pid: child.pid,
    baseUrl: `http://127.0.0.1:${port}`,
    stateDir,
    mailDir,
    logFile,
    /** Host header value for a tenant: host('acme') -> 'acme.localhost:PORT'; host() -> 'localhost:PORT'. */
    host: (tenant) => (tenant ? `${tenant}.localhost:${port}` : `localhost:${port}`),
    /** Browser-style origin of a tenant: 'http://acme.localhost:PORT' (needs a custom lookup in Node). */
    origin: (tenant) => `http://${tenant ? `${tenant}.` : ''}localhost:${port}`,
    request: (options) => request(port, options),
    mails: () => readMails(mailDir),
    lastMail: () => readMails(mailDir).at(-1),
    /** Back to the seed data (every schema in the original); empties the outbox and uploaded media. */
    async reset() {
      // localhost: the original profile refuses Host 127.0.0.1 (400), as the original did
      const res = await request(port, {
        method: 'POST',
        path: '/__fixture__/reset/',
        host: `localhost:${port}`,
      })
      if (res.status !== 204) throw new Error(`fixture reset failed: ${res.status} ${res.text}`)
    },
    async stop() {
      process.removeListener('exit', killOnExit)
      if (!exited) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exitPromise
        clearTimeout(timer)
      }
      if (ownsStateDir) fs.rmSync(stateDir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------- CLI

function readPidFile(pidFile) {
  try {
    return JSON.parse(fs.readFileSync(pidFile, 'utf8'))
  } catch {
    return undefined
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function cliStart({ profile, accessSeconds, pidFile }) {
  const previous = readPidFile(pidFile)
  if (previous && isRunning(previous.pid)) {
    console.log(previous.port)
    console.error(`already running (pid ${previous.pid}); stop it first to get a fresh database`)
    return
  }
  const python = findPython()
  checkPython(python)
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'django-fixture-'))
  const log = fs.openSync(path.join(stateDir, 'server.log'), 'a')
  const child = spawn(python, [SERVE_PY], {
    cwd: FIXTURE_DIR,
    env: fixtureEnv({ profile, accessSeconds, stateDir, env: {} }),
    stdio: ['ignore', log, log],
    detached: true,
  })
  child.unref()
  fs.closeSync(log)
  const portFile = path.join(stateDir, 'port')
  const deadline = Date.now() + 60_000
  while (!fs.existsSync(portFile)) {
    if (!isRunning(child.pid) || Date.now() > deadline) {
      throw new Error(`Django fixture did not start; see ${path.join(stateDir, 'server.log')}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  const port = Number(fs.readFileSync(portFile, 'utf8'))
  await waitUntilAnswering(port, () => isRunning(child.pid), 30_000)
  fs.mkdirSync(path.dirname(pidFile), { recursive: true })
  fs.writeFileSync(
    pidFile,
    JSON.stringify({ pid: child.pid, port, stateDir, profile }, null, 2) + '\n',
  )
  console.error(`profile ${profile}, access tokens ${accessSeconds} s`)
  console.log(port)
}

async function cliStop({ pidFile }) {
  const state = readPidFile(pidFile)
  if (!state) {
    console.error(`no ${pidFile}; nothing to stop`)
    return
  }
  if (isRunning(state.pid)) {
    process.kill(state.pid, 'SIGTERM')
    const deadline = Date.now() + 5_000
    while (isRunning(state.pid) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    if (isRunning(state.pid)) process.kill(state.pid, 'SIGKILL')
  }
  if (state.stateDir?.includes('django-fixture-')) {
    fs.rmSync(state.stateDir, { recursive: true, force: true })
  }
  fs.rmSync(pidFile, { force: true })
  console.error(`stopped pid ${state.pid}`)
}

async function cliReset({ pidFile }) {
  const state = readPidFile(pidFile)
  if (!state || !isRunning(state.pid)) throw new Error('the fixture is not running')
  const res = await request(state.port, {
    method: 'POST',
    path: '/__fixture__/reset/',
    host: `localhost:${state.port}`,
  })
  if (res.status !== 204) throw new Error(`fixture reset failed: ${res.status} ${res.text}`)
  console.error('reset')
}

async function cli(argv) {
  const [command, ...rest] = argv
  const flag = (name) => {
    const i = rest.indexOf(name)
    return i >= 0 ? rest[i + 1] : undefined
  }
  const profile = resolveProfile(flag('--profile'))
  const options = {
    profile,
    accessSeconds: Number(
      flag('--access-seconds') ?? process.env.ACCESS_SECONDS ?? defaultAccessSeconds(profile),
    ),
    pidFile: flag('--pid-file') ?? process.env.DJANGO_FIXTURE_PID_FILE ?? DEFAULT_PID_FILE,
  }
  if (command === 'start') return cliStart(options)
  if (command === 'stop') return cliStop(options)
  if (command === 'reset') return cliReset(options)
  if (command === 'status') {
    const state = readPidFile(options.pidFile)
    const running = Boolean(state && isRunning(state.pid))
    console.log(
      running
        ? `running pid ${state.pid} port ${state.port} profile ${state.profile ?? 'hardened'}`
        : 'stopped',
    )
    process.exitCode = running ? 0 : 1
    return
  }
  console.error(
    'usage: node fixture.mjs start|stop|reset|status [--profile original|hardened] ' +
      '[--access-seconds N] [--pid-file FILE]',
  )
  process.exitCode = 2
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((error) => {
    console.error(error.message)
    process.exitCode = 1
  })
}

#!/usr/bin/env node
/**
 * Renders deploy/nginx/tenant-app.conf.template into a server configuration for nginx's http
 * context, and (for `npm run serve:deploy` and the e2e project `deploy`) a whole standalone
 * nginx.conf around it that runs unprivileged files out of one directory.
 *
 *   node deploy/render.mjs --base-domain example.com --root /srv/tenant-app/dist \
 *     --backend 127.0.0.1:8000 [--listen 80] [--connect-src "'self'"] [--brotli auto|on|off]
 *
 * prints the server configuration. Brotli is used only where nginx has the module (`auto`, the
 * default: built in, or loaded from /etc/nginx/modules-enabled); gzip always.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))
export const TEMPLATE = path.join(HERE, 'nginx', 'tenant-app.conf.template')

/** What nginx compresses (text/html always is). Also the brotli module's list. */
const COMPRESSIBLE =
  'text/css application/javascript text/javascript application/json image/svg+xml'
const GZIP = [
  'gzip on;',
  'gzip_vary on;',
  'gzip_comp_level 5;',
  'gzip_min_length 512;',
  'gzip_proxied any;',
  `gzip_types ${COMPRESSIBLE};`,
]
const BROTLI = [
  'brotli on;',
  'brotli_comp_level 5;',
  'brotli_min_length 512;',
  `brotli_types ${COMPRESSIBLE};`,
]
/** Where distributions put nginx's dynamic modules. */
const MODULE_DIRS = [
  '/usr/lib/nginx/modules',
  '/usr/share/nginx/modules',
  '/usr/lib64/nginx/modules',
]
const BROTLI_MODULES = ['ngx_http_brotli_filter_module.so', 'ngx_http_brotli_static_module.so']

/** $NGINX, else Debian's /usr/sbin/nginx (not on a normal user's PATH), else `nginx` from PATH. */
export function findNginx() {
  if (process.env.NGINX) return process.env.NGINX
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx'
}

export class DeployConfigError extends Error {
  name = 'DeployConfigError'
}

/**
 * Whether this nginx can do brotli: `builtIn` (compiled in), `enabled` (the distribution's
 * modules-enabled already loads it), `modules` (the .so files a standalone nginx.conf must load).
 */
export function detectBrotli(nginx = findNginx()) {
  // nginx -V prints its build options on stderr.
  const probe = spawnSync(nginx, ['-V'], { encoding: 'utf8' })
  if (probe.error)
    throw new DeployConfigError(`${nginx} -V failed (${probe.error.message}): install nginx`)
  const version = `${probe.stdout}${probe.stderr}`
  const builtIn = /--add-module=\S*brotli/.test(version)
  const enabledDir = '/etc/nginx/modules-enabled'
  const enabled =
    existsSync(enabledDir) && readdirSync(enabledDir).some((name) => name.includes('brotli'))
  const dir = MODULE_DIRS.find((candidate) =>
    BROTLI_MODULES.every((name) => existsSync(path.join(candidate, name))),
  )
  const modules = dir ? BROTLI_MODULES.map((name) => path.join(dir, name)) : []
  return { builtIn, enabled, modules }
}

const SAFE_VALUE = /^[^;{}\n\r"$\\]+$/

function checked(name, value, pattern = SAFE_VALUE) {
  if (typeof value !== 'string' || value.trim() === '' || !pattern.test(value)) {
    throw new DeployConfigError(`${name}: not a usable value (${JSON.stringify(value)})`)
  }
  return value.trim()
}

/**
 * The server configuration. `brotli`: true or false (decide with detectBrotli). `connectSrc` is
 * the CSP's connect-src: `'self'` when the API is on the page's host (VITE_API_BASE_URL of
 * `/api/v1`, the default), else the API's origin(s).
 */
export function renderSite({
  baseDomain,
  appRoot,
  backend,
  listen = '80',
  connectSrc = "'self'",
  brotli = false,
  template = readFileSync(TEMPLATE, 'utf8'),
}) {
  const values = {
    BASE_DOMAIN: checked(
      'base domain',
      baseDomain,
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i,
    ),
    APP_ROOT: checked('root', appRoot),
    BACKEND: checked('backend', backend, /^[\w.:[\]-]+$/),
    LISTEN: checked('listen', listen),
    CONNECT_SRC: checked('connect-src', connectSrc, /^[\w'*.:/ -]+$/),
  }
  if (!path.isAbsolute(values.APP_ROOT))
    throw new DeployConfigError(`root: ${appRoot} is not an absolute path`)
  const withValues = template.replace(/\$\{([A-Z_]+)\}/g, (match, name) => {
    if (name === 'COMPRESSION') return match
    if (!(name in values)) throw new DeployConfigError(`template: unknown placeholder ${match}`)
    return values[name]
  })
  // The compression lines, indented like the placeholder they replace.
  return withValues.replace(/^([ \t]*)\$\{COMPRESSION\}$/m, (_line, indent) =>
    [...GZIP, ...(brotli ? BROTLI : [])].map((line) => indent + line).join('\n'),
  )
}

/**
 * A whole nginx.conf for `nginx -p runDir -c runDir/nginx.conf`: in the foreground, one worker,
 * every file it writes (pid, logs, temp bodies) in runDir, the site inside. As root the worker
 * stays root (it only reads the build and talks to loopback), so it can read any checkout.
 */
export function renderStandalone({
  site,
  runDir,
  modules = [],
  mimeTypes = '/etc/nginx/mime.types',
}) {
  if (!existsSync(mimeTypes)) throw new DeployConfigError(`${mimeTypes} not found: install nginx`)
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  const file = (name) => path.join(runDir, name)
  return [
    ...modules.map((module) => `load_module ${module};`),
    ...(root ? ['user root;'] : []),
    'daemon off;',
    'worker_processes 1;',
    `pid ${file('nginx.pid')};`,
    `error_log ${file('error.log')} warn;`,
    'events { worker_connections 512; }',
    'http {',
    `    include ${mimeTypes};`,
    '    default_type application/octet-stream;',
    `    access_log ${file('access.log')};`,
    `    client_body_temp_path ${file('client_body')};`,
    `    proxy_temp_path ${file('proxy')};`,
    `    fastcgi_temp_path ${file('fastcgi')};`,
    `    uwsgi_temp_path ${file('uwsgi')};`,
    `    scgi_temp_path ${file('scgi')};`,
    '    sendfile on;',
    '    tcp_nopush on;',
    '    keepalive_timeout 30s;',
    ...site.split('\n').map((line) => (line ? `    ${line}` : line)),
    '}',
    '',
  ].join('\n')
}

/** `--name value` / `--name=value` pairs. */
function parseFlags(argv) {
  const flags = {}
  for (let i = 0; i < argv.length; i++) {
    const match = argv[i].match(/^--([a-z-]+)(?:=(.*))?$/)
    if (!match) throw new DeployConfigError(`unexpected argument ${argv[i]}`)
    flags[match[1]] = match[2] ?? argv[++i]
  }
  return flags
}

function cli(argv) {
  const flags = parseFlags(argv)
  const brotliChoice = flags.brotli ?? 'auto'
  if (!['auto', 'on', 'off'].includes(brotliChoice)) {
    throw new DeployConfigError('--brotli: auto, on or off')
  }
  let brotli = brotliChoice === 'on'
  if (brotliChoice === 'auto') {
    const found = detectBrotli(flags.nginx ?? findNginx())
    brotli = found.builtIn || found.enabled
  }
  process.stdout.write(
    renderSite({
      baseDomain: flags['base-domain'],
      appRoot: flags.root && path.resolve(flags.root),
      backend: flags.backend,
      listen: flags.listen,
      connectSrc: flags['connect-src'],
      brotli,
    }),
  )
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    cli(process.argv.slice(2))
  } catch (error) {
    console.error(error.message)
    process.exitCode = 1
  }
}

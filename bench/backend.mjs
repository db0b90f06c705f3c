// An in-process stand-in for simplejwt on 127.0.0.1: rotation + blacklist, and a switch that makes
// every access token issued so far "expired" (401 token_not_valid) while its exp stays in the future,
// so every client meets the 401 path, not a client-side expiry check.
import http from 'node:http'

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const jwt = (claims) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2ln`

export async function startBackend() {
  const s = {
    refreshCalls: 0,
    unauthorized: 0,
    access: new Set(),
    refresh: new Set(),
    jti: 0,
    /** When > 0, refresh answers wait until this many 401s were sent. */
    holdUntil: 0,
    held: [],
  }
  const pair = () => {
    const base = {
      iat: Math.floor(Date.now() / 1000),
      exp: 4_000_000_000,
      user_id: 1,
      tenant: 'acme',
    }
    const access = jwt({ ...base, token_type: 'access', jti: `a${++s.jti}` })
    const refresh = jwt({ ...base, token_type: 'refresh', jti: `r${++s.jti}` })
    s.access.add(access)
    s.refresh.add(refresh)
    return { access, refresh }
  }
  const send = (res, status, body) => {
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    res.end(text)
  }
  const release = () => {
    if (s.holdUntil > 0 && s.unauthorized < s.holdUntil) return
    s.held.splice(0).forEach((fn) => fn())
  }
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const path = req.url ?? ''
      if (path.endsWith('/auth/jwt/create/')) return send(res, 200, pair())
      if (path.endsWith('/auth/jwt/refresh/')) {
        s.refreshCalls += 1
        const token = JSON.parse(Buffer.concat(chunks).toString() || '{}').refresh
        const answer = () =>
          s.refresh.delete(token)
            ? send(res, 200, pair())
            : send(res, 401, { detail: 'Token is blacklisted', code: 'token_not_valid' })
        s.held.push(answer)
        return release()
      }
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      if (!s.access.has(token)) {
        s.unauthorized += 1
        send(res, 401, {
          detail: 'Given token not valid for any token type',
          code: 'token_not_valid',
        })
        return release()
      }
      send(res, 200, { ok: true })
    })
  })
  await new Promise((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address()
  return {
    baseURL: `http://127.0.0.1:${port}/api/v1`,
    state: s,
    pair,
    expireAll: () => s.access.clear(),
    hold(n) {
      s.holdUntil = n
      s.unauthorized = 0
    },
    close: () => new Promise((r) => server.close(r)),
  }
}

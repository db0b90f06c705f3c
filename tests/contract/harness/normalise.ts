/**
 * Turns a raw HTTP answer (from the mock or from Django) into a comparable "view", and diffs two
 * views. Values that legitimately differ between two runs are replaced by what they must look like:
 *
 * - a JWT becomes `{ $jwt: { header, claims } }` with its claims normalised (see `normaliseClaims`);
 * - a Django datetime (`2026-11-22T15:36:14.502929+03:00`) becomes `<datetime>`;
 * - a password-reset token (`digbcp-<32 hex>`) becomes `<reset-token>`.
 *
 * Everything else (ids, messages, key sets, value types, list order) is compared exactly.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** A raw answer, whichever backend gave it. */
export interface RawResponse {
  status: number
  headers: Record<string, string | undefined>
  text: string
}

export interface View {
  status: number
  /** What the body is: JSON, an HTML page, nothing, or something else. */
  kind: 'json' | 'html' | 'empty' | 'text'
  /** The headers a client (or the contract) cares about. */
  headers: Record<string, string>
  /** Normalised JSON, the visible text of an HTML page, or the raw text. */
  body: Json
}

/** The headers compared between the backends (lower case). */
export const COMPARED_HEADERS = [
  'location',
  'www-authenticate',
  'access-control-allow-origin',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-max-age',
] as const

export interface NormaliseContext {
  /** The access token lifetime the backend runs with (ACCESS_SECONDS). */
  accessSeconds: number
  /** Epoch seconds when the answer arrived. */
  receivedAt: number
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/
export const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+03:00$/
export const RESET_TOKEN = /^[0-9a-z]{1,13}-[0-9a-f]{32}$/
const HEX32 = /^[0-9a-f]{32}$/
const REFRESH_SECONDS = 7 * 24 * 3600

export function decodeJwtPart(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
}

export function decodeJwt(token: string): { header: unknown; claims: Record<string, unknown> } {
  const [header = '', payload = ''] = token.split('.')
  return {
    header: decodeJwtPart(header),
    claims: decodeJwtPart(payload) as Record<string, unknown>,
  }
}

export function claimsOf(token: unknown): Record<string, unknown> {
  if (typeof token !== 'string') throw new Error(`not a JWT: ${JSON.stringify(token)}`)
  return decodeJwt(token).claims
}

function isJwt(value: string): boolean {
  if (!JWT.test(value)) return false
  try {
    const { header, claims } = decodeJwt(value)
    return typeof header === 'object' && header !== null && typeof claims === 'object'
  } catch {
    return false
  }
}

const typeOf = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number' && Number.isInteger(v)
        ? 'int'
        : typeof v

/**
 * The claim set of a token, reduced to what must agree between backends: the sorted claim
 * names, token_type, user_id (value and type), email, username, tenant, the jti format, the types
 * of exp/iat, and the lifetimes (`exp` against the clock for access tokens, `exp - iat` for
 * refresh tokens). `iat` itself is not bucketed against the clock (a refreshed access token keeps
 * the login `iat`, seconds old by then): the scenarios check that quirk explicitly, token to token.
 */
export function normaliseClaims(claims: Record<string, unknown>, ctx: NormaliseContext): Json {
  const out: Record<string, Json> = {
    names: Object.keys(claims).sort(),
    token_type: claims.token_type as Json,
    user_id: claims.user_id as Json,
    user_id_type: typeOf(claims.user_id),
    email: claims.email as Json,
    username: claims.username as Json,
    tenant: claims.tenant as Json,
    jti: typeof claims.jti === 'string' && HEX32.test(claims.jti) ? '<32 hex>' : String(claims.jti),
    exp_type: typeOf(claims.exp),
    iat_type: typeOf(claims.iat),
  }
  const exp = Number(claims.exp)
  const iat = Number(claims.iat)
  if (claims.token_type === 'access') {
    const left = exp - ctx.receivedAt
    out.expires =
      left <= ctx.accessSeconds && left >= ctx.accessSeconds - 3
        ? 'now + ACCESS_SECONDS'
        : `now + ${left}s`
  } else if (claims.token_type === 'refresh') {
    out.lifetime = exp - iat === REFRESH_SECONDS ? '7 days' : `${exp - iat}s`
  }
  return out
}

export function normaliseJson(value: unknown, ctx: NormaliseContext): Json {
  if (Array.isArray(value)) return value.map((v) => normaliseJson(v, ctx))
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {}
    for (const key of Object.keys(value).sort()) {
      out[key] = normaliseJson((value as Record<string, unknown>)[key], ctx)
    }
    return out
  }
  if (typeof value === 'string') {
    if (DATETIME.test(value)) return '<datetime>'
    if (RESET_TOKEN.test(value)) return '<reset-token>'
    // Django's storage appends `_` + 7 random characters when the name is taken.
    if (value.includes('/media/')) return value.replace(/_[A-Za-z0-9]{7}(\.\w+)$/, '_<7 random>$1')
    if (isJwt(value)) {
      const { header, claims } = decodeJwt(value)
      return { $jwt: { header: header as Json, claims: normaliseClaims(claims, ctx) } }
    }
  }
  return value as Json
}

/**
 * What an HTML error page says: its `<h1>`, else its `<title>`, else its visible text, whitespace
 * collapsed. (Clients never parse these pages; the heading is what identifies them.)
 */
export function htmlText(html: string): string {
  const heading = /<h1[^>]*>([^]*?)<\/h1>/i.exec(html) ?? /<title[^>]*>([^]*?)<\/title>/i.exec(html)
  return (heading ? heading[1]! : html)
    .replace(/<(script|style)[^]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export function toView(raw: RawResponse, ctx: NormaliseContext): View {
  const headers: Record<string, string> = {}
  for (const name of COMPARED_HEADERS) {
    const value = raw.headers[name]
    if (value !== undefined) headers[name] = value
  }
  const type = raw.headers['content-type'] ?? ''
  // An empty body's Content-Type means nothing to a client (Django labels empty 301s text/html).
  if (raw.text === '') return { status: raw.status, kind: 'empty', headers, body: '' }
  if (type) headers['content-type'] = type.split(';')[0]!.trim()
  if (type.includes('json')) {
    try {
      return {
        status: raw.status,
        kind: 'json',
        headers,
        body: normaliseJson(JSON.parse(raw.text), ctx),
      }
    } catch {
      return { status: raw.status, kind: 'text', headers, body: raw.text }
    }
  }
  if (type.includes('html'))
    return { status: raw.status, kind: 'html', headers, body: htmlText(raw.text) }
  return { status: raw.status, kind: 'text', headers, body: raw.text.slice(0, 200) }
}

export interface Difference {
  /** Where, e.g. `status`, `body.email[0]`, `headers.location`. */
  path: string
  /** The first value (the mock's, or the contract's expectation), as JSON. */
  left: string
  /** The second value (Django's, or the backend's actual answer), as JSON. */
  right: string
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v))

/**
 * Every leaf where `a` and `b` differ, with a readable path. In `a`, the strings `<jwt>`, `<int>` and
 * `<any>` match any normalised JWT, any integer and anything (used by contract expectations).
 */
export function diff(a: unknown, b: unknown, path = ''): Difference[] {
  if (Object.is(a, b)) return []
  if (a === '<any>') return []
  if (a === '<int>' && Number.isInteger(b)) return []
  if (a === '<jwt>' && b !== null && typeof b === 'object' && '$jwt' in b) return []
  const bothArrays = Array.isArray(a) && Array.isArray(b)
  const bothObjects =
    !bothArrays &&
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  if (bothArrays) {
    const out: Difference[] = []
    if (a.length !== b.length)
      out.push({ path: `${path}.length`, left: String(a.length), right: String(b.length) })
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      out.push(...diff(a[i], b[i], `${path}[${i}]`))
    return out
  }
  if (bothObjects) {
    const ao = a as Record<string, unknown>
    const bo = b as Record<string, unknown>
    const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()
    return keys.flatMap((k) => diff(ao[k], bo[k], path ? `${path}.${k}` : k))
  }
  return [{ path: path || '(value)', left: show(a), right: show(b) }]
}

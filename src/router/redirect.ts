/**
 * The return path after sign-in (`?redirect=`): only a path of this app, normalised, may follow.
 * `/expenses?x=1` is kept; `//evil`, `/\evil`, `/%2F%2Fevil`, `/\t/evil`, `javascript:` and
 * absolute URLs are refused, and so are paths that only become one of those once the URL parser
 * has removed their dot segments (`/.//evil`, `/..//evil`, `/%2e%2e//evil`: `//evil`) and paths
 * no route of the app owns (they would land on the not-found page). The answer is re-serialised by
 * the URL parser, so what the router receives is exactly what was checked.
 */
import { createRouterMatcher, START_LOCATION } from 'vue-router'
import { routes } from './routes'

const PROBE_ORIGIN = 'http://same-origin.invalid'
const MAX_LENGTH = 2048
/** C0 and C1 controls (tabs and newlines are dropped by URL parsers), DEL and backslashes. */
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\\]/
/** The route table's matcher; the catch-all route is the not-found page. */
const matcher = createRouterMatcher(routes, {})
const NOT_FOUND = 'not-found'

function fullyDecoded(raw: string): string | null {
  let current = raw
  for (let i = 0; i < 5; i++) {
    let next: string
    try {
      next = decodeURIComponent(current)
    } catch {
      return null
    }
    if (next === current) return current
    current = next
  }
  return null // encoded more than five times over: nobody needs that
}

/** A single leading slash, no control character or backslash, encoded or not. */
function looksLocal(path: string): boolean {
  const decoded = fullyDecoded(path)
  if (decoded === null) return false
  return [path, decoded].every(
    (candidate) =>
      candidate.startsWith('/') && !candidate.startsWith('//') && !DANGEROUS.test(candidate),
  )
}

/** True when a route other than the not-found page matches the (encoded) path. */
function ownedByRouter(pathname: string): boolean {
  try {
    const match = matcher.resolve({ path: pathname }, START_LOCATION)
    return match.matched.length > 0 && match.name !== NOT_FOUND
  } catch {
    return false
  }
}

export function safeRedirect(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw === '' || raw.length > MAX_LENGTH) return fallback
  if (!looksLocal(raw)) return fallback
  let url: URL
  try {
    url = new URL(raw, PROBE_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== PROBE_ORIGIN) return fallback
  // Dot segments are gone now: check what is left, as the browser would see it.
  if (!looksLocal(url.pathname) || !ownedByRouter(url.pathname)) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

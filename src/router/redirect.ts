/**
 * Only same-origin paths may follow `?redirect=`: `/expenses?x=1`, never `//evil`, `/\evil`,
 * `/%2F%2Fevil`, `/\t/evil`, `javascript:` or an absolute URL. The answer is re-serialised by the
 * URL parser, so what the router receives is exactly what was checked.
 */
const PROBE_ORIGIN = 'http://same-origin.invalid'
const MAX_LENGTH = 2048
/** C0 and C1 controls (tabs and newlines are dropped by URL parsers), DEL and backslashes. */
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\\]/

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

export function safeRedirect(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw === '' || raw.length > MAX_LENGTH) return fallback
  const decoded = fullyDecoded(raw)
  if (decoded === null) return fallback
  for (const candidate of [raw, decoded]) {
    if (!candidate.startsWith('/') || candidate.startsWith('//')) return fallback
    if (DANGEROUS.test(candidate)) return fallback
  }
  let url: URL
  try {
    url = new URL(raw, PROBE_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== PROBE_ORIGIN) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

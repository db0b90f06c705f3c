/** Only same-origin paths may follow `?redirect=`: `/expenses`, never `//evil`, `/\evil`, `javascript:` or a URL. */
export function safeRedirect(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw === '') return fallback
  let decoded = raw
  // Reject anything whose decoded forms differ in a dangerous way (e.g. %2F%2Fevil).
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded)
      if (next === decoded) break
      decoded = next
    } catch {
      return fallback
    }
  }
  for (const candidate of [raw, decoded]) {
    if (!candidate.startsWith('/')) return fallback
    if (candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback
    // Control characters and backslashes are normalised to slashes by URL parsers.
    if (/[\u0000-\u001f\u007f\\]/.test(candidate)) return fallback
  }
  return raw
}

import { describe, expect, it } from 'vitest'
import { safeRedirect } from '@/router/redirect'

describe('safeRedirect', () => {
  const kept: Array<[string, string]> = [
    ['/', '/'],
    ['/expenses', '/expenses'],
    ['/expenses?department=2', '/expenses?department=2'],
    ['/expenses/3/edit#top', '/expenses/3/edit#top'],
    ['/people?q=a%20b', '/people?q=a%20b'],
    ['/a/../profile', '/profile'],
    ['/caf%C3%A9', '/caf%C3%A9'],
  ]
  it.each(kept)('keeps the same-origin path %j', (raw, expected) => {
    expect(safeRedirect(raw)).toBe(expected)
  })

  const refused: Array<[string, unknown]> = [
    ['not a string', 42],
    ['undefined', undefined],
    ['null', null],
    ['an array (repeated query key)', ['/a', '/b']],
    ['empty', ''],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/expenses'],
    ['triple slash', '///evil.example'],
    ['backslash after slash', '/\\evil.example'],
    ['leading backslashes', '\\\\evil.example'],
    ['encoded double slash', '%2F%2Fevil.example'],
    ['slash + encoded slash', '/%2F%2Fevil.example'],
    ['slash + encoded slash (lower case)', '/%2f%2fevil.example'],
    ['double-encoded slashes', '/%252F%252Fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded backslash (lower case)', '/%5cevil.example'],
    ['tab between slashes', '/\t/evil.example'],
    ['newline between slashes', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['encoded newline', '/%0A/evil.example'],
    ['NUL', '/\u0000/evil.example'],
    ['C1 control', '/\u0085/evil.example'],
    ['javascript: scheme', 'javascript:alert(1)'],
    ['JavaScript: mixed case', 'JaVaScRiPt:alert(1)'],
    ['encoded javascript:', 'javascript%3Aalert(1)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['absolute http URL', 'http://evil.example/'],
    ['absolute https URL', 'https://acme.localhost/expenses'],
    ['leading space', ' /expenses'],
    ['leading space before slashes', ' //evil.example'],
    ['relative path', 'expenses'],
    ['malformed percent-encoding', '/%E0%A4%A'],
    ['encoded six times over', '/' + '%25'.repeat(5) + '2F'],
    ['too long', '/' + 'a'.repeat(3000)],
  ]
  it.each(refused)('refuses %s', (_label, raw) => {
    expect(safeRedirect(raw)).toBe('/')
  })

  it('uses the given fallback', () => {
    expect(safeRedirect('//evil.example', '/home')).toBe('/home')
  })
})

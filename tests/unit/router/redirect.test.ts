import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { safeRedirect } from '@/router/redirect'
import { routes } from '@/router/routes'

describe('safeRedirect', () => {
  const kept: Array<[string, string]> = [
    ['/', '/'],
    ['/expenses', '/expenses'],
    ['/expenses?department=2', '/expenses?department=2'],
    ['/expenses/3/edit#top', '/expenses/3/edit#top'],
    ['/people?q=a%20b', '/people?q=a%20b'],
    ['/a/../profile', '/profile'],
    ['/people?q=caf%C3%A9', '/people?q=caf%C3%A9'],
    ['/./expenses', '/expenses'],
    ['/expenses/./new', '/expenses/new'],
    ['/%2e/expenses', '/expenses'],
    ['/budgets/7/edit/../../../expenses/insights', '/expenses/insights'],
    ['/auth/password/reset/Mg/abc-123', '/auth/password/reset/Mg/abc-123'],
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
    // Dot segments the URL parser removes, leaving a path that starts with two slashes.
    ['dot segment, then a double slash', '/.//evil.example'],
    ['dot-dot segment, then a double slash', '/..//evil.example'],
    ['encoded dot-dot segment', '/%2e%2e//evil.example'],
    ['encoded dot-dot segment (upper case)', '/%2E%2E//evil.example'],
    ['half-encoded dot-dot segment', '/.%2e//evil.example'],
    ['encoded dot segment', '/%2e//evil.example'],
    ['dot-dot after a segment', '/expenses/..//evil.example'],
    ['two dot segments', '/././/evil.example'],
    ['dot-dot up past the root', '/../..//evil.example'],
    ['dot-dot then an encoded slash', '/%2e%2e/%2fevil.example'],
    ['dot-dot then an encoded slash (upper case)', '/../%2Fevil.example'],
    ['double-encoded dot-dot', '/%252e%252e//evil.example'],
    ['protocol-relative with an encoded letter', '//%65vil.example'],
    ['protocol-relative, encoded letter, path', '//%65x/expenses'],
    ['dot segment and a backslash', '/.\\evil.example'],
    ['dot-dot and an encoded backslash', '/..%5c/evil.example'],
    ['dot-dot and an encoded backslash (upper case)', '/..%5C%5Cevil.example'],
    ['dot segment and a tab', '/.\t//evil.example'],
    // Same origin, but no route of the app owns it.
    ['a path no route owns', '/caf%C3%A9'],
    ['an encoded slash inside a segment', '/.%2F/evil.example'],
    ['a route with a non-numeric id', '/expenses/abc/edit'],
  ]
  it.each(refused)('refuses %s', (_label, raw) => {
    expect(safeRedirect(raw)).toBe('/')
  })

  /** Paths made of the pieces the payloads above use, in any order. */
  const pieces = fc.constantFrom(
    '/',
    '//',
    '.',
    '..',
    '%2e',
    '%2E',
    '%2f',
    '%2F',
    '%5c',
    '\\',
    '%25',
    '%09',
    ' ',
    'x',
    'evil.example',
    'expenses',
    'new',
    '3',
    'edit',
    '?',
    '#',
    '@',
    ':',
  )
  const router = createRouter({ history: createMemoryHistory(), routes })
  it('whatever the path, the answer is a same-origin path of a route, never //', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const answer = safeRedirect(parts.join(''))
        expect(answer.startsWith('/')).toBe(true)
        expect(answer.startsWith('//')).toBe(false)
        expect(answer).not.toMatch(/\\/)
        expect(new URL(answer, 'http://acme.localhost').host).toBe('acme.localhost')
        expect(router.resolve(answer).name).not.toBe('not-found')
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses a backslash smuggled into a route parameter, encoded once or twice', () => {
    expect(safeRedirect('/auth/password/reset/Mg/abc-123')).toBe('/auth/password/reset/Mg/abc-123')
    expect(safeRedirect('/auth/password/reset/Mg/%5Cevil.example')).toBe('/')
    expect(safeRedirect('/auth/password/reset/Mg/%255Cevil.example')).toBe('/')
    expect(safeRedirect('/auth/password/reset/Mg/%09evil.example')).toBe('/')
  })

  it('keeps a query encoded four times over and refuses one encoded five times over', () => {
    const encoded = (times: number) => '%' + '25'.repeat(times - 1) + '20'
    expect(safeRedirect(`/people?q=a${encoded(4)}b`)).toBe(`/people?q=a${encoded(4)}b`)
    expect(safeRedirect(`/people?q=a${encoded(5)}b`)).toBe('/')
  })

  it('keeps a path of up to 2048 characters and refuses a longer one', () => {
    const ofLength = (n: number) => '/people?q=' + 'a'.repeat(n - '/people?q='.length)
    expect(safeRedirect(ofLength(2048))).toBe(ofLength(2048))
    expect(safeRedirect(ofLength(2049))).toBe('/')
  })

  it('uses the given fallback', () => {
    expect(safeRedirect('//evil.example', '/home')).toBe('/home')
  })
})

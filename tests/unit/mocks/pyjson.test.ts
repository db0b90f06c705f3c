/** CPython 3.11's json error messages, which DRF puts after "JSON parse error - ". */
import { describe, expect, it } from 'vitest'
import { pythonJsonError } from '@/mocks/pyjson'

describe('pythonJsonError', () => {
  it.each([
    ['{"email":}', 'Expecting value: line 1 column 10 (char 9)'],
    ['{email: 1}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['{"a": 1 "b": 2}', "Expecting ',' delimiter: line 1 column 9 (char 8)"],
    ['{"a": 1,}', 'Expecting property name enclosed in double quotes: line 1 column 9 (char 8)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['{"a": "x', 'Unterminated string starting at: line 1 column 7 (char 6)'],
    ['{}{}', 'Extra data: line 1 column 3 (char 2)'],
    ['{\n  "a": tru\n}', 'Expecting value: line 2 column 8 (char 9)'],
    ['{"a": NaN}', 'Out of range float values are not JSON compliant'],
    ['"\\q"', 'Invalid \\escape: line 1 column 2 (char 1)'],
    ['"\\u12"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
    ['"a\tb"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['  ', 'Expecting value: line 1 column 3 (char 2)'],
    ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
  ])('%j -> %s', (text, message) => {
    expect(pythonJsonError(text)).toBe(message)
  })

  it('accepts valid JSON', () => {
    for (const ok of ['{}', '[]', ' {"a": [1, -2.5e3, true, null, "\\u00e9"]} ', '0']) {
      expect(pythonJsonError(ok)).toBeNull()
    }
  })
})

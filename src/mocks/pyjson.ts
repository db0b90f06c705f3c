/**
 * Python's json.loads error messages (CPython 3.11), so a malformed body gets DRF's exact
 * `JSON parse error - Expecting value: line 1 column 10 (char 9)`. Only finds the first error;
 * JSON.parse does the actual parsing once this says the text is valid.
 */
class PyJsonError extends Error {
  constructor(msg: string, doc: string, pos: number) {
    const lineno = doc.slice(0, pos).split('\n').length
    const colno = lineno === 1 ? pos + 1 : pos - doc.lastIndexOf('\n', pos - 1)
    super(`${msg}: line ${lineno} column ${colno} (char ${pos})`)
  }
}

/** Raised for NaN/Infinity, which DRF's parse_constant refuses. */
class OutOfRange extends Error {}

const WS = /[ \t\n\r]*/y
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y

function skip(s: string, i: number): number {
  WS.lastIndex = i
  WS.exec(s)
  return WS.lastIndex
}

function scanString(s: string, start: number): number {
  // start is just after the opening quote
  let i = start
  for (;;) {
    if (i >= s.length) throw new PyJsonError('Unterminated string starting at', s, start - 1)
    const c = s[i] as string
    if (c === '"') return i + 1
    if (c < ' ') throw new PyJsonError('Invalid control character at', s, i)
    if (c === '\\') {
      const esc = s[i + 1]
      if (esc === undefined) throw new PyJsonError('Unterminated string starting at', s, start - 1)
      if (esc === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6)))
          throw new PyJsonError('Invalid \\uXXXX escape', s, i + 1)
        i += 6
        continue
      }
      if (!'"\\/bfnrt'.includes(esc)) throw new PyJsonError('Invalid \\escape', s, i)
      i += 2
      continue
    }
    i += 1
  }
}

function scanValue(s: string, i: number): number {
  const c = s[i]
  if (c === '"') return scanString(s, i + 1)
  if (c === '{') return scanObject(s, i + 1)
  if (c === '[') return scanArray(s, i + 1)
  for (const word of ['null', 'true', 'false']) if (s.startsWith(word, i)) return i + word.length
  for (const word of ['NaN', 'Infinity', '-Infinity'])
    if (s.startsWith(word, i)) throw new OutOfRange()
  NUMBER.lastIndex = i
  if (NUMBER.exec(s)) return NUMBER.lastIndex
  throw new PyJsonError('Expecting value', s, i)
}

function scanObject(s: string, i: number): number {
  i = skip(s, i)
  if (s[i] === '}') return i + 1
  for (;;) {
    if (s[i] !== '"')
      throw new PyJsonError('Expecting property name enclosed in double quotes', s, i)
    i = skip(s, scanString(s, i + 1))
    if (s[i] !== ':') throw new PyJsonError("Expecting ':' delimiter", s, i)
    i = skip(s, scanValue(s, skip(s, i + 1)))
    if (s[i] === '}') return i + 1
    if (s[i] !== ',') throw new PyJsonError("Expecting ',' delimiter", s, i)
    i = skip(s, i + 1)
  }
}

function scanArray(s: string, i: number): number {
  i = skip(s, i)
  if (s[i] === ']') return i + 1
  for (;;) {
    i = skip(s, scanValue(s, i))
    if (s[i] === ']') return i + 1
    if (s[i] !== ',') throw new PyJsonError("Expecting ',' delimiter", s, i)
    i = skip(s, i + 1)
  }
}

/** The message Python would give for `text`, or null when it is valid JSON. */
export function pythonJsonError(text: string): string | null {
  try {
    const end = skip(text, scanValue(text, skip(text, 0)))
    if (end !== text.length) throw new PyJsonError('Extra data', text, end)
    return null
  } catch (e) {
    if (e instanceof OutOfRange) return 'Out of range float values are not JSON compliant'
    if (e instanceof PyJsonError) return e.message
    throw e
  }
}

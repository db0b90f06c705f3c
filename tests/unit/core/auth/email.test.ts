/** Emails as Django stores them: trimmed, the domain lower-cased, the local part as typed. */
import { describe, expect, it } from 'vitest'
import { normalizeEmail } from '@/core/auth/email'

describe('normalizeEmail', () => {
  it.each([
    ['  Ann.Lee@ACME.Test ', 'Ann.Lee@acme.test'],
    ['odd@name@Example.COM', 'odd@name@example.com'],
    ['@Example.COM', '@Example.COM'],
    ['no-at-sign', 'no-at-sign'],
    ['A@B', 'A@b'],
  ])('%j -> %j', (raw, email) => {
    expect(normalizeEmail(raw)).toBe(email)
  })
})

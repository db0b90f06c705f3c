/**
 * Django 3.2's AUTH_PASSWORD_VALIDATORS, in the contract server's order: user attribute
 * similarity, minimum length 8, common passwords, entirely numeric. Messages are Django's.
 */
import { isCommonPassword } from './commonPasswords'

/** The user attributes the similarity validator reads (Django's defaults) and their verbose names. */
export interface SimilarityUser {
  username?: string | null
  first_name?: string | null
  last_name?: string | null
  email?: string | null
}

const ATTRIBUTES: [keyof SimilarityUser, string][] = [
  ['username', 'username'],
  ['first_name', 'first name'],
  ['last_name', 'last name'],
  ['email', 'email'],
]

/** difflib.SequenceMatcher(a, b).quick_ratio(): an upper bound of ratio() from letter counts. */
export function quickRatio(a: string, b: string): number {
  const total = a.length + b.length
  if (total === 0) return 1
  const avail = new Map<string, number>()
  for (const ch of b) avail.set(ch, (avail.get(ch) ?? 0) + 1)
  let matches = 0
  for (const ch of a) {
    const n = avail.get(ch) ?? 0
    if (n > 0) {
      matches += 1
      avail.set(ch, n - 1)
    }
  }
  return (2 * matches) / total
}

function similarity(password: string, user: SimilarityUser): string | null {
  const pw = password.toLowerCase()
  for (const [attr, verbose] of ATTRIBUTES) {
    const value = user[attr]
    if (!value || typeof value !== 'string') continue
    const lower = value.toLowerCase()
    // re.split(r'\W+', value) + [value]: "reg1@acme.test" -> reg1, acme, test, reg1@acme.test
    const parts = [...lower.split(/[^\p{L}\p{N}_]+/u), lower]
    if (parts.some((part) => quickRatio(pw, part) >= 0.7))
      return `The password is too similar to the ${verbose}.`
  }
  return null
}

/** django.contrib.auth.password_validation.validate_password: every failing message, in order. */
export async function passwordErrors(
  password: string,
  user: SimilarityUser | null,
): Promise<string[]> {
  const errors: string[] = []
  const similar = user ? similarity(password, user) : null
  if (similar) errors.push(similar)
  if (password.length < 8)
    errors.push('This password is too short. It must contain at least 8 characters.')
  if (await isCommonPassword(password)) errors.push('This password is too common.')
  if (/^\p{Nd}+$/u.test(password)) errors.push('This password is entirely numeric.')
  return errors
}

/**
 * Django's normalize_email lower-cases only the domain at sign-up, and login matches the stored
 * string exactly: trimming and lower-casing the domain on both sign-up and sign-in keeps them equal.
 */
export function normalizeEmail(raw: string): string {
  const email = raw.trim()
  const at = email.lastIndexOf('@')
  if (at < 1) return email
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`
}

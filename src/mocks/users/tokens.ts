/**
 * Django's PasswordResetTokenGenerator and Djoser's uid encoding, as the mail flows use them.
 * A token is `<seconds since 2001 in base 36>-<32 hex>`, about 39 characters; it hashes the
 * password (and its salt) and the email, so it stops working once either changes: single-use.
 */
import { mockConfig } from '../config'
import type { UserRow } from '../db'

const EPOCH_2001 = Date.UTC(2001, 0, 1) / 1000
const TIMEOUT_SECONDS = 3 * 24 * 3600 // PASSWORD_RESET_TIMEOUT

/** urlsafe_base64_encode(force_bytes(pk)) without padding: user 2 -> "Mg". */
export function encodeUid(id: number): string {
  return btoa(String(id)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The user id a uid names, or null when it does not decode to an integer. */
export function decodeUid(uid: unknown): number | null {
  // urlsafe_base64_decode pads the input itself, so a uid that carries its padding works too.
  if (typeof uid !== 'string' || !/^[A-Za-z0-9_-]+=*$/.test(uid)) return null
  try {
    const text = atob(uid.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/'))
    return /^\d+$/.test(text) ? Number(text) : null
  } catch {
    return null
  }
}

async function hash(user: UserRow, timestamp: number): Promise<string> {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey(
    'raw',
    enc.encode(`django.contrib.auth.tokens.PasswordResetTokenGenerator${mockConfig.signingKey}`),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const value = `${user.id}${user.password_salt}${user.password}${timestamp}${user.email}`
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(value)))
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')
  return Array.from(hex)
    .filter((_, i) => i % 2 === 0)
    .join('')
}

export async function makeToken(user: UserRow, nowMs = Date.now()): Promise<string> {
  const ts = Math.floor(nowMs / 1000 - EPOCH_2001)
  return `${ts.toString(36)}-${await hash(user, ts)}`
}

export async function checkToken(
  user: UserRow,
  token: unknown,
  nowMs = Date.now(),
): Promise<boolean> {
  if (typeof token !== 'string') return false
  const [tsB36, mac, ...rest] = token.split('-')
  if (!tsB36 || !mac || rest.length || !/^[0-9a-z]+$/.test(tsB36)) return false
  const ts = Number.parseInt(tsB36, 36)
  if (nowMs / 1000 - EPOCH_2001 - ts > TIMEOUT_SECONDS) return false
  return (await hash(user, ts)) === mac
}

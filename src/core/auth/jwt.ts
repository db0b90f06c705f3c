/** Reading (never trusting) simplejwt tokens: the client only uses claims to schedule and to bind tenants. */
import { jwtDecode } from 'jwt-decode'

export type TokenType = 'access' | 'refresh'

export interface TokenClaims {
  token_type: TokenType
  /** Epoch seconds. */
  exp: number
  iat?: number
  jti?: string
  /** An integer in simplejwt 5.2, a string from 5.5.1. */
  user_id: number | string
  email?: string
  username?: string
  /** The hardened setup's custom claim; the original backend has none (see backend.ts). */
  tenant?: string
}

/** Decodes and checks the shape; null for anything that is not a usable simplejwt token. */
export function readToken(token: unknown, expected: TokenType): TokenClaims | null {
  if (typeof token !== 'string' || token.split('.').length !== 3) return null
  let claims: Record<string, unknown>
  try {
    claims = jwtDecode<Record<string, unknown>>(token)
  } catch {
    return null
  }
  if (claims.token_type !== expected) return null
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return null
  if (typeof claims.user_id !== 'number' && typeof claims.user_id !== 'string') return null
  return claims as unknown as TokenClaims
}

/** The user a refresh token was issued to, as a string ('undefined' for anything unreadable). */
export const userOf = (token: string | null | undefined) =>
  String(readToken(token, 'refresh')?.user_id)

/** When an access token runs out (epoch seconds); 0 for anything unreadable. */
export const accessExp = (token: string | null | undefined): number =>
  readToken(token, 'access')?.exp ?? 0

/** For logs: enough to tell tokens apart, never enough to use one. */
export function redact(token: string | null | undefined): string {
  if (!token) return String(token)
  return `${token.slice(0, 6)}…(${token.length})`
}

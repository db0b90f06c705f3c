/**
 * Real HS256 JWTs with simplejwt's claims; the knobs decide whether they carry `iat` (simplejwt
 * 5.x; 4.4 has none) and the hardened server's custom `email`, `username` and `tenant` claims.
 */
import { jwtVerify, SignJWT } from 'jose'
import { mockConfig } from './config'
import type { UserRow } from './db'
import { recordAccessToken } from './scenarios'

export type TokenType = 'access' | 'refresh'

export interface MockClaims {
  token_type: TokenType
  exp: number
  /** Absent with `issueIat: false` (simplejwt 4.4). */
  iat?: number
  jti: string
  user_id: number
  /** The custom claims (`tenantClaim`): absent on the original. */
  email?: string
  username?: string
  tenant?: string
}

function key(): Uint8Array {
  return new TextEncoder().encode(mockConfig.signingKey)
}

function newJti(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

export async function sign(claims: MockClaims): Promise<string> {
  if (claims.token_type === 'access') recordAccessToken(claims.jti)
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key())
}

/**
 * Claims a fresh login gives (simplejwt's TokenObtainPairSerializer, plus the custom claims when
 * `tenantClaim` is on). `schema` is the host's: the tenant claim names it.
 */
export function loginClaims(
  user: UserRow,
  schema: string,
  type: TokenType,
  now = nowSeconds(),
): MockClaims {
  const lifetime = type === 'access' ? mockConfig.accessSeconds : mockConfig.refreshSeconds
  const claims: MockClaims = {
    token_type: type,
    exp: now + lifetime,
    ...(mockConfig.issueIat ? { iat: now } : {}),
    jti: newJti(),
    user_id: user.id,
  }
  if (mockConfig.tenantClaim) {
    claims.email = user.email
    claims.username = user.username
    claims.tenant = schema
  }
  return claims
}

export async function issuePair(
  user: UserRow,
  schema: string,
): Promise<{ refresh: string; access: string }> {
  const now = nowSeconds()
  return {
    refresh: await sign(loginClaims(user, schema, 'refresh', now)),
    access: await sign(loginClaims(user, schema, 'access', now)),
  }
}

/**
 * RefreshToken.access_token: the refresh token's claims, including its `iat` (so a refreshed
 * access token keeps the login's iat and its exp - iat exceeds the lifetime: the quirk observed on
 * the original and recorded in contract §3.2), with a fresh `exp` and `jti`.
 */
export async function accessFrom(refresh: MockClaims): Promise<string> {
  return sign({
    ...refresh,
    token_type: 'access',
    exp: nowSeconds() + mockConfig.accessSeconds,
    jti: newJti(),
  })
}

/** ROTATE_REFRESH_TOKENS: the same claims with a new jti, exp and (5.x only) iat. */
export async function rotatedRefresh(refresh: MockClaims): Promise<string> {
  const now = nowSeconds()
  const next: MockClaims = {
    ...refresh,
    token_type: 'refresh',
    exp: now + mockConfig.refreshSeconds,
    jti: newJti(),
  }
  if (mockConfig.issueIat) next.iat = now
  else delete next.iat
  return sign(next)
}

/** Signature and expiry check, like simplejwt's Token(); null when invalid or expired. */
export async function verify(token: string): Promise<MockClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ['HS256'], clockTolerance: 0 })
    return payload as unknown as MockClaims
  } catch {
    return null
  }
}

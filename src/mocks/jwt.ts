/** Real HS256 JWTs with simplejwt's claims plus the seed backend's custom ones. */
import { jwtVerify, SignJWT } from 'jose'
import { mockConfig } from './config'
import type { TenantRow, UserRow } from './db'
import { recordAccessToken } from './scenarios'

export type TokenType = 'access' | 'refresh'

export interface MockClaims {
  token_type: TokenType
  exp: number
  iat: number
  jti: string
  user_id: number
  email: string
  username: string
  tenant: string
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

/** Claims a fresh login gives (simplejwt's TokenObtainPairSerializer + the custom claims). */
export function loginClaims(
  user: UserRow,
  tenant: TenantRow,
  type: TokenType,
  iat = nowSeconds(),
): MockClaims {
  const lifetime = type === 'access' ? mockConfig.accessSeconds : mockConfig.refreshSeconds
  return {
    token_type: type,
    exp: iat + lifetime,
    iat,
    jti: newJti(),
    user_id: user.id,
    email: user.email,
    username: user.username,
    tenant: tenant.schema,
  }
}

export async function issuePair(
  user: UserRow,
  tenant: TenantRow,
): Promise<{ refresh: string; access: string }> {
  const iat = nowSeconds()
  return {
    refresh: await sign(loginClaims(user, tenant, 'refresh', iat)),
    access: await sign(loginClaims(user, tenant, 'access', iat)),
  }
}

/**
 * simplejwt 5.2.2's rotation: the new access token copies the refresh token's claims, including
 * its original `iat` (the quirk the contract records in §3.2), with a fresh `exp` and `jti`.
 */
export async function rotate(refresh: MockClaims): Promise<{ access: string; refresh: string }> {
  const now = nowSeconds()
  const access: MockClaims = {
    ...refresh,
    token_type: 'access',
    exp: now + mockConfig.accessSeconds,
    jti: newJti(),
  }
  const nextRefresh: MockClaims = {
    ...refresh,
    token_type: 'refresh',
    iat: now,
    exp: now + mockConfig.refreshSeconds,
    jti: newJti(),
  }
  return { access: await sign(access), refresh: await sign(nextRefresh) }
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

/**
 * The session's tokens and their claims. Reading (never trusting) simplejwt tokens: the client only
 * uses claims to schedule and to bind tenants. The holder keeps the pair of one session and what is
 * known about it: the claims of the access token, the epoch (bumped by every sign-in and sign-out)
 * and the generation (bumped by every new access token). Pairs are checked before they are taken;
 * only this tab's own pairs are persisted (a pair heard from another tab is already in storage,
 * written by that tab).
 */
import { jwtDecode } from 'jwt-decode'
import { tenantMismatch, type BackendKnowledge, type BackendSettings } from './backend'
import type { Clock } from '../clock'
import type { ExpiryModel } from './expiry'
import type { TokenPair } from './tokenApi'
import type { TokenStorage } from '../tokenStorage'

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

/**
 * For logs: enough to tell tokens apart, never enough to use one. The last characters (from the
 * signature: a JWT's first ones are the same `eyJhbG` header for every token), at most a quarter of
 * the token, and its length.
 */
export function redact(token: string | null | undefined): string {
  if (!token) return String(token)
  const keep = Math.min(8, Math.floor(token.length / 4))
  return `…${keep > 0 ? token.slice(-keep) : ''}(${token.length})`
}

export type StoredRefresh =
  { kind: 'none' } | { kind: 'usable'; token: string } | { kind: 'discarded'; why: string }

/**
 * The stored refresh token, if it is one this tenant can use: a JWT of type `refresh`, with an
 * `exp` still ahead, and no other tenant's claim (the storage key already names the tenant).
 * Anything else is removed from storage.
 */
export function loadStoredRefresh(
  storage: TokenStorage,
  tenant: string,
  nowMs: number,
  log: (message: string) => void = () => {},
  settings?: Pick<BackendSettings, 'tenantClaim' | 'requireTenantClaim'>,
): StoredRefresh {
  const raw = storage.get()
  if (raw === null) return { kind: 'none' }
  const claims = readToken(raw, 'refresh')
  const why = !claims
    ? 'not a refresh JWT'
    : (tenantMismatch(claims, tenant, settings) ?? (claims.exp * 1000 <= nowMs ? 'expired' : null))
  if (why === null) return { kind: 'usable', token: raw }
  log(`discarding stored refresh token ${redact(raw)}: ${why}`)
  storage.clear()
  return { kind: 'discarded', why }
}

/** A request leaving with less than this left would arrive expired: refresh first. */
const SEND_MARGIN_MS = 1_000

/** login: fresh from jwt/create; refresh: this tab's refresh; remote: heard from another tab. */
/** A pair as tabs share it, with the sender's server-clock offset (the tabs share one clock). */
export interface SharedPair extends TokenPair {
  offsetMs?: number
}

/** How a pair came: it decides what sets the server clock. */
export type PairSource = 'login' | 'refresh' | 'remote'

export interface TokenHolder {
  readonly access: string | null
  readonly refresh: string | null
  readonly claims: TokenClaims | null
  readonly epoch: number
  readonly generation: number
  /** The access claims of a pair whose tokens are well formed and bound to this tenant, else null. */
  check(pair: TokenPair | null | undefined): TokenClaims | null
  /** Why `check` refuses a pair, in words a developer can act on; null when it accepts it. */
  refusal(pair: TokenPair | null | undefined): string | null
  /**
   * Takes a pair if `check` accepts it; null otherwise (and nothing changes). `serverTimeMs` is
   * the answer's `Date`, for the server clock when no fresh `iat` tells it.
   */
  take(
    pair: SharedPair | null | undefined,
    source: PairSource,
    serverTimeMs?: number,
  ): TokenClaims | null
  /** Takes over a refresh token another tab stored, without its access token (spent next). */
  holdRefresh(token: string): void
  /** Forgets the tokens (and the stored one when `persist`); true if anything was held. */
  clear(persist: boolean): boolean
  /** The access token if it can be sent as it stands. */
  usable(): string | null
  /** A refresh token fit to spend: ours, unexpired, by the server's clock. */
  spendable(token: string | null): boolean
}

/** The access token as a tab keeps it across a reload, with what it knew of the server's clock. */
interface KeptAccess {
  access: string
  offsetMs: number
  marginMs: number
}

export function createTokenHolder(deps: {
  tenant: string
  storage: TokenStorage
  accessStorage?: TokenStorage | null
  expiry: ExpiryModel
  clock: Clock
  backend: BackendKnowledge
  log: (message: string) => void
}): TokenHolder {
  const { tenant, storage, expiry, backend } = deps
  let access: string | null = null
  let refresh: string | null = null
  let claims: TokenClaims | null = null
  let epoch = 0
  let generation = 0
  /** The claims of both tokens when both are well formed and bound to this tenant; else why not. */
  type Examined = { a: TokenClaims; r: TokenClaims; why?: undefined } | { why: string }
  const examine = (pair: Partial<TokenPair> | null | undefined): Examined => {
    const a = readToken(pair?.access, 'access')
    const r = readToken(pair?.refresh, 'refresh')
    if (!a || !r) return { why: 'not a token pair' }
    const why = backend.tenantMismatch(a, tenant) ?? backend.tenantMismatch(r, tenant)
    return why ? { why } : { a, r }
  }
  const readPair = (pair: Partial<TokenPair> | null | undefined) => {
    const read = examine(pair)
    return 'a' in read ? read : null
  }
  const check = (pair: TokenPair | null | undefined) => readPair(pair)?.a ?? null

  // A stored refresh token that is malformed, foreign or expired is dropped before anyone sees it.
  const stored = loadStoredRefresh(storage, tenant, deps.clock.now(), deps.log, backend.settings)
  if (stored.kind === 'usable') refresh = stored.token

  const kept = deps.accessStorage ?? null
  /** Keeps the access token for a reload of this tab (a JSON record; nothing when there is no store). */
  const keep = (token: string | null) => {
    if (!kept) return
    if (!token) return kept.clear()
    const record: KeptAccess = {
      access: token,
      offsetMs: expiry.offsetMs,
      marginMs: expiry.marginMs,
    }
    kept.set(JSON.stringify(record))
  }
  /** The access token this tab kept before a reload, if it goes with the stored refresh token. */
  function restoreKept(from: TokenStorage, storedRefresh: string): void {
    const raw = from.get()
    let record: Partial<KeptAccess> | null = null
    try {
      record = JSON.parse(raw ?? 'null') as Partial<KeptAccess> | null
    } catch {
      record = null
    }
    const token = typeof record?.access === 'string' ? record.access : null
    const read = token ? readPair({ access: token, refresh: storedRefresh }) : null
    if (!record || !token || !read || String(read.a.user_id) !== String(read.r.user_id)) {
      if (raw)
        deps.log('dropping a kept access token that does not go with the stored refresh token')
      return from.clear()
    }
    if (typeof record.offsetMs === 'number') expiry.useOffset(record.offsetMs)
    if (typeof record.marginMs === 'number') expiry.useMargin(record.marginMs)
    if (expiry.msLeft(read.a) <= SEND_MARGIN_MS) return from.clear()
    access = token
    claims = read.a
    generation += 1
  }
  // Without a refresh token there is no session to restore: a kept access token goes too.
  if (kept && stored.kind === 'usable') restoreKept(kept, stored.token)
  else kept?.clear()

  return {
    get access() {
      return access
    },
    get refresh() {
      return refresh
    },
    get claims() {
      return claims
    },
    get epoch() {
      return epoch
    },
    get generation() {
      return generation
    },
    check,
    refusal: (pair) => examine(pair).why ?? null,
    take(pair, source, serverTimeMs) {
      const read = readPair(pair)
      if (!pair || !read) return null
      const { a, r } = read
      // Only a fresh iat sets the clock: a refreshed access token keeps the login iat (simplejwt
      // 5.2.2), a refresh token kept without rotation is as old as the login, simplejwt 4.x
      // stamps none, and a pair from another tab may be old. The answer's Date stands in.
      const rotated = source === 'refresh' && pair.refresh !== refresh
      const iat = source === 'login' ? (a.iat ?? r.iat) : rotated ? r.iat : undefined
      if (source === 'remote') {
        if (typeof pair.offsetMs === 'number') expiry.useOffset(pair.offsetMs)
      } else if (typeof iat === 'number') expiry.syncFromIat(iat)
      else expiry.syncFromServerTime(serverTimeMs)
      expiry.noteArrival(a)
      access = pair.access
      refresh = pair.refresh
      if (source !== 'remote') storage.set(pair.refresh)
      keep(pair.access)
      claims = a
      generation += 1
      return a
    },
    holdRefresh(token) {
      keep(null)
      access = null
      refresh = token
    },
    clear(persist) {
      const had = access !== null || refresh !== null || (persist && storage.get() !== null)
      access = null
      refresh = null
      keep(null)
      if (persist) storage.clear()
      claims = null
      epoch += 1
      return had
    },
    usable() {
      return access && claims && expiry.msLeft(claims) > SEND_MARGIN_MS ? access : null
    },
    spendable(token) {
      const rc = readToken(token, 'refresh')
      return !!rc && !backend.tenantMismatch(rc, tenant) && rc.exp * 1000 > expiry.serverNow()
    },
  }
}

/**
 * The tokens of one session and what is known about them: the claims of the access token, the
 * epoch (bumped by every sign-in and sign-out) and the generation (bumped by every new access
 * token). Pairs are checked before they are taken; only this tab's own pairs are persisted (a pair
 * adopted from another tab is already in storage, written by that tab).
 */
import type { BackendKnowledge } from './backend'
import type { Clock } from './clock'
import type { ExpiryModel } from './expiry'
import { readToken, type TokenClaims } from './jwt'
import { loadStoredRefresh, memoryState, NO_TOKENS, type SessionStatePort } from './sessionState'
import type { SharedPair } from './tabChannel'
import type { TokenPair } from './tokenApi'
import type { TokenStorage } from './tokenStorage'

/** A request leaving with less than this left would arrive expired: refresh first. */
const SEND_MARGIN_MS = 1_000

/** login: fresh from jwt/create; refresh: this tab's refresh; remote: heard from another tab. */
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
  useState(port: SessionStatePort): void
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
  state?: SessionStatePort
  log: (message: string) => void
}): TokenHolder {
  const { tenant, storage, expiry, backend } = deps
  let state = deps.state ?? memoryState()
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
  if (stored.kind === 'usable') state.write({ access: null, refresh: stored.token })

  const kept = deps.accessStorage ?? null
  /** Keeps the access token for a reload of this tab (a JSON record; nothing when there is no store). */
  const keep = (access: string | null) => {
    if (!kept) return
    if (!access) return kept.clear()
    const record: KeptAccess = { access, offsetMs: expiry.offsetMs, marginMs: expiry.marginMs }
    kept.set(JSON.stringify(record))
  }
  /** The access token this tab kept before a reload, if it goes with the stored refresh token. */
  function restoreKept(from: TokenStorage, refresh: string): void {
    const raw = from.get()
    let record: Partial<KeptAccess> | null = null
    try {
      record = JSON.parse(raw ?? 'null') as Partial<KeptAccess> | null
    } catch {
      record = null
    }
    const access = typeof record?.access === 'string' ? record.access : null
    const read = access ? readPair({ access, refresh }) : null
    if (!record || !access || !read || String(read.a.user_id) !== String(read.r.user_id)) {
      if (raw)
        deps.log('dropping a kept access token that does not go with the stored refresh token')
      return from.clear()
    }
    if (typeof record.offsetMs === 'number') expiry.useOffset(record.offsetMs)
    if (typeof record.marginMs === 'number') expiry.useMargin(record.marginMs)
    if (expiry.msLeft(read.a) <= SEND_MARGIN_MS) return from.clear()
    state.write({ access, refresh })
    claims = read.a
    generation += 1
  }
  if (stored.kind === 'usable' && kept) restoreKept(kept, stored.token)

  return {
    get access() {
      return state.read().access
    },
    get refresh() {
      return state.read().refresh
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
      const rotated = source === 'refresh' && pair.refresh !== state.read().refresh
      const iat = source === 'login' ? (a.iat ?? r.iat) : rotated ? r.iat : undefined
      if (source === 'remote') {
        if (typeof pair.offsetMs === 'number') expiry.useOffset(pair.offsetMs)
      } else if (typeof iat === 'number') expiry.syncFromIat(iat)
      else expiry.syncFromServerTime(serverTimeMs)
      expiry.noteArrival(a)
      state.write({ access: pair.access, refresh: pair.refresh })
      if (source !== 'remote') storage.set(pair.refresh)
      keep(pair.access)
      claims = a
      generation += 1
      return a
    },
    holdRefresh(token) {
      keep(null)
      state.write({ access: null, refresh: token })
    },
    clear(persist) {
      const t = state.read()
      const had = t.access !== null || t.refresh !== null || (persist && storage.get() !== null)
      state.write(NO_TOKENS)
      keep(null)
      if (persist) storage.clear()
      claims = null
      epoch += 1
      return had
    },
    usable() {
      const access = state.read().access
      return access && claims && expiry.msLeft(claims) > SEND_MARGIN_MS ? access : null
    },
    spendable(token) {
      const rc = readToken(token, 'refresh')
      return !!rc && !backend.tenantMismatch(rc, tenant) && rc.exp * 1000 > expiry.serverNow()
    },
    useState(port) {
      port.write(state.read())
      state = port
    },
  }
}

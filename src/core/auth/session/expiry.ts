/**
 * When a token runs out, by the server's clock. The offset between the clocks is learnt from an
 * `iat` the server stamped just now: a fresh login pair, or the refresh token a refresh returns.
 * Never from a refreshed access token: simplejwt 5.2.2 copies the original login `iat` into it
 * (contract §3.2), and never as `exp - iat`.
 */
import type { Clock } from '../clock'
import type { TokenClaims } from './tokens'

export interface ExpiryModel {
  /** Learns the server clock from an `iat` (epoch seconds) stamped at issue, just received. */
  syncFromIat(iat: number | undefined): void
  /** Learns the server clock from an answer's `Date` (ms, floored to the second); none: no change. */
  syncFromServerTime(ms: number | undefined): void
  /** Takes the offset another tab of this machine learnt (same clock, so it holds here too). */
  useOffset(ms: number): void
  /** Records an access token as it arrives: how long it had to live sets the refresh margin. */
  noteArrival(access: TokenClaims): void
  /** Takes the refresh margin a token was given on arrival (a page reloaded with it). */
  useMargin(ms: number): void
  /** The server's clock, as far as this client can tell. */
  serverNow(): number
  /** Milliseconds left before `exp` by the server's clock (negative once expired). */
  msLeft(claims: TokenClaims): number
  /** Milliseconds until a proactive refresh is due (<= 0: due now). */
  dueInMs(access: TokenClaims): number
  readonly offsetMs: number
  readonly marginMs: number
}

/** Refresh this long before `exp` at most; at most a quarter of the lifetime the token arrived with. */
export const DEFAULT_MARGIN_MS = 30_000

export function createExpiryModel(clock: Clock, marginMs = DEFAULT_MARGIN_MS): ExpiryModel {
  let offset = 0
  let margin = marginMs
  const serverNow = () => clock.now() + offset
  const msLeft = (c: TokenClaims) => c.exp * 1000 - serverNow()
  return {
    syncFromIat(iat) {
      // iat is floored to the second: the server was at most ~1 s ahead of this estimate.
      if (typeof iat === 'number' && Number.isFinite(iat)) offset = iat * 1000 - clock.now()
    },
    syncFromServerTime(ms) {
      if (typeof ms === 'number' && Number.isFinite(ms)) offset = ms - clock.now()
    },
    useOffset(ms) {
      if (Number.isFinite(ms)) offset = ms
    },
    noteArrival(access) {
      margin = Math.min(marginMs, Math.max(0, msLeft(access)) / 4)
    },
    useMargin(ms) {
      if (Number.isFinite(ms)) margin = Math.min(marginMs, Math.max(0, ms))
    },
    serverNow,
    msLeft,
    dueInMs: (access) => msLeft(access) - margin,
    get offsetMs() {
      return offset
    },
    get marginMs() {
      return margin
    },
  }
}

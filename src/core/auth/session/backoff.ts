/**
 * Capped exponential backoff with jitter, for transient refresh failures (network, 5xx, timeout).
 * The random source is injected so tests get exact delays.
 */
export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  baseMs: number
  /** No delay exceeds this. */
  capMs: number
  /** In [0, 1). */
  random: () => number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, random: Math.random }

/**
 * The delay after `failures` consecutive failures (1, 2, ...): the capped exponential step, of
 * which a random half is kept ("equal jitter"), so tabs that failed together do not retry together
 * yet none retries sooner than half the step.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy): number {
  const n = Math.max(1, Math.floor(failures))
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30))
  const r = Math.min(Math.max(policy.random(), 0), 1)
  return Math.round(step / 2 + (step / 2) * r)
}

/** Time as the core sees it: injected so tests (and the benchmark) drive it by hand. */
export interface Clock {
  /** Milliseconds since the epoch, by this machine's clock (which may disagree with the server's). */
  now(): number
}

export type TimerHandle = unknown

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
  setInterval(fn: () => void, ms: number): TimerHandle
  clearInterval(handle: TimerHandle): void
}

export const systemClock: Clock = { now: () => Date.now() }

/** Browsers clamp longer delays to 1 ms; keep every timer below that. */
export const MAX_DELAY_MS = 2_147_483_647

const clamp = (ms: number) => Math.min(Math.max(0, ms), MAX_DELAY_MS)

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, clamp(ms)),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, clamp(ms)),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
}

/**
 * Settles with `work`, or rejects with `onTimeout()` after `ms`: whatever the network does, the
 * caller hears back in bounded time. The timer is cleared as soon as `work` settles.
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  timers: Timers,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handle = timers.setTimeout(() => reject(onTimeout()), ms)
    work.then(
      (value) => {
        timers.clearTimeout(handle)
        resolve(value)
      },
      (error: unknown) => {
        timers.clearTimeout(handle)
        reject(error)
      },
    )
  })
}

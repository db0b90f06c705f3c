/**
 * The dev panel's view of the session and of the mock's counters. Neither is reactive (the
 * session is plain TypeScript, mockStats a plain object), so they are copied into refs every
 * second and at once on every session event.
 */
import { computed, readonly, ref, type ComputedRef, type Ref } from 'vue'
import type { Session } from '@/core/auth/session/session'
import type { MockControls, RefreshFailure } from './mockControls'

export interface SessionWatch {
  /** Whole seconds until the access token's `exp` (this machine's clock); null without one. */
  readonly secondsLeft: ComputedRef<number | null>
  /** The mock retired the access token in hand ("expire access token now" since it was issued). */
  readonly accessRevoked: ComputedRef<boolean>
  /** `refreshed` events from the session since the panel started. */
  readonly refreshedEvents: Readonly<Ref<number>>
  /** Refresh calls that reached this tab's mock. */
  readonly mockRefreshCalls: Readonly<Ref<number>>
  readonly pendingFailures: Readonly<Ref<readonly RefreshFailure[]>>
  /** Remembers the current access token as retired by the mock. */
  markAccessRevoked(): void
  /** Copies the non-reactive sources now instead of at the next tick. */
  poll(): void
  stop(): void
}

export function createSessionWatch(
  session: Session | null,
  controls: MockControls,
  tickMs = 1000,
): SessionWatch {
  const now = ref(Date.now())
  const access = ref<string | null>(null)
  const exp = ref<number | null>(null)
  const revoked = ref<string | null>(null)
  const refreshedEvents = ref(0)
  const mockRefreshCalls = ref(0)
  const pendingFailures = ref<RefreshFailure[]>([])

  function poll(): void {
    now.value = Date.now()
    access.value = session?.accessToken ?? null
    exp.value = session?.claims?.exp ?? null
    mockRefreshCalls.value = controls.refreshCalls()
    pendingFailures.value = controls.pendingRefreshFailures()
  }

  const unsubscribe =
    session?.on((event) => {
      if (event.type === 'refreshed') refreshedEvents.value += 1
      poll()
    }) ?? (() => {})
  const timer = setInterval(poll, tickMs)
  poll()

  return {
    secondsLeft: computed(() =>
      access.value === null || exp.value === null
        ? null
        : Math.max(0, Math.floor(exp.value - now.value / 1000)),
    ),
    accessRevoked: computed(() => access.value !== null && access.value === revoked.value),
    refreshedEvents: readonly(refreshedEvents),
    mockRefreshCalls: readonly(mockRefreshCalls),
    pendingFailures: readonly(pendingFailures),
    markAccessRevoked() {
      revoked.value = session?.accessToken ?? null
    },
    poll,
    stop() {
      clearInterval(timer)
      unsubscribe()
    },
  }
}

/**
 * Which tabs of a tenant are still open. Each tab holds a Web Lock named after itself for as long
 * as its session lives; the browser frees the locks of a page that is closed, reloaded or crashed
 * at once, so a lock that is not held names a tab that is gone. A claim in the spend ledger left
 * by such a tab (a reload while its refresh was on the wire) then blocks nobody: no live tab can
 * still settle it.
 */
import { untilAborted, type WebLockManager } from './locks'

export interface TabPresence {
  /** Marks `tabId` present until `signal` aborts (or the page goes). */
  hold(tabId: string, signal: AbortSignal): void
  /** True only when it can tell that `tabId` is gone; false when it is present or cannot tell. */
  gone(tabId: string): Promise<boolean>
}

export function webLockPresence(manager: WebLockManager, tenant: string): TabPresence {
  const name = (tabId: string) => `auth:${tenant}:tab:${tabId}`
  return {
    hold(tabId, signal) {
      if (signal.aborted) return
      const forever = new Promise<never>(() => {})
      manager
        .request(name(tabId), { signal }, () => untilAborted(forever, signal).catch(() => {}))
        .catch(() => {})
    },
    async gone(tabId) {
      if (!manager.query) return false
      const state = await manager.query().catch(() => undefined)
      if (!state?.held) return false
      return !state.held.some((lock) => lock.name === name(tabId))
    },
  }
}

/**
 * A list the server holds, as setup stores keep it: the rows, where the load stands and its
 * error. Called inside a store's setup; one load at a time (a second caller joins it).
 */
import { ref, type Ref } from 'vue'
import type { LoadStatus } from './loadStatus'

export interface RemoteList<T> {
  items: Ref<T[]>
  status: Ref<LoadStatus>
  error: Ref<unknown>
  /** Loads unless already loaded; `force` loads again. */
  load: (force?: boolean) => Promise<void>
}

export function remoteList<T>(fetch: () => Promise<T[]>): RemoteList<T> {
  const items = ref<T[]>([]) as Ref<T[]>
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  let inflight: Promise<void> | null = null

  function load(force = false): Promise<void> {
    if (!force && status.value === 'ready') return Promise.resolve()
    inflight ??= (async () => {
      status.value = 'loading'
      error.value = null
      try {
        items.value = await fetch()
        status.value = 'ready'
      } catch (e) {
        error.value = e
        status.value = 'error'
      } finally {
        inflight = null
      }
    })()
    return inflight
  }

  return { items, status, error, load }
}

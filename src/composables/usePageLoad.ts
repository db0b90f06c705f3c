/**
 * The load state a page shows through AsyncStatus (loading, then ready or error; again on retry),
 * started when the page mounts.
 */
import { computed, onMounted, ref } from 'vue'
import type { LoadStatus } from '@/stores/loadStatus'

/** A page's own request(s): `task` throws to fail the load. */
export function usePageLoad(task: () => Promise<void>) {
  const status = ref<LoadStatus>('loading')
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    try {
      await task()
      status.value = 'ready'
    } catch (e) {
      error.value = e
      status.value = 'error'
    }
  }
  onMounted(load)

  return { status, error, load }
}

/** A store's list as a page waits on it (the shape of remoteList, unwrapped by Pinia). */
export interface LoadableList {
  status: LoadStatus
  error: unknown
  load: (force?: boolean) => Promise<void>
}

/**
 * A page over several stores' lists, each loaded afresh when the page mounts (another page may
 * have moved money since): ready when all are, an error when any fails (the first one's).
 */
export function useListsLoad(lists: readonly LoadableList[]) {
  const status = computed<LoadStatus>(() =>
    lists.some((l) => l.status === 'error')
      ? 'error'
      : lists.every((l) => l.status === 'ready')
        ? 'ready'
        : 'loading',
  )
  const error = computed(() => lists.find((l) => l.status === 'error')?.error ?? null)

  function load(): void {
    for (const l of lists) void l.load(true)
  }
  onMounted(load)

  return { status, error, load }
}

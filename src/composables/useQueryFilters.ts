/** List filters kept in the URL's query, so they survive a reload and the back button. */
import { computed, type WritableComputedRef } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'

/**
 * One string per key (`''` when unset; setting `''` drops the key); other keys of the query are
 * kept. Several settings in a row make one query: each builds on the last one not yet in the URL.
 */
export function useQueryFilters<K extends string>(
  keys: readonly K[],
): Record<K, WritableComputedRef<string>> {
  const route = useRoute()
  const router = useRouter()
  let pending: LocationQuery | null = null

  function set(key: K, value: string): void {
    const query: LocationQuery = { ...(pending ?? route.query) }
    if (value) query[key] = value
    else delete query[key]
    pending = query
    void router.replace({ query }).finally(() => {
      if (pending === query) pending = null
    })
  }

  const out = {} as Record<K, WritableComputedRef<string>>
  for (const key of keys) {
    out[key] = computed<string>({
      get: () => {
        const v = route.query[key]
        return typeof v === 'string' ? v : ''
      },
      set: (v) => set(key, v),
    })
  }
  return out
}

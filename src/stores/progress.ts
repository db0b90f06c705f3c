/**
 * Is the app busy? Counts navigations in progress and requests in flight, for the thin progress
 * bar. The store only counts: app setup (appSetup.ts) wires the API client's interceptors to
 * `requestStarted` / `requestSettled`, and the router calls the navigation pair.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'

export const useProgressStore = defineStore('progress', () => {
  const pending = ref(0)
  const navigating = ref(0)

  const busy = computed(() => pending.value > 0 || navigating.value > 0)

  function requestStarted(): void {
    pending.value++
  }
  function requestSettled(): void {
    pending.value = Math.max(0, pending.value - 1)
  }
  function startNavigation(): void {
    navigating.value++
  }
  function endNavigation(): void {
    navigating.value = Math.max(0, navigating.value - 1)
  }

  return {
    pending,
    navigating,
    busy,
    requestStarted,
    requestSettled,
    startNavigation,
    endNavigation,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useProgressStore, import.meta.hot))

/**
 * Is the app busy? Counts navigations in progress and requests in flight on the API client
 * (interceptors on services.http, installed once per store), for the thin progress bar.
 */
import { defineStore } from 'pinia'
import { computed, inject, ref } from 'vue'
import { SERVICES } from '@/services'

export const useProgressStore = defineStore('progress', () => {
  const services = inject(SERVICES)!
  const pending = ref(0)
  const navigating = ref(0)

  const done = (): void => {
    pending.value = Math.max(0, pending.value - 1)
  }
  services.http.interceptors.request.use((config) => {
    pending.value++
    return config
  })
  services.http.interceptors.response.use(
    (response) => {
      done()
      return response
    },
    (error: unknown) => {
      done()
      throw error
    },
  )

  const busy = computed(() => pending.value > 0 || navigating.value > 0)

  function startNavigation(): void {
    navigating.value++
  }
  function endNavigation(): void {
    navigating.value = Math.max(0, navigating.value - 1)
  }

  return { pending, navigating, busy, startNavigation, endNavigation }
})

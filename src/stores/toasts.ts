/** Short notices for errors and confirmations, dismissed by the user or after a few seconds. */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'

export type ToastKind = 'success' | 'error'

export interface Toast {
  id: number
  kind: ToastKind
  message: string
}

export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let nextId = 1

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  /** Errors stay 8 s, confirmations 4 s; at most five toasts at once. */
  function push(kind: ToastKind, message: string): number {
    const id = nextId++
    toasts.value = [...toasts.value.slice(-4), { id, kind, message }]
    setTimeout(() => dismiss(id), kind === 'error' ? 8000 : 4000)
    return id
  }

  return {
    toasts,
    push,
    dismiss,
    success: (message: string) => push('success', message),
    error: (message: string) => push('error', message),
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useToastStore, import.meta.hot))

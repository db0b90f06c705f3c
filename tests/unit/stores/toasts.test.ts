/** The toast store: at most five notices, each gone after its time or when dismissed. */
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useToastStore } from '@/stores/toasts'

describe('toast store', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('keeps the five newest, each with its own id', () => {
    const toasts = useToastStore(createPinia())
    const ids = [1, 2, 3, 4, 5, 6].map((n) => toasts.success(`saved ${n}`))
    expect(new Set(ids).size).toBe(6)
    expect(toasts.toasts.map((t) => t.message)).toEqual([
      'saved 2',
      'saved 3',
      'saved 4',
      'saved 5',
      'saved 6',
    ])
  })

  it('a confirmation goes after 4 s, an error after 8 s, a dismissed one at once', () => {
    const toasts = useToastStore(createPinia())
    toasts.success('saved')
    const error = toasts.error('failed')
    const other = toasts.error('failed too')
    toasts.dismiss(other)
    expect(toasts.toasts.map((t) => [t.kind, t.message])).toEqual([
      ['success', 'saved'],
      ['error', 'failed'],
    ])
    vi.advanceTimersByTime(3999)
    expect(toasts.toasts).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(toasts.toasts.map((t) => t.id)).toEqual([error])
    vi.advanceTimersByTime(3999)
    expect(toasts.toasts).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(toasts.toasts).toEqual([])
  })
})

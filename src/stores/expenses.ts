/** The tenant's expenses, newest first, with totals by department and by month. */
import { defineStore } from 'pinia'
import { computed, inject, ref } from 'vue'
import {
  createExpense,
  listExpenses,
  updateExpense,
  type ExpenseInput,
  type ExpenseWire,
} from '@/api/expenses'
import { SERVICES } from '@/services'
import type { LoadStatus } from './loadStatus'

const newestFirst = (a: ExpenseWire, b: ExpenseWire): number =>
  b.created.localeCompare(a.created) || b.id - a.id

export const useExpensesStore = defineStore('expenses', () => {
  const services = inject(SERVICES)!
  const items = ref<ExpenseWire[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)

  const total = computed(() => items.value.reduce((sum, e) => sum + e.amount, 0))

  /** Totals per department id. */
  const byDepartment = computed(() => {
    const out = new Map<number, number>()
    for (const e of items.value) out.set(e.department, (out.get(e.department) ?? 0) + e.amount)
    return out
  })

  /** Totals per month (`YYYY-MM` in the server's local time, as the timestamp says), oldest first. */
  const byMonth = computed(() => {
    const out = new Map<string, number>()
    for (const e of [...items.value].reverse()) {
      const month = e.created.slice(0, 7)
      out.set(month, (out.get(month) ?? 0) + e.amount)
    }
    return out
  })

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    try {
      items.value = (await listExpenses(services.http)).sort(newestFirst)
      status.value = 'ready'
    } catch (e) {
      error.value = e
      status.value = 'error'
    }
  }

  async function create(input: ExpenseInput): Promise<ExpenseWire> {
    const created = await createExpense(services.http, input)
    items.value = [created, ...items.value].sort(newestFirst)
    return created
  }

  async function update(id: number, input: ExpenseInput): Promise<ExpenseWire> {
    const updated = await updateExpense(services.http, id, input)
    items.value = items.value.map((e) => (e.id === id ? updated : e))
    return updated
  }

  return { items, status, error, total, byDepartment, byMonth, load, create, update }
})

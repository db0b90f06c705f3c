/**
 * The organisation's expenses as the server reads them (each with its whole budget). A write
 * answers flat and subtracts from the budget on the server, so the pages that list
 * expenses load them again on opening rather than patch a row here.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import type { ExpenseInput, ExpenseWire, ExpenseWriteWire } from '@/api/core'
import { newestExpenseFirst } from '@/budgeting/figures'
import { useApi } from '@/composables/useServices'
import { remoteList } from './remoteList'

export const useExpensesStore = defineStore('expenses', () => {
  const api = useApi()
  const list = remoteList(async () => (await api.listExpenses()).sort(newestExpenseFirst))

  const get = (id: number): Promise<ExpenseWire> => api.getExpense(id)

  const create = (input: ExpenseInput): Promise<ExpenseWriteWire> => api.createExpense(input)

  const update = (id: number, input: ExpenseInput): Promise<ExpenseWriteWire> =>
    api.updateExpense(id, input)

  return { ...list, get, create, update }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useExpensesStore, import.meta.hot))

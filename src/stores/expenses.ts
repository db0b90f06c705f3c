/**
 * The organisation's expenses as the server reads them (each with its whole budget). A write
 * answers flat and subtracts from the budget on the server, so the pages that list
 * expenses load them again on opening rather than patch a row here.
 */
import { defineStore } from 'pinia'
import { inject } from 'vue'
import {
  createExpense,
  getExpense,
  listExpenses,
  updateExpense,
  type ExpenseInput,
  type ExpenseWire,
  type ExpenseWriteWire,
} from '@/api/core'
import { newestExpenseFirst } from '@/budgeting/figures'
import { SERVICES } from '@/services'
import { remoteList } from './remoteList'

export const useExpensesStore = defineStore('expenses', () => {
  const services = inject(SERVICES)!
  const list = remoteList(async () => (await listExpenses(services.http)).sort(newestExpenseFirst))

  const get = (id: number): Promise<ExpenseWire> => getExpense(services.http, id)

  const create = (input: ExpenseInput): Promise<ExpenseWriteWire> =>
    createExpense(services.http, input)

  const update = (id: number, input: ExpenseInput): Promise<ExpenseWriteWire> =>
    updateExpense(services.http, id, input)

  return { ...list, get, create, update }
})

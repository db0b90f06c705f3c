/**
 * The organisation's budgets as the server reads them (nested department and account). A write
 * answers flat, and moves money on the server (a new budget takes from its account), so the
 * pages that show budgets load them again on opening rather than patch a row here.
 */
import { acceptHMRUpdate, defineStore } from 'pinia'
import type { BudgetInput, BudgetWire, BudgetWriteWire } from '@/api/core'
import { useApi } from '@/composables/useServices'
import { remoteList } from './remoteList'

export const useBudgetsStore = defineStore('budgets', () => {
  const api = useApi()
  const list = remoteList(() => api.listBudgets())

  const get = (id: number): Promise<BudgetWire> => api.getBudget(id)

  /** One department's budgets, fresh from `budgets/department/{id}/`. */
  const ofDepartment = (departmentId: number): Promise<BudgetWire[]> =>
    api.listDepartmentBudgets(departmentId)

  const create = (input: BudgetInput): Promise<BudgetWriteWire> => api.createBudget(input)

  const update = (id: number, input: BudgetInput): Promise<BudgetWriteWire> =>
    api.updateBudget(id, input)

  return { ...list, get, ofDepartment, create, update }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useBudgetsStore, import.meta.hot))

/**
 * The organisation's budgets as the server reads them (nested department and account). A write
 * answers flat, and moves money on the server (a new budget takes from its account), so the
 * pages that show budgets load them again on opening rather than patch a row here.
 */
import { defineStore } from 'pinia'
import { inject } from 'vue'
import {
  createBudget,
  getBudget,
  listBudgets,
  listDepartmentBudgets,
  updateBudget,
  type BudgetInput,
  type BudgetWire,
  type BudgetWriteWire,
} from '@/api/core'
import { SERVICES } from '@/services'
import { remoteList } from './remoteList'

export const useBudgetsStore = defineStore('budgets', () => {
  const services = inject(SERVICES)!
  const list = remoteList(() => listBudgets(services.http))

  const get = (id: number): Promise<BudgetWire> => getBudget(services.http, id)

  /** One department's budgets, fresh from `budgets/department/{id}/`. */
  const ofDepartment = (departmentId: number): Promise<BudgetWire[]> =>
    listDepartmentBudgets(services.http, departmentId)

  const create = (input: BudgetInput): Promise<BudgetWriteWire> =>
    createBudget(services.http, input)

  const update = (id: number, input: BudgetInput): Promise<BudgetWriteWire> =>
    updateBudget(services.http, id, input)

  return { ...list, get, ofDepartment, create, update }
})

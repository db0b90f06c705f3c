/** The core app's URLconf (core/urls.py): accounts, budgets, expenses, in its order. */
import type { Route } from '../router'
import { accountRoutes } from './accounts'
import { budgetRoutes } from './budgets'
import { expenseRoutes } from './expenses'

export const coreRoutes: Route[] = [...accountRoutes, ...budgetRoutes, ...expenseRoutes]

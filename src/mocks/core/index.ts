/**
 * The core app's URLconf (accounts, budgets, expenses), as handlers.ts mounts it. Imported as
 * `./core`: the ESLint boundary forbids any `…/core/…` path from src/mocks (meant for src/core).
 */
export { coreRoutes } from './routes'
export { createBudget } from './budgets'
export { createExpense } from './expenses'

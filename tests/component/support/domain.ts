/** Steps on the seeded books (src/mocks/README.md, "Seeded domain data") that tests share. */
import { localDay } from '@/budgeting/months'
import type { Services } from '@/services'

/**
 * Records 60,000 against acme's budget 1 (last month's Finance budget: 80,000 given, 50,000 left)
 * through the API, as another user would: the budget is then 10,000 over.
 */
export async function overspendFinance(services: Services): Promise<void> {
  await services.http.post('/expenses/', {
    budget: 1,
    date: localDay(),
    use: 'Emergency audit',
    amount: 60000,
  })
}

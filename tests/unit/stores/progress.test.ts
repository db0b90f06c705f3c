/** Request counting is installed by app setup: every request of the API client, until it settles. */
import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { useProgressStore } from '@/stores/progress'
import { endpoint, mockBackend } from '@/testing'
import { storeApp } from './storeApp'

describe('progress store with app setup', () => {
  it('counts requests in flight, answered or failed, and navigations', async () => {
    const { pinia, services } = await storeApp({ as: 'staff' })
    const progress = useProgressStore(pinia)
    mockBackend.use(
      http.get(endpoint('/accounts/'), async () => {
        await delay(20)
        return undefined
      }),
      http.get(endpoint('/budgets/'), () => HttpResponse.error()),
    )
    expect(progress.busy).toBe(false)
    const answered = services.api.listAccounts()
    const failed = services.api.listBudgets().catch(() => 'failed')
    // Axios runs interceptors on a later tick: both count from there on.
    await expect.poll(() => progress.pending).toBe(2)
    expect(progress.busy).toBe(true)
    await Promise.all([answered, failed])
    expect(progress.pending).toBe(0)
    progress.startNavigation()
    expect(progress.busy).toBe(true)
    progress.endNavigation()
    progress.endNavigation()
    expect([progress.busy, progress.navigating]).toEqual([false, 0])
  })
})

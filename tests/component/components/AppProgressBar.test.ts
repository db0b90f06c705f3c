import { delay, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { useProgressStore } from '@/stores/progress'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

describe('AppProgressBar', () => {
  it('shows while a request is pending and hides when it settles', async () => {
    mockBackend.use(
      http.get(endpoint('/expenses/'), async () => {
        await delay(150)
      }),
    )
    const { wrapper, pinia } = await renderWithApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="progress-bar"]').exists()).toBe(true))
    expect(useProgressStore(pinia).pending).toBeGreaterThan(0)
    await until(() => expect(wrapper.find('[data-testid="progress-bar"]').exists()).toBe(false))
    expect(useProgressStore(pinia).pending).toBe(0)
  })

  it('counts failed requests as settled', async () => {
    mockBackend.use(http.get(endpoint('/expenses/'), () => Response.error()))
    const { wrapper, pinia } = await renderWithApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true))
    // The departments request runs alongside; once both settle nothing is pending.
    await until(() => expect(useProgressStore(pinia).pending).toBe(0))
    expect(wrapper.find('[data-testid="progress-bar"]').exists()).toBe(false)
  })
})

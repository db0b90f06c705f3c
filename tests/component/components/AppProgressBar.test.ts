import { delay, http } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { server } from '@/mocks/node'
import { useProgressStore } from '@/stores/progress'
import { api, cleanup, renderApp, until } from '../support/renderApp'

afterEach(cleanup)

describe('AppProgressBar', () => {
  it('shows while a request is pending and hides when it settles', async () => {
    server.use(
      http.get(api('/expenses/'), async () => {
        await delay(150)
      }),
    )
    const { wrapper, pinia } = await renderApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="progress-bar"]').exists()).toBe(true))
    expect(useProgressStore(pinia).pending).toBeGreaterThan(0)
    await until(() => expect(wrapper.find('[data-testid="progress-bar"]').exists()).toBe(false))
    expect(useProgressStore(pinia).pending).toBe(0)
  })

  it('counts failed requests as settled', async () => {
    server.use(http.get(api('/expenses/'), () => Response.error()))
    const { wrapper, pinia } = await renderApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true))
    // The departments request runs alongside; once both settle nothing is pending.
    await until(() => expect(useProgressStore(pinia).pending).toBe(0))
    expect(wrapper.find('[data-testid="progress-bar"]').exists()).toBe(false)
  })
})

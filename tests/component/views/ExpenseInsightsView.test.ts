import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { formatAmount } from '@/components/expenses/formatAmount'
import { server } from '@/mocks/node'
import { api, cleanup, renderApp, until } from '../support/renderApp'

afterEach(cleanup)

describe('ExpenseInsightsView', () => {
  it('totals spending by department and by month', async () => {
    const { wrapper } = await renderApp('/expenses/insights', { as: 'admin' })
    await until(() => expect(wrapper.find('[data-testid="table-dept"]').exists()).toBe(true))
    const dept = wrapper.find('[data-testid="table-dept"]').text()
    expect(dept).toContain('Engineering')
    expect(dept).toContain(formatAmount(262000))
    expect(dept).toContain(formatAmount(4500))
    expect(wrapper.find('[data-testid="table-month"]').findAll('tr').length).toBeGreaterThan(0)
    expect(wrapper.find('[data-testid="insights-total"]').text()).toContain(formatAmount(266500))
  })

  it('has an empty state', async () => {
    server.use(http.get(api('/expenses/'), () => HttpResponse.json([])))
    const { wrapper } = await renderApp('/expenses/insights', { as: 'admin' })
    await until(() => expect(wrapper.text()).toContain('nothing to chart'))
  })

  it('has an error state', async () => {
    server.use(http.get(api('/expenses/'), () => HttpResponse.error()))
    const { wrapper } = await renderApp('/expenses/insights', { as: 'admin' })
    await until(() => expect(wrapper.find('[role="alert"]').text()).toContain('Cannot reach'))
  })
})

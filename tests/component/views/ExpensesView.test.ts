import { delay, http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { formatAmount } from '@/components/expenses/formatAmount'
import { server } from '@/mocks/node'
import { api, cleanup, renderApp, until } from '../support/renderApp'

afterEach(cleanup)

describe('ExpensesView', () => {
  it('shows a loading state while the list is on its way', async () => {
    server.use(http.get(api('/expenses/'), () => delay('infinite')))
    const { wrapper } = await renderApp('/expenses', { as: 'staff' })
    expect(wrapper.find('[role="status"]').text()).toContain('Loading expenses')
  })

  it('shows the empty state', async () => {
    server.use(http.get(api('/expenses/'), () => HttpResponse.json([])))
    const { wrapper } = await renderApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="expenses-empty"]').exists()).toBe(true))
  })

  it('shows an error with a retry that works', async () => {
    let fail = true
    server.use(
      http.get(api('/expenses/'), () =>
        fail ? HttpResponse.text('Server Error (500)', { status: 500 }) : undefined,
      ),
    )
    const { wrapper } = await renderApp('/expenses', { as: 'staff' })
    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toContain('server had a problem'),
    )
    fail = false
    await wrapper.find('[role="alert"] button').trigger('click')
    await until(() => expect(wrapper.findAll('[data-testid="expense-row"]')).toHaveLength(3))
  })

  it('lists newest first with the total, formatted for the locale', async () => {
    const { wrapper } = await renderApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.findAll('[data-testid="expense-row"]')).toHaveLength(3))
    const rows = wrapper.findAll('[data-testid="expense-row"]').map((r) => r.text())
    expect(rows[0]).toContain('Bank charges')
    expect(rows[2]).toContain('Team lunch')
    expect(rows[1]).toContain(formatAmount(250000))
    expect(wrapper.find('[data-testid="expenses-total"]').text()).toContain(formatAmount(266500))
  })

  it('filters by department and updates the total', async () => {
    const { wrapper, router } = await renderApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.findAll('[data-testid="expense-row"]')).toHaveLength(3))
    await wrapper.find('#expense-filter').setValue('1')
    await until(() => expect(wrapper.findAll('[data-testid="expense-row"]')).toHaveLength(1))
    expect(router.currentRoute.value.query.department).toBe('1')
    expect(wrapper.find('[data-testid="expenses-total"]').text()).toContain(formatAmount(4500))
  })
})

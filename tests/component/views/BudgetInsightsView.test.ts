import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { formatAmount } from '@/components/common/format'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

type Wrapper = Awaited<ReturnType<typeof renderWithApp>>['wrapper']
const cells = (w: Wrapper, table: string) =>
  w
    .findAll(`[data-testid="table-${table}"] tbody tr`)
    .map((r) => r.findAll('th, td').map((c) => c.text()))

describe('BudgetInsightsView', () => {
  it('shows a loading state while the figures are on their way', async () => {
    mockBackend.use(http.get(endpoint('/budgets/'), () => delay('infinite')))
    const { wrapper } = await renderWithApp('/expenses/insights', { as: 'admin' })
    expect(wrapper.find('[role="status"]').text()).toContain('Loading budgets and expenses')
  })

  it('puts budget against spending per department, with the over-budget ones marked', async () => {
    const { wrapper } = await renderWithApp('/expenses/insights', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="table-dept"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="table-dept"] thead').text()).toContain('Allocated')
    expect(cells(wrapper, 'dept')).toEqual([
      ['Engineering', formatAmount(700000), formatAmount(382000), formatAmount(318000)],
      ['Finance', formatAmount(180000), formatAmount(34500), formatAmount(145500)],
    ])
    expect(wrapper.find('[data-testid="insights-total"]').text()).toContain(formatAmount(416500))
  })

  it('puts budget against spending per month, oldest first', async () => {
    const { wrapper } = await renderWithApp('/expenses/insights', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="table-month"]').exists()).toBe(true))
    const months = cells(wrapper, 'month')
    expect(months).toHaveLength(2)
    expect(months[0]!.slice(1)).toEqual([
      formatAmount(380000),
      formatAmount(150000),
      formatAmount(230000),
    ])
    expect(months[1]!.slice(1)).toEqual([
      formatAmount(500000),
      formatAmount(266500),
      formatAmount(233500),
    ])
  })

  it('marks a department and a month whose budgets are over', async () => {
    const { wrapper, router } = await renderWithApp('/', { as: 'staff' })
    // Last month's Finance budget (id 1, 50,000 left of 80,000) gets 60,000 more spent.
    mockBackend.build.expense({ budget: 1, use: 'Emergency audit', amount: 60000 })
    await router.push('/expenses/insights')
    await until(() => expect(wrapper.find('[data-testid="table-dept"]').exists()).toBe(true))
    // Last month's Finance budget is 10,000 over; Finance and last month as a whole are not.
    const finance = cells(wrapper, 'dept')[1]!
    expect(finance[0]).toBe('Finance')
    expect(finance[3]).toContain('1 budget over')
    expect(cells(wrapper, 'month')[0]![3]).toContain('1 budget over')
    expect(cells(wrapper, 'dept')[0]![3]).not.toContain('over')
    expect(wrapper.findAll('[data-testid="insight-over"]')).toHaveLength(2)
  })

  it('has an empty state', async () => {
    mockBackend.use(http.get(endpoint('/budgets/'), () => HttpResponse.json([])))
    const { wrapper } = await renderWithApp('/expenses/insights', { as: 'admin' })
    await until(() => expect(wrapper.text()).toContain('nothing to chart'))
  })

  it('has an error state with a retry that works', async () => {
    let fail = true
    mockBackend.use(
      http.get(endpoint('/expenses/'), () => (fail ? HttpResponse.error() : undefined)),
    )
    const { wrapper } = await renderWithApp('/expenses/insights', { as: 'admin' })
    await until(() => expect(wrapper.find('[role="alert"]').text()).toContain('Cannot reach'))
    fail = false
    await wrapper.find('[role="alert"] button').trigger('click')
    await until(() => expect(wrapper.find('[data-testid="table-dept"]').exists()).toBe(true))
  })
})

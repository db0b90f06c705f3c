import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { formatAmount } from '@/components/common/format'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

type Wrapper = Awaited<ReturnType<typeof renderWithApp>>['wrapper']
const rows = (w: Wrapper) => w.findAll('[data-testid="budget-row"]')
const rowOf = (w: Wrapper, department: string, index: number) =>
  rows(w).filter((r) => r.text().startsWith(department))[index]!

describe('BudgetsView', () => {
  it('shows a loading state while the budgets are on their way', async () => {
    mockBackend.use(http.get(endpoint('/budgets/'), () => delay('infinite')))
    const { wrapper } = await renderWithApp('/budgets', { as: 'staff' })
    expect(wrapper.find('[role="status"]').text()).toContain('Loading budgets')
  })

  it('shows the empty state with the way to create one', async () => {
    mockBackend.use(
      http.get(endpoint('/budgets/'), () => HttpResponse.json([])),
      http.get(endpoint('/expenses/'), () => HttpResponse.json([])),
    )
    const { wrapper } = await renderWithApp('/budgets', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="budgets-empty"]').exists()).toBe(true))
    expect(wrapper.find('a[href="/budgets/new"]').exists()).toBe(true)
  })

  it('shows an error with a retry that works', async () => {
    let fail = true
    mockBackend.use(
      http.get(endpoint('/expenses/'), () => (fail ? HttpResponse.error() : undefined)),
    )
    const { wrapper } = await renderWithApp('/budgets', { as: 'staff' })
    await until(() => expect(wrapper.find('[role="alert"]').text()).toContain('Cannot reach'))
    fail = false
    await wrapper.find('[role="alert"] button').trigger('click')
    await until(() => expect(rows(wrapper)).toHaveLength(4))
  })

  it('shows allocated, spent and remaining for each budget, newest month first, with totals', async () => {
    const { wrapper } = await renderWithApp('/budgets', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(4))
    // This month's Engineering budget: 400,000 given, 262,000 spent, 138,000 left on the server.
    const eng = rowOf(wrapper, 'Engineering', 0)
      .findAll('td')
      .map((td) => td.text())
    expect(eng.slice(3, 6)).toEqual([
      formatAmount(400000),
      formatAmount(262000),
      formatAmount(138000),
    ])
    expect(eng[2]).toBe('Acme operating account')
    const totals = wrapper.find('[data-testid="budget-totals"]').text()
    expect(totals).toContain(formatAmount(880000))
    expect(totals).toContain(formatAmount(416500))
    expect(wrapper.find('[data-testid="role-note"]').text()).toContain('Admins and Staff alike')
    expect(wrapper.find('[data-testid="budget-arithmetic"]').text()).toContain(
      'again on every edit',
    )
  })

  it('marks a budget that is over, and says how far', async () => {
    const { wrapper, router } = await renderWithApp('/', { as: 'staff' })
    await router.push('/budgets')
    await until(() => expect(rows(wrapper)).toHaveLength(4))
    expect(wrapper.find('[data-testid="budget-over"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="budgets-over-summary"]').exists()).toBe(false)

    // Last month's Finance budget has 50,000 left of 80,000: spend 60,000 more.
    // Last month's Finance budget (id 1, 50,000 left of 80,000) gets 60,000 more spent.
    mockBackend.build.expense({ budget: 1, use: 'Emergency audit', amount: 60000 })
    await router.push('/')
    await router.push('/budgets')
    await until(() => expect(rowOf(wrapper, 'Finance', 1).classes()).toContain('is-over'))
    const over = rowOf(wrapper, 'Finance', 1)
    expect(over.find('[data-testid="budget-over"]').text()).toBe(
      `Over budget by ${formatAmount(10000)}`,
    )
    expect(
      over
        .findAll('td')
        .map((td) => td.text())
        .slice(3, 5),
    ).toEqual([formatAmount(80000), formatAmount(90000)])
    expect(wrapper.findAll('[data-testid="budget-over"]')).toHaveLength(1)
    expect(wrapper.find('[data-testid="budgets-over-summary"]').text()).toContain(
      '1 budget is over budget',
    )
  })

  it('filters by department and by month, keeping the filters in the URL', async () => {
    const { wrapper, router } = await renderWithApp('/budgets', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(4))
    await wrapper.find('#budget-filter-department').setValue('1')
    await until(() => expect(rows(wrapper)).toHaveLength(2))
    expect(rows(wrapper).every((r) => r.text().startsWith('Finance'))).toBe(true)
    expect(router.currentRoute.value.query.department).toBe('1')

    const months = wrapper.findAll('#budget-filter-month option').map((o) => o.attributes('value'))
    expect(months).toHaveLength(3) // all months, this month, last month
    await wrapper.find('#budget-filter-month').setValue(months[1]!)
    await until(() => expect(rows(wrapper)).toHaveLength(1))
    expect(router.currentRoute.value.query).toEqual({ department: '1', month: months[1] })
    expect(wrapper.find('[data-testid="budgets-over-summary"]').exists()).toBe(false)
  })
})

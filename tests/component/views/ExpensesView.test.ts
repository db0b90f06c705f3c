import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { formatAmount } from '@/components/common/format'
import { useExpensesStore } from '@/stores/expenses'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

type Wrapper = Awaited<ReturnType<typeof renderWithApp>>['wrapper']
const rows = (w: Wrapper) => w.findAll('[data-testid="expense-row"]')
const total = (w: Wrapper) => w.find('[data-testid="expenses-total"]').text()

describe('ExpensesView', () => {
  it('shows a loading state while the list is on its way', async () => {
    mockBackend.use(http.get(endpoint('/expenses/'), () => delay('infinite')))
    const { wrapper } = await renderWithApp('/expenses', { as: 'staff' })
    expect(wrapper.find('[role="status"]').text()).toContain('Loading expenses')
  })

  it('shows the empty state', async () => {
    mockBackend.use(http.get(endpoint('/expenses/'), () => HttpResponse.json([])))
    const { wrapper } = await renderWithApp('/expenses', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="expenses-empty"]').exists()).toBe(true))
  })

  it('shows an error with a retry that works', async () => {
    let fail = true
    mockBackend.use(
      http.get(endpoint('/expenses/'), () =>
        fail ? HttpResponse.text('Server Error (500)', { status: 500 }) : undefined,
      ),
    )
    const { wrapper } = await renderWithApp('/expenses', { as: 'staff' })
    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toContain('server had a problem'),
    )
    fail = false
    await wrapper.find('[role="alert"] button').trigger('click')
    await until(() => expect(rows(wrapper)).toHaveLength(5))
  })

  it('lists what each expense was for, its department and budget, newest first, with the total', async () => {
    const { wrapper } = await renderWithApp('/expenses', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(5))
    const texts = rows(wrapper).map((r) => r.text())
    expect(texts[0]).toContain('Bank charges')
    expect(texts[0]).toContain('Finance')
    expect(texts[1]).toContain('Laptops for new hires')
    expect(texts[1]).toContain(formatAmount(250000))
    expect(texts[3]).toContain('Cloud hosting')
    expect(texts[4]).toContain('Audit fees')
    expect(total(wrapper)).toContain(formatAmount(416500))
    expect(total(wrapper)).toContain('5 of 5')
    expect(wrapper.find('[data-testid="role-note"]').text()).toContain('Admins and Staff alike')
  })

  it('filters by department and budget, and totals what is shown', async () => {
    const { wrapper, router } = await renderWithApp('/expenses', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(5))
    await wrapper.find('#expense-filter').setValue('2')
    await until(() => expect(rows(wrapper)).toHaveLength(3))
    expect(total(wrapper)).toContain(formatAmount(382000))
    expect(router.currentRoute.value.query.department).toBe('2')

    // Only Engineering's budgets are offered now.
    const options = wrapper.findAll('#expense-filter-budget option').slice(1)
    expect(options).toHaveLength(2)
    expect(options.every((o) => o.text().startsWith('Engineering'))).toBe(true)
    await wrapper.find('#expense-filter-budget').setValue('2')
    await until(() => expect(rows(wrapper)).toHaveLength(1))
    expect(rows(wrapper)[0]!.text()).toContain('Cloud hosting')

    // Another department drops a budget that is not its own.
    await wrapper.find('#expense-filter').setValue('1')
    await until(() => expect(rows(wrapper)).toHaveLength(2))
    expect(router.currentRoute.value.query).toEqual({ department: '1' })
  })

  it('filters by a date range, and says when nothing matches', async () => {
    const { wrapper, router, pinia } = await renderWithApp('/expenses', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(5))
    // The seed dates this month's expenses the 1st, last month's the 15th.
    const [y, m] = useExpensesStore(pinia).items[0]!.date.split('-')
    await wrapper.find('#expense-filter-from').setValue(`${y}-${m}-01`)
    await until(() => expect(rows(wrapper)).toHaveLength(3))
    expect(total(wrapper)).toContain(formatAmount(266500))
    await wrapper.find('#expense-filter-to').setValue(`${y}-${m}-01`)
    await until(() => expect(router.currentRoute.value.query.to).toBe(`${y}-${m}-01`))
    expect(rows(wrapper)).toHaveLength(3)
    await wrapper.find('#expense-filter-from').setValue(`${y}-${m}-02`)
    await until(() =>
      expect(wrapper.find('[data-testid="expenses-filter-empty"]').exists()).toBe(true),
    )
    const clear = wrapper.findAll('button').find((b) => b.text() === 'Clear filters')!
    await clear.trigger('click')
    await until(() => expect(rows(wrapper)).toHaveLength(5))
    expect(router.currentRoute.value.query).toEqual({})
  })
})

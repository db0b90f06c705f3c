import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { formatAmount } from '@/components/common/format'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

type Wrapper = Awaited<ReturnType<typeof renderWithApp>>['wrapper']
const value = (w: Wrapper, selector: string) =>
  (w.find(selector).element as HTMLInputElement | HTMLSelectElement).value
const effect = (w: Wrapper) => w.find('[data-testid="expense-effect"]').text()

/** Opens the new-expense form and picks Engineering; its budget for this month is chosen. */
async function newEngineeringExpense() {
  const rendered = await renderWithApp('/expenses/new', { as: 'staff' })
  const { wrapper } = rendered
  await until(() => expect(wrapper.find('#expense-department').exists()).toBe(true))
  await wrapper.find('#expense-department').setValue('2')
  await until(() => expect(wrapper.find('#expense-budget').exists()).toBe(true))
  return rendered
}

describe('ExpenseEditView', () => {
  it('records an expense against a budget chosen by department and month', async () => {
    const { wrapper, router } = await newEngineeringExpense()
    const months = wrapper.findAll('#expense-budget option').slice(1)
    expect(months).toHaveLength(2)
    expect(months[0]!.text()).toContain(`${formatAmount(138000)} left`)
    await wrapper.find('#expense-budget').setValue('4')
    await wrapper.find('#expense-use').setValue('Taxi to the airport')
    await wrapper.find('#expense-amount').setValue('1500')
    expect(effect(wrapper)).toContain(`Saving will subtract ${formatAmount(1500)} from Engineering`)
    expect(effect(wrapper)).toContain(`leaving ${formatAmount(136500)}`)
    expect(wrapper.find('[data-testid="expense-edit-warning"]').exists()).toBe(false)
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('expenses'))
    await until(() => expect(wrapper.findAll('[data-testid="expense-row"]')).toHaveLength(6))
    expect(wrapper.text()).toContain('Taxi to the airport')
    expect(wrapper.find('[data-testid="toast"]').text()).toContain('Expense recorded')
  })

  it('warns when saving would put the budget over', async () => {
    const { wrapper } = await newEngineeringExpense()
    await wrapper.find('#expense-budget').setValue('4')
    await wrapper.find('#expense-amount').setValue('200000')
    expect(effect(wrapper)).toContain(`leaving ${formatAmount(-62000)}`)
    expect(effect(wrapper)).toContain(`over by ${formatAmount(62000)}`)
  })

  it("checks the form in the client, and shows the server's field errors inline", async () => {
    const { wrapper } = await renderWithApp('/expenses/new', { as: 'staff' })
    await until(() => expect(wrapper.find('#expense-department').exists()).toBe(true))
    await wrapper.find('#expense-amount').setValue('12.50')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="expense-department-error"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="expense-use-error"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="expense-amount-error"]').text()).toContain('whole amount')

    await wrapper.find('#expense-department').setValue('2')
    await until(() => expect(wrapper.find('#expense-budget').exists()).toBe(true))
    await wrapper.find('#expense-budget').setValue('4')
    await wrapper.find('#expense-use').setValue('Refund')
    await wrapper.find('#expense-amount').setValue('-5')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="expense-amount-error"]').text()).toContain(
        'greater than or equal to 0',
      ),
    )
  })

  it('shows a server error on the budget field next to it', async () => {
    mockBackend.use(
      http.post(endpoint('/expenses/'), () =>
        HttpResponse.json({ budget: ['Invalid pk "2" - object does not exist.'] }, { status: 400 }),
      ),
    )
    const { wrapper } = await newEngineeringExpense()
    await wrapper.find('#expense-budget').setValue('4')
    await wrapper.find('#expense-use').setValue('Taxi')
    await wrapper.find('#expense-amount').setValue('100')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="expense-budget-error"]').text()).toContain('Invalid pk'),
    )
  })

  it('says when a department has no budgets, and when its budgets cannot be loaded', async () => {
    mockBackend.use(http.get(endpoint('/budgets/department/:id/'), () => HttpResponse.json([])))
    const { wrapper } = await renderWithApp('/expenses/new', { as: 'staff' })
    await until(() => expect(wrapper.find('#expense-department').exists()).toBe(true))
    await wrapper.find('#expense-department').setValue('1')
    await until(() => expect(wrapper.find('[data-testid="no-budgets"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="no-budgets"] a').attributes('href')).toBe('/budgets/new')

    let fail = true
    mockBackend.use(
      http.get(endpoint('/budgets/department/:id/'), () =>
        fail ? HttpResponse.error() : undefined,
      ),
    )
    await wrapper.find('#expense-department').setValue('2')
    await until(() => expect(wrapper.find('form [role="alert"]').text()).toContain('Cannot reach'))
    fail = false
    mockBackend.resetHandlers()
    await wrapper.find('form [role="alert"] button').trigger('click')
    await until(() => expect(wrapper.find('#expense-budget').exists()).toBe(true))
  })

  it('says so when there are no departments yet', async () => {
    mockBackend.use(http.get(endpoint('/departments/'), () => HttpResponse.json([])))
    const { wrapper } = await renderWithApp('/expenses/new', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="no-departments"]').exists()).toBe(true))
  })

  it('shows a load error for an expense that does not exist', async () => {
    const { wrapper } = await renderWithApp('/expenses/999/edit', { as: 'staff' })
    await until(() => expect(wrapper.find('[role="alert"]').text()).toContain('Not found'))
  })

  it('edits an expense, saying the server subtracts its amount from the budget again', async () => {
    const { wrapper, router } = await renderWithApp('/expenses/3/edit', { as: 'staff' })
    await until(() => expect(value(wrapper, '#expense-use')).toBe('Team lunch'))
    await until(() => expect(value(wrapper, '#expense-budget')).toBe('4'))
    expect(value(wrapper, '#expense-department')).toBe('2')
    expect(value(wrapper, '#expense-amount')).toBe('12000')
    expect(effect(wrapper)).toContain(
      `Saving will subtract ${formatAmount(12000)} from Engineering`,
    )
    expect(effect(wrapper)).toContain(`leaving ${formatAmount(126000)}`)
    expect(wrapper.find('[data-testid="expense-edit-warning"]').text()).toContain(
      `the ${formatAmount(12000)} taken when this expense was saved before is not given back`,
    )
    await wrapper.find('#expense-use').setValue('Team lunch (Q4)')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('expenses'))
    await until(() => expect(wrapper.text()).toContain('Team lunch (Q4)'))
    expect(wrapper.find('[data-testid="toast"]').text()).toContain('Expense saved')

    // What the form said: the budget now has 12,000 less.
    await router.push('/budgets')
    await until(() => expect(wrapper.findAll('[data-testid="budget-row"]')).toHaveLength(4))
    expect(wrapper.find('[data-testid="budget-table"]').text()).toContain(formatAmount(126000))
  })
})

import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { monthNumber } from '@/budgeting/months'
import { formatAmount } from '@/components/common/format'
import { cleanup, endpoint, mockBackend, renderWithApp, until } from '@/testing'

const value = (w: Awaited<ReturnType<typeof renderWithApp>>['wrapper'], selector: string) =>
  (w.find(selector).element as HTMLInputElement | HTMLSelectElement).value

describe('BudgetEditView', () => {
  it('shows a loading state while the accounts are on their way', async () => {
    mockBackend.use(http.get(endpoint('/accounts/'), () => delay('infinite')))
    const { wrapper } = await renderWithApp('/budgets/new', { as: 'staff' })
    expect(wrapper.find('[role="status"]').text()).toContain('Loading')
  })

  it('shows a load error with a retry that works', async () => {
    let fail = true
    mockBackend.use(
      http.get(endpoint('/departments/'), () =>
        fail ? HttpResponse.text('Server Error (500)', { status: 500 }) : undefined,
      ),
    )
    const { wrapper } = await renderWithApp('/budgets/new', { as: 'staff' })
    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toContain('server had a problem'),
    )
    fail = false
    await wrapper.find('[role="alert"] button').trigger('click')
    await until(() => expect(wrapper.find('#budget-source').exists()).toBe(true))
  })

  it('sends a Staff member without departments to an Admin, and anyone without accounts to add one', async () => {
    mockBackend.use(http.get(endpoint('/departments/'), () => HttpResponse.json([])))
    const staff = await renderWithApp('/budgets/new', { as: 'staff' })
    await until(() =>
      expect(staff.wrapper.find('[data-testid="no-departments"]').text()).toContain(
        'An Admin must create one',
      ),
    )
    cleanup()
    mockBackend.resetHandlers()
    mockBackend.use(http.get(endpoint('/accounts/'), () => HttpResponse.json([])))
    const { wrapper } = await renderWithApp('/budgets/new', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="no-accounts"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="no-accounts"] a').attributes('href')).toBe('/accounts')
  })

  it('creates a budget from an account, showing what the account has and will have left', async () => {
    const { wrapper, router } = await renderWithApp('/budgets/new', { as: 'staff' })
    await until(() => expect(wrapper.find('#budget-source').exists()).toBe(true))
    await wrapper.find('#budget-department').setValue('2')
    await wrapper.find('#budget-source').setValue('1')
    expect(wrapper.find('[data-testid="budget-account-left"]').text()).toBe(
      `Acme operating account has ${formatAmount(120000)} left.`,
    )
    await wrapper.find('#budget-amount').setValue('100000')
    expect(wrapper.find('[data-testid="budget-effect"]').text()).toContain(
      `takes ${formatAmount(100000)} from Acme operating account, leaving ${formatAmount(20000)}`,
    )
    await wrapper.find('#budget-amount').setValue('150000')
    expect(wrapper.find('[data-testid="budget-effect"]').text()).toContain('below zero')
    await wrapper.find('#budget-amount').setValue('100000')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('budgets'))
    await until(() => expect(wrapper.findAll('[data-testid="budget-row"]')).toHaveLength(5))
    expect(wrapper.find('[data-testid="toast"]').text()).toContain('Budget created')

    // The server took the amount from the account.
    await router.push('/accounts')
    await until(() =>
      expect(wrapper.find('[data-testid="account-left"]').text()).toBe(formatAmount(20000)),
    )
  })

  it("checks the form in the client, and shows the server's field errors inline", async () => {
    const { wrapper } = await renderWithApp('/budgets/new', { as: 'staff' })
    await until(() => expect(wrapper.find('#budget-source').exists()).toBe(true))
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="budget-department-error"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="budget-source-error"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="budget-amount-error"]').text()).toContain('whole amount')

    await wrapper.find('#budget-department').setValue('1')
    await wrapper.find('#budget-source').setValue('1')
    await wrapper.find('#budget-amount').setValue('99999999999999999999')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="budget-amount-error"]').text()).toContain(
        'less than or equal to',
      ),
    )
  })

  it('edits a budget: its remaining amount, and what an edit does on this server', async () => {
    const { wrapper, router, api } = await renderWithApp('/budgets/4/edit', { as: 'staff' })
    await until(() => expect(value(wrapper, '#budget-amount')).toBe('138000'))
    const budget = await api.getBudget(4)
    expect(value(wrapper, '#budget-department')).toBe('2')
    expect(value(wrapper, '#budget-source')).toBe('1')
    expect(value(wrapper, '#budget-month')).toBe(String(monthNumber(budget.month)))
    expect(wrapper.find('label[for="budget-amount"]').text()).toBe('Remaining amount')
    expect(wrapper.find('[data-testid="budget-edit-note"]').text()).toContain('no account changes')
    await wrapper.find('#budget-amount').setValue('150000')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('budgets'))
    await until(() => expect(wrapper.findAll('[data-testid="budget-row"]')).toHaveLength(4))
    const eng = wrapper
      .findAll('[data-testid="budget-row"]')
      .find((r) => r.text().includes(formatAmount(150000)))
    expect(eng?.text()).toContain('Engineering')
    expect(wrapper.find('[data-testid="toast"]').text()).toContain('Budget saved')
  })

  it('shows a load error for a budget that does not exist', async () => {
    const { wrapper } = await renderWithApp('/budgets/999/edit', { as: 'staff' })
    await until(() => expect(wrapper.find('[role="alert"]').text()).toContain('Not found'))
  })
})

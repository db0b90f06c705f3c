import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { server } from '@/mocks/node'
import { api, cleanup, renderApp, until } from '../support/renderApp'

afterEach(cleanup)

describe('ExpenseEditView', () => {
  it('checks the amount and the required fields in the client', async () => {
    const { wrapper } = await renderApp('/expenses/new', { as: 'staff' })
    await until(() => expect(wrapper.find('#expense-amount').exists()).toBe(true))
    await wrapper.find('#expense-amount').setValue('12.50')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="expense-amount-error"]').text()).toContain('whole amount')
    expect(wrapper.find('[data-testid="expense-description-error"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="expense-department-error"]').exists()).toBe(true)
  })

  it("shows the server's field errors inline", async () => {
    server.use(
      http.post(api('/expenses/'), () =>
        HttpResponse.json(
          { department: ['Invalid pk "3" - object does not exist.'] },
          { status: 400 },
        ),
      ),
    )
    const { wrapper } = await renderApp('/expenses/new', { as: 'staff' })
    await until(() => expect(wrapper.find('#expense-amount').exists()).toBe(true))
    await wrapper.find('#expense-amount').setValue('1500')
    await wrapper.find('#expense-description').setValue('Taxi')
    await wrapper.find('#expense-department').setValue('1')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="expense-department-error"]').text()).toContain(
        'Invalid pk',
      ),
    )
  })

  it('says so when there are no departments yet', async () => {
    server.use(http.get(api('/departments/'), () => HttpResponse.json([])))
    const { wrapper } = await renderApp('/expenses/new', { as: 'staff' })
    await until(() => expect(wrapper.find('[data-testid="no-departments"]').exists()).toBe(true))
  })

  it('shows a load error for an expense that does not exist', async () => {
    const { wrapper } = await renderApp('/expenses/999/edit', { as: 'staff' })
    await until(() => expect(wrapper.find('[role="alert"]').text()).toContain('Not found'))
  })

  it('creates an expense and lists it first', async () => {
    const { wrapper, router } = await renderApp('/expenses/new', { as: 'staff' })
    await until(() => expect(wrapper.find('#expense-amount').exists()).toBe(true))
    await wrapper.find('#expense-amount').setValue('1500')
    await wrapper.find('#expense-description').setValue('Taxi to client')
    await wrapper.find('#expense-department').setValue('2')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('expenses'))
    await until(() => expect(wrapper.findAll('[data-testid="expense-row"]')).toHaveLength(4))
    expect(wrapper.find('[data-testid="expense-row"]').text()).toContain('Taxi to client')
    expect(wrapper.find('[data-testid="toast"]').text()).toContain('Expense added')
  })

  it('edits an existing expense', async () => {
    const { wrapper, router } = await renderApp('/expenses/1/edit', { as: 'staff' })
    await until(() =>
      expect((wrapper.find('#expense-description').element as HTMLInputElement).value).toBe(
        'Team lunch',
      ),
    )
    await wrapper.find('#expense-description').setValue('Team lunch (Q4)')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('expenses'))
    await until(() => expect(wrapper.text()).toContain('Team lunch (Q4)'))
  })
})

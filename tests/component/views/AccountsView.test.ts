import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { formatAmount } from '@/components/common/format'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

const rows = (w: Awaited<ReturnType<typeof renderWithApp>>['wrapper']) =>
  w.findAll('[data-testid="account-row"]')

describe('AccountsView', () => {
  it('shows a loading state while the accounts are on their way', async () => {
    mockBackend.use(http.get(endpoint('/accounts/'), () => delay('infinite')))
    const { wrapper } = await renderWithApp('/accounts', { as: 'staff' })
    expect(wrapper.find('[role="status"]').text()).toContain('Loading accounts')
  })

  it('shows the empty state', async () => {
    mockBackend.use(http.get(endpoint('/accounts/'), () => HttpResponse.json([])))
    const { wrapper } = await renderWithApp('/accounts', { as: 'staff' })
    await until(() => expect(wrapper.text()).toContain('No accounts yet'))
  })

  it('shows an error with a retry that works', async () => {
    let fail = true
    mockBackend.use(
      http.get(endpoint('/accounts/'), () =>
        fail ? HttpResponse.text('Server Error (500)', { status: 500 }) : undefined,
      ),
    )
    const { wrapper } = await renderWithApp('/accounts', { as: 'staff' })
    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toContain('server had a problem'),
    )
    fail = false
    await wrapper.find('[role="alert"] button').trigger('click')
    await until(() => expect(rows(wrapper)).toHaveLength(1))
  })

  it('lists each account with what it has left, and says who may change them', async () => {
    const { wrapper } = await renderWithApp('/accounts', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(1))
    expect(rows(wrapper)[0]!.text()).toContain('Acme operating account')
    expect(rows(wrapper)[0]!.find('[data-testid="account-left"]').text()).toBe(formatAmount(120000))
    expect(wrapper.find('[data-testid="role-note"]').text()).toContain('Admins and Staff alike')
  })

  it('adds an account (Staff may)', async () => {
    const { wrapper } = await renderWithApp('/accounts', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(1))
    await wrapper.find('#account-name').setValue('Savings')
    await wrapper.find('#account-amount').setValue('250000')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(rows(wrapper)).toHaveLength(2))
    expect(wrapper.text()).toContain('Savings')
    expect(wrapper.find('[data-testid="toast"]').text()).toContain('Account “Savings” added')
    expect(wrapper.find('[data-testid="accounts-total"]').text()).toContain(formatAmount(370000))
  })

  it('checks the amount in the client, and shows the server’s field errors inline', async () => {
    const { wrapper } = await renderWithApp('/accounts', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(1))
    await wrapper.find('#account-name').setValue('Petty cash')
    await wrapper.find('#account-amount').setValue('12.50')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="account-amount-error"]').text()).toContain('whole amount')

    await wrapper.find('#account-name').setValue('x'.repeat(256))
    await wrapper.find('#account-amount').setValue('100')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="account-name-error"]').text()).toContain(
        'no more than 255 characters',
      ),
    )
    expect(rows(wrapper)).toHaveLength(1)
  })

  it('renames an account and adjusts its amount in place', async () => {
    const { wrapper } = await renderWithApp('/accounts', { as: 'admin' })
    await until(() => expect(rows(wrapper)).toHaveLength(1))
    await wrapper.find('button[aria-label="Edit Acme operating account"]').trigger('click')
    const row = rows(wrapper)[0]!
    expect((row.find('#account-1-amount').element as HTMLInputElement).value).toBe('120000')
    await row.find('#account-1-name').setValue('Main account')
    await row.find('#account-1-amount').setValue('650000')
    await row.find('form').trigger('submit')
    await until(() => expect(rows(wrapper)[0]!.text()).toContain('Main account'))
    expect(rows(wrapper)[0]!.find('[data-testid="account-left"]').text()).toBe(formatAmount(650000))
  })

  it("shows the server's field errors on the edit form", async () => {
    mockBackend.use(
      http.patch(endpoint('/accounts/:id/'), () =>
        HttpResponse.json({ amount: ['A valid integer is required.'] }, { status: 400 }),
      ),
    )
    const { wrapper } = await renderWithApp('/accounts', { as: 'staff' })
    await until(() => expect(rows(wrapper)).toHaveLength(1))
    await wrapper.find('button[aria-label="Edit Acme operating account"]').trigger('click')
    await rows(wrapper)[0]!.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="account-1-amount-error"]').text()).toContain(
        'valid integer',
      ),
    )
  })
})

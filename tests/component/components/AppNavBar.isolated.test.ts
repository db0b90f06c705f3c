/**
 * The kit's isolated mode: stores from @pinia/testing with the state a test gives them, actions as
 * spies, and an API client that refuses every request, so nothing reaches even the mock.
 */
import { describe, expect, it } from 'vitest'
import type { CurrentUserWire } from '@/api/users'
import AppNavBar from '@/components/layout/AppNavBar.vue'
import { useAuthStore } from '@/stores/auth'
import { useAccountsStore } from '@/stores/accounts'
import { IsolatedRequestError, mockBackend, renderIsolated } from '@/testing'
import AccountsView from '@/views/AccountsView.vue'

const gina: CurrentUserWire = {
  id: 3,
  first_name: 'Gina',
  last_name: 'Admin',
  email: 'admin@globex.test',
  photo: null,
  organization: 2,
  department: 3,
  employee_id: 'GLO-E001',
  role: 'Admin',
  is_active: true,
}

describe('renderIsolated', () => {
  it('renders from the state given, and a click reaches the stubbed action', async () => {
    const { wrapper, pinia } = await renderIsolated(AppNavBar, {
      tenant: 'globex',
      initialState: { auth: { user: gina } },
    })
    expect(wrapper.find('[data-testid="nav-user"]').text()).toBe('Gina Admin · Admin')
    expect(wrapper.find('.brand').text()).toBe('Globex')
    expect(wrapper.findAll('nav a').map((a) => a.text())).toContain('People')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Sign out')!
      .trigger('click')
    expect(useAuthStore(pinia).signOut).toHaveBeenCalledTimes(1)
    expect(mockBackend.stats.requests).toBe(0)
  })

  it('lets real actions run but sends nothing: a load fails with IsolatedRequestError', async () => {
    const { wrapper, pinia } = await renderIsolated(AccountsView, {
      stubActions: false,
      initialState: { auth: { user: gina } },
    })
    const accounts = useAccountsStore(pinia)
    expect(accounts.status).toBe('error')
    expect(accounts.error).toBeInstanceOf(IsolatedRequestError)
    expect(String(accounts.error)).toContain('GET /accounts/ was not sent')
    expect(wrapper.find('[role="alert"]').exists()).toBe(true)
    expect(mockBackend.stats.requests).toBe(0)
  })
})

/**
 * The "Checked by": a new view's component test written from the README alone, signed in
 * on globex as Staff, forcing a failed token renewal and checking the view's error state. Runs in
 * happy-dom (project `component`) and Chromium (project `browser`).
 */
import { describe, expect, it } from 'vitest'
import { mockBackend, renderWithApp, until } from '@/testing'
import SpendTotalView from './SpendTotalView.vue'

describe('SpendTotalView (a team view, from the README)', () => {
  it('shows the total, then the error state when the session cannot be renewed', async () => {
    const { wrapper, auth, idle } = await renderWithApp(SpendTotalView, {
      tenant: 'globex',
      as: 'staff',
      route: '/expenses',
    })
    await until(() => expect(wrapper.find('[data-testid="spend-total"]').text()).toMatch(/^3 /))
    await idle()

    mockBackend.expireAccessNow()
    mockBackend.failNextRefresh(500)
    await wrapper.find('[data-testid="spend-reload"]').trigger('click')

    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toMatch(/could not (be )?renew/i),
    )
    expect(mockBackend.stats.refreshCalls).toBe(1)
    expect(auth.user?.email).toBe('staff@globex.test')
  })

  it('shows the error state for a renewal that got no answer, and keeps the user signed in', async () => {
    const { wrapper, auth, idle } = await renderWithApp(SpendTotalView, {
      tenant: 'globex',
      as: 'staff',
    })
    await until(() => expect(wrapper.find('[data-testid="spend-total"]').exists()).toBe(true))
    await idle()
    mockBackend.expireAccessNow()
    mockBackend.failNextRefresh('network')
    await wrapper.find('[data-testid="spend-reload"]').trigger('click')

    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toMatch(/could not (be )?renew/i),
    )
    expect(wrapper.find('[role="alert"] button').text()).toBe('Try again')
    expect(auth.signedIn).toBe(true)
  })
})

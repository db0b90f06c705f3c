/**
 * The README's worked example ("Writing component tests"): a view on globex, signed in as Staff,
 * whose token renewal fails while it loads. Written with the kit alone; it runs in happy-dom
 * (project `component`) and in Chromium (project `browser`).
 */
import { describe, expect, it } from 'vitest'
import { mockBackend, renderWithApp, until } from '@/testing'

describe('ExpensesView when the token cannot be renewed', () => {
  it('shows the error state and keeps the user signed in (a 500 is no verdict)', async () => {
    const app = await renderWithApp('/', { tenant: 'globex', as: 'staff' })
    const { wrapper, router, auth } = app
    await app.idle() // Home has what it asked for: nothing in flight meets the failure below
    // The access token runs out, and the refresh that sets off meets Django's 500 page.
    mockBackend.expireAccessNow()
    mockBackend.failNextRefresh(500)
    await router.push('/expenses')

    // The requests that met the failure say "Could not renew the session."; one the view sends
    // during the backoff after it says "The session could not be renewed; retrying shortly.".
    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toMatch(/could not (be )?renew/i),
    )
    expect(mockBackend.stats.refreshCalls).toBe(1)
    // A server error says nothing about the refresh token: Hank stays signed in.
    expect(auth.user?.email).toBe('staff@globex.test')
  })

  it('sends the user to sign in when the refresh token is refused (401)', async () => {
    const { wrapper, router, idle } = await renderWithApp('/expenses', {
      tenant: 'globex',
      as: 'staff',
    })
    await until(() => expect(wrapper.findAll('[data-testid="expense-row"]')).toHaveLength(3))
    await idle()
    mockBackend.expireAccessNow()
    mockBackend.failNextRefresh(401)
    await router.push('/budgets')
    await until(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.redirect).toBe('/budgets')
  })
})

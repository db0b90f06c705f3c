import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, renderApp, until } from '../support/renderApp'

afterEach(cleanup)

const labels = (w: Awaited<ReturnType<typeof renderApp>>['wrapper']) =>
  w.findAll('nav[aria-label="Main"] a').map((a) => a.text())

describe('AppNavBar', () => {
  it('is absent when signed out', async () => {
    const { wrapper } = await renderApp('/login')
    expect(wrapper.find('nav[aria-label="Main"]').exists()).toBe(false)
  })

  it('shows Staff the everyday links only', async () => {
    const { wrapper } = await renderApp('/', { as: 'staff' })
    expect(labels(wrapper)).toEqual([
      'Home',
      'Accounts',
      'Budgets',
      'Expenses',
      'Insights',
      'Profile',
    ])
  })

  it('adds the Admin pages for an Admin', async () => {
    const { wrapper } = await renderApp('/', { as: 'admin' })
    expect(labels(wrapper)).toEqual([
      'Home',
      'Accounts',
      'Budgets',
      'Expenses',
      'Insights',
      'Departments',
      'People',
      'Profile',
    ])
  })

  it('signs out to the login page without keeping the page', async () => {
    const { wrapper, router } = await renderApp('/expenses', { as: 'staff' })
    const button = wrapper.findAll('button').find((b) => b.text() === 'Sign out')!
    await button.trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.redirect).toBeUndefined()
  })
})

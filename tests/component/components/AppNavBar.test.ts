import { describe, expect, it } from 'vitest'
import { renderWithApp, until } from '@/testing'

const labels = (w: Awaited<ReturnType<typeof renderWithApp>>['wrapper']) =>
  w.findAll('nav[aria-label="Main"] a').map((a) => a.text())

describe('AppNavBar', () => {
  it('is absent when signed out', async () => {
    const { wrapper } = await renderWithApp('/login')
    expect(wrapper.find('nav[aria-label="Main"]').exists()).toBe(false)
  })

  it('shows Staff the everyday links only', async () => {
    const { wrapper } = await renderWithApp('/', { as: 'staff' })
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
    const { wrapper } = await renderWithApp('/', { as: 'admin' })
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
    const { wrapper, router } = await renderWithApp('/expenses', { as: 'staff' })
    const button = wrapper.findAll('button').find((b) => b.text() === 'Sign out')!
    await button.trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.redirect).toBeUndefined()
  })
})

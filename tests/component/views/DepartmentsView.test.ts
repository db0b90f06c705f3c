import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

describe('DepartmentsView', () => {
  it('is forbidden to Staff', async () => {
    const { router, wrapper } = await renderWithApp('/departments', { as: 'staff' })
    expect(router.currentRoute.value.name).toBe('forbidden')
    expect(wrapper.find('h1').text()).toBe('Not allowed')
  })

  it('shows loading, then the list sorted by name', async () => {
    mockBackend.use(
      http.get(endpoint('/departments/'), async () => {
        await delay(80)
      }),
    )
    const { wrapper } = await renderWithApp('/departments', { as: 'admin' })
    expect(wrapper.find('[role="status"]').exists()).toBe(true)
    await until(() => expect(wrapper.findAll('[data-testid="department-row"]')).toHaveLength(2))
    expect(wrapper.findAll('[data-testid="department-row"]')[0]!.text()).toContain('Engineering')
  })

  it('shows an error state', async () => {
    mockBackend.use(
      http.get(endpoint('/departments/'), () => HttpResponse.json({}, { status: 500 })),
    )
    const { wrapper } = await renderWithApp('/departments', { as: 'admin' })
    await until(() => expect(wrapper.find('.state--error').exists()).toBe(true))
  })

  it('shows the duplicate-name error next to the field', async () => {
    const { wrapper } = await renderWithApp('/departments', { as: 'admin' })
    await until(() => expect(wrapper.findAll('[data-testid="department-row"]')).toHaveLength(2))
    await wrapper.find('#department-name').setValue('Finance')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="department-name-error"]').text()).toContain(
        'already exists',
      ),
    )
  })

  it('creates and renames a department', async () => {
    const { wrapper } = await renderWithApp('/departments', { as: 'admin' })
    await until(() => expect(wrapper.findAll('[data-testid="department-row"]')).toHaveLength(2))
    await wrapper.find('#department-name').setValue('Sales')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.findAll('[data-testid="department-row"]')).toHaveLength(3))
    const sales = wrapper
      .findAll('[data-testid="department-row"]')
      .find((r) => r.text().includes('Sales'))!
    await sales.find('button').trigger('click')
    const input = sales.find('input')
    await input.setValue('Sales & Marketing')
    await sales.find('form').trigger('submit')
    await until(() => expect(wrapper.text()).toContain('Sales & Marketing'))
    expect(wrapper.findAll('[data-testid="department-row"]').map((r) => r.text())).toEqual(
      expect.arrayContaining([expect.stringContaining('Sales & Marketing')]),
    )
  })
})

import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { cleanup, endpoint, mockBackend, renderWithApp, until } from '@/testing'

describe('PeopleView', () => {
  it('is forbidden to Staff', async () => {
    const { router } = await renderWithApp('/people', { as: 'staff' })
    expect(router.currentRoute.value.name).toBe('forbidden')
  })

  it('shows a loading state', async () => {
    mockBackend.use(http.get(endpoint('/auth/users/'), () => delay('infinite')))
    const { wrapper } = await renderWithApp('/people', { as: 'admin' })
    expect(wrapper.find('[role="status"]').text()).toContain('Loading')
  })

  it("lists the tenant's users for an Admin", async () => {
    const { wrapper } = await renderWithApp('/people', { as: 'admin' })
    await until(() => expect(wrapper.findAll('[data-testid="user-row"]')).toHaveLength(2))
    const table = wrapper.find('[data-testid="user-table"]').text()
    expect(table).toContain('staff@acme.test')
    expect(table).toContain('Engineering')
    expect(table).not.toContain('globex')
  })

  it('shows the empty and error states', async () => {
    mockBackend.use(http.get(endpoint('/auth/users/'), () => HttpResponse.json([])))
    const empty = await renderWithApp('/people', { as: 'admin' })
    await until(() => expect(empty.wrapper.text()).toContain('No one has joined yet'))
    cleanup()
    mockBackend.use(http.get(endpoint('/auth/users/'), () => HttpResponse.error()))
    const failed = await renderWithApp('/people', { as: 'admin' })
    await until(() =>
      expect(failed.wrapper.find('[role="alert"]').text()).toContain('Cannot reach'),
    )
  })
})

import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { useAuthStore } from '@/stores/auth'
import { endpoint, mockBackend, renderWithApp, submitForm, until } from '@/testing'

const profile = () => renderWithApp('/profile', { as: 'staff' })

describe('ProfileView', () => {
  it('shows the role read-only and fills the details form', async () => {
    const { wrapper } = await profile()
    await until(() =>
      expect((wrapper.find('#profile-department').element as HTMLSelectElement).disabled).toBe(
        false,
      ),
    )
    expect(wrapper.find('[data-testid="profile-role"]').text()).toBe('Staff')
    expect((wrapper.find('#profile-first-name').element as HTMLInputElement).value).toBe('Sam')
    expect((wrapper.find('#profile-department').element as HTMLSelectElement).value).toBe('2')
    expect(
      wrapper.find('select[name="role"], input[name="role"], [name="is_active"]').exists(),
    ).toBe(false)
  })

  it('saves name, employee id and department without sending role', async () => {
    let sent: Record<string, unknown> = {}
    mockBackend.use(
      http.patch(endpoint('/auth/users/me/'), async ({ request }) => {
        sent = (await request.clone().json()) as Record<string, unknown>
        return undefined
      }),
    )
    const { wrapper, pinia } = await profile()
    await until(() =>
      expect(wrapper.find('#profile-department option[value="1"]').exists()).toBe(true),
    )
    await wrapper.find('#profile-last-name').setValue('Staffer')
    await wrapper.find('#profile-department').setValue('1')
    await submitForm(wrapper, '#profile-employee-id')
    await until(() => expect(useAuthStore(pinia).user?.last_name).toBe('Staffer'))
    expect(useAuthStore(pinia).user?.department).toBe(1)
    expect(sent).not.toHaveProperty('role')
    expect(sent).not.toHaveProperty('is_active')
    expect(wrapper.text()).toContain('Profile saved')
  })

  it('shows a wrong current password next to its field (change password)', async () => {
    const { wrapper } = await profile()
    await wrapper.find('#password-current').setValue('not-my-password')
    await wrapper.find('#password-new').setValue('a-fresh-passphrase-7')
    await wrapper.find('#password-confirm').setValue('a-fresh-passphrase-7')
    await submitForm(wrapper, '#password-confirm')
    await until(() =>
      expect(wrapper.find('[data-testid="password-current-error"]').text()).toContain(
        'Invalid password',
      ),
    )
  })

  it('changes the password', async () => {
    const { wrapper } = await profile()
    await wrapper.find('#password-current').setValue('acme-staff-pass-1')
    await wrapper.find('#password-new').setValue('a-fresh-passphrase-7')
    await wrapper.find('#password-confirm').setValue('a-fresh-passphrase-7')
    await submitForm(wrapper, '#password-confirm')
    await until(() => expect(wrapper.text()).toContain('Password changed'))
  })

  it('shows a taken email inline, then changes to a free one', async () => {
    const { wrapper, pinia } = await profile()
    await wrapper.find('#email-new').setValue('admin@acme.test')
    await wrapper.find('#email-password').setValue('acme-staff-pass-1')
    await submitForm(wrapper, '#email-password')
    await until(() =>
      expect(wrapper.find('[data-testid="email-new-error"]').text()).toContain('already exists'),
    )
    await wrapper.find('#email-new').setValue('sam@ACME.test')
    await wrapper.find('#email-password').setValue('acme-staff-pass-1')
    await submitForm(wrapper, '#email-password')
    await until(() => expect(useAuthStore(pinia).user?.email).toBe('sam@acme.test'))
  })

  it('previews and uploads a photo as multipart', async () => {
    let contentType = ''
    mockBackend.use(
      http.patch(endpoint('/auth/users/me/'), ({ request }) => {
        contentType = request.headers.get('Content-Type') ?? ''
        return undefined
      }),
    )
    const { wrapper } = await profile()
    const png = Uint8Array.from(
      atob(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      ),
      (c) => c.charCodeAt(0),
    )
    const file = new File([png], 'pixel.png', { type: 'image/png' })
    const input = wrapper.find('#profile-photo')
    Object.defineProperty(input.element, 'files', { value: [file] })
    await input.trigger('change')
    expect(wrapper.find('[data-testid="photo-preview"]').attributes('alt')).toContain('Preview')
    await submitForm(wrapper, '#profile-photo')
    await until(() => expect(wrapper.text()).toContain('Photo updated'))
    expect(contentType).toContain('multipart/form-data')
  })

  it('deletes the account after the password, and signs out', async () => {
    const { wrapper, router, pinia } = await profile()
    await wrapper
      .findAll('button')
      .find((b) => b.text().startsWith('Delete my account'))!
      .trigger('click')
    await wrapper.find('#delete-password').setValue('wrong-one')
    await submitForm(wrapper, '#delete-password')
    await until(() =>
      expect(wrapper.find('[data-testid="delete-password-error"]').text()).toContain(
        'Invalid password',
      ),
    )
    await wrapper.find('#delete-password').setValue('acme-staff-pass-1')
    await submitForm(wrapper, '#delete-password')
    await until(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(useAuthStore(pinia).signedIn).toBe(false)
  })
})

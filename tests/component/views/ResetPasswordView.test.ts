import { describe, expect, it } from 'vitest'
import { cleanup, mockBackend, renderWithApp, until } from '@/testing'

async function mailLinkFor(email: string): Promise<string> {
  const { wrapper } = await renderWithApp('/forgot-password')
  await wrapper.find('#forgot-email').setValue(email)
  await wrapper.find('form').trigger('submit')
  await until(() => expect(wrapper.find('h1').text()).toBe('Check your email'))
  const mail = mockBackend.lastMail()
  expect(mail?.to).toBe(email)
  cleanup()
  return new URL(mail!.link).pathname
}

describe('ResetPasswordView', () => {
  it('checks the confirmation in the client', async () => {
    const { wrapper } = await renderWithApp('/auth/password/reset/Mg/some-token')
    await wrapper.find('#reset-password').setValue('brand-new-pass-42')
    await wrapper.find('#reset-password2').setValue('brand-new-pass-43')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="reset-password2-error"]').text()).toContain('do not match')
  })

  it('says the link is bad when the token is refused', async () => {
    const { wrapper } = await renderWithApp('/auth/password/reset/Mg/not-a-real-token')
    await wrapper.find('#reset-password').setValue('brand-new-pass-42')
    await wrapper.find('#reset-password2').setValue('brand-new-pass-42')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toContain('invalid or has already been used'),
    )
  })

  it('sets the new password from the mailed link, and it signs in', async () => {
    const path = await mailLinkFor('staff@acme.test')
    const { wrapper, router } = await renderWithApp(path)
    expect(router.currentRoute.value.name).toBe('reset-password')
    await wrapper.find('#reset-password').setValue('brand-new-pass-42')
    await wrapper.find('#reset-password2').setValue('brand-new-pass-42')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('h1').text()).toBe('Password changed'))
    // Sign in with the new password.
    await router.push('/login')
    await until(() => expect(wrapper.find('#login-email').exists()).toBe(true))
    await wrapper.find('#login-email').setValue('staff@acme.test')
    await wrapper.find('#login-password').setValue('brand-new-pass-42')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('home'))
  })
})

import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

describe('ForgotPasswordView', () => {
  it('asks for an address before calling the server', async () => {
    const { wrapper } = await renderWithApp('/forgot-password')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="forgot-email-error"]').text()).toContain('Enter your email')
  })

  it("shows the server's field error inline", async () => {
    const { wrapper } = await renderWithApp('/forgot-password')
    await wrapper.find('#forgot-email').setValue('not-an-email')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="forgot-email-error"]').text()).toContain('valid email'),
    )
  })

  it('is busy while sending, then says to check the mail', async () => {
    mockBackend.use(
      http.post(endpoint('/auth/users/reset_password/'), async () => {
        await delay(60)
        return new HttpResponse(null, { status: 204 })
      }),
    )
    const { wrapper } = await renderWithApp('/forgot-password')
    await wrapper.find('#forgot-email').setValue('staff@acme.test')
    await wrapper.find('form').trigger('submit')
    await until(() => expect(wrapper.find('button[type="submit"]').text()).toBe('Sending…'))
    await until(() => expect(wrapper.find('h1').text()).toBe('Check your email'))
  })

  it('reports a server failure', async () => {
    mockBackend.use(
      http.post(endpoint('/auth/users/reset_password/'), () =>
        HttpResponse.text('Server Error (500)', { status: 500 }),
      ),
    )
    const { wrapper } = await renderWithApp('/forgot-password')
    await wrapper.find('#forgot-email').setValue('staff@acme.test')
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[role="alert"]').text()).toContain('server had a problem'),
    )
  })
})

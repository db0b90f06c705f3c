import { delay, http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { endpoint, mockBackend, renderWithApp, until } from '@/testing'

async function fill(
  wrapper: Awaited<ReturnType<typeof renderWithApp>>['wrapper'],
  values: Partial<Record<string, string>>,
) {
  for (const [id, value] of Object.entries(values)) await wrapper.find(`#${id}`).setValue(value)
}

const valid = {
  'register-email': 'New.Person@ACME.test',
  'register-first-name': 'New',
  'register-last-name': 'Person',
  'register-employee-id': 'ACM-E099',
  'register-password': 'a-long-unusual-pass-9',
  'register-password2': 'a-long-unusual-pass-9',
}

describe('RegisterView', () => {
  it('checks the password confirmation in the client, next to its field', async () => {
    const { wrapper } = await renderWithApp('/register')
    await fill(wrapper, { ...valid, 'register-password2': 'something-else-1' })
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('[data-testid="register-password2-error"]').text()).toContain(
      'do not match',
    )
    expect(wrapper.find('#register-password2').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#register-password2').attributes('aria-describedby')).toContain(
      'register-password2-error',
    )
  })

  it("shows the server's field errors inline (duplicate email)", async () => {
    const { wrapper, router } = await renderWithApp('/register')
    await fill(wrapper, { ...valid, 'register-email': 'admin@acme.test' })
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="register-email-error"]').text()).toContain(
        'already exists',
      ),
    )
    expect(router.currentRoute.value.name).toBe('register')
  })

  it('shows a message when the server cannot be reached, and disables the button meanwhile', async () => {
    mockBackend.use(
      http.post(endpoint('/auth/users/'), async () => {
        await delay(50)
        return HttpResponse.error()
      }),
    )
    const { wrapper } = await renderWithApp('/register')
    await fill(wrapper, valid)
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined(),
    )
    await until(() => expect(wrapper.find('[role="alert"]').text()).toContain('Cannot reach'))
  })

  it('never sends an Authorization header', async () => {
    let authorization: string | null = 'unset'
    mockBackend.use(
      http.post(endpoint('/auth/users/'), ({ request }) => {
        authorization = request.headers.get('Authorization')
        return HttpResponse.json({ email: ['Enter a valid email address.'] }, { status: 400 })
      }),
    )
    const { wrapper } = await renderWithApp('/register')
    await fill(wrapper, valid)
    await wrapper.find('form').trigger('submit')
    await until(() =>
      expect(wrapper.find('[data-testid="register-email-error"]').exists()).toBe(true),
    )
    expect(authorization).toBeNull()
  })

  it('registers with a normalised email, signs in and goes home', async () => {
    const { wrapper, router } = await renderWithApp('/register')
    await fill(wrapper, valid)
    await wrapper.find('form').trigger('submit')
    await until(() => expect(router.currentRoute.value.name).toBe('home'), 5000)
    await until(() => expect(wrapper.find('[data-testid="user-name"]').text()).toBe('New Person'))
    expect(wrapper.text()).toContain('New.Person@acme.test')
  })
})

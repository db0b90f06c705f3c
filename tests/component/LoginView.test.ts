import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import App from '@/App.vue'
import { readConfig } from '@/config'
import { createAppRouter } from '@/router'
import { createServices, SERVICES } from '@/services'

async function mountApp(path: string) {
  const router = createAppRouter(createMemoryHistory())
  const services = createServices('acme.localhost', readConfig({ VITE_TOKEN_STORAGE: 'memory' }))
  const wrapper = mount(App, {
    global: { plugins: [createPinia(), router], provide: { [SERVICES as symbol]: services } },
    attachTo: document.body,
  })
  await router.push(path)
  await flushPromises()
  return { wrapper, router }
}

async function signIn(
  wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'],
  email: string,
  password: string,
) {
  await wrapper.find('#login-email').setValue(email)
  await wrapper.find('#login-password').setValue(password)
  await wrapper.find('form').trigger('submit')
  // Settled when the button is enabled again (failure) or the page has changed (success).
  await vi.waitFor(() => {
    const button = wrapper.find('button[type="submit"]')
    expect(button.exists() && button.attributes('disabled') !== undefined).toBe(false)
  })
  await flushPromises()
}

describe('LoginView (real store, mock backend)', () => {
  let unmount: (() => void) | null = null
  afterEach(() => unmount?.())

  it('sends a signed-out visitor of a protected page to sign in, keeping the path', async () => {
    const { wrapper, router } = await mountApp('/?view=all')
    unmount = () => wrapper.unmount()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/?view=all')
  })

  it("shows the server's message for a wrong password and stays on the page", async () => {
    const { wrapper, router } = await mountApp('/login')
    unmount = () => wrapper.unmount()
    await signIn(wrapper, 'admin@acme.test', 'not-the-password')
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'No active account found with the given credentials',
    )
    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeUndefined()
  })

  it('signs in with the right password and goes to the redirect target', async () => {
    const { wrapper, router } = await mountApp('/login?redirect=/forbidden')
    unmount = () => wrapper.unmount()
    await signIn(wrapper, 'admin@ACME.TEST', 'acme-admin-pass-1')
    expect(router.currentRoute.value.fullPath).toBe('/forbidden')
    expect(wrapper.text()).toContain('Ada Admin')
  })

  it('ignores a redirect to another origin', async () => {
    const { wrapper, router } = await mountApp('/login?redirect=//evil.example.com/x')
    unmount = () => wrapper.unmount()
    await signIn(wrapper, 'staff@acme.test', 'acme-staff-pass-1')
    expect(router.currentRoute.value.fullPath).toBe('/')
    expect(wrapper.find('[data-testid="user-role"]').text()).toBe('Staff')
  })

  it('disables the button while the request is in flight', async () => {
    const { wrapper } = await mountApp('/login')
    unmount = () => wrapper.unmount()
    await wrapper.find('#login-email').setValue('admin@acme.test')
    await wrapper.find('#login-password').setValue('acme-admin-pass-1')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('button[type="submit"]').text()).toBe('Signing in…')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="user-name"]').exists()).toBe(true))
  })
})

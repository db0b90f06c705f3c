import { describe, expect, it } from 'vitest'
import { renderWithApp, until } from '@/testing'

const mountApp = (path: string) => renderWithApp(path)

async function signIn(
  wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'],
  email: string,
  password: string,
) {
  await wrapper.find('#login-email').setValue(email)
  await wrapper.find('#login-password').setValue(password)
  await wrapper.find('form').trigger('submit')
  // Settled when the button is enabled again (failure) or the page has changed (success).
  await until(() => {
    const button = wrapper.find('button[type="submit"]')
    expect(button.exists() && button.attributes('disabled') !== undefined).toBe(false)
  })
}

describe('LoginView (real store, mock backend)', () => {
  it('sends a signed-out visitor of a protected page to sign in, keeping the path', async () => {
    const { router } = await mountApp('/?view=all')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/?view=all')
  })

  it("shows the server's message for a wrong password and stays on the page", async () => {
    const { wrapper, router } = await mountApp('/login')
    await signIn(wrapper, 'admin@acme.test', 'not-the-password')
    expect(wrapper.find('[role="alert"]').text()).toBe(
      'No active account found with the given credentials',
    )
    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeUndefined()
  })

  it('signs in with the right password and goes to the redirect target', async () => {
    const { wrapper, router } = await mountApp('/login?redirect=/forbidden')
    await signIn(wrapper, 'admin@ACME.TEST', 'acme-admin-pass-1')
    expect(router.currentRoute.value.fullPath).toBe('/forbidden')
    expect(wrapper.text()).toContain('Ada Admin')
  })

  it('goes to the redirect target once, also when every view is already loaded', async () => {
    const { wrapper, router, idle } = await mountApp('/login?redirect=/forbidden')
    // With the views it may go to loaded (a page in use for a while), nothing slows the first
    // navigation after sign-in, so a second one, if any, would land on top of it.
    await Promise.all(
      ['/forbidden', '/'].map((path) => {
        const view = router.resolve(path).matched[0]?.components?.default
        return typeof view === 'function' ? (view as () => Promise<unknown>)() : view
      }),
    )
    const visited: string[] = []
    router.afterEach((to) => void visited.push(to.fullPath))
    await signIn(wrapper, 'admin@acme.test', 'acme-admin-pass-1')
    await idle()
    await until(() => expect(wrapper.text()).toContain('Ada Admin'))
    expect(router.currentRoute.value.fullPath).toBe('/forbidden')
    expect(visited).toEqual(['/forbidden'])
  })

  it('never shows a protected page signed out, when a sign-out lands while its view loads', async () => {
    const { wrapper, router, auth } = await mountApp('/login')
    // The way to Home after sign-in has passed the guards; the user signs out (here, or another
    // tab) before it lands, as a click on "Sign out" during a slow view load does.
    router.beforeResolve(async (to) => {
      if (to.name === 'home' && auth.signedIn) await auth.signOut()
    })
    await wrapper.find('#login-email').setValue('staff@acme.test')
    await wrapper.find('#login-password').setValue('acme-staff-pass-1')
    await wrapper.find('form').trigger('submit')
    // Back on a fresh sign-in page (its fields empty), not on Home.
    await until(() => expect(wrapper.find<HTMLInputElement>('#login-email').element.value).toBe(''))
    expect(router.currentRoute.value.name).toBe('login')
    expect(auth.signedIn).toBe(false)
    expect(wrapper.find('[data-testid="nav-user"]').exists()).toBe(false)
  })

  it('ignores a redirect to another origin', async () => {
    const { wrapper, router } = await mountApp('/login?redirect=//evil.example.com/x')
    await signIn(wrapper, 'staff@acme.test', 'acme-staff-pass-1')
    expect(router.currentRoute.value.fullPath).toBe('/')
    expect(wrapper.find('[data-testid="user-role"]').text()).toBe('Staff')
  })

  it('disables the button while the request is in flight', async () => {
    const { wrapper } = await mountApp('/login')
    await wrapper.find('#login-email').setValue('admin@acme.test')
    await wrapper.find('#login-password').setValue('acme-admin-pass-1')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('button[type="submit"]').text()).toBe('Signing in…')
    await until(() => expect(wrapper.find('[data-testid="user-name"]').exists()).toBe(true))
  })
})

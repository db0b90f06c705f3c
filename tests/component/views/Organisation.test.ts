/**
 * The organisation's name and state on each backend: the original (`tenants/` lists the host's own
 * row, no `tenants/current/`, an unknown host is a 500 page) and the hardened one (the tenant gate
 * and `tenants/current/`). The whole app, real stores, the MSW mock, on several tenant hosts.
 */
import { http, HttpResponse } from 'msw'
import { beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { endpoint, mockBackend, mockNetwork, renderWithApp, until } from '@/testing'

/** The app as a browser on `http://<tenant>.localhost:5173` runs it (each host its own API). */
const renderOn = (tenant: string, path: string) => renderWithApp(path, { tenant })

async function signIn(wrapper: VueWrapper, email: string, password: string): Promise<void> {
  await wrapper.find('#login-email').setValue(email)
  await wrapper.find('#login-password').setValue(password)
  await wrapper.find('form').trigger('submit')
  await until(() => expect(wrapper.find('[data-testid="nav-user"]').exists()).toBe(true))
}

const heading = (wrapper: VueWrapper) => wrapper.find('h1').text()
const loginOrganisation = (wrapper: VueWrapper) =>
  wrapper.find('[data-testid="login-organisation"]').text()
const brand = (wrapper: VueWrapper) => wrapper.find('header .brand').text()
const homeOrganisation = (wrapper: VueWrapper) =>
  wrapper.find('[data-testid="organisation"]').text()

/** Every request the app sent to a tenants endpoint, as `host path`. */
function recordTenantRequests(): string[] {
  const seen: string[] = []
  mockNetwork().events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    if (url.pathname.includes('/tenants/')) seen.push(`${url.hostname} ${url.pathname}`)
  })
  return seen
}

const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
  '  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n'
const htmlPage = (status: number, body: string) =>
  new HttpResponse(body, {
    status,
    headers: { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' },
  })

describe('on the original backend (mock profile original: tenants/ lists the host row)', () => {
  beforeEach(() => mockBackend.useProfile('original'))

  it("names the organisation on the sign-in page from the host's own row", async () => {
    const seen = recordTenantRequests()
    const { wrapper, router } = await renderOn('acme', '/')
    expect(router.currentRoute.value.name).toBe('login')
    expect(loginOrganisation(wrapper)).toBe('to Acme Corporation')
    expect(seen).toEqual(['acme.localhost /api/v1/tenants/'])
  })

  it('shows the name in the nav bar and on Home once signed in, never asking tenants/current/', async () => {
    const seen = recordTenantRequests()
    const { wrapper } = await renderOn('globex', '/login')
    await signIn(wrapper, 'admin@globex.test', 'globex-admin-pass-1')
    expect(brand(wrapper)).toBe('Globex Corporation')
    await until(() => expect(homeOrganisation(wrapper)).toBe('Globex Corporation'))
    // Once before sign-in, once with the profile after it; the 404 endpoint is never tried.
    expect(seen).toEqual(['globex.localhost /api/v1/tenants/', 'globex.localhost /api/v1/tenants/'])
  })

  it('keeps the name on the sign-in page after signing out', async () => {
    const { wrapper, router } = await renderOn('acme', '/login')
    await signIn(wrapper, 'staff@acme.test', 'acme-staff-pass-1')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Sign out')!
      .trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('login'))
    await until(() => expect(loginOrganisation(wrapper)).toBe('to Acme Corporation'))
  })

  it('keeps a known organisation live when tenants/ fails once it is known', async () => {
    const { wrapper, router } = await renderOn('acme', '/login')
    mockBackend.use(http.get(endpoint('/tenants/'), () => HttpResponse.error()))
    await signIn(wrapper, 'admin@acme.test', 'acme-admin-pass-1')
    expect(brand(wrapper)).toBe('Acme Corporation')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Sign out')!
      .trigger('click')
    await until(() => expect(router.currentRoute.value.name).toBe('login'))
    await until(() => expect(loginOrganisation(wrapper)).toBe('to Acme Corporation'))
    expect(wrapper.text()).not.toContain('We could not reach the server')
  })

  it('shows "organisation not found" for an unknown host (its 500 page), not an error', async () => {
    const { wrapper, router } = await renderOn('nope', '/')
    expect(router.currentRoute.value.name).toBe('organisation-not-found')
    expect(heading(wrapper)).toBe('Organisation not found')
    expect(wrapper.text()).toContain('No organisation lives at this address.')
  })

  it('shows the inactive state, naming the organisation, when its row says inactive', async () => {
    // The seed's own schema copy says is_active: true (its signal inserts it so), so the row an
    // operator marked inactive in that copy is served here.
    mockBackend.use(
      http.get(endpoint('/tenants/'), () =>
        HttpResponse.json([
          {
            id: 1,
            name: 'Initech',
            is_active: false,
            schema: 'initech',
            subdomain: 'initech.localhost',
            tenant_id: 'INI-1003',
          },
        ]),
      ),
    )
    const { wrapper, router } = await renderOn('initech', '/login')
    expect(router.currentRoute.value.name).toBe('organisation-not-found')
    expect(heading(wrapper)).toBe('Organisation inactive')
    expect(wrapper.text()).toContain('Initech is inactive.')
  })

  it("shows the inactive tenant's host as live when its own row says active (no gate)", async () => {
    const { wrapper, router } = await renderOn('initech', '/')
    expect(router.currentRoute.value.name).toBe('login')
    expect(loginOrganisation(wrapper)).toBe('to Initech')
  })
})

describe('on the hardened backend (mock profile hardened: the tenant gate, tenants/current/)', () => {
  it('shows the host label signed out (401), then the name once signed in', async () => {
    const seen = recordTenantRequests()
    const { wrapper } = await renderOn('acme', '/login')
    expect(loginOrganisation(wrapper)).toBe('to Acme')
    await signIn(wrapper, 'admin@acme.test', 'acme-admin-pass-1')
    // The name comes from tenants/current/, asked once the session exists: wait for its answer.
    await until(() => expect(brand(wrapper)).toBe('Acme Corporation'))
    await until(() => expect(homeOrganisation(wrapper)).toBe('Acme Corporation'))
    // tenants/ is asked once; after tenants/current/ answered, only it is asked.
    await until(() =>
      expect(seen).toEqual([
        'acme.localhost /api/v1/tenants/',
        'acme.localhost /api/v1/tenants/current/',
        'acme.localhost /api/v1/tenants/current/',
      ]),
    )
  })

  it('shows "organisation not found" for an unknown host (404 tenant_not_found)', async () => {
    const { wrapper, router } = await renderOn('nope', '/expenses')
    expect(router.currentRoute.value.name).toBe('organisation-not-found')
    expect(heading(wrapper)).toBe('Organisation not found')
  })

  it('shows the inactive state (403 tenant_inactive)', async () => {
    const { wrapper, router } = await renderOn('initech', '/')
    expect(router.currentRoute.value.name).toBe('organisation-not-found')
    expect(heading(wrapper)).toBe('Organisation inactive')
    expect(wrapper.text()).toContain('This organisation is inactive.')
  })
})

describe('when the backend does not say', () => {
  it('shows the host label when neither endpoint exists', async () => {
    mockBackend.use(
      http.get(endpoint('/tenants/'), () => htmlPage(404, NOT_FOUND_HTML)),
      http.get(endpoint('/tenants/current/'), () => htmlPage(404, NOT_FOUND_HTML)),
    )
    const { wrapper, router } = await renderOn('globex', '/')
    expect(router.currentRoute.value.name).toBe('login')
    expect(loginOrganisation(wrapper)).toBe('to Globex')
    await signIn(wrapper, 'staff@globex.test', 'globex-staff-pass-1')
    expect(brand(wrapper)).toBe('Globex')
    await until(() => expect(homeOrganisation(wrapper)).toBe('Globex'))
  })

  it('says the server is unreachable on a network error, and still offers sign-in', async () => {
    mockBackend.use(http.get(endpoint('/tenants/'), () => HttpResponse.error()))
    const { wrapper, router } = await renderOn('acme', '/')
    expect(router.currentRoute.value.name).toBe('login')
    expect(loginOrganisation(wrapper)).toBe('to Acme')
    expect(wrapper.find('[role="status"]').text()).toContain('We could not reach the server')
  })
})

/** The tenant store: what the host's organisation is, as each backend profile tells it. */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { useAuthStore } from '@/stores/auth'
import { useTenantStore } from '@/stores/tenant'
import { endpoint, mockBackend } from '@/testing'
import { storeApp } from './storeApp'

/** Counts the requests to one tenants endpoint (MSW sees each before the mock answers it). */
function countCalls(path: string): { count: number } {
  const calls = { count: 0 }
  mockBackend.use(
    http.get(endpoint(path), () => {
      calls.count += 1
    }),
  )
  return calls
}

describe('tenant store', () => {
  it('on the original backend, reads the organisation from tenants/ and asks it alone after', async () => {
    mockBackend.useProfile('original')
    const { pinia } = await storeApp({ tenant: 'globex' })
    const tenant = useTenantStore(pinia)
    expect([tenant.slug, tenant.state, tenant.name]).toEqual(['globex', 'unknown', 'Globex'])
    const list = countCalls('/tenants/')
    await tenant.probe()
    expect(tenant.state).toBe('tenant')
    expect(tenant.source).toBe('list')
    expect(tenant.organisation?.name).toBeTruthy()
    // Settled: a probe asks nothing more; a load asks the endpoint that answered.
    await tenant.probe()
    expect(list.count).toBe(1)
    await tenant.load()
    expect(list.count).toBe(2)
  })

  it('stays live through a reload that gets no answer, and a signed-out probe after a failure asks again', async () => {
    const { pinia } = await storeApp()
    const tenant = useTenantStore(pinia)
    mockBackend.use(http.get(endpoint('/tenants/'), () => HttpResponse.error()))
    await tenant.probe()
    expect([tenant.state, tenant.source]).toEqual(['unreachable', null])
    mockBackend.resetHandlers()
    await tenant.probe()
    expect(tenant.state).toBe('tenant')
    mockBackend.use(http.get(endpoint('/tenants/current/'), () => HttpResponse.error()))
    await tenant.load()
    expect(tenant.state).toBe('tenant')
  })

  it('on the hardened backend, shows the details signed in and forgets them on clear()', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const tenant = useTenantStore(pinia)
    await tenant.load()
    expect(tenant.source).toBe('current')
    const name = tenant.organisation?.name
    expect(name).toBeTruthy()
    await useAuthStore(pinia).signOut()
    tenant.clear()
    expect(tenant.organisation).toBeNull()
    // The host label stays as the name.
    expect([tenant.state, tenant.name]).toEqual(['tenant', 'Acme'])
  })

  it('tells an unknown organisation from an inactive one (Initech, seeded inactive)', async () => {
    const unknown = useTenantStore((await storeApp({ tenant: 'hooli' })).pinia)
    await unknown.probe()
    expect(unknown.state).toBe('not_found')
    const inactive = useTenantStore((await storeApp({ tenant: 'initech' })).pinia)
    await inactive.probe()
    expect(inactive.state).toBe('inactive')
  })

  it('keeps the answer of the latest load when an earlier one answers last', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const tenant = useTenantStore(pinia)
    await tenant.load()
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let first = true
    mockBackend.use(
      http.get(endpoint('/tenants/current/'), async () => {
        if (!first) return HttpResponse.json({ code: 'tenant_inactive' }, { status: 403 })
        first = false
        await held
        return HttpResponse.error()
      }),
    )
    const slow = tenant.load()
    await tenant.load()
    expect(tenant.state).toBe('inactive')
    release()
    await slow
    expect(tenant.state).toBe('inactive')
  })
})

/** The organisation this host belongs to, as the hostname and the backend's tenant gate say. */
import { defineStore } from 'pinia'
import { inject, ref } from 'vue'
import { getCurrentTenant, probeTenant, type TenantWire } from '@/api/tenants'
import { isApiError, toApiError } from '@/core/http/errors'
import { SERVICES } from '@/services'

/** tenant: a live organisation; public: the apex (organisation finder); the rest are dead ends. */
export type TenantState =
  'unknown' | 'tenant' | 'public' | 'invalid' | 'not_found' | 'inactive' | 'unreachable'

export const useTenantStore = defineStore('tenant', () => {
  const services = inject(SERVICES)!
  const tenancy = services.tenancy
  const slug = tenancy.kind === 'tenant' ? tenancy.tenant : null
  const state = ref<TenantState>(tenancy.kind === 'tenant' ? 'unknown' : tenancy.kind)
  const organisation = ref<TenantWire | null>(null)

  function fail(error: unknown): void {
    const e = toApiError(error)
    if (isApiError(e) && e.code === 'tenant_not_found') state.value = 'not_found'
    else if (isApiError(e) && e.code === 'tenant_inactive') state.value = 'inactive'
    else state.value = 'unreachable'
  }

  /** Without a session: ask the tenant gate whether this organisation exists. */
  async function probe(): Promise<void> {
    if (!slug) return
    try {
      await probeTenant(services.http)
      state.value = 'tenant'
    } catch (e) {
      fail(e)
    }
  }

  /** With a session: load the organisation's details (this also proves the gate lets us in). */
  async function load(): Promise<void> {
    if (!slug) return
    try {
      organisation.value = await getCurrentTenant(services.http)
      state.value = 'tenant'
    } catch (e) {
      fail(e)
    }
  }

  function clear(): void {
    organisation.value = null
  }

  return { slug, state, organisation, probe, load, clear }
})

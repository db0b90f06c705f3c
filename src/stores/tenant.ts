/** The organisation this host belongs to, as the hostname and whichever tenants endpoint say. */
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  labelName,
  lookupOrganisation,
  type Organisation,
  type TenantSource,
} from '@/api/tenantLookup'
import { useServices } from '@/composables/useServices'

/** tenant: a live organisation; public: the apex (organisation finder); the rest are dead ends. */
export type TenantState =
  'unknown' | 'tenant' | 'public' | 'invalid' | 'not_found' | 'inactive' | 'unreachable'

export const useTenantStore = defineStore('tenant', () => {
  const { tenancy, api } = useServices()
  const slug = tenancy.kind === 'tenant' ? tenancy.tenant : null
  const state = ref<TenantState>(tenancy.kind === 'tenant' ? 'unknown' : tenancy.kind)
  /** What the backend said of the organisation; null until it said something. */
  const organisation = ref<Organisation | null>(null)
  /** The endpoint that answered for this host (null: not asked yet, or nothing answered). */
  const source = ref<TenantSource | null>(null)
  /** The name to show: the backend's, else the host label. */
  const name = computed(() => organisation.value?.name ?? (slug ? labelName(slug) : ''))
  let latest = 0

  /** Asks the backend (the endpoint that answered before, if any) and keeps what it says. */
  async function load(): Promise<void> {
    if (!slug) return
    const call = ++latest
    const found = await lookupOrganisation(api.tenantEndpoints(), slug, source.value)
    if (call !== latest) return
    source.value = found.source ?? source.value
    if (found.organisation) organisation.value = found.organisation
    // A live organisation stays live through a failed reload: no answer is not a verdict.
    if (found.state === 'unreachable' && state.value === 'tenant') return
    state.value = found.state
  }

  /** Signed out: settle the organisation's state once (again only after a failed attempt). */
  async function probe(): Promise<void> {
    if (state.value === 'unknown' || state.value === 'unreachable') await load()
  }

  /** On sign-out: forget details that only a signed-in user was shown (tenants/current/). */
  function clear(): void {
    if (source.value === 'current') organisation.value = null
  }

  return { slug, state, organisation, source, name, probe, load, clear }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useTenantStore, import.meta.hot))

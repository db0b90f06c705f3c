/** The tenants app: the current organisation, and the public lookup by organisation code. */
import type { AxiosInstance } from 'axios'

export interface TenantWire {
  id: number
  name: string
  business_phone_number: string
  business_email: string
  is_active: boolean
  schema: string
  subdomain: string
  tenant_id: string
  created: string
  updated: string
}

export interface TenantInfoWire {
  name: string
  subdomain: string
  organization_id: string
}

export async function getCurrentTenant(http: AxiosInstance): Promise<TenantWire> {
  const { data } = await http.get<TenantWire>('/tenants/current/')
  return data
}

/** Public: never sends Authorization (a stale token would turn it into a 401). */
export async function findTenant(
  http: AxiosInstance,
  organisationCode: string,
): Promise<TenantInfoWire> {
  const { data } = await http.post<TenantInfoWire>(
    '/tenants/info/',
    { tenant_id: organisationCode },
    { skipAuth: true },
  )
  return data
}

/**
 * Asks the backend's tenant gate whether this host is a live organisation, without credentials:
 * a 401 means the gate let us through; 404/403 carry `tenant_not_found` / `tenant_inactive`.
 */
export async function probeTenant(http: AxiosInstance): Promise<void> {
  await http.get('/tenants/current/', {
    skipAuth: true,
    validateStatus: (s) => s === 401 || s < 300,
  })
}

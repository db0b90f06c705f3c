/**
 * The tenants app: the host's organisation (the original's `tenants/` list, the hardened
 * `tenants/current/`), the public lookup by organisation code (`tenants/info/`), and departments.
 */
import type { AxiosInstance, AxiosRequestConfig } from 'axios'
import { isApiError, toApiError } from '@/core/http/errors'
import type { TenantAnswer, TenantEndpoints } from './tenantLookup'

/** A row of the Tenant model, as both backends serialise it. */
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

/** Any answer as data: a status and its body (JSON, or the raw text of HTML and broken JSON). */
async function answerOf(
  http: AxiosInstance,
  url: string,
  config: AxiosRequestConfig,
): Promise<TenantAnswer> {
  try {
    const { status, data } = await http.get<unknown>(url, config)
    return { kind: 'answer', status, body: data }
  } catch (error) {
    const e = toApiError(error)
    // No answer: the network, a timeout, or a session that could not renew its token.
    return isApiError(e)
      ? { kind: 'answer', status: e.status, body: e.body }
      : { kind: 'no-answer' }
  }
}

/**
 * `GET tenants/` (the original, AllowAny): the tenant table of the host's schema, so on a tenant
 * host its own row. Public: a stale token must not turn it into a 401.
 */
export function listTenants(http: AxiosInstance): Promise<TenantAnswer> {
  return answerOf(http, '/tenants/', { skipAuth: true })
}

/**
 * `GET tenants/current/` (the hardened backend): the row when signed in, 401 signed out; the
 * tenant gate's 404 `tenant_not_found` / 403 `tenant_inactive` either way. Sends the session's
 * token when there is one (and renews it on an expired-token 401, like any authenticated call).
 */
export function currentTenant(http: AxiosInstance): Promise<TenantAnswer> {
  return answerOf(http, '/tenants/current/', {})
}

/** Both ways of asking, bound to one client. */
export function tenantEndpoints(http: AxiosInstance): TenantEndpoints {
  return { list: () => listTenants(http), current: () => currentTenant(http) }
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

/** A department (the tenants app): `name` is unique in the tenant. */
export interface DepartmentWire {
  id: number
  created: string
  updated: string
  name: string
}

/** Newest first (`-created`), as the server orders them. */
export async function listDepartments(http: AxiosInstance): Promise<DepartmentWire[]> {
  const { data } = await http.get<DepartmentWire[]>('/departments/')
  return data
}

export async function createDepartment(http: AxiosInstance, name: string): Promise<DepartmentWire> {
  const { data } = await http.post<DepartmentWire>('/departments/', { name })
  return data
}

export async function renameDepartment(
  http: AxiosInstance,
  id: number,
  name: string,
): Promise<DepartmentWire> {
  const { data } = await http.patch<DepartmentWire>(`/departments/${id}/`, { name })
  return data
}

/** Axios instances bound to one tenant's API base URL. */
import axios, { type AxiosInstance } from 'axios'

export interface HttpClientOptions {
  baseURL: string
  timeoutMs?: number
}

export function createHttpClient({
  baseURL,
  timeoutMs = 15_000,
}: HttpClientOptions): AxiosInstance {
  return axios.create({
    baseURL,
    timeout: timeoutMs,
    headers: { Accept: 'application/json' },
  })
}

/** `/api/v1` (same origin) or a template such as `https://{tenant}.api.example.com/api/v1`. */
export function apiBaseUrl(template: string, tenant: string): string {
  return template.replaceAll('{tenant}', encodeURIComponent(tenant)).replace(/\/+$/, '')
}

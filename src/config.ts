/** import.meta.env read once into a typed, frozen config. */
import type { BackendSettings } from './core/auth/session/backend'
import type { StorageKind } from './core/auth/tokenStorage'

export interface AppConfig {
  /** Tenants are the first label below this domain. */
  baseDomain: string
  reservedSubdomains: string[]
  tenantOverride: string | null
  /** Same origin `/api/v1`, or a template with `{tenant}`. */
  apiBaseUrl: string
  tokenStorage: StorageKind
  /**
   * The simplejwt settings no answer shows (rotation and the blacklist are detected): the tenant
   * claim (`VITE_TENANT_CLAIM`, default `tenant`, checked when present; `VITE_REQUIRE_TENANT_CLAIM`
   * refuses tokens without it) and the header type (`VITE_AUTH_HEADER_TYPE`, default `Bearer`).
   */
  backend: BackendSettings
}

export function readConfig(env: Record<string, string | boolean | undefined>): AppConfig {
  const text = (key: string): string | undefined => {
    const v = env[key]
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
  }
  const storage = text('VITE_TOKEN_STORAGE')
  return {
    baseDomain: text('VITE_BASE_DOMAIN') ?? 'localhost',
    reservedSubdomains: (text('VITE_RESERVED_SUBDOMAINS') ?? 'www,app')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    tenantOverride: text('VITE_TENANT_OVERRIDE') ?? null,
    apiBaseUrl: text('VITE_API_BASE_URL') ?? '/api/v1',
    tokenStorage: storage === 'session' || storage === 'memory' ? storage : 'local',
    backend: {
      tenantClaim: text('VITE_TENANT_CLAIM') ?? 'tenant',
      requireTenantClaim: /^(true|1|yes)$/i.test(text('VITE_REQUIRE_TENANT_CLAIM') ?? ''),
      headerType: text('VITE_AUTH_HEADER_TYPE') ?? 'Bearer',
    },
  }
}

export const config: Readonly<AppConfig> = Object.freeze(readConfig(import.meta.env))

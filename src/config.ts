/** import.meta.env read once into a typed, frozen config. */
import type { StorageKind } from './core/auth/tokenStorage'

export interface AppConfig {
  /** Tenants are the first label below this domain. */
  baseDomain: string
  reservedSubdomains: string[]
  tenantOverride: string | null
  /** Same origin `/api/v1`, or a template with `{tenant}`. */
  apiBaseUrl: string
  tokenStorage: StorageKind
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
  }
}

export const config: Readonly<AppConfig> = Object.freeze(readConfig(import.meta.env))

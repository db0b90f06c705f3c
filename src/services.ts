/**
 * The composition root: resolves the tenant once from the hostname and builds the storage, the
 * session and the HTTP clients for it. The only module that reads window.location.
 */
import type { AxiosInstance } from 'axios'
import type { InjectionKey } from 'vue'
import { createApi, type Api } from './api/createApi'
import type { AppConfig } from './config'
import { createBackendKnowledge } from './core/auth/session/backend'
import { browserEnvironment } from './core/auth/environment'
import { createSession, type Session } from './core/auth/session/session'
import { createTokenApi } from './core/auth/session/tokenApi'
import { createAccessStorage, createTokenStorage } from './core/auth/tokenStorage'
import { installAuthInterceptors } from './core/http/authInterceptors'
import { apiBaseUrl, createHttpClient } from './core/http/createHttpClient'
import { resolveTenant, type TenantResolution } from './core/tenant/resolveTenant'

export interface Services {
  config: Readonly<AppConfig>
  tenancy: TenantResolution
  /** The API client with auth handling; without a tenant it reaches only public endpoints. */
  http: AxiosInstance
  /** Every API call, bound to `http`. */
  api: Api
  /** Null on the public host: there is no organisation to sign in to. */
  session: Session | null
}

export const SERVICES: InjectionKey<Services> = Symbol('services')

export function createServices(hostname: string, config: Readonly<AppConfig>): Services {
  const tenancy = resolveTenant(hostname, {
    baseDomain: config.baseDomain,
    reserved: config.reservedSubdomains,
    override: config.tenantOverride,
  })
  if (tenancy.kind !== 'tenant') {
    const base = config.apiBaseUrl.includes('{tenant}') ? '' : config.apiBaseUrl
    const http = createHttpClient({ baseURL: base })
    return { config, tenancy, http, api: createApi(http), session: null }
  }
  const baseURL = apiBaseUrl(config.apiBaseUrl, tenancy.tenant)
  const log = import.meta.env.DEV
    ? (message: string) => console.debug(`[auth:${tenancy.tenant}] ${message}`)
    : undefined
  // What the backend does (rotation, blacklist, header type) is learnt once, for every caller.
  const backend = createBackendKnowledge(config.backend, (message) => {
    log?.(message)
    if (/set VITE_/.test(message)) console.warn(`[auth:${tenancy.tenant}] ${message}`)
  })
  const session = createSession({
    tenant: tenancy.tenant,
    backend,
    api: createTokenApi(createHttpClient({ baseURL }), backend),
    storage: createTokenStorage(config.tokenStorage, tenancy.tenant),
    // A reload of this tab reuses its access token while it works (not with `memory`).
    accessStorage: createAccessStorage(config.tokenStorage, tenancy.tenant),
    environment: browserEnvironment(),
    // Tabs coordinate only when they share the refresh token (localStorage of this origin). The
    // plug-in is its own chunk, fetched at once, alongside the first route's view; the session
    // holds every refresh, sign-in and sign-out until it is in.
    ...(config.tokenStorage === 'local' && {
      loadTabs: () =>
        import('./core/auth/tabs/browserPorts').then((m) => m.browserTabProtocol(tenancy.tenant)),
    }),
    log,
  })
  const http = createHttpClient({ baseURL })
  installAuthInterceptors(http, session)
  return { config, tenancy, http, api: createApi(http), session }
}

export function createBrowserServices(config: Readonly<AppConfig>): Services {
  return createServices(window.location.hostname, config)
}

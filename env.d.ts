/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** 'true' starts the MSW mock backend in the browser (dev and demo builds only). */
  readonly VITE_API_MOCKING?: string
  /** Base domain whose first label is the tenant, e.g. 'localhost' or 'example.com'. */
  readonly VITE_BASE_DOMAIN?: string
  /** API base: '/api/v1' (same origin) or a template such as 'https://{tenant}.api.example.com/api/v1'. */
  readonly VITE_API_BASE_URL?: string
  /** Development override: use this tenant whatever the hostname says. */
  readonly VITE_TENANT_OVERRIDE?: string
  /** Comma-separated subdomains that are not tenants (default 'www,app'). */
  readonly VITE_RESERVED_SUBDOMAINS?: string
  /** Where the refresh token lives: 'local' (default), 'session' or 'memory'. */
  readonly VITE_TOKEN_STORAGE?: string
  /** The mock backend's profile in dev and demo: 'original' (default) or 'hardened'. */
  readonly VITE_MOCK_PROFILE?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}

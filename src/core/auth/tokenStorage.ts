/**
 * Where the refresh token survives a reload (and, in the tab's own sessionStorage, its access
 * token: `createAccessStorage`). Trade-off: anything in web storage can be read by script injected
 * into the page; `memory` avoids that at the price of a sign-in per reload.
 */
export interface TokenStorage {
  get(): string | null
  set(token: string): void
  clear(): void
  /** The key, for listeners of the `storage` event. */
  readonly key: string
}

export type StorageKind = 'local' | 'session' | 'memory'

export function storageKey(tenant: string): string {
  return `auth:${tenant}:refresh`
}

export function memoryStorage(tenant: string): TokenStorage {
  let value: string | null = null
  return {
    key: storageKey(tenant),
    get: () => value,
    set: (token) => {
      value = token
    },
    clear: () => {
      value = null
    },
  }
}

/** Web storage that never throws: a full or blocked store degrades to "nothing stored". */
export function webStorage(store: Storage, tenant: string, key = storageKey(tenant)): TokenStorage {
  return {
    key,
    get: () => {
      try {
        return store.getItem(key)
      } catch {
        return null
      }
    },
    set: (token) => {
      try {
        store.setItem(key, token)
      } catch {
        // quota or privacy mode: the session still works for this page
      }
    },
    clear: () => {
      try {
        store.removeItem(key)
      } catch {
        // nothing to clear
      }
    },
  }
}

/**
 * Where this tab keeps its access token across a reload: its own `sessionStorage` (never shared
 * with other tabs, gone when the tab closes), when the refresh token is in web storage anyway.
 * None with `memory`: whoever chose that keeps no token where script can read it.
 */
export function createAccessStorage(
  kind: StorageKind,
  tenant: string,
  scope: { sessionStorage?: Storage } = globalThis,
): TokenStorage | null {
  if (kind === 'memory' || !scope.sessionStorage) return null
  return webStorage(scope.sessionStorage, tenant, accessKey(tenant))
}

export function accessKey(tenant: string): string {
  return `auth:${tenant}:access`
}

export function createTokenStorage(
  kind: StorageKind,
  tenant: string,
  scope: { localStorage?: Storage; sessionStorage?: Storage } = globalThis,
): TokenStorage {
  if (kind === 'local' && scope.localStorage) return webStorage(scope.localStorage, tenant)
  if (kind === 'session' && scope.sessionStorage) return webStorage(scope.sessionStorage, tenant)
  return memoryStorage(tenant)
}

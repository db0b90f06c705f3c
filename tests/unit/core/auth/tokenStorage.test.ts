/** Where the tokens survive a reload: the kinds of storage, their keys, and storage that fails. */
import { describe, expect, it } from 'vitest'
import {
  accessKey,
  createAccessStorage,
  createTokenStorage,
  storageKey,
  webStorage,
} from '@/core/auth/tokenStorage'
import { webStore as store } from '../helpers'

/** Storage that refuses everything (privacy mode, quota, a sandboxed frame). */
const refusing = {
  getItem: () => {
    throw new Error('SecurityError')
  },
  setItem: () => {
    throw new Error('QuotaExceededError')
  },
  removeItem: () => {
    throw new Error('SecurityError')
  },
} as unknown as Storage

describe('token storage', () => {
  it('local and session storage keep the refresh token under the tenant’s key', () => {
    const scope = { localStorage: store(), sessionStorage: store() }
    const local = createTokenStorage('local', 'acme', scope)
    const session = createTokenStorage('session', 'acme', scope)
    local.set('r-local')
    session.set('r-session')
    expect(local.key).toBe('auth:acme:refresh')
    expect(scope.localStorage.getItem('auth:acme:refresh')).toBe('r-local')
    expect(scope.sessionStorage.getItem('auth:acme:refresh')).toBe('r-session')
    local.clear()
    expect([local.get(), session.get()]).toEqual([null, 'r-session'])
  })

  it('memory (or a page without web storage) keeps it in this page only', () => {
    for (const [kind, scope] of [
      ['memory', { localStorage: store(), sessionStorage: store() }],
      ['local', {}],
      ['local', { sessionStorage: store() }],
      ['session', {}],
      ['session', { localStorage: store() }],
    ] as const) {
      const s = createTokenStorage(kind, 'globex', scope)
      expect(s.get()).toBeNull()
      s.set('r1')
      expect([s.get(), s.key]).toEqual(['r1', storageKey('globex')])
      if ('localStorage' in scope) expect(scope.localStorage.length).toBe(0)
      if ('sessionStorage' in scope) expect(scope.sessionStorage.length).toBe(0)
      s.clear()
      expect(s.get()).toBeNull()
    }
  })

  it('storage that throws reads as empty and never throws at the caller', () => {
    const s = webStorage(refusing, 'acme')
    expect(() => s.set('r1')).not.toThrow()
    expect(s.get()).toBeNull()
    expect(() => s.clear()).not.toThrow()
  })

  it('the access token goes to the tab’s own sessionStorage, under its own key; none with memory', () => {
    const scope = { sessionStorage: store() }
    const kept = createAccessStorage('local', 'acme', scope)!
    kept.set('a1')
    expect(kept.key).toBe(accessKey('acme'))
    expect(scope.sessionStorage.getItem('auth:acme:access')).toBe('a1')
    expect(createAccessStorage('memory', 'acme', scope)).toBeNull()
    expect(createAccessStorage('local', 'acme', {})).toBeNull()
  })
})

/** What the client learns of the backend's simplejwt settings, and the advice it gives. */
import { describe, expect, it } from 'vitest'
import {
  challengeScheme,
  createBackendKnowledge,
  tenantMismatch,
} from '@/core/auth/session/backend'
import type { TokenClaims } from '@/core/auth/session/tokens'

const claims = (over: Record<string, unknown> = {}) =>
  ({ token_type: 'access', exp: 1, user_id: 1, ...over }) as TokenClaims

describe('the header type', () => {
  it.each([
    ['JWT realm="api"', 'JWT'],
    ['  Bearer realm="api"', 'Bearer'],
    ['Token', 'Token'],
    ['', null],
    ['   ', null],
    [undefined, null],
    [42, null],
    ['"JWT" realm="api"', null],
    [', Bearer', null],
  ])('the challenge %j names %j', (header, scheme) => {
    expect(challengeScheme(header)).toBe(scheme)
  })

  it('a challenge naming another type is adopted, with advice, once; the same type changes nothing', () => {
    const logs: string[] = []
    const backend = createBackendKnowledge({}, (m) => logs.push(m))
    expect(backend.headerType).toBe('Bearer')
    expect(backend.noteChallenge('bearer realm="api"')).toBeNull()
    expect(backend.noteChallenge('JWT realm="api"')).toBe('set VITE_AUTH_HEADER_TYPE=JWT')
    expect(backend.headerType).toBe('JWT')
    expect(backend.noteChallenge('jwt realm="api"')).toBeNull()
    expect(backend.noteChallenge(undefined)).toBeNull()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toContain('VITE_AUTH_HEADER_TYPE=JWT')
  })

  it('the configured type is the one used until a challenge says otherwise', () => {
    expect(createBackendKnowledge({ headerType: 'JWT' }).headerType).toBe('JWT')
  })
})

describe('rotation and the blacklist, as learnt', () => {
  it('unknown until an answer shows it; each change said once', () => {
    const logs: string[] = []
    const backend = createBackendKnowledge({}, (m) => logs.push(m))
    expect([backend.rotates, backend.blacklist]).toEqual([null, null])
    backend.noteRotation(true)
    backend.noteRotation(true)
    expect(backend.rotates).toBe(true)
    backend.noteRotation(false)
    expect(backend.rotates).toBe(false)
    backend.noteNoBlacklist()
    backend.noteNoBlacklist()
    expect(backend.blacklist).toBe(false)
    expect(logs).toHaveLength(3)
    expect(logs.slice(0, 2)).toEqual([
      'refresh rotates the refresh token',
      'refresh keeps the refresh token',
    ])
    expect(logs.filter((m) => m.includes('VITE') || m.includes('blacklist'))).toHaveLength(1)
  })
})

describe('the tenant claim', () => {
  it.each([
    [{}, {}, null],
    [{ tenant: 'acme' }, {}, null],
    [{ tenant: 'globex' }, {}, "issued for tenant 'globex', not 'acme'"],
    [{ tenant: null }, {}, null],
    [{}, { requireTenantClaim: true }, "no 'tenant' claim: set VITE_REQUIRE_TENANT_CLAIM=false"],
    [{ org: 'acme' }, { tenantClaim: 'org', requireTenantClaim: true }, null],
    [{ org: 7 }, { tenantClaim: 'org' }, "issued for tenant '7', not 'acme'"],
  ])('%j with %j: %j', (over, settings, why) => {
    const backend = createBackendKnowledge(settings)
    expect(backend.tenantMismatch(claims(over), 'acme')).toBe(why)
    expect(tenantMismatch(claims(over), 'acme', { ...backend.settings })).toBe(why)
  })

  it('defaults: the claim is called tenant and is not required', () => {
    expect(tenantMismatch(claims(), 'acme')).toBeNull()
    expect(tenantMismatch(claims({ tenant: 'globex' }), 'acme')).not.toBeNull()
    expect(createBackendKnowledge().settings).toEqual({
      tenantClaim: 'tenant',
      requireTenantClaim: false,
      headerType: 'Bearer',
    })
  })
})

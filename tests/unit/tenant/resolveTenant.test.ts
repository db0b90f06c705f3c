import { describe, expect, it } from 'vitest'
import {
  normalizeHost,
  resolveTenant,
  type TenantConfig,
  type TenantResolution,
} from '@/core/tenant/resolveTenant'

const dev: TenantConfig = { baseDomain: 'localhost', reserved: ['www', 'app'] }
const prod: TenantConfig = { baseDomain: 'example.com', reserved: ['www', 'app'] }

const tenant = (t: string): TenantResolution => ({ kind: 'tenant', tenant: t })
const publicHost: TenantResolution = { kind: 'public' }
const invalid = (host: string): TenantResolution => ({ kind: 'invalid', host })

describe('resolveTenant', () => {
  it.each<[string, TenantConfig, TenantResolution]>([
    ['acme.localhost', dev, tenant('acme')],
    ['globex.localhost', dev, tenant('globex')],
    ['acme.localhost:5173', dev, tenant('acme')],
    ['ACME.LocalHost', dev, tenant('acme')],
    ['acme.localhost.', dev, tenant('acme')],
    ['acme-eu.localhost', dev, tenant('acme-eu')],
    ['localhost', dev, publicHost],
    ['localhost:5173', dev, publicHost],
    ['www.localhost', dev, publicHost],
    ['app.localhost', dev, publicHost],
    ['127.0.0.1', dev, publicHost],
    ['127.0.0.1:8000', dev, publicHost],
    ['[::1]:5173', dev, publicHost],
    ['::1', dev, publicHost],
    ['a.b.localhost', dev, invalid('a.b.localhost')],
    ['-bad.localhost', dev, invalid('-bad.localhost')],
    ['under_score.localhost', dev, invalid('under_score.localhost')],
    ['acme.example.com', prod, tenant('acme')],
    ['ACME.EXAMPLE.COM.', prod, tenant('acme')],
    ['example.com', prod, publicHost],
    ['www.example.com', prod, publicHost],
    ['acme.example.org', prod, invalid('acme.example.org')],
    ['evilexample.com', prod, invalid('evilexample.com')],
    ['acme.localhost', prod, invalid('acme.localhost')],
    ['', dev, publicHost],
    ['localhost', prod, publicHost],
    ['localhost:5173', prod, publicHost],
  ])('%s (base %s) -> %j', (host, config, expected) => {
    expect(resolveTenant(host, config)).toEqual(expected)
  })

  it('takes the development override whatever the host says', () => {
    expect(resolveTenant('localhost', { ...dev, override: 'Globex' })).toEqual(tenant('globex'))
    expect(resolveTenant('acme.localhost', { ...dev, override: 'globex' })).toEqual(
      tenant('globex'),
    )
  })

  it('refuses an override that is not a valid tenant label', () => {
    expect(resolveTenant('acme.localhost', { ...dev, override: 'a.b' })).toEqual(invalid('a.b'))
  })

  it('never throws on hostile input', () => {
    for (const host of [
      '[',
      ']',
      ':::',
      '.',
      '..',
      'a'.repeat(300) + '.localhost',
      '\u0000.localhost',
    ]) {
      expect(() => resolveTenant(host, dev)).not.toThrow()
      expect(resolveTenant(host, dev).kind).not.toBe('tenant')
    }
  })
})

describe('normalizeHost', () => {
  it.each<[string, string]>([
    ['[::1]:5173', '::1'],
    ['[::1]', '::1'],
    ['[::1', '::1'],
    ['::1', '::1'],
    ['fe80::1', 'fe80::1'],
    ['Example.COM:443', 'example.com'],
    ['acme.localhost..', 'acme.localhost'],
    ['  acme.localhost\n', 'acme.localhost'],
  ])('%s -> %s', (host, expected) => {
    expect(normalizeHost(host)).toBe(expected)
  })

  it('lets a base domain configured with stray spaces still find its tenants', () => {
    const spaced: TenantConfig = { baseDomain: ' example.com ', reserved: ['www'] }
    expect(resolveTenant('acme.example.com', spaced)).toEqual(tenant('acme'))
    expect(resolveTenant('example.com', spaced)).toEqual(publicHost)
  })
})

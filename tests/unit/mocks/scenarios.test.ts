/** Network failure scenarios and the stats counter (src/mocks/scenarios.ts). */
import { describe, expect, it } from 'vitest'
import { resetDb } from '@/mocks/db'
import { applyScenario, clearScenarios, mockStats, parseScenarioQuery } from '@/mocks/scenarios'
import { ACCOUNTS, ACME, call, login } from './helpers'

const REFRESH = `${ACME}/api/v1/auth/jwt/refresh/`
const ME = `${ACME}/api/v1/auth/users/me/`

describe('scenarios', () => {
  it('the next refresh fails with 401, then refreshes work again and the token was not spent', async () => {
    const { refresh } = await login(ACCOUNTS.acmeStaff)
    applyScenario({ refresh: 401 })
    const r = await call(REFRESH, { body: { refresh } })
    expect([r.status, r.body]).toEqual([
      401,
      { detail: 'Token is invalid or expired', code: 'token_not_valid' },
    ])
    expect((await call(REFRESH, { body: { refresh } })).status).toBe(200)
    expect(mockStats.refreshCalls).toBe(2)
  })

  it('refresh 500 is Django’s HTML page; refresh network is a fetch TypeError', async () => {
    const { refresh } = await login(ACCOUNTS.acmeStaff)
    applyScenario({ refresh: 500 })
    const r = await call(REFRESH, { body: { refresh } })
    expect([r.status, r.text]).toEqual([500, '<h1>Server Error (500)</h1>'])
    applyScenario({ refresh: 'network' })
    await expect(call(REFRESH, { body: { refresh } })).rejects.toThrow(TypeError)
    expect(mockStats.refreshCalls).toBe(2)
  })

  it('expireAccess: tokens issued so far get the expired 401, new ones work', async () => {
    const old = await login(ACCOUNTS.acmeStaff)
    applyScenario({ expireAccess: true })
    const r = await call(ME, { token: old.access })
    expect(r.body).toMatchObject({
      code: 'token_not_valid',
      messages: [{ token_type: 'access', message: 'Token is invalid or expired' }],
    })
    const next = (await call(REFRESH, { body: { refresh: old.refresh } })).body as {
      access: string
    }
    expect((await call(ME, { token: next.access })).status).toBe(200)
  })

  it('serverError on a path pattern, a limited number of times', async () => {
    const { access } = await login(ACCOUNTS.acmeStaff)
    applyScenario({ serverError: '/expenses/', serverErrorTimes: 1 })
    const r = await call(`${ACME}/api/v1/expenses/`, { token: access })
    expect([r.status, r.headers.get('content-type')]).toEqual([500, 'text/html; charset=utf-8'])
    expect((await call(`${ACME}/api/v1/expenses/`, { token: access })).status).toBe(200)
    expect((await call(ME, { token: access })).status).toBe(200)
  })

  it('latency delays every answer', async () => {
    applyScenario({ latencyMs: 120 })
    const started = performance.now()
    await call(`${ACME}/api/v1/tenants/current/`)
    expect(performance.now() - started).toBeGreaterThanOrEqual(110)
  })

  it('resetDb and clearScenarios drop scenarios and counters', async () => {
    const { refresh } = await login(ACCOUNTS.acmeStaff)
    applyScenario({ refresh: 401, refreshTimes: 5 })
    await call(REFRESH, { body: { refresh } })
    expect(mockStats.refreshCalls).toBe(1)
    resetDb()
    expect(mockStats.refreshCalls).toBe(0)
    const again = await login(ACCOUNTS.acmeStaff)
    expect((await call(REFRESH, { body: { refresh: again.refresh } })).status).toBe(200)
    applyScenario({ serverError: /.*/ })
    clearScenarios()
    expect(
      (await call(`${ACME}/api/v1/tenants/info/`, { body: { tenant_id: 'ACM-1001' } })).status,
    ).toBe(200)
  })

  it('parses the dev query string', () => {
    expect(
      parseScenarioQuery('latency:800,refresh:500*2,expire,error:/expenses/,access:10,bogus'),
    ).toEqual({
      scenario: {
        latencyMs: 800,
        refresh: 500,
        refreshTimes: 2,
        expireAccess: true,
        serverError: '/expenses/',
        serverErrorTimes: undefined,
        accessSeconds: 10,
      },
      unknown: ['bogus'],
    })
    expect(parseScenarioQuery('refresh:network').scenario).toEqual({
      refresh: 'network',
      refreshTimes: 1,
    })
  })
})

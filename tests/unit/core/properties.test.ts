/**
 * Property runs over random interleavings of requests, token expiries, refresh outcomes, proactive
 * refreshes, sign-ins and sign-outs, on two tenants at once. Invariants: at most one refresh on the
 * wire per tenant, every request settles, none is sent more than twice, no token crosses tenants,
 * and no rotated refresh token is ever sent again (not even after its answer was lost).
 */
import axios from 'axios'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Timers } from '@/core/auth/clock'
import { createSession } from '@/core/auth/session/session'
import { createTokenApi } from '@/core/auth/session/tokenApi'
import { memoryStorage } from '@/core/auth/tokenStorage'
import { installAuthInterceptors } from '@/core/http/authInterceptors'
import { FakeBackend, type RefreshOutcome } from './fakeBackend'

const TENANTS = ['acme', 'globex'] as const
type Tenant = (typeof TENANTS)[number]

/** Timers that never fire: within a run nothing waits on time, only on the scheduler. */
const still: Timers = {
  setTimeout: () => 0,
  clearTimeout: () => {},
  setInterval: () => 0,
  clearInterval: () => {},
}

const action = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      tenant: fc.constantFrom(...TENANTS),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expire' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('proactive' as const),
      tenant: fc.constantFrom(...TENANTS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('signOut' as const),
      tenant: fc.constantFrom(...TENANTS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('signIn' as const),
      tenant: fc.constantFrom(...TENANTS),
    }),
  },
)
const outcome = fc.constantFrom<RefreshOutcome>('ok', 'ok', 'ok', '401', '500', 'network', 'lost')

function client(tenant: Tenant, backend: FakeBackend) {
  const baseURL = `http://${tenant}.localhost/api/v1`
  const bare = axios.create({ baseURL, adapter: backend.adapter })
  const session = createSession({
    tenant,
    api: createTokenApi(bare),
    storage: memoryStorage(tenant),
    clock: { now: () => 1_800_000_000_000 },
    timers: still,
    backoff: { baseMs: 0, capMs: 0 },
  })
  const http = axios.create({ baseURL, adapter: backend.adapter })
  installAuthInterceptors(http, session)
  return { session, http }
}

describe('refresh coordinator properties', () => {
  it('holds its invariants over random interleavings', async () => {
    const seen = { refreshes: 0, replays: 0, runs: 0, lost: 0, verifies: 0 }
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(action, { minLength: 1, maxLength: 25 }),
        fc.array(outcome, { maxLength: 8 }),
        async (s, actions, outcomes) => {
          const backend = new FakeBackend(s, [...outcomes])
          const clients = { acme: client('acme', backend), globex: client('globex', backend) }
          backend.direct = true
          await Promise.all(TENANTS.map((t) => clients[t].session.signIn('a@x.test', 'pw')))
          backend.direct = false
          const requests: Array<{ settled: boolean }> = []
          let n = 0
          for (const a of actions) {
            void s.schedule(Promise.resolve(a.kind)).then(() => {
              if (a.kind === 'expire') return backend.expireAll()
              const { session, http } = clients[a.tenant]
              if (a.kind === 'proactive') return void session.refresh().catch(() => {})
              if (a.kind === 'signOut') return void session.signOut()
              if (a.kind === 'signIn') return void session.signIn('a@x.test', 'pw').catch(() => {})
              const tracked = { settled: false }
              requests.push(tracked)
              const id = `${a.tenant}-${n++}`
              void http
                .get('/things/', { headers: { 'X-Req': id } })
                .catch(() => {})
                .finally(() => (tracked.settled = true))
            })
          }
          // axios reaches the adapter a few ticks after an action runs: drain until nothing is left.
          do {
            await s.waitAll()
            await new Promise((r) => setImmediate(r))
          } while (s.count() > 0)
          expect(backend.maxRefreshInFlight).toBeLessThanOrEqual(1)
          expect(requests.every((r) => r.settled)).toBe(true)
          expect([...backend.attempts.values()].every((c) => c <= 2)).toBe(true)
          expect(backend.crossTenant).toBe(0)
          expect(backend.reuses).toBe(0)
          seen.runs += 1
          seen.lost += backend.lost
          seen.verifies += backend.verifies
          seen.refreshes += backend.refreshCalls
          seen.replays += [...backend.attempts.values()].filter((c) => c === 2).length
        },
      ),
      { numRuns: 1000 },
    )
    // The runs did exercise refreshes and replays, not only the happy path.
    expect(seen.runs).toBeGreaterThanOrEqual(1000)
    expect(seen.refreshes).toBeGreaterThan(100)
    expect(seen.replays).toBeGreaterThan(100)
    expect(seen.lost).toBeGreaterThan(30)
    expect(seen.verifies).toBeGreaterThan(5)
  }, 60_000)
})

/**
 * Test harness for the auth core: hand-driven timers, clock and page environment, a client wired
 * like services.ts, and counters at the network edge (MSW's request events).
 */
import axios, { type AxiosInstance } from 'axios'
import { http, HttpResponse } from 'msw'
import { afterEach, vi } from 'vitest'
import { createBackendKnowledge } from '@/core/auth/session/backend'
import type { Clock, TimerHandle, Timers } from '@/core/auth/clock'
import type { Environment, EnvironmentEvent } from '@/core/auth/environment'
import type { SessionEvent } from '@/core/auth/session/events'
import { createSession, type Session, type SessionDeps } from '@/core/auth/session/session'
import { createTokenApi } from '@/core/auth/session/tokenApi'
import { memoryStorage, type TokenStorage } from '@/core/auth/tokenStorage'
import { installAuthInterceptors } from '@/core/http/authInterceptors'
import { dispatch } from '@/mocks/handlers'
import { server } from '@/mocks/node'

export const ACME = 'http://acme.localhost/api/v1'
export const GLOBEX = 'http://globex.localhost/api/v1'
export const ADMIN = { email: 'admin@acme.test', password: 'acme-admin-pass-1' }

interface Task {
  id: number
  at: number
  fn: () => void
  every?: number
}

/** Timers that fire only when the test advances them; advancing also moves Date (the server's clock). */
export class ManualTimers implements Timers {
  private tasks: Task[] = []
  /** While this says false (a refresh is on the wire), time does not move on. */
  idle: () => boolean = () => true
  private next = 1
  setTimeout = (fn: () => void, ms: number): TimerHandle => this.add(fn, ms)
  setInterval = (fn: () => void, ms: number): TimerHandle => this.add(fn, ms, Math.max(1, ms))
  clearTimeout = (h: TimerHandle) => this.remove(h)
  clearInterval = (h: TimerHandle) => this.remove(h)
  get pending(): number {
    return this.tasks.length
  }
  private add(fn: () => void, ms: number, every?: number): number {
    const id = this.next++
    this.tasks.push({ id, at: Date.now() + Math.max(0, ms), fn, every })
    return id
  }
  private remove(h: TimerHandle): void {
    this.tasks = this.tasks.filter((t) => t.id !== h)
  }
  /** Moves the wall clock by `ms`, firing due timers in order (and letting promises run between). */
  async advance(ms: number): Promise<void> {
    const end = Date.now() + ms
    for (;;) {
      const due = this.tasks.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      vi.setSystemTime(Math.max(Date.now(), due.at))
      if (due.every) due.at += due.every
      else this.remove(due.id)
      due.fn()
      await settle(5)
      // A request on the wire holds time still; bounded by real time, not by rounds (a loaded
      // machine signs the mock's JWTs slowly, and a moved clock would skew what the test reads).
      const deadline = performance.now() + 10_000
      while (!this.idle() && performance.now() < deadline) await settle(1)
    }
    vi.setSystemTime(end)
    await settle()
  }
  /** Jumps the wall clock without firing anything: a laptop asleep. */
  sleep(ms: number): void {
    vi.setSystemTime(Date.now() + ms)
  }
}

/** Lets pending promise chains (and MSW's in-process responses) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r))
}

export class FakeEnvironment implements Environment {
  isVisible = true
  private listeners = new Map<EnvironmentEvent, Set<() => void>>()
  visible = () => this.isVisible
  on(event: EnvironmentEvent, fn: () => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(fn)
    this.listeners.set(event, set)
    return () => set.delete(fn)
  }
  fire(event: EnvironmentEvent): void {
    if (event === 'visible') this.isVisible = true
    this.listeners.get(event)?.forEach((fn) => fn())
  }
}

export interface Harness {
  session: Session
  http: AxiosInstance
  timers: ManualTimers
  env: FakeEnvironment
  storage: TokenStorage
  events: SessionEvent[]
  /** Client clock minus wall clock; or freeze it with `frozenAt`. */
  clock: Clock & { skewMs: number; frozenAt: number | null }
}

export function harness(overrides: Partial<SessionDeps> & { baseURL?: string } = {}): Harness {
  const { baseURL = ACME, ...deps } = overrides
  const timers = new ManualTimers()
  const env = new FakeEnvironment()
  const clock = {
    skewMs: 0,
    frozenAt: null as number | null,
    now: () => clock.frozenAt ?? Date.now() + clock.skewMs,
  }
  const tenant = new URL(baseURL).hostname.split('.')[0] as string
  const storage = deps.storage ?? memoryStorage(tenant)
  const backend = deps.backend ?? createBackendKnowledge({}, deps.log)
  const session = createSession({
    tenant,
    backend,
    api: createTokenApi(axios.create({ baseURL }), backend),
    storage,
    clock,
    timers,
    environment: env,
    backoff: { random: () => 0.5 },
    ...deps,
  })
  const http = axios.create({ baseURL, timeout: 15_000 })
  installAuthInterceptors(http, session)
  timers.idle = () => !session.refreshing
  const events: SessionEvent[] = []
  session.on((e) => events.push(e))
  cleanups.push(() => session.dispose())
  return { session, http, timers, env, storage, events, clock }
}

/** Every request the network edge saw, in order: method, path and the Authorization header. */
export interface Seen {
  method: string
  path: string
  host: string
  authorization: string | null
  id: string
}

export function watchNetwork(): { seen: Seen[]; count(path: string): number } {
  const seen: Seen[] = []
  const listener = ({ request, requestId }: { request: Request; requestId: string }) => {
    const url = new URL(request.url)
    seen.push({
      method: request.method,
      path: url.pathname,
      host: url.hostname,
      authorization: request.headers.get('authorization'),
      id: requestId,
    })
  }
  server.events.on('request:start', listener)
  cleanups.push(() => server.events.removeListener('request:start', listener))
  return { seen, count: (path) => seen.filter((s) => s.path.endsWith(path)).length }
}

/** The refresh tokens sent to `jwt/refresh/` and the answers' statuses, as the server saw them. */
export function watchRefreshes(): { statuses: number[]; sent: string[] } {
  const statuses: number[] = []
  const sent: string[] = []
  const isRefresh = (request: Request) => new URL(request.url).pathname.endsWith('/jwt/refresh/')
  const onRequest = ({ request }: { request: Request }) => {
    if (!isRefresh(request)) return
    void request
      .clone()
      .json()
      .then((body: { refresh?: string }) => sent.push(String(body.refresh)))
  }
  const onResponse = ({ request, response }: { request: Request; response: Response }) => {
    if (isRefresh(request)) statuses.push(response.status)
  }
  server.events.on('request:start', onRequest)
  server.events.on('response:mocked', onResponse)
  cleanups.push(() => {
    server.events.removeListener('request:start', onRequest)
    server.events.removeListener('response:mocked', onResponse)
  })
  return { statuses, sent }
}

/**
 * The next `times` refreshes reach the mock backend, which does what it does (rotating and
 * blacklisting, on the hardened profile), but their answers are lost on the way back: the client
 * sees a network error. With `reached: false` they are lost on the way there instead.
 */
export function loseRefreshAnswers(times = 1, { reached = true } = {}): void {
  let left = times
  server.use(
    http.post('*/api/v1/auth/jwt/refresh/', async ({ request }) => {
      if (left <= 0) return undefined
      left -= 1
      if (reached) await dispatch(request.clone())
      return HttpResponse.error()
    }),
  )
}

/** A promise the test resolves by hand: holds a mock response until released. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void
  const wait = new Promise<void>((r) => (open = r))
  return { wait, open }
}

const cleanups: Array<() => void> = []
afterEach(() => {
  cleanups.splice(0).forEach((c) => c())
  vi.useRealTimers()
})

/** Only Date is faked: MSW, axios and vi.waitFor keep real timers, our core gets ManualTimers. */
export function fakeDate(): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-22T12:00:00Z'))
}

/** An unsigned JWT-shaped string: the client decodes claims, only the server verifies signatures. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`
}

/** A Web Storage in memory (a tab's localStorage or sessionStorage), for the real adapters. */
export function webStore(): Storage {
  const data = new Map<string, string>()
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, String(v)),
    removeItem: (k: string) => void data.delete(k),
    clear: () => data.clear(),
    key: (i: number) => [...data.keys()][i] ?? null,
    get length() {
      return data.size
    },
  }
}

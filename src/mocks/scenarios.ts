/**
 * Failures a real network shows, switchable from tests (`applyScenario`), from code, and in dev
 * from the URL (`?mock=latency:800,refresh:500`). Everything here is cleared by `resetDb()`.
 */
import { delay, HttpResponse } from 'msw'
import { configureMock } from './config'
import { onReset } from './db'
import { detail, serverError } from './drf'

export type RefreshFailure = 401 | 500 | 'network'

export interface Scenario {
  /** Added to every answer, in milliseconds. */
  latencyMs?: number
  /** The next refresh call(s) fail this way (401 token_not_valid, 500 HTML, or a network error). */
  refresh?: RefreshFailure
  /** How many refresh calls fail (default 1). */
  refreshTimes?: number
  /** Every access token issued so far is expired from now on (the next call gets the 401). */
  expireAccess?: boolean
  /** 500 "Server Error (500)" HTML for paths containing this string (or matching this RegExp). */
  serverError?: string | RegExp
  /** How many requests the server error hits (default: until cleared). */
  serverErrorTimes?: number
  /** Access token lifetime in seconds (same as configureMock({ accessSeconds })). */
  accessSeconds?: number
}

/** Counters a test or a dev panel can read. Reset by resetDb() and clearScenarios(). */
export const mockStats = { refreshCalls: 0, requests: 0 }

interface ErrorRule {
  pattern: string | RegExp
  remaining: number
}

const state = {
  latencyMs: 0,
  refreshFailures: [] as RefreshFailure[],
  errors: [] as ErrorRule[],
  /** Access tokens with a sequence number up to this one are expired (null: none). */
  accessCutoff: null as number | null,
}

// jti -> issue order of the access tokens this process signed
const issued = new Map<string, number>()
let sequence = 0

export function recordAccessToken(jti: string): void {
  issued.set(jti, ++sequence)
}

/** True when `expireAccess` has retired this access token (unknown tokens count as old). */
export function accessRevoked(jti: string): boolean {
  if (state.accessCutoff === null) return false
  return (issued.get(jti) ?? 0) <= state.accessCutoff
}

export function expireAccessTokens(): void {
  state.accessCutoff = sequence
}

export function failNextRefresh(kind: RefreshFailure, times = 1): void {
  for (let i = 0; i < times; i++) state.refreshFailures.push(kind)
}

export function failPath(pattern: string | RegExp, times = Infinity): void {
  state.errors.push({ pattern, remaining: times })
}

export function setLatency(ms: number): void {
  state.latencyMs = Math.max(0, ms)
}

export function applyScenario(s: Scenario): void {
  if (s.latencyMs !== undefined) setLatency(s.latencyMs)
  if (s.refresh !== undefined) failNextRefresh(s.refresh, s.refreshTimes ?? 1)
  if (s.expireAccess) expireAccessTokens()
  if (s.serverError !== undefined) failPath(s.serverError, s.serverErrorTimes ?? Infinity)
  if (s.accessSeconds !== undefined) configureMock({ accessSeconds: s.accessSeconds })
}

export function clearScenarios(): void {
  state.latencyMs = 0
  state.refreshFailures = []
  state.errors = []
  state.accessCutoff = null
  mockStats.refreshCalls = 0
  mockStats.requests = 0
}

onReset(clearScenarios)

const REFRESH_PATH = /^\/api\/v1\/auth\/jwt\/refresh/

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path)
}

/** Runs one request through the active scenarios, then (if none answered) through `next`. */
export async function withScenarios(
  request: Request,
  next: (request: Request) => Promise<Response>,
): Promise<Response> {
  mockStats.requests += 1
  if (state.latencyMs > 0) await delay(state.latencyMs)
  const path = new URL(request.url).pathname
  if (REFRESH_PATH.test(path) && request.method.toUpperCase() === 'POST') {
    mockStats.refreshCalls += 1
    const failure = state.refreshFailures.shift()
    if (failure === 'network') return HttpResponse.error()
    if (failure === 500) return serverError()
    if (failure === 401) return detail(401, 'Token is invalid or expired', 'token_not_valid')
  }
  const rule = state.errors.find((r) => r.remaining > 0 && matches(r.pattern, path))
  if (rule) {
    rule.remaining -= 1
    return serverError()
  }
  return next(request)
}

/**
 * Parses the dev query `?mock=latency:800,refresh:500*2,expire,error:/expenses/,access:10`.
 * Unknown items are ignored (and reported), so a typo never breaks the app.
 */
export function parseScenarioQuery(query: string): { scenario: Scenario; unknown: string[] } {
  const scenario: Scenario = {}
  const unknown: string[] = []
  for (const item of query
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', rawArg = ''] = item.split(/:(.*)/s)
    const [arg = '', times] = rawArg.split('*')
    const count = times ? Number.parseInt(times, 10) : undefined
    if (name === 'latency' && /^\d+$/.test(arg)) scenario.latencyMs = Number(arg)
    else if (name === 'refresh' && ['401', '500', 'network'].includes(arg)) {
      scenario.refresh = arg === 'network' ? 'network' : (Number(arg) as 401 | 500)
      scenario.refreshTimes = count ?? 1
    } else if (name === 'expire') scenario.expireAccess = true
    else if (name === 'error' && arg) {
      scenario.serverError = arg
      scenario.serverErrorTimes = count
    } else if (name === 'access' && /^\d+$/.test(arg)) scenario.accessSeconds = Number(arg)
    else unknown.push(item)
  }
  return { scenario, unknown }
}

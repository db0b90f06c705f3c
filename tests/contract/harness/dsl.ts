/**
 * The scenario language. A scenario is a list of steps run in lockstep against both backends, each
 * from a fresh seed; every step's answers are normalised and compared (mock vs django), and, where
 * the step states what the contract says (`expect`), each side is checked against that too.
 *
 * Steps can use values of earlier answers: `save: { 'admin.access': 'access' }` stores a body field
 * (a dotted path, or a function of the body) per backend, and any string in `path`, `auth`,
 * `headers` or `json` may refer to it as `{admin.access}`. A string that is exactly one reference
 * keeps the value's type (`{ department: '{dept.id}' }` sends a number).
 */
import type { Backend, HostName, Mail, Profile, WireRequest } from './backends'
import {
  diff,
  normaliseJson,
  RESET_TOKEN,
  toView,
  type Difference,
  type Json,
  type View,
} from './normalise'

export type Vars = Record<string, unknown>

export interface Expected {
  status: number
  /** The contract's body, compared after normalisation; `<jwt>`, `<int>`, `<any>` are wildcards. */
  body?: unknown
  /** Response headers that must be present with these values (lower-case names). */
  headers?: Record<string, string>
}

/** One HTTP request (or `times` identical ones sent at once). */
export interface Call {
  do: string
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD'
  path: string
  host?: HostName
  /** `Authorization: Bearer <auth>` (after interpolation). */
  auth?: string
  headers?: Record<string, string>
  /** A JSON body (interpolated). */
  json?: unknown
  /** A form-encoded body. */
  form?: Record<string, string>
  /** A body sent byte for byte (malformed JSON, multipart). */
  raw?: { contentType: string; body: string | Uint8Array }
  /** Send this many copies at the same time; the answers are compared as a sorted list. */
  times?: number
  /** With `times`: the contract's statuses of the copies, in ascending order. */
  expectStatuses?: number[]
  expect?: number | Expected
  save?: Record<string, string | ((body: unknown) => unknown)>
}

/** The outbox: how many mails were sent since the reset, and the last one. */
export interface MailStep {
  mail: string
  /** Stores the last mail's uid, token, to and url under this name (`{reset.uid}`, `{reset.url}`). */
  save?: string
  /** The number of mails sent since the reset. */
  expectCount?: number
}

export interface WaitStep {
  wait: number
}

/** A value computed from each side's saved values (claims, orderings…), compared across sides. */
export interface CheckStep {
  check: string
  value: (vars: Vars) => unknown
  expect?: unknown
}

export type Step = Call | MailStep | WaitStep | CheckStep

/**
 * A backend configuration within a profile. Hardened: default (ACCESS_SECONDS 120), short
 * (ACCESS_SECONDS 2), retype (PASSWORD_RETYPE=1). Original: default (ACCESS_SECONDS 120),
 * short (ACCESS_SECONDS 2), rotate (ROTATE=1 BLACKLIST=1: section C of the observed file).
 */
export type ConfigName = 'default' | 'short' | 'retype' | 'rotate'

export interface Scenario {
  name: string
  config?: ConfigName
  /** The profiles whose backends give these answers (default: hardened only). */
  profiles?: Profile[]
  steps: Step[]
}

export interface Mismatch extends Difference {
  step: string
}

export interface ContractMiss extends Difference {
  step: string
  side: 'mock' | 'django'
}

export interface ScenarioResult {
  name: string
  profile?: Profile
  mismatches: Mismatch[]
  contract: ContractMiss[]
  /** A step that could not run at all (an exception), per side. */
  errors: string[]
  /** Every step's normalised answers, side by side (written to test-results for reading). */
  trace: { step: string; mock: unknown; django: unknown }[]
  /** Time spent in each backend's calls, and in all. */
  ms: { mock: number; django: number; total: number }
}

// -------------------------------------------------------------------------- interpolation

const WHOLE_REF = /^\{([\w.-]+)\}$/
const REF = /\{([\w.-]+)\}/g

function lookup(vars: Vars, name: string): unknown {
  return name in vars ? vars[name] : `<missing ${name}>`
}

export function interpolate(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REF.exec(value)
    if (whole) return lookup(vars, whole[1]!)
    return value.replace(REF, (_, name: string) => String(lookup(vars, name)))
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]))
  }
  return value
}

function pick(body: unknown, path: string): unknown {
  let cur: unknown = body
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

/** What the SPA's browser sends on every cross-origin call (CORS answers depend on it). */
export const SPA_ORIGIN = 'http://acme.localhost:5173'

function wire(call: Call, vars: Vars): WireRequest {
  const headers: Record<string, string> = { origin: SPA_ORIGIN }
  for (const [k, v] of Object.entries(call.headers ?? {}))
    headers[k.toLowerCase()] = String(interpolate(v, vars))
  if (call.auth !== undefined)
    headers.authorization = `Bearer ${String(interpolate(call.auth, vars))}`
  let body: string | Uint8Array | undefined
  if (call.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(interpolate(call.json, vars))
  } else if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(interpolate(call.form, vars) as Record<string, string>).toString()
  } else if (call.raw) {
    headers['content-type'] = call.raw.contentType
    body = call.raw.body
  }
  return {
    method: call.method ?? 'GET',
    host: call.host ?? 'acme',
    path: String(interpolate(call.path, vars)),
    headers,
    body,
  }
}

// ------------------------------------------------------------------------------- running

const nowSeconds = () => Math.floor(Date.now() / 1000)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function mailView(mails: Mail[]): Json {
  const last = mails.at(-1)
  return {
    count: mails.length,
    last: last
      ? {
          to: last.to ?? null,
          subject: last.subject ?? null,
          url:
            last.url && last.token ? last.url.replace(last.token, '<token>') : (last.url ?? null),
          uid: last.uid ?? null,
          token:
            last.token && RESET_TOKEN.test(last.token) ? '<reset-token>' : (last.token ?? null),
          // The body's wording is Djoser's template, not the contract: only the link must be in it.
          linkInBody: Boolean(last.url && last.text.includes(last.url)),
        }
      : null,
  }
}

interface SideOutcome {
  view: unknown
  error?: string
}

function contractMisses(
  step: string,
  side: 'mock' | 'django',
  expected: Expected,
  view: View,
  backend: Backend,
): ContractMiss[] {
  const out: ContractMiss[] = []
  if (view.status !== expected.status) {
    out.push({
      step,
      side,
      path: 'status',
      left: String(expected.status),
      right: String(view.status),
    })
  }
  if (expected.body !== undefined) {
    const want = normaliseJson(expected.body, {
      accessSeconds: backend.accessSeconds,
      receivedAt: nowSeconds(),
    })
    const got =
      view.kind === 'json'
        ? view.body
        : view.kind === 'empty'
          ? ''
          : `(${view.kind}) ${String(view.body)}`
    for (const d of diff(want, got, 'body')) out.push({ ...d, step, side })
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = view.headers[name]
    if (got !== value)
      out.push({
        step,
        side,
        path: `headers.${name}`,
        left: JSON.stringify(value),
        right: JSON.stringify(got),
      })
  }
  return out
}

async function runCall(
  call: Call,
  backend: Backend,
  vars: Vars,
): Promise<{ view: unknown; views: View[] }> {
  const request = wire(call, vars)
  const times = call.times ?? 1
  const raws = await backend.send(Array.from({ length: times }, () => request))
  const receivedAt = nowSeconds()
  const views = raws.map((raw) => toView(raw, { accessSeconds: backend.accessSeconds, receivedAt }))
  if (times === 1) {
    const body = parseJson(raws[0]!.text)
    for (const [name, from] of Object.entries(call.save ?? {})) {
      vars[name] = typeof from === 'function' ? from(body) : pick(body, from)
    }
    return { view: views[0], views }
  }
  const sorted = [...views].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  return { view: sorted, views }
}

/** Runs one scenario on both backends (already configured for its config) and compares. */
export async function runScenario(
  scenario: Scenario,
  mock: Backend,
  django: Backend,
): Promise<ScenarioResult> {
  const started = Date.now()
  const result: ScenarioResult = {
    name: scenario.name,
    mismatches: [],
    contract: [],
    errors: [],
    trace: [],
    ms: { mock: 0, django: 0, total: 0 },
  }
  await mock.reset()
  await django.reset()
  const sides = [
    { backend: mock, vars: {} as Vars },
    { backend: django, vars: {} as Vars },
  ]
  let index = 0
  for (const step of scenario.steps) {
    index += 1
    if ('wait' in step) {
      await sleep(step.wait)
      continue
    }
    const label = `#${index} ${'do' in step ? step.do : 'mail' in step ? `mail: ${step.mail}` : `check: ${step.check}`}`
    const outcomes: SideOutcome[] = []
    for (const { backend, vars } of sides) {
      const t0 = Date.now()
      try {
        if ('do' in step) {
          const { view, views } = await runCall(step, backend, vars)
          outcomes.push({ view })
          if (step.expectStatuses) {
            const got = views.map((v) => v.status).sort((a, b) => a - b)
            for (const d of diff(step.expectStatuses, got, 'statuses'))
              result.contract.push({ ...d, step: label, side: backend.name })
          }
          if (step.expect !== undefined) {
            const expected = typeof step.expect === 'number' ? { status: step.expect } : step.expect
            for (const v of views)
              result.contract.push(...contractMisses(label, backend.name, expected, v, backend))
          }
        } else if ('mail' in step) {
          const mails = backend.mails()
          const view = mailView(mails)
          outcomes.push({ view })
          const last = mails.at(-1)
          if (step.save) {
            vars[`${step.save}.uid`] = last?.uid
            vars[`${step.save}.token`] = last?.token
            vars[`${step.save}.to`] = last?.to
            vars[`${step.save}.url`] = last?.url
          }
          if (step.expectCount !== undefined && mails.length !== step.expectCount) {
            result.contract.push({
              step: label,
              side: backend.name,
              path: 'mail.count',
              left: String(step.expectCount),
              right: String(mails.length),
            })
          }
        } else {
          const value = step.value(vars) as Json
          outcomes.push({ view: value })
          if (step.expect !== undefined) {
            for (const d of diff(step.expect, value, 'value'))
              result.contract.push({ ...d, step: label, side: backend.name })
          }
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        outcomes.push({ view: `(error) ${message}`, error: message })
        result.errors.push(`${label} [${backend.name}]: ${message}`)
      }
      result.ms[backend.name] += Date.now() - t0
    }
    result.trace.push({ step: label, mock: outcomes[0]!.view, django: outcomes[1]!.view })
    for (const d of diff(outcomes[0]!.view, outcomes[1]!.view))
      result.mismatches.push({ ...d, step: label })
  }
  result.ms.total = Date.now() - started
  return result
}

// ------------------------------------------------------------------------------ reporting

export function formatResult(r: ScenarioResult): string {
  const lines: string[] = []
  for (const m of r.mismatches)
    lines.push(`  ${r.name} | ${m.step} | ${m.path}: mock ${m.left} vs django ${m.right}`)
  for (const c of r.contract)
    lines.push(
      `  ${r.name} | ${c.step} | ${c.side} breaks the contract at ${c.path}: expected ${c.left}, got ${c.right}`,
    )
  for (const e of r.errors) lines.push(`  ${r.name} | ${e}`)
  return lines.join('\n')
}

/**
 * The contract suite (issue 3 items 6-7): every scenario runs against the MSW mock (through the
 * MSW node server) and against the live Django fixture, from fresh state, and the answers must
 * agree; steps that state the contract's answer are also checked on each side.
 *
 * A missing or broken Django fixture fails the suite: it is never skipped.
 *
 *   npx vitest run --project contract
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { startDjango, type DjangoFixture } from './django/fixture.mjs'
import { DjangoBackend, MockBackend, type BackendConfig } from './harness/backends'
import {
  formatResult,
  runScenario,
  type ConfigName,
  type Scenario,
  type ScenarioResult,
} from './harness/dsl'
import { accountScenarios } from './scenarios/account'
import { edgeScenarios } from './scenarios/edges'
import { expiryScenarios } from './scenarios/expiry'
import { extraScenarios } from './scenarios/extras'
import { jwtScenarios } from './scenarios/jwt'
import { resourceScenarios } from './scenarios/resources'
import { tenancyScenarios } from './scenarios/tenancy'
import { usersScenarios } from './scenarios/users'

const GROUPS: [string, Scenario[]][] = [
  ['tenancy (§2, §7)', tenancyScenarios],
  ['jwt (§3, §4, §12)', jwtScenarios],
  ['users (§5)', usersScenarios],
  ['account flows (§5)', accountScenarios],
  ['resources (§6, §1)', resourceScenarios],
  ['expiry and public endpoints (§3.3, §5)', expiryScenarios],
  ['DRF parsing and validation edges', edgeScenarios],
  ['combinations (media, admin actions, preflights)', extraScenarios],
]

const CONFIGS: Record<ConfigName, BackendConfig & { env: Record<string, string> }> = {
  default: { accessSeconds: 120, passwordRetype: false, env: {} },
  short: { accessSeconds: 2, passwordRetype: false, env: {} },
  retype: { accessSeconds: 120, passwordRetype: true, env: { PASSWORD_RETYPE: '1' } },
}

const REPORT = fileURLToPath(new URL('../../test-results/contract-parity.txt', import.meta.url))
const TRACE = fileURLToPath(new URL('../../test-results/contract-trace.json', import.meta.url))

const fixtures = new Map<ConfigName, DjangoFixture>()
const results: ScenarioResult[] = []
let startError: Error | undefined

beforeAll(async () => {
  const needed = new Set(GROUPS.flatMap(([, list]) => list.map((s) => s.config ?? 'default')))
  const started = await Promise.allSettled(
    [...needed].map(async (name) => {
      const { accessSeconds, env } = CONFIGS[name]
      fixtures.set(name, await startDjango({ accessSeconds, env }))
    }),
  )
  const failed = started.find((r) => r.status === 'rejected')
  try {
    if (failed) throw failed.reason
  } catch (error) {
    // Not thrown here: a failing beforeAll would only mark the scenarios "skipped". Every
    // scenario fails with this message instead, so a missing backend can never pass as a skip.
    startError = new Error(
      'The contract suite needs the live Django fixture (tests/contract/django), and it did not start: ' +
        `${error instanceof Error ? error.message : String(error)} (see tests/contract/django/README.md)`,
    )
  }
})

afterAll(async () => {
  await Promise.all([...fixtures.values()].map((f) => f.stop()))
  const total = GROUPS.reduce((n, [, list]) => n + list.length, 0)
  const agreeing = results.filter((r) => r.mismatches.length === 0 && r.errors.length === 0).length
  const mockOk = results.filter((r) => !r.contract.some((c) => c.side === 'mock')).length
  const djangoOk = results.filter((r) => !r.contract.some((c) => c.side === 'django')).length
  const lines = [
    `contract parity: ${agreeing}/${total} scenarios` +
      (results.length < total ? ` (${total - results.length} did not run)` : ''),
    `contract conformance: mock ${mockOk}/${results.length}, django ${djangoOk}/${results.length} scenarios match the contract's stated answers`,
  ]
  const seconds = (key: 'mock' | 'django' | 'total') =>
    (results.reduce((n, r) => n + r.ms[key], 0) / 1000).toFixed(1)
  lines.push(
    `time in scenarios: ${seconds('total')} s (mock calls ${seconds('mock')} s, django calls ${seconds('django')} s)`,
  )
  if (startError) lines.push(`NOT RUN: ${startError.message}`)
  for (const r of results) {
    const detail = formatResult(r)
    if (detail) lines.push(`✗ ${r.name}`, detail)
  }
  const text = lines.join('\n')
  fs.mkdirSync(path.dirname(REPORT), { recursive: true })
  fs.writeFileSync(REPORT, `${text}\n`)
  const trace = results.map(({ name, trace: steps }) => ({ name, steps }))
  fs.writeFileSync(TRACE, `${JSON.stringify(trace, null, 1)}\n`)
  console.log(text)
})

for (const [group, list] of GROUPS) {
  describe(group, () => {
    for (const scenario of list) {
      test(scenario.name, async () => {
        const config = scenario.config ?? 'default'
        const fixture = fixtures.get(config)
        if (startError) throw startError
        if (!fixture) throw new Error(`no Django fixture for config ${config}`)
        const mock = new MockBackend(fixture.port, CONFIGS[config])
        const django = new DjangoBackend(fixture, CONFIGS[config])
        const result = await runScenario(scenario, mock, django)
        results.push(result)
        const detail = formatResult(result)
        if (detail) throw new Error(`mock and django (or the contract) disagree:\n${detail}`)
      })
    }
  })
}

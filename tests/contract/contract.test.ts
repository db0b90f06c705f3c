/**
 * The contract suite (issue 3 items 6-7): every scenario runs against the MSW mock (through the
 * MSW node server) and against the live Django fixture, from fresh state, on each backend profile
 * it holds for (hardened: shared/backend-contract.md; original: shared/seed-backend-observed.txt),
 * and the answers must agree; steps that state an answer are also checked on each side.
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
import {
  DjangoBackend,
  MockBackend,
  type BackendConfig,
  type MockSettings,
  type Profile,
} from './harness/backends'
import {
  formatResult,
  runScenario,
  type ConfigName,
  type Scenario,
  type ScenarioResult,
} from './harness/dsl'
import { accountScenarios } from './scenarios/account'
import { domainScenarios } from './scenarios/domain'
import { edgeScenarios } from './scenarios/edges'
import { expiryScenarios } from './scenarios/expiry'
import { extraScenarios } from './scenarios/extras'
import { jwtScenarios } from './scenarios/jwt'
import { originalScenarios } from './scenarios/original'
import { originalRotateScenarios } from './scenarios/originalRotate'
import { resourceScenarios } from './scenarios/resources'
import { tenancyScenarios } from './scenarios/tenancy'
import { usersScenarios } from './scenarios/users'

const GROUPS: [string, Scenario[]][] = [
  ['tenancy (§2, §7)', tenancyScenarios],
  ['jwt (§3, §4, §12)', jwtScenarios],
  ['users (§5)', usersScenarios],
  ['account flows (§5)', accountScenarios],
  ['resources (§6, §1)', resourceScenarios],
  ['the domain: accounts, budgets, expenses (core)', domainScenarios],
  ['expiry and public endpoints (§3.3, §5)', expiryScenarios],
  ['DRF parsing and validation edges', edgeScenarios],
  ['combinations (media, admin actions, preflights)', extraScenarios],
  ['the original backend as observed (B1-B8)', originalScenarios],
  ['the original with ROTATE=1 BLACKLIST=1 (C)', originalRotateScenarios],
]

type Config = BackendConfig & { env: Record<string, string> }

/** The original's simplejwt settings: its defaults (with simplejwt 5's iat). */
const ORIGINAL_MOCK: Omit<MockSettings, 'accessSeconds'> = {
  profile: 'original',
  rotate: false,
  blacklist: false,
  tenantClaim: false,
  issueIat: true,
  authHeaderTypes: ['Bearer'],
}

/** Each profile's configurations; a fixture is started once per configuration used. */
const CONFIGS: Record<Profile, Partial<Record<ConfigName, Config>>> = {
  hardened: {
    default: { accessSeconds: 120, env: {}, mock: { profile: 'hardened', accessSeconds: 120 } },
    short: { accessSeconds: 2, env: {}, mock: { profile: 'hardened', accessSeconds: 2 } },
    retype: {
      accessSeconds: 120,
      env: { PASSWORD_RETYPE: '1' },
      mock: { profile: 'hardened', accessSeconds: 120, passwordRetype: true },
    },
  },
  original: {
    default: { accessSeconds: 120, env: {}, mock: { ...ORIGINAL_MOCK, accessSeconds: 120 } },
    short: { accessSeconds: 2, env: {}, mock: { ...ORIGINAL_MOCK, accessSeconds: 2 } },
    rotate: {
      accessSeconds: 120,
      env: { ROTATE: '1', BLACKLIST: '1' },
      mock: { ...ORIGINAL_MOCK, accessSeconds: 120, rotate: true, blacklist: true },
    },
  },
}

const PROFILES: Profile[] = ['original', 'hardened']

/** Every (profile, scenario) pair the suite runs, by group. */
const RUNS = PROFILES.map((profile) => ({
  profile,
  groups: GROUPS.map(([group, list]) => ({
    group,
    scenarios: list.filter((s) => (s.profiles ?? ['hardened']).includes(profile)),
  })).filter((g) => g.scenarios.length > 0),
}))

const REPORT = fileURLToPath(new URL('../../test-results/contract-parity.txt', import.meta.url))
const TRACE = fileURLToPath(new URL('../../test-results/contract-trace.json', import.meta.url))

const fixtureKey = (profile: Profile, config: ConfigName) => `${profile}:${config}`
const fixtures = new Map<string, DjangoFixture>()
const results: ScenarioResult[] = []
let startError: Error | undefined

function configOf(profile: Profile, name: ConfigName): Config {
  const config = CONFIGS[profile][name]
  if (!config) throw new Error(`the ${profile} profile has no configuration ${name}`)
  return config
}

beforeAll(async () => {
  const needed = new Map<string, [Profile, ConfigName]>()
  for (const { profile, groups } of RUNS)
    for (const { scenarios } of groups)
      for (const s of scenarios) {
        const name = s.config ?? 'default'
        needed.set(fixtureKey(profile, name), [profile, name])
      }
  const started = await Promise.allSettled(
    [...needed].map(async ([key, [profile, name]]) => {
      const { accessSeconds, env } = configOf(profile, name)
      fixtures.set(key, await startDjango({ profile, accessSeconds, env }))
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
  const agrees = (r: ScenarioResult) => r.mismatches.length === 0 && r.errors.length === 0
  const lines: string[] = []
  let allTotal = 0
  let allAgreeing = 0
  for (const { profile, groups } of RUNS) {
    const total = groups.reduce((n, g) => n + g.scenarios.length, 0)
    const ran = results.filter((r) => r.profile === profile)
    const agreeing = ran.filter(agrees).length
    allTotal += total
    allAgreeing += agreeing
    lines.push(
      `contract parity (${profile}): ${agreeing}/${total}` +
        (ran.length < total ? ` (${total - ran.length} did not run)` : ''),
    )
  }
  lines.push(`contract parity: ${allAgreeing}/${allTotal} scenarios (both profiles)`)
  for (const { profile } of RUNS) {
    const ran = results.filter((r) => r.profile === profile)
    const mockOk = ran.filter((r) => !r.contract.some((c) => c.side === 'mock')).length
    const djangoOk = ran.filter((r) => !r.contract.some((c) => c.side === 'django')).length
    lines.push(
      `contract conformance (${profile}): mock ${mockOk}/${ran.length}, django ${djangoOk}/${ran.length} scenarios match the stated answers`,
    )
  }
  const seconds = (key: 'mock' | 'django' | 'total') =>
    (results.reduce((n, r) => n + r.ms[key], 0) / 1000).toFixed(1)
  lines.push(
    `time in scenarios: ${seconds('total')} s (mock calls ${seconds('mock')} s, django calls ${seconds('django')} s)`,
  )
  if (startError) lines.push(`NOT RUN: ${startError.message}`)
  for (const r of results) {
    const detail = formatResult(r)
    if (detail) lines.push(`✗ [${r.profile}] ${r.name}`, detail)
  }
  const text = lines.join('\n')
  fs.mkdirSync(path.dirname(REPORT), { recursive: true })
  fs.writeFileSync(REPORT, `${text}\n`)
  const trace = results.map(({ name, profile, ms, trace: steps }) => ({ name, profile, ms, steps }))
  fs.writeFileSync(TRACE, `${JSON.stringify(trace, null, 1)}\n`)
  console.log(text)
})

for (const { profile, groups } of RUNS) {
  describe(`${profile} profile`, () => {
    for (const { group, scenarios } of groups) {
      describe(group, () => {
        for (const scenario of scenarios) {
          test(scenario.name, async () => {
            const name = scenario.config ?? 'default'
            if (startError) throw startError
            const config = configOf(profile, name)
            const fixture = fixtures.get(fixtureKey(profile, name))
            if (!fixture) throw new Error(`no Django fixture for ${profile} ${name}`)
            const mock = new MockBackend(fixture.port, config)
            const django = new DjangoBackend(fixture, config)
            const result = { ...(await runScenario(scenario, mock, django)), profile }
            results.push(result)
            const detail = formatResult(result)
            if (detail)
              throw new Error(`mock and django (or the observed answers) disagree:\n${detail}`)
          })
        }
      })
    }
  })
}

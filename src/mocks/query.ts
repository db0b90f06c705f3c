/**
 * The dev query `?mock=…` in full: the profile and the knobs (this module), then the scenarios
 * (scenarios.ts). Items are comma-separated; unknown ones are reported, never fatal.
 *
 *   profile:original | profile:hardened    the backend (shared by the origin's tabs, re-seeds)
 *   rotate:on|off                           ROTATE_REFRESH_TOKENS
 *   blacklist:on|off                        token_blacklist app + jwt/blacklist/ + BLACKLIST_AFTER_ROTATION
 *   tenantClaim:on|off                      the custom email/username/tenant claims
 *   iat:on|off                              tokens carry iat (off: simplejwt 4.4)
 *   header:JWT | header:Bearer/JWT          AUTH_HEADER_TYPES (the first names the 401 challenge)
 */
import type { MockConfigPatch } from './config'
import { isProfileName, type Knobs, type ProfileName } from './profiles'
import { parseScenarioQuery, type Scenario } from './scenarios'

export interface MockQuery {
  profile?: ProfileName
  knobs: Partial<Knobs>
  scenario: Scenario
  unknown: string[]
}

const SWITCHES: Record<string, 'rotate' | 'blacklist' | 'tenantClaim' | 'issueIat'> = {
  rotate: 'rotate',
  blacklist: 'blacklist',
  tenantClaim: 'tenantClaim',
  iat: 'issueIat',
}

const ON_OFF: Record<string, boolean> = { on: true, off: false }

export function parseMockQuery(query: string): MockQuery {
  let profile: ProfileName | undefined
  const knobs: Partial<Knobs> = {}
  const rest: string[] = []
  const unknown: string[] = []
  for (const item of query
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', arg = ''] = item.split(/:(.*)/s)
    const knob = SWITCHES[name]
    if (name === 'profile') {
      if (isProfileName(arg)) profile = arg
      else unknown.push(item)
    } else if (knob) {
      const value = ON_OFF[arg]
      if (value === undefined) unknown.push(item)
      else knobs[knob] = value
    } else if (name === 'header') {
      const types = arg.split('/').filter((t) => /^[A-Za-z][\w-]*$/.test(t))
      if (types.length && types.length === arg.split('/').length) knobs.authHeaderTypes = types
      else unknown.push(item)
    } else rest.push(item)
  }
  const scenarios = parseScenarioQuery(rest.join(','))
  return {
    profile,
    knobs,
    scenario: scenarios.scenario,
    unknown: [...unknown, ...scenarios.unknown],
  }
}

/** The patch for configureMock that a parsed query asks for (profile included when given). */
export function queryPatch(q: MockQuery): MockConfigPatch {
  return q.profile ? { profile: q.profile, ...q.knobs } : { ...q.knobs }
}

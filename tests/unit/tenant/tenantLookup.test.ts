import { describe, expect, it } from 'vitest'
import {
  labelName,
  lookupOrganisation,
  readCurrentTenant,
  readTenantList,
  type TenantAnswer,
  type TenantEndpoints,
} from '@/api/tenantLookup'

// Bodies as the original backend sent them (shared/seed-backend-observed.txt, B2) and as the
// hardened one does (backend-contract §2, §6).
const row = (name: string, schema: string, is_active = true, id = 1) => ({
  id,
  created: '2026-12-02T02:37:34.286058+03:00',
  updated: '2026-12-02T02:37:34.286096+03:00',
  name,
  business_phone_number: '+254700000000',
  business_email: `info@${schema}.test`,
  is_active,
  schema,
  subdomain: `${schema}.localhost`,
  tenant_id: `${schema.slice(0, 3).toUpperCase()}-100${id}`,
})
const ACME = row('Acme', 'acme')
const GLOBEX = row('Globex', 'globex', true, 2)
const INITECH = row('Initech', 'initech', false, 3)

const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
  '  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n'
const SERVER_ERROR_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n' +
  '<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n'

const answer = (status: number, body: unknown): TenantAnswer => ({ kind: 'answer', status, body })
const NO_ANSWER: TenantAnswer = { kind: 'no-answer' }
const ANON_401 = answer(401, { detail: 'Authentication credentials were not provided.' })
const GATE_404 = answer(404, {
  detail: "No tenant matches the host 'nope.localhost'.",
  code: 'tenant_not_found',
})
const GATE_403 = answer(403, {
  detail: 'It appears your organization is inactive, please contact support to rectify this.',
  code: 'tenant_inactive',
})
const MALFORMED = answer(200, '[{"id":1,"name":"Acme",')

const acme = { name: 'Acme', code: 'ACM-1001', active: true }

describe('readTenantList (GET tenants/, the original backend)', () => {
  it.each([
    ['our own row (a tenant host)', answer(200, [ACME]), 'acme', 'tenant', acme],
    [
      'our row among others (the public schema lists every tenant)',
      answer(200, [INITECH, GLOBEX, ACME]),
      'globex',
      'tenant',
      { name: 'Globex', code: 'GLO-1002', active: true },
    ],
    [
      'the inactive tenant row',
      answer(200, [INITECH]),
      'initech',
      'inactive',
      { name: 'Initech', code: 'INI-1003', active: false },
    ],
    [
      'a 500 HTML page (an unknown host)',
      answer(500, SERVER_ERROR_HTML),
      'nope',
      'not_found',
      null,
    ],
    ['the gate: 404 tenant_not_found', GATE_404, 'nope', 'not_found', null],
    ['the gate: 403 tenant_inactive', GATE_403, 'initech', 'inactive', null],
    ['no answer (network)', NO_ANSWER, 'acme', 'unreachable', null],
    ['a 502 from a proxy', answer(502, '<html>Bad Gateway</html>'), 'acme', 'unreachable', null],
    ['a 500 in JSON', answer(500, { detail: 'boom' }), 'acme', 'unreachable', null],
  ])('%s', (_label, given, slug, state, organisation) => {
    expect(readTenantList(given, slug)).toEqual({ state, organisation })
  })

  it('matches the row by its subdomain label or its schema, in any case', () => {
    const bySubdomain = { ...ACME, schema: 'other', subdomain: 'Acme.example.com' }
    const bySchema = { ...ACME, subdomain: null, schema: 'ACME' }
    const elsewhere = { ...ACME, schema: 'acmex', subdomain: 'acmex.localhost' }
    expect(readTenantList(answer(200, [bySubdomain]), 'acme')).toEqual({
      state: 'tenant',
      organisation: acme,
    })
    expect(readTenantList(answer(200, [bySchema]), 'acme')).toEqual({
      state: 'tenant',
      organisation: acme,
    })
    expect(readTenantList(answer(200, [elsewhere]), 'acme')).toBe('next')
  })

  it.each([
    ['an empty list', answer(200, [])],
    ['a list without our row', answer(200, [GLOBEX, INITECH])],
    ['a row of ours without a name', answer(200, [{ ...ACME, name: '' }])],
    ['404 HTML (not routed: the hardened backend)', answer(404, NOT_FOUND_HTML)],
    ['401 (the endpoint wants a token)', ANON_401],
    ['malformed JSON', MALFORMED],
    ['an object instead of a list', answer(200, ACME)],
  ])('%s: ask the next endpoint', (_label, given) => {
    expect(readTenantList(given, 'acme')).toBe('next')
  })
})

describe('readCurrentTenant (GET tenants/current/, the hardened backend)', () => {
  it.each([
    [
      'the row (signed in)',
      answer(200, { ...ACME, name: 'Acme Corporation' }),
      'tenant',
      { ...acme, name: 'Acme Corporation' },
    ],
    ['401 signed out: live, no details', ANON_401, 'tenant', null],
    ['404 tenant_not_found', GATE_404, 'not_found', null],
    ['403 tenant_inactive', GATE_403, 'inactive', null],
    ['500 HTML (the original, unknown host)', answer(500, SERVER_ERROR_HTML), 'not_found', null],
    ['no answer (network)', NO_ANSWER, 'unreachable', null],
  ])('%s', (_label, given, state, organisation) => {
    expect(readCurrentTenant(given)).toEqual({ state, organisation })
  })

  it.each([
    ['404 HTML (not routed: the original backend)', answer(404, NOT_FOUND_HTML)],
    ['404 JSON without a gate code', answer(404, { detail: 'Not found.' })],
    ['malformed JSON', answer(200, '{"id":1,')],
    ['an empty body', answer(200, '')],
  ])('%s: ask the next endpoint', (_label, given) => {
    expect(readCurrentTenant(given)).toBe('next')
  })
})

/** Endpoints that answer from a script and count the calls. */
function backend(list: TenantAnswer[], current: TenantAnswer[]) {
  const calls: string[] = []
  const next = (name: string, queue: TenantAnswer[]) => () => {
    calls.push(name)
    const a = queue.shift()
    if (!a) throw new Error(`unexpected call to ${name}`)
    return Promise.resolve(a)
  }
  const endpoints: TenantEndpoints = { list: next('list', list), current: next('current', current) }
  return { endpoints, calls }
}

describe('lookupOrganisation', () => {
  it('the original: the row from tenants/, without asking tenants/current/', async () => {
    const b = backend([answer(200, [ACME])], [])
    expect(await lookupOrganisation(b.endpoints, 'acme')).toEqual({
      state: 'tenant',
      organisation: acme,
      source: 'list',
    })
    expect(b.calls).toEqual(['list'])
  })

  it('the hardened backend signed out: live from the 401, remembered as tenants/current/', async () => {
    const b = backend([answer(404, NOT_FOUND_HTML)], [ANON_401])
    expect(await lookupOrganisation(b.endpoints, 'acme')).toEqual({
      state: 'tenant',
      organisation: null,
      source: 'current',
    })
    expect(b.calls).toEqual(['list', 'current'])
  })

  it('a remembered endpoint is asked alone', async () => {
    const row = { ...ACME, name: 'Acme Corporation' }
    const b = backend([], [answer(200, row)])
    const found = await lookupOrganisation(b.endpoints, 'acme', 'current')
    expect(found.organisation?.name).toBe('Acme Corporation')
    expect(b.calls).toEqual(['current'])
    const again = backend([answer(200, [ACME])], [])
    await lookupOrganisation(again.endpoints, 'acme', 'list')
    expect(again.calls).toEqual(['list'])
  })

  it('neither endpoint: the host label, remembered so nothing is asked again', async () => {
    const b = backend([answer(404, NOT_FOUND_HTML)], [answer(404, NOT_FOUND_HTML)])
    expect(await lookupOrganisation(b.endpoints, 'acme')).toEqual({
      state: 'tenant',
      organisation: null,
      source: 'label',
    })
    const later = backend([], [])
    await lookupOrganisation(later.endpoints, 'acme', 'label')
    expect(later.calls).toEqual([])
  })

  it('the original, unknown host: not found at the first 500 page', async () => {
    const b = backend([answer(500, SERVER_ERROR_HTML)], [])
    expect((await lookupOrganisation(b.endpoints, 'nope')).state).toBe('not_found')
    expect(b.calls).toEqual(['list'])
  })

  it('the hardened gate decides from tenants/ already', async () => {
    expect((await lookupOrganisation(backend([GATE_404], []).endpoints, 'nope')).state).toBe(
      'not_found',
    )
    expect((await lookupOrganisation(backend([GATE_403], []).endpoints, 'initech')).state).toBe(
      'inactive',
    )
  })

  it('no answer stops the walk and remembers nothing', async () => {
    const b = backend([NO_ANSWER], [])
    expect(await lookupOrganisation(b.endpoints, 'acme')).toEqual({
      state: 'unreachable',
      organisation: null,
      source: null,
    })
    expect(b.calls).toEqual(['list'])
  })
})

describe('labelName', () => {
  it.each([
    ['acme', 'Acme'],
    ['big-co', 'Big Co'],
    ['r2d2', 'R2d2'],
    ['a--b', 'A B'],
  ])('%s -> %s', (slug, name) => {
    expect(labelName(slug)).toBe(name)
  })
})

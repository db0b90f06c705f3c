/** The comparator must see real differences and ignore only what legitimately varies. */
import { describe, expect, test } from 'vitest'
import { interpolate } from './harness/dsl'
import { diff, normaliseJson, toView } from './harness/normalise'

const ctx = { accessSeconds: 120, receivedAt: 1_795_350_938 }
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const jwt = (claims: Record<string, unknown>) =>
  `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`
const access = {
  token_type: 'access',
  exp: ctx.receivedAt + 120,
  iat: ctx.receivedAt,
  jti: 'd9c50cfa0123456789abcdef01234567',
  user_id: 5,
  email: 'reg1@acme.test',
  username: 'reg1@acme.test',
  tenant: 'acme',
}

describe('normaliser', () => {
  test('datetimes and JWTs compare by format, not value', () => {
    const a = normaliseJson(
      { created: '2026-11-22T15:36:14.502929+03:00', access: jwt(access) },
      ctx,
    )
    const b = normaliseJson(
      {
        created: '2026-11-22T15:36:15.000001+03:00',
        access: jwt({ ...access, jti: 'ffffffffffffffffffffffffffffffff' }),
      },
      ctx,
    )
    expect(diff(a, b)).toEqual([])
  })

  test('a datetime without microseconds or offset, and claim differences, are reported', () => {
    const a = normaliseJson({ created: '2026-11-22T15:36:14.502929+03:00' }, ctx)
    const b = normaliseJson({ created: '2026-11-22T12:36:14Z' }, ctx)
    expect(diff(a, b).map((d) => d.path)).toEqual(['created'])
    const stringId = diff(
      normaliseJson({ access: jwt(access) }, ctx),
      normaliseJson({ access: jwt({ ...access, user_id: '5', role: 'Staff' }) }, ctx),
    ).map((d) => d.path)
    expect(stringId).toContain('access.$jwt.claims.names.length')
    expect(stringId).toContain('access.$jwt.claims.user_id')
    expect(stringId).toContain('access.$jwt.claims.user_id_type')
  })

  test('messages, key sets, list order and types are compared exactly', () => {
    expect(diff({ email: ['a'] }, { email: ['b'] })).toEqual([
      { path: 'email[0]', left: '"a"', right: '"b"' },
    ])
    expect(diff({ detail: 'x' }, { detail: 'x', code: 'c' })).toEqual([
      { path: 'code', left: '(absent)', right: '"c"' },
    ])
    expect(diff([1, 2], [2, 1]).length).toBe(2)
    expect(diff({ id: 1 }, { id: '1' })).toEqual([{ path: 'id', left: '1', right: '"1"' }])
  })

  test('views: JSON, HTML heading, empty bodies', () => {
    const html = toView(
      {
        status: 400,
        headers: { 'content-type': 'text/html' },
        text: '<!doctype html><title>Bad Request (400)</title><h1>Bad Request (400)</h1><p>x</p>',
      },
      ctx,
    )
    expect(html).toMatchObject({ kind: 'html', body: 'Bad Request (400)' })
    const empty = toView({ status: 204, headers: { 'content-type': 'text/html' }, text: '' }, ctx)
    expect(empty).toEqual({ status: 204, kind: 'empty', headers: {}, body: '' })
  })
})

describe('scenario references', () => {
  test('a whole reference keeps its type; embedded ones are spliced', () => {
    const vars = { 'dept.id': 5, 'a.access': 'tok' }
    expect(interpolate({ department: '{dept.id}', path: '/x/{dept.id}/' }, vars)).toEqual({
      department: 5,
      path: '/x/5/',
    })
    expect(interpolate('Bearer {a.access} {nope}', vars)).toBe('Bearer tok <missing nope>')
  })
})

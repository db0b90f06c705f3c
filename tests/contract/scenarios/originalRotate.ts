/**
 * The original backend hardened by settings alone (ROTATE_REFRESH_TOKENS, BLACKLIST_AFTER_ROTATION,
 * the token_blacklist app, jwt/blacklist/ routed): section C of shared/seed-backend-observed.txt.
 * Still no tenant claim, and the blacklist lives in each tenant's schema.
 */
import type { Scenario } from '../harness/dsl'
import { claimsOf } from '../harness/normalise'
import { AUTH, BEARER, login, ME, notAllowed, REQUIRED } from './helpers'

const REFRESH = `${AUTH}/jwt/refresh/`
const VERIFY = `${AUTH}/jwt/verify/`
const BLACKLIST = `${AUTH}/jwt/blacklist/`
const PAIR = { access: '<jwt>', refresh: '<jwt>' }
const BLACKLISTED = { detail: 'Token is blacklisted', code: 'token_not_valid' }
const VERIFY_BLACKLISTED = { non_field_errors: ['Token is blacklisted'] }
const ROTATE: Pick<Scenario, 'profiles' | 'config'> = { profiles: ['original'], config: 'rotate' }

export const originalRotateScenarios: Scenario[] = [
  {
    name: 'C1-C4 refresh rotates; the spent refresh token is blacklisted; no tenant claim',
    ...ROTATE,
    steps: [
      login('admin'),
      {
        check: 'access claims',
        value: (v) => Object.keys(claimsOf(v['admin.access'])).sort(),
        expect: ['exp', 'iat', 'jti', 'token_type', 'user_id'],
      },
      {
        do: 'refresh with R1',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 200, body: PAIR },
        save: { 'r2.refresh': 'refresh' },
      },
      {
        do: 'refresh with R1 again (spent)',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 401, body: BLACKLISTED, headers: BEARER },
      },
      {
        do: 'refresh with R2 (the rotated token)',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{r2.refresh}' },
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'verify R1 (blacklisted)',
        method: 'POST',
        path: VERIFY,
        json: { token: '{admin.refresh}' },
        expect: { status: 400, body: VERIFY_BLACKLISTED },
      },
    ],
  },
  {
    name: 'C5-C10 jwt/blacklist/: 200 {}, then refused; its access token lives on; wrong inputs',
    ...ROTATE,
    steps: [
      login('admin'),
      {
        do: 'jwt/blacklist with the refresh token',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'refresh after the blacklist',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 401, body: BLACKLISTED, headers: BEARER },
      },
      {
        do: 'jwt/blacklist again',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 401, body: BLACKLISTED, headers: BEARER },
      },
      {
        do: 'verify the blacklisted token',
        method: 'POST',
        path: VERIFY,
        json: { token: '{admin.refresh}' },
        expect: { status: 400, body: VERIFY_BLACKLISTED },
      },
      {
        do: 'users/me with the access token of that pair',
        path: `${AUTH}/users/me/`,
        auth: '{admin.access}',
        expect: { status: 200, body: ME.admin },
      },
      {
        do: 'jwt/blacklist without trailing slash',
        method: 'POST',
        path: `${AUTH}/jwt/blacklist`,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 301, headers: { location: BLACKLIST } },
      },
      {
        do: 'jwt/blacklist with the access token',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: '{admin.access}' },
        expect: {
          status: 401,
          body: { detail: 'Token has wrong type', code: 'token_not_valid' },
          headers: BEARER,
        },
      },
      {
        do: 'jwt/blacklist with garbage',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: 'abc' },
        expect: {
          status: 401,
          body: { detail: 'Token is invalid or expired', code: 'token_not_valid' },
          headers: BEARER,
        },
      },
      {
        do: 'jwt/blacklist, empty body',
        method: 'POST',
        path: BLACKLIST,
        json: {},
        expect: { status: 400, body: { refresh: REQUIRED } },
      },
      {
        do: 'GET jwt/blacklist/',
        path: BLACKLIST,
        expect: { status: 405, body: notAllowed('GET') },
      },
    ],
  },
  {
    name: 'C11-C17 the blacklist is per schema: a token spent on globex still refreshes once on acme',
    ...ROTATE,
    steps: [
      login('admin'),
      {
        do: 'refresh R4 on the globex host',
        method: 'POST',
        path: REFRESH,
        host: 'globex',
        json: { refresh: '{admin.refresh}' },
        expect: { status: 200, body: PAIR },
      },
      {
        do: 'refresh R4 on the globex host again',
        method: 'POST',
        path: REFRESH,
        host: 'globex',
        json: { refresh: '{admin.refresh}' },
        expect: { status: 401, body: BLACKLISTED, headers: BEARER },
      },
      {
        do: 'refresh R4 on the acme host (its own tenant)',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 200, body: PAIR },
        save: { 'r5.refresh': 'refresh' },
      },
      {
        do: 'refresh R4 on the acme host again',
        method: 'POST',
        path: REFRESH,
        json: { refresh: '{admin.refresh}' },
        expect: { status: 401, body: BLACKLISTED, headers: BEARER },
      },
      {
        do: 'jwt/blacklist R5 on acme',
        method: 'POST',
        path: BLACKLIST,
        json: { refresh: '{r5.refresh}' },
        expect: { status: 200, body: {} },
      },
      {
        do: 'jwt/blacklist R5 (blacklisted on acme) on the globex host',
        method: 'POST',
        path: BLACKLIST,
        host: 'globex',
        json: { refresh: '{r5.refresh}' },
        expect: { status: 200, body: {} },
      },
      login('gadmin'),
    ],
  },
]

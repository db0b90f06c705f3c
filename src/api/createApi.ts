/**
 * The whole API bound once to one client: `createApi(http).listAccounts()` instead of
 * `listAccounts(http)` at every call. The modules keep their plain `(http, ...args)` functions
 * (tests and the tenant lookup call them so); the app reaches them through `useApi()`.
 */
import type { AxiosInstance } from 'axios'
import * as core from './core'
import * as tenants from './tenants'
import * as users from './users'

type ClientCall = (http: AxiosInstance, ...args: never[]) => unknown

/** Each `(http, ...args) => R` as `(...args) => R`. */
export type Bound<T extends Record<string, ClientCall>> = {
  [K in keyof T]: T[K] extends (http: AxiosInstance, ...args: infer A) => infer R
    ? (...args: A) => R
    : never
}

function bind<T extends Record<string, ClientCall>>(http: AxiosInstance, calls: T): Bound<T> {
  const bound: Record<string, unknown> = {}
  for (const [name, call] of Object.entries(calls)) {
    bound[name] = (...args: never[]) => call(http, ...args)
  }
  return bound as Bound<T>
}

const CALLS = { ...core, ...tenants, ...users }

export type Api = Bound<typeof CALLS>

export function createApi(http: AxiosInstance): Api {
  return bind(http, CALLS)
}

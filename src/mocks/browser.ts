/**
 * The mock backend in the browser: a service worker, the database persisted per origin, and the
 * profile, knobs and scenarios from the URL (`?mock=profile:hardened,latency:800`). Exposed as
 * `window.__mockBackend` for the dev panel and Playwright.
 *
 * The profile is the origin's: it is stored with the database, so every tab and reload of the
 * origin runs the same backend. It is, in order: `?mock=profile:…`, else the stored database's,
 * else `VITE_MOCK_PROFILE` (default `original`). Switching it re-seeds the database.
 */
import { http } from 'msw'
import { setupWorker } from 'msw/browser'
import { configureMock, mockConfig, resetMockConfig } from './config'
import { DB_VERSION, lastMail, reloadDb, resetDb, usePersistence, type MockDb } from './db'
import { dispatch, MOCKED_PATHS } from './handlers'
import { isProfileName, type ProfileName } from './profiles'
import { parseMockQuery } from './query'
import {
  applyScenario,
  clearScenarios,
  expireAccessTokens,
  failNextRefresh,
  mockStats,
} from './scenarios'

export const STORAGE_KEY = 'mock-django-db'

/** Another profile for the whole origin: a fresh seed of it, saved for the other tabs. */
export function switchProfile(profile: ProfileName): void {
  configureMock({ profile })
}

export const mockBackend = {
  applyScenario,
  clearScenarios,
  expireAccessTokens,
  failNextRefresh,
  mockStats,
  resetDb,
  lastMail,
  configureMock,
  resetMockConfig,
  mockConfig,
  switchProfile,
  /** The backend profile in force: 'original' or 'hardened'. */
  get profile(): ProfileName {
    return mockConfig.profile
  },
}

declare global {
  interface Window {
    __mockBackend?: typeof mockBackend
  }
}

function localStoragePersistence() {
  // Only replace the in-memory copy when another tab (or a reload) changed what is stored, so
  // an answer in progress never loses its own writes to a re-read of the same state.
  let lastRaw: string | null = null
  return {
    load(): MockDb | null {
      const raw = localStorage.getItem(STORAGE_KEY)
      if (!raw || raw === lastRaw) return null
      lastRaw = raw
      try {
        return JSON.parse(raw) as MockDb
      } catch {
        return null
      }
    },
    save(db: MockDb): void {
      lastRaw = JSON.stringify(db)
      localStorage.setItem(STORAGE_KEY, lastRaw)
    },
  }
}

/** The profile of the database this origin has stored, if any (and of the current shape). */
export function storedProfile(): ProfileName | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<MockDb> | null
    return stored && stored.version === DB_VERSION && isProfileName(stored.profile)
      ? stored.profile
      : null
  } catch {
    return null
  }
}

/** VITE_MOCK_PROFILE, or `original` when it is unset or names no profile. */
export function defaultProfile(value: unknown = import.meta.env.VITE_MOCK_PROFILE): ProfileName {
  return isProfileName(value) ? value : 'original'
}

/**
 * The tab's mock state before any request: the profile (URL, else stored, else the build's
 * default) and this tab's knobs, the stored database when it is of that profile (else a fresh
 * seed, stored for the other tabs), then the URL's scenarios. Returns the ignored `?mock=` items.
 */
export function bootMockState(
  search: string = location.search,
  fallback: ProfileName = defaultProfile(),
): string[] {
  const query = parseMockQuery(new URLSearchParams(search).get('mock') ?? '')
  configureMock({ profile: query.profile ?? storedProfile() ?? fallback, ...query.knobs })
  usePersistence(localStoragePersistence())
  applyScenario(query.scenario)
  return query.unknown
}

export async function startMockBackend(
  search: string = location.search,
  fallback: ProfileName = defaultProfile(),
): Promise<void> {
  const unknown = bootMockState(search, fallback)
  if (unknown.length) console.warn(`[mock] unknown ?mock= items ignored: ${unknown.join(', ')}`)
  window.__mockBackend = mockBackend
  // Every tab runs its own copy of the handlers: re-read the shared state before each request
  // so a second tab sees the users, expenses, blacklist and profile the first one wrote.
  const worker = setupWorker(
    http.all(MOCKED_PATHS, ({ request }) => {
      reloadDb()
      return dispatch(request)
    }),
  )
  await withUpdateChecksHandled(() => worker.start({ onUnhandledRequest: 'bypass', quiet: true }))
}

/**
 * When a page loads while the worker is still registered (another tab of the origin keeps it, or
 * the last page's worker has not yet unregistered itself after its CLIENT_CLOSED), msw's start()
 * asks the browser to check the worker script for an update and drops the promise (msw 2.15,
 * getWorkerInstance). If the unregister lands first, Chromium refuses the check ("Not found"), and
 * a dropped rejection is an uncaught page error (seen once in CI). msw registers the worker again
 * either way, so while start() runs, each update check gets a handler that says so.
 */
async function withUpdateChecksHandled<T>(start: () => Promise<T>): Promise<T> {
  if (typeof ServiceWorkerRegistration === 'undefined') return start()
  const proto = ServiceWorkerRegistration.prototype
  const update = proto.update
  proto.update = function (this: ServiceWorkerRegistration) {
    const check = update.call(this)
    check.catch((error: unknown) => {
      console.info(
        `[mock] the service worker's update check failed (${String(error)}); the installed worker keeps serving`,
      )
    })
    return check
  }
  try {
    return await start()
  } finally {
    proto.update = update
  }
}

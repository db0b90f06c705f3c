/**
 * The mock backend in the browser: a service worker, the database persisted per origin, and
 * scenarios from the URL (`?mock=latency:800,refresh:500`). Exposed as `window.__mockBackend`
 * for the dev panel and Playwright.
 */
import { http } from 'msw'
import { setupWorker } from 'msw/browser'
import { configureMock, mockConfig } from './config'
import { lastMail, reloadDb, resetDb, usePersistence, type MockDb } from './db'
import { dispatch, MOCKED_PATHS } from './handlers'
import {
  applyScenario,
  clearScenarios,
  expireAccessTokens,
  failNextRefresh,
  mockStats,
  parseScenarioQuery,
} from './scenarios'

const STORAGE_KEY = 'mock-django-db'

export const mockBackend = {
  applyScenario,
  clearScenarios,
  expireAccessTokens,
  failNextRefresh,
  mockStats,
  resetDb,
  lastMail,
  configureMock,
  mockConfig,
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

export async function startMockBackend(search: string = location.search): Promise<void> {
  usePersistence(localStoragePersistence())
  const query = new URLSearchParams(search).get('mock')
  if (query) {
    const { scenario, unknown } = parseScenarioQuery(query)
    applyScenario(scenario)
    if (unknown.length) console.warn(`[mock] unknown scenario items ignored: ${unknown.join(', ')}`)
  }
  window.__mockBackend = mockBackend
  // Every tab runs its own copy of the handlers: re-read the shared state before each request
  // so a second tab sees the users, expenses and blacklist the first one wrote.
  const worker = setupWorker(
    http.all(MOCKED_PATHS, ({ request }) => {
      reloadDb()
      return dispatch(request)
    }),
  )
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
}

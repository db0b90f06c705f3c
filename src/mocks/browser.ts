/** The mock backend in the browser: a service worker, with the database persisted per origin. */
import { http } from 'msw'
import { setupWorker } from 'msw/browser'
import { reloadDb, usePersistence, type MockDb } from './db'
import { dispatch } from './handlers'

const STORAGE_KEY = 'mock-django-db'

export async function startMockBackend(): Promise<void> {
  usePersistence({
    load: () => {
      const raw = localStorage.getItem(STORAGE_KEY)
      if (!raw) return null
      try {
        return JSON.parse(raw) as MockDb
      } catch {
        return null
      }
    },
    save: (db) => localStorage.setItem(STORAGE_KEY, JSON.stringify(db)),
  })
  // Every tab runs its own copy of the handlers: re-read the shared state before each request
  // so a second tab sees the users, expenses and blacklist the first one wrote.
  const worker = setupWorker(
    http.all(/\/api\/v1\//, ({ request }) => {
      reloadDb()
      return dispatch(request)
    }),
  )
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
}

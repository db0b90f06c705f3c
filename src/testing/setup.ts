/**
 * The kit's one setup file: `setupFiles: ['src/testing/setup.ts']` in a Vitest project (node,
 * happy-dom, jsdom or browser mode). Starts the mock backend at the network edge for the file,
 * and after each test unmounts what the test rendered and resets the mock (handlers, database,
 * profile, scenarios). In a DOM it first loads the app's lazy modules (routeViews.ts), so no
 * test pays for their first compile.
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import { mockBackend } from './mockBackend'
import { startMockNetwork, stopMockNetwork } from './mockNetwork'
import { teardownAll } from './mounted'
import { loadLazyModules } from './routeViews'

if (typeof document !== 'undefined') await loadLazyModules()

beforeAll(startMockNetwork)
afterEach(() => {
  teardownAll()
  mockBackend.reset()
})
afterAll(stopMockNetwork)

/**
 * The mock backend at the network edge: MSW's node server (Vitest's node, happy-dom and jsdom
 * environments) or its service worker (Vitest browser mode, public/mockServiceWorker.js). The
 * same handlers answer in both, so a test reads the same either way.
 */
import type { SetupServer } from 'msw/node'
import { handlers } from '@/mocks/handlers'

/** What a test may do to either: add handlers for one test, drop them, listen to requests. */
export type MockNetwork = Pick<SetupServer, 'use' | 'resetHandlers' | 'events'>

let active: (MockNetwork & { stop(): void }) | null = null

/** True inside Vitest's browser mode (a real browser page), false in Node environments. */
export const inBrowser = (): boolean =>
  (globalThis as { __vitest_browser__?: boolean }).__vitest_browser__ === true

export async function startMockNetwork(): Promise<void> {
  if (active) return
  if (inBrowser()) {
    const { setupWorker } = await import('msw/browser')
    const worker = setupWorker(...handlers)
    // Every API and media path is answered by the mock; the rest (Vite's own modules) passes.
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' })
    active = worker
  } else {
    // The mock's own node server (src/mocks/node.ts), which unit tests may also reach directly.
    const { server } = await import('@/mocks/node')
    server.listen({ onUnhandledRequest: 'error' })
    active = {
      use: (...h) => server.use(...h),
      resetHandlers: (...h) => server.resetHandlers(...h),
      events: server.events,
      stop: () => server.close(),
    }
  }
}

export function stopMockNetwork(): void {
  active?.stop()
  active = null
}

export function mockNetwork(): MockNetwork {
  if (!active) {
    throw new Error(
      'The mock backend is not running: add src/testing/setup.ts to setupFiles in your Vitest config.',
    )
  }
  return active
}

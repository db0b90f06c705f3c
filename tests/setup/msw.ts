/** Every Vitest project talks to the same mock Django backend, reset between tests. */
import { afterAll, afterEach, beforeAll } from 'vitest'
import { resetMockConfig } from '@/mocks/config'
import { resetDb } from '@/mocks/db'
import { server } from '@/mocks/node'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  resetDb()
  resetMockConfig()
})
afterAll(() => server.close())

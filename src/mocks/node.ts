/** The mock backend for Node (Vitest, contract suite). */
import { setupServer } from 'msw/node'
import { handlers } from './handlers'

export const server = setupServer(...handlers)

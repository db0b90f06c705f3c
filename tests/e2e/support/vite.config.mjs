/**
 * The app's own Vite config for the e2e dev servers, with HMR and file watching off: the servers
 * serve the code as it was when they started. Someone editing src/ while the suite runs (a shared
 * checkout) would otherwise reload the pages under test, or hand them a module newer than the
 * rest of the page.
 */
import { defineConfig, mergeConfig } from 'vite'
// Vite bundles this file with what it imports, so the app's TypeScript config loads here.
import app from '../../../vite.config.ts'

export default defineConfig(async (env) =>
  mergeConfig(typeof app === 'function' ? await app(env) : app, {
    server: { hmr: false, watch: null },
  }),
)

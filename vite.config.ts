import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig, loadEnv, type Plugin } from 'vite'

/**
 * A real-backend build must not ship the mock: the app only imports src/mocks behind a literal
 * `import.meta.env.VITE_API_MOCKING` check (so the bundler drops it), and this plugin removes the
 * worker script that Vite copies from public/.
 */
function stripMockServiceWorker(mocking: boolean): Plugin {
  let outDir = 'dist'
  return {
    name: 'strip-mock-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      if (!mocking) await rm(resolve(outDir, 'mockServiceWorker.js'), { force: true })
    },
  }
}

/**
 * The browser build sends every request through axios's XHR adapter (its default in browsers), so
 * the fetch adapter is left out of the bundle; asking for `adapter: 'fetch'` then fails loudly
 * with axios's own "not supported by the environment" error.
 */
function axiosWithoutFetchAdapter(): Plugin {
  const stub = '\0axios-fetch-adapter-omitted'
  return {
    name: 'axios-without-fetch-adapter',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (
        source === './fetch.js' &&
        importer?.replaceAll('\\', '/').endsWith('axios/lib/adapters/adapters.js')
      ) {
        return stub
      }
      return null
    },
    load(id) {
      return id === stub ? 'export const getFetch = () => false\nexport default false\n' : null
    },
  }
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  const mocking = env.VITE_API_MOCKING === 'true'
  // `npm run dev:django`, or any backend: forward /api and /media keeping the tenant's Host header,
  // so http://acme.localhost:5173 reaches tenant acme.
  const target = process.env.API_PROXY_TARGET
  const proxy = target
    ? {
        '/api': { target, changeOrigin: false },
        '/media': { target, changeOrigin: false },
      }
    : undefined
  return {
    plugins: [vue(), stripMockServiceWorker(mocking), axiosWithoutFetchAdapter()],
    // Every component uses <script setup>: Vue's Options API is dead weight in the bundle.
    define: {
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    resolve: {
      alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    },
    build: {
      // Browsers we target all support <link rel="modulepreload">: no polyfill in the entry.
      modulePreload: { polyfill: false },
      // Everything the first page needs (Vue, router, Pinia, axios, the auth core, the shell) in
      // one file: left to itself the bundler splits it into six chunks shared with the lazy
      // views, which costs a request each and about 2.5 KB of gzip. Views, the tab-sync plug-in
      // and chart.js stay lazy.
      rolldownOptions: {
        output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } },
      },
    },
    server: { port: 5173, host: '127.0.0.1', proxy },
    preview: { port: 4173, host: '127.0.0.1' },
  }
})

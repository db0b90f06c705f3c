import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { configDefaults, defineConfig } from 'vitest/config'

const alias = { '@': fileURLToPath(new URL('./src', import.meta.url)) }

export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  test: {
    // Stryker's sandboxes (copies of the project) and its reports: never tests of this checkout.
    exclude: [...configDefaults.exclude, '.stryker-tmp/**', 'reports/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/setup/msw.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://acme.localhost:5173/' } },
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/setup/msw.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Production and demo builds, checked for what they ship.
          name: 'build',
          environment: 'node',
          include: ['tests/build/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The same scenarios against the mock and a live Django (tests/contract/django).
          name: 'contract',
          environment: 'node',
          include: ['tests/contract/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

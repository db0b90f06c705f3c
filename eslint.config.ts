import prettier from 'eslint-config-prettier'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

const framework = [
  'vue',
  'vue-router',
  'pinia',
  '@vue/*',
  '@/stores/*',
  '@/router/*',
  '@/views/*',
  '@/components/*',
  '@/api/*',
  '@/services',
  '@/mocks/*',
]

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-demo/**',
      'coverage/**',
      'public/mockServiceWorker.js',
      'test-results/**',
      'playwright-report/**',
      // npm run bench builds into bench/.tmp (gitignored)
      'bench/.tmp/**',
      // npm run test:mutation: Stryker's sandboxes and its reports (gitignored)
      '.stryker-tmp/**',
      'reports/**',
      'tests/contract/django/**/*.py',
    ],
  },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Dependencies point one way: core knows nothing of Vue, Pinia, the router or the app.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...framework, '@/*'],
              message:
                'src/core is plain TypeScript: import only axios, jwt-decode and core itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/stores/*',
                '@/router/*',
                '@/views/*',
                '@/components/*',
                'pinia',
                'vue-router',
              ],
              message: 'api/ holds plain HTTP calls: no stores, router or views.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/stores/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/router/*', '@/views/*', '@/components/*', 'vue-router'],
              message: 'Stores sit below the router and views.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/composables/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/components/*', '@/views/*', '*.vue'],
              message: 'Composables are logic: they import no components or views.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/mocks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/*', '**/core/**', '**/stores/**', '**/api/**'],
              message: 'The mock backend stands alone, like the Django server it imitates.',
            },
          ],
        },
      ],
    },
  },
  prettier,
)

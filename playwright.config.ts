import { defineConfig } from '@playwright/test'

/** Set by scripts/e2e.mjs: Debian's chromium when present, otherwise Playwright's own browser. */
const executablePath = process.env.E2E_CHROMIUM || undefined
/**
 * One server per project. The ports are the defaults below unless scripts/e2e.mjs (or you) set
 * them; scripts/e2e.mjs moves a port that is already taken, so two runs on one machine do not meet.
 */
const mockPort = Number(process.env.E2E_PORT ?? 5199)
const mockHardenedPort = Number(process.env.E2E_MOCK_HARDENED_PORT ?? 5198)
const djangoPort = Number(process.env.E2E_DJANGO_PORT ?? 5197)
const djangoHardenedPort = Number(process.env.E2E_DJANGO_HARDENED_PORT ?? 5196)
/** The production bundle (the demo build: the real-backend build plus the mock), served by `vite preview`. */
const buildPort = Number(process.env.E2E_BUILD_PORT ?? 5195)
/** The production build behind nginx, the Django fixture under gunicorn (scripts/serve-deploy.mjs). */
const deployPort = Number(process.env.E2E_DEPLOY_PORT ?? 5194)
/**
 * Access-token lifetime of the Django fixture in the e2e run: short, so refreshes happen, and long
 * enough that a renewed token's own proactive refresh (due at 75%) never lands inside a step that
 * counts refreshes on a loaded machine.
 */
export const DJANGO_ACCESS_SECONDS = Number(process.env.E2E_DJANGO_ACCESS_SECONDS ?? 10)
/** The soak (tests/e2e/soak, `npm run test:soak`) replaces the Django projects' journeys. */
const SOAK = process.env.E2E_SOAK === '1'
const SOAK_SPECS = ['**/soak/**/*.spec.ts']
/**
 * A server someone already runs on a port is reused only on request (E2E_REUSE=1): on a shared
 * machine it may be another run's, with another backend profile.
 */
const reuseExistingServer = process.env.E2E_REUSE === '1'

/**
 * The projects this run selected (scripts/e2e.mjs passes its `--project` values here): only their
 * servers start. Empty: every project, every server.
 */
const selected = (process.env.E2E_PROJECTS ?? '').split(',').filter(Boolean)
function wanted(project: string): boolean {
  if (selected.length === 0) return true
  return selected.some((pattern) => {
    const glob = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
    return new RegExp(`^${glob}$`, 'i').test(project)
  })
}

/** The core journeys: every project runs them, on each backend profile. */
const CORE = ['**/core/**/*.spec.ts']

/** Project metadata, read by tests/e2e/support/backend.ts. */
interface Backend {
  port: number
  backend: 'mock' | 'django'
  profile: 'original' | 'hardened'
  accessSeconds?: number
  /** The server sends a Content-Security-Policy: every page is watched for violations. */
  csp?: boolean
}
const backends = {
  mock: { port: mockPort, backend: 'mock', profile: 'original' },
  'mock-hardened': { port: mockHardenedPort, backend: 'mock', profile: 'hardened' },
  django: {
    port: djangoPort,
    backend: 'django',
    profile: 'original',
    accessSeconds: DJANGO_ACCESS_SECONDS,
  },
  'django-hardened': {
    port: djangoHardenedPort,
    backend: 'django',
    profile: 'hardened',
    accessSeconds: DJANGO_ACCESS_SECONDS,
  },
  build: { port: buildPort, backend: 'mock', profile: 'original' },
  // The original profile: the seed backend as it is deployed (nginx, gunicorn, Django).
  deploy: {
    port: deployPort,
    backend: 'django',
    profile: 'original',
    accessSeconds: DJANGO_ACCESS_SECONDS,
    csp: true,
  },
} satisfies Record<string, Backend>

/** The dev servers use the app's Vite config without HMR (see the file). */
const VITE_CONFIG = '--config tests/e2e/support/vite.config.mjs'

/** The app against the mock (as `npm run dev`, the profile from VITE_MOCK_PROFILE). */
const mockServer = (port: number, profile: Backend['profile']) => ({
  command: `npx vite ${VITE_CONFIG} --port ${port} --strictPort`,
  url: `http://127.0.0.1:${port}/`,
  env: { VITE_MOCK_PROFILE: profile },
  reuseExistingServer,
  timeout: 60_000,
})

/** The app against the real Django fixture (as `npm run dev:django`). */
const djangoServer = (port: number, profile: Backend['profile']) => ({
  command: `node scripts/dev-django.mjs --port ${port} --strictPort ${VITE_CONFIG}`,
  url: `http://127.0.0.1:${port}/`,
  env: { ACCESS_SECONDS: String(DJANGO_ACCESS_SECONDS), BACKEND_PROFILE: profile },
  reuseExistingServer,
  timeout: 90_000,
})

const servers = {
  mock: mockServer(mockPort, 'original'),
  'mock-hardened': mockServer(mockHardenedPort, 'hardened'),
  django: djangoServer(djangoPort, 'original'),
  'django-hardened': djangoServer(djangoHardenedPort, 'hardened'),
  build: {
    command:
      'npx vite build --mode demo --outDir test-results/e2e-dist --emptyOutDir --logLevel error' +
      ` && npx vite preview --outDir test-results/e2e-dist --port ${buildPort} --strictPort`,
    url: `http://127.0.0.1:${buildPort}/`,
    // The demo build's mock runs the original profile.
    env: { VITE_MOCK_PROFILE: 'original' },
    reuseExistingServer,
    timeout: 120_000,
  },
  deploy: {
    command: `node scripts/serve-deploy.mjs --port ${deployPort} --dist test-results/e2e-deploy-dist`,
    url: `http://127.0.0.1:${deployPort}/`,
    env: { ACCESS_SECONDS: String(DJANGO_ACCESS_SECONDS), BACKEND_PROFILE: 'original' },
    reuseExistingServer,
    timeout: 120_000,
    // SIGTERM: the script stops nginx and gunicorn by PID and removes their files.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
  },
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  // Two test files at a time (E2E_WORKERS to change it). Most of a journey's time is spent waiting
  // for tokens to expire in real time, not on the CPU, so a second worker nearly halves the run on
  // an idle 2-core machine. Each project has its own server and each test its own browser context;
  // the tests count requests at their own pages, never on a server shared with another test.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      // Every journey, against the MSW mock in the browser, on the dev default profile (original).
      name: 'mock',
      testIgnore: ['**/django-only/**', '**/deploy/**', ...SOAK_SPECS],
      metadata: backends.mock,
    },
    {
      // The core journeys on the hardened mock (a second dev server, VITE_MOCK_PROFILE=hardened).
      name: 'mock-hardened',
      testMatch: CORE,
      metadata: backends['mock-hardened'],
    },
    {
      // The core journeys against the real Django + DRF + Djoser + simplejwt fixture, as published.
      name: 'django',
      testMatch: SOAK
        ? SOAK_SPECS
        : [...CORE, '**/django-only/**/*.spec.ts', '**/domain/**/*.spec.ts'],
      metadata: backends.django,
    },
    {
      // The same against the fixture's hardened profile (rotation, blacklist, tenant claim).
      name: 'django-hardened',
      testMatch: SOAK ? SOAK_SPECS : [...CORE, '**/django-only/**/*.spec.ts'],
      metadata: backends['django-hardened'],
    },
    {
      // The session and tab journeys again on the production bundle: its chunking (one initial
      // file, the tab-sync plug-in fetched on its own) is what people get.
      name: 'build',
      testMatch: ['**/core/session.spec.ts', '**/core/tabs.spec.ts'],
      metadata: backends.build,
    },
    {
      // The core journeys (three tabs among them) and the deployment's own checks through the
      // production build served by Debian's nginx with deploy/'s configuration, the Django fixture
      // under gunicorn behind it: the headers, the CSP (no violation on any page), the fallback.
      name: 'deploy',
      testMatch: [...CORE, '**/deploy/**/*.spec.ts'],
      metadata: backends.deploy,
    },
  ],
  webServer: Object.entries(servers)
    .filter(([project]) => wanted(project))
    .map(([, server]) => server),
})

/**
 * The real-backend build ships no mock: no MSW code, no handlers, no worker script. The demo build
 * is standalone: it carries the worker and the mock. Both are built here, as the scripts build them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUDGET, bundleCore, initialJs } from '../../bench/sizes.mjs'

const root = resolve(import.meta.dirname, '../..')

function jsFiles(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(join(dir, 'assets', name), 'utf8') }))
}

/** The first entry of Django's common-password list (src/mocks/users/commonPasswordList.ts). */
const COMMON_PASSWORD_MARKER = 'bigpimpin1'

/** Markers only the mock brings in: MSW's worker client and our mock Django's messages. */
const MOCK_MARKERS = [
  'mockServiceWorker',
  'setupWorker',
  'No active account found with the given credentials',
  'mock-django-db',
  'Mock backend dev panel',
  COMMON_PASSWORD_MARKER,
]

/** Builds as the npm scripts do: Vitest runs with NODE_ENV=test, which would make Vite build for development. */
async function viteBuild(mode: string, outDir: string): Promise<string> {
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ root, mode, logLevel: 'error', build: { outDir, emptyOutDir: true } })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  return outDir
}

/** Markers of the component-test kit (src/testing) and what only it brings in (@pinia/testing). */
const KIT_MARKERS = ['renderIsolated:', 'RenderWithAppHost', '__vitest_browser__']

describe('builds', () => {
  let real: string
  let demo: string
  beforeAll(async () => {
    real = await viteBuild('production', join(root, 'dist'))
    demo = await viteBuild('demo', join(root, 'test-results/dist-demo'))
  }, 180_000)

  it('both are production builds', () => {
    for (const dir of [real, demo]) {
      const entry = jsFiles(dir)
        .map((f) => f.text)
        .join('\n')
      expect(entry).toMatch(/DEV:!1/)
    }
  })

  it('the real-backend build (npm run build) has no mockServiceWorker.js', () => {
    expect(existsSync(join(real, 'index.html'))).toBe(true)
    expect(existsSync(join(real, 'mockServiceWorker.js'))).toBe(false)
  })

  it('the real-backend build contains no MSW or mock code', () => {
    const files = jsFiles(real)
    expect(files.length).toBeGreaterThan(0)
    for (const { name, text } of files) {
      for (const marker of MOCK_MARKERS)
        expect(text.includes(marker), `${name} contains ${marker}`).toBe(false)
    }
  })

  it('neither build contains the component-test kit', () => {
    for (const dir of [real, demo]) {
      for (const { name, text } of jsFiles(dir)) {
        for (const marker of KIT_MARKERS)
          expect(text.includes(marker), `${name} contains ${marker}`).toBe(false)
      }
    }
  })

  it('keeps the chart library out of the initial JS (it loads with the insights route)', () => {
    const html = readFileSync(join(real, 'index.html'), 'utf8')
    const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1])
    expect(initial.length).toBeGreaterThan(0)
    const chartMarker = 'Canvas is already in use'
    const files = jsFiles(real)
    for (const { name, text } of files) {
      if (initial.includes(name))
        expect(text.includes(chartMarker), `${name} is initial`).toBe(false)
    }
    expect(files.some(({ text }) => text.includes(chartMarker))).toBe(true)
  })

  it('keeps the tab-sync plug-in out of the initial JS, in a chunk of its own', () => {
    const { files } = initialJs(real)
    const marker = 'was spent by another tab'
    const chunks = jsFiles(real).filter(({ text }) => text.includes(marker))
    expect(chunks.map((c) => c.name)).toHaveLength(1)
    for (const chunk of chunks) expect(files).not.toContain(`assets/${chunk.name}`)
  })

  it('stays within the size budgets: initial JS <= 67.5 KB gzip, auth core alone <= 7.5 KB gzip', async () => {
    const initial = initialJs(real)
    expect(initial.files.length).toBeGreaterThan(0)
    expect(initial.gzip).toBeLessThanOrEqual(BUDGET.initialJs)
    const core = await bundleCore(join(root, 'test-results/core-size'))
    expect(core.gzip).toBeGreaterThan(1024)
    expect(core.gzip).toBeLessThanOrEqual(BUDGET.core)
  })

  it("the demo build fetches Django's common-password list lazily, in a chunk of its own", () => {
    const { files } = initialJs(demo)
    expect(files.length).toBeGreaterThan(0)
    const chunks = jsFiles(demo).filter(({ text }) => text.includes(COMMON_PASSWORD_MARKER))
    expect(chunks.map((c) => c.name)).toHaveLength(1)
    const [chunk] = chunks
    expect(files).not.toContain(`assets/${chunk!.name}`)
    // Not even the mock's own chunk: it is fetched the first time a password is validated.
    expect(chunk!.text).not.toContain('mock-django-db')
    expect(chunk!.text).toContain('taekwondo')
    const html = readFileSync(join(demo, 'index.html'), 'utf8')
    expect(html).not.toContain(chunk!.name)
  })

  it('the demo build (npm run build:demo) is standalone: worker script and mock included', () => {
    expect(existsSync(join(demo, 'mockServiceWorker.js'))).toBe(true)
    const all = jsFiles(demo)
      .map((f) => f.text)
      .join('\n')
    // Every marker the real build must lack is really there when the mock is on.
    for (const marker of MOCK_MARKERS) expect(all, marker).toContain(marker)
  })
})

/**
 * Every lazily loaded module a rendered app may reach, loaded before any test starts: the route
 * views (each its own chunk in the build, imported by the router on the first visit) and the mock
 * backend's common-password list (imported by the first password it validates). In a test run a
 * module's first import is also its first compile by Vite; inside a test that meant seconds of the
 * test's 5 s on a loaded machine, paid by whichever test of a file came first. The setup file
 * awaits this while the test file loads, where no test's clock runs; later imports are cache hits.
 */
import type { RouteComponent, RouteRecordRaw } from 'vue-router'
import { commonPasswords } from '@/mocks/users/commonPasswords'
import { routes } from '@/router/routes'

type Lazy = () => Promise<unknown>

/** vue-router's own test (isRouteComponent): a function that is no component is a loader. */
const isLoader = (c: RouteComponent | Lazy): c is Lazy =>
  typeof c === 'function' && !('displayName' in c) && !('props' in c) && !('__vccOpts' in c)

function loaders(records: readonly RouteRecordRaw[]): Lazy[] {
  return records.flatMap((record) => [
    ...[record.component, ...Object.values(record.components ?? {})].filter(
      (c): c is Lazy => c !== undefined && c !== null && isLoader(c),
    ),
    ...loaders(record.children ?? []),
  ])
}

export async function loadLazyModules(): Promise<void> {
  await Promise.all([...new Set(loaders(routes))].map((load) => load()))
  await commonPasswords()
}

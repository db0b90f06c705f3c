/** Which backend the current Playwright project talks to, and the tenant origins it serves. */
import { test } from '@playwright/test'

export interface BackendInfo {
  backend: 'mock' | 'django'
  port: number
  /** Django fixture only: its access-token lifetime in seconds. */
  accessSeconds?: number
}

export function backend(): BackendInfo {
  return test.info().project.metadata as BackendInfo
}

/** `http://acme.localhost:PORT`, or the bare host when no tenant is given. */
export function origin(tenant?: string): string {
  const { port } = backend()
  return tenant ? `http://${tenant}.localhost:${port}` : `http://localhost:${port}`
}

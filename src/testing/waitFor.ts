/** Waiting for what the mock answers asynchronously, and reading what is on screen. */
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { expect, vi } from 'vitest'

/** Retries the assertion until it passes (or `timeout` ms pass), then lets Vue settle. */
export async function until(assertion: () => void, timeout = 3000): Promise<void> {
  await vi.waitFor(assertion, { timeout, interval: 10 })
  await flushPromises()
}

/** The text of the element the selector finds; fails the test, naming it, when there is none. */
export function text(wrapper: VueWrapper | DOMWrapper<Element>, selector: string): string {
  const found = wrapper.find(selector)
  expect(found.exists(), `${selector} exists`).toBe(true)
  return found.text()
}

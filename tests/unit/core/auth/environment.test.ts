/** The page around the session: visibility and connectivity, as the scheduler hears of them. */
import { describe, expect, it } from 'vitest'
import { browserEnvironment, headlessEnvironment } from '@/core/auth/environment'

/** A page with a document and a window: events are fired by hand. */
function page(visibilityState = 'visible') {
  const on = new Map<string, Set<() => void>>()
  const add = (type: string, fn: () => void) => on.set(type, (on.get(type) ?? new Set()).add(fn))
  const remove = (type: string, fn: () => void) => on.get(type)?.delete(fn)
  const document = { visibilityState, addEventListener: add, removeEventListener: remove }
  const fire = (type: string) => on.get(type)?.forEach((fn) => fn())
  return { scope: { document, addEventListener: add, removeEventListener: remove }, document, fire }
}

describe('browserEnvironment', () => {
  it('is visible unless the document says hidden', () => {
    const p = page('hidden')
    const env = browserEnvironment(p.scope)
    expect(env.visible()).toBe(false)
    p.document.visibilityState = 'visible'
    expect(env.visible()).toBe(true)
    p.document.visibilityState = 'prerender'
    expect(env.visible()).toBe(true)
  })

  it('calls back when the page becomes visible (not when it is hidden), until unsubscribed', () => {
    const p = page('hidden')
    const env = browserEnvironment(p.scope)
    const calls: string[] = []
    const off = env.on('visible', () => calls.push('visible'))
    p.fire('visibilitychange') // still hidden
    p.document.visibilityState = 'visible'
    p.fire('visibilitychange')
    off()
    p.fire('visibilitychange')
    expect(calls).toEqual(['visible'])
  })

  it('calls back when the device comes back online, until unsubscribed', () => {
    const p = page()
    const env = browserEnvironment(p.scope)
    const calls: string[] = []
    const off = env.on('online', () => calls.push('online'))
    p.fire('visibilitychange')
    p.fire('online')
    off()
    p.fire('online')
    expect(calls).toEqual(['online'])
  })

  it('without a document or window events (node, a worker): headless, always visible', () => {
    expect(browserEnvironment({})).toBe(headlessEnvironment)
    expect(browserEnvironment({ document: page().document })).toBe(headlessEnvironment)
    const off = headlessEnvironment.on('online', () => {
      throw new Error('never called')
    })
    expect(headlessEnvironment.visible()).toBe(true)
    expect(off).not.toThrow()
  })
})

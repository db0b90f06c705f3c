/** The page around the session: visibility and connectivity, as the scheduler hears of them. */
import { describe, expect, it } from 'vitest'
import { browserEnvironment, headlessEnvironment } from '@/core/auth/environment'

/** A page with a document and a window, each with its own listeners: events are fired by hand. */
function page(visibilityState = 'visible') {
  const target = () => {
    const on = new Map<string, Set<() => void>>()
    return {
      add: (type: string, fn: () => void) => void on.set(type, (on.get(type) ?? new Set()).add(fn)),
      remove: (type: string, fn: () => void) => void on.get(type)?.delete(fn),
      fire: (type: string) => on.get(type)?.forEach((fn) => fn()),
    }
  }
  const doc = target()
  const win = target()
  const document = {
    visibilityState,
    addEventListener: doc.add,
    removeEventListener: doc.remove,
  }
  return {
    scope: { document, addEventListener: win.add, removeEventListener: win.remove },
    document,
    fireDocument: doc.fire,
    fireWindow: win.fire,
  }
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
    p.fireDocument('visibilitychange') // still hidden
    p.document.visibilityState = 'visible'
    p.fireWindow('online') // not about visibility
    expect(calls).toEqual([])
    p.fireDocument('visibilitychange')
    expect(calls).toEqual(['visible'])
    off()
    p.fireDocument('visibilitychange')
    expect(calls).toEqual(['visible'])
  })

  it('calls back when the device comes back online, until unsubscribed', () => {
    const p = page()
    const env = browserEnvironment(p.scope)
    const calls: string[] = []
    const off = env.on('online', () => calls.push('online'))
    p.fireDocument('visibilitychange') // visible, but not about connectivity
    expect(calls).toEqual([])
    p.fireWindow('online')
    expect(calls).toEqual(['online'])
    off()
    p.fireWindow('online')
    expect(calls).toEqual(['online'])
  })

  it('without a document or window events (node, a worker): headless, always visible', () => {
    expect(browserEnvironment({})).toBe(headlessEnvironment)
    const { document, addEventListener, removeEventListener } = page().scope
    expect(browserEnvironment({ document })).toBe(headlessEnvironment)
    expect(browserEnvironment({ document, addEventListener })).toBe(headlessEnvironment)
    expect(browserEnvironment({ document, removeEventListener })).toBe(headlessEnvironment)
    expect(browserEnvironment({ addEventListener, removeEventListener })).toBe(headlessEnvironment)
    const off = headlessEnvironment.on('online', () => {
      throw new Error('never called')
    })
    expect(headlessEnvironment.visible()).toBe(true)
    expect(off).not.toThrow()
  })
})

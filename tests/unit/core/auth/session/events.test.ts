/** The session's listeners: each hears every event in order; one that throws stops nobody. */
import { describe, expect, it } from 'vitest'
import { createEmitter, type SessionEvent } from '@/core/auth/session/events'

describe('the emitter', () => {
  it('a listener that throws is logged; the others still hear the event, and later ones too', () => {
    const logs: string[] = []
    const emitter = createEmitter((m) => logs.push(m))
    const heard: string[] = []
    emitter.on(() => {
      throw new Error('boom')
    })
    const off = emitter.on((e) => heard.push(e.type))
    const event: SessionEvent = { type: 'signedOut', reason: 'user' }
    emitter.emit(event)
    off()
    emitter.emit(event)
    expect(heard).toEqual(['signedOut'])
    expect(logs).toHaveLength(2)
    expect(logs[0]).toContain('signedOut')
    expect(logs[0]).toContain('boom')
  })

  it('a listener that unsubscribes another while an event is delivered does not stop that delivery', () => {
    const emitter = createEmitter(() => {})
    const heard: string[] = []
    let offB = () => {}
    emitter.on(() => {
      heard.push('a')
      offB()
    })
    offB = emitter.on(() => heard.push('b'))
    emitter.emit({ type: 'signedOut', reason: 'expired' })
    emitter.emit({ type: 'signedOut', reason: 'expired' })
    expect(heard).toEqual(['a', 'b', 'a'])
  })
})

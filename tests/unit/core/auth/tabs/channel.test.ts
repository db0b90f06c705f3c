/** The tab channel's messages: what is accepted from another tab, and the storage fallback. */
import { describe, expect, it } from 'vitest'
import { broadcastChannel } from '@/core/auth/tabs/broadcastChannel'
import { fanOut, isTabMessage, newTabId, type TabMessage } from '@/core/auth/tabs/channel'
import { storageChannel } from '@/core/auth/tabs/storageChannel'
import { settle } from '../../helpers'
import { ChannelHub, SharedLocalStorage } from './fakes'

const pair = { access: 'a.b.c', refresh: 'd.e.f' }

describe('isTabMessage', () => {
  it.each([
    { type: 'signedIn', from: 't', pair, user: { id: 1 } },
    { type: 'refreshed', from: 't', pair: { ...pair, offsetMs: -1200 }, replaced: 'x.y.z' },
    { type: 'signedOut', from: 't', reason: 'user' },
    { type: 'signedOut', from: 't', reason: 'expired', refresh: 'x.y.z' },
    { type: 'ask', from: 't', refresh: 'x.y.z' },
    { type: 'pair', from: 't', pair },
  ])('accepts $type', (m) => expect(isTabMessage(m)).toBe(true))

  it.each([
    ['null', null],
    ['a string', 'signedOut'],
    ['no sender', { type: 'signedOut', reason: 'user' }],
    ['an unknown type', { type: 'reboot', from: 't' }],
    ['an unknown reason', { type: 'signedOut', from: 't', reason: 'bored' }],
    ['a pair without access', { type: 'pair', from: 't', pair: { refresh: 'd.e.f' } }],
    ['a bad offset', { type: 'pair', from: 't', pair: { ...pair, offsetMs: 'soon' } }],
    ['a refresh with an empty spent token', { type: 'refreshed', from: 't', pair, replaced: '' }],
    ['an ask with a bad after', { type: 'ask', from: 't', refresh: 'd.e.f', after: 'later' }],
    ['a sign-in without its user', { type: 'signedIn', from: 't', pair }],
    ['a sign-in with a null user', { type: 'signedIn', from: 't', pair, user: null }],
    ['a sign-in with a user that is a name', { type: 'signedIn', from: 't', pair, user: 'admin' }],
    [
      'a sign-in with a bad pair',
      { type: 'signedIn', from: 't', pair: { refresh: 'd' }, user: {} },
    ],
    [
      'a sign-out naming an empty token',
      { type: 'signedOut', from: 't', reason: 'user', refresh: '' },
    ],
    ['a sign-out naming a number', { type: 'signedOut', from: 't', reason: 'user', refresh: 7 }],
  ])('rejects %s', (_name, m) => expect(isTabMessage(m)).toBe(false))
})

describe('fanOut', () => {
  it('a listener taken off, or a cleared fan-out, hears nothing more', () => {
    const fan = fanOut()
    const a: TabMessage[] = []
    const b: TabMessage[] = []
    const offA = fan.on((m) => a.push(m))
    fan.on((m) => b.push(m))
    const out: TabMessage = { type: 'signedOut', from: 't', reason: 'user' }
    fan.deliver(out)
    offA()
    fan.deliver(out)
    expect([a.length, b.length]).toEqual([1, 2])
    fan.clear()
    fan.deliver(out)
    expect(b).toHaveLength(2)
  })
})

describe('newTabId', () => {
  it('is a random UUID where the page has one, else a random id of its own', () => {
    expect(newTabId({ crypto: { randomUUID: () => 'uuid-1' } })).toBe('uuid-1')
    // randomUUID exists only in secure contexts (https, localhost): a plain http page has none.
    const [a, b] = [newTabId({ crypto: {} }), newTabId({})]
    expect(a).toMatch(/^tab-[0-9a-z]+$/)
    expect(b).toMatch(/^tab-[0-9a-z]+$/)
    expect(a).not.toBe(b)
  })
})

describe.each([
  [
    'BroadcastChannel',
    () => {
      const hub = new ChannelHub()
      return (name: string) => broadcastChannel(name, hub.create)
    },
  ],
  [
    'storage events',
    () => {
      const local = new SharedLocalStorage()
      return (name: string) => {
        const { store, events } = local.tab()
        return storageChannel(name, store, events)
      }
    },
  ],
] as const)('%s', (_kind, origin) => {
  it('delivers to the other tabs of the same name only, and drops what is not a message', async () => {
    const open = origin()
    const [a, b, c, other] = [
      open('auth:acme'),
      open('auth:acme'),
      open('auth:acme'),
      open('auth:globex'),
    ]
    const got: Record<string, TabMessage[]> = { a: [], b: [], c: [], other: [] }
    a.on((m) => got.a!.push(m))
    b.on((m) => got.b!.push(m))
    c.on((m) => got.c!.push(m))
    other.on((m) => got.other!.push(m))
    const out: TabMessage = { type: 'signedOut', from: 'a', reason: 'user' }
    a.post(out)
    a.post(out) // twice in a row still arrives twice
    a.post({ type: 'nonsense' } as unknown as TabMessage)
    await settle(10)
    expect(got).toEqual({ a: [], b: [out, out], c: [out, out], other: [] })
    b.close()
    a.post(out)
    await settle(10)
    expect(got.b).toHaveLength(2)
    expect(got.c).toHaveLength(3)
  })
})

/**
 * The tab channel where BroadcastChannel is missing: a message is written to a key in
 * localStorage and removed at once; the other tabs hear its `storage` event.
 */
import { fanOut, type TabChannel } from './channel'
import type { SharedStore, StorageEvents } from './storageLease'

export function storageChannel(
  name: string,
  store: SharedStore,
  events: StorageEvents,
): TabChannel {
  const key = `${name}:message`
  const fan = fanOut()
  let sent = 0
  const off = events.on(key, (raw) => {
    if (raw === null) return
    try {
      fan.deliver((JSON.parse(raw) as { m?: unknown }).m)
    } catch {
      // not one of ours
    }
  })
  return {
    post(m) {
      try {
        // A counter keeps two equal messages apart: an unchanged value fires no event.
        store.setItem(key, JSON.stringify({ m, n: ++sent, at: Date.now() }))
        store.removeItem(key)
      } catch {
        // storage full or blocked: the other tabs will learn from the stored refresh token
      }
    },
    on: fan.on,
    close: () => (fan.clear(), off()),
  }
}

/** The tab channel over a BroadcastChannel (same origin, never persisted). */
import { fanOut, type TabChannel } from './channel'

interface BroadcastLike {
  postMessage(message: unknown): void
  onmessage: ((event: { data: unknown }) => void) | null
  close(): void
}

export function broadcastChannel(
  name: string,
  create: (name: string) => BroadcastLike = (n) => new BroadcastChannel(n) as BroadcastLike,
): TabChannel {
  const channel = create(name)
  const fan = fanOut()
  channel.onmessage = (event) => fan.deliver(event.data)
  return {
    post: (m) => channel.postMessage(m),
    on: fan.on,
    close: () => (fan.clear(), channel.close()),
  }
}

/**
 * The page around the session: is the tab visible, is the device online, and tell me when that
 * changes. A port, so node tests drive it and the core never touches `document` directly.
 */
export type EnvironmentEvent = 'visible' | 'online'

export interface Environment {
  visible(): boolean
  /** Calls `listener` each time the page becomes visible or the device comes back online. */
  on(event: EnvironmentEvent, listener: () => void): () => void
}

/** No page at all (node, workers): always visible and online, and nothing ever changes. */
export const headlessEnvironment: Environment = {
  visible: () => true,
  on: () => () => {},
}

interface PageLike {
  document?: {
    visibilityState?: string
    addEventListener(type: string, fn: () => void): void
    removeEventListener(type: string, fn: () => void): void
  }
  navigator?: { onLine?: boolean }
  addEventListener?(type: string, fn: () => void): void
  removeEventListener?(type: string, fn: () => void): void
}

/** The browser page: `visibilitychange` on document, `online` on window. */
export function browserEnvironment(scope: PageLike = globalThis as PageLike): Environment {
  const doc = scope.document
  if (!doc || !scope.addEventListener || !scope.removeEventListener) return headlessEnvironment
  const visible = () => doc.visibilityState !== 'hidden'
  return {
    visible,
    on(event, listener) {
      if (event === 'online') {
        scope.addEventListener!('online', listener)
        return () => scope.removeEventListener!('online', listener)
      }
      const onChange = () => {
        if (visible()) listener()
      }
      doc.addEventListener('visibilitychange', onChange)
      return () => doc.removeEventListener('visibilitychange', onChange)
    },
  }
}

/** Placeholder replaced by the dev panel (issue 6): mounts nothing yet. */
import type { Pinia } from 'pinia'
import type { Services } from '@/services'

export function mountMockDevPanel(_pinia: Pinia, _services: Services): void {}

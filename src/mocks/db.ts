/**
 * The mock's database: one in-memory copy of the seed of the profile in force, reset between
 * tests; the browser worker persists it per origin (localStorage) so reloads and other tabs see
 * the same state, and the same profile.
 */
import { adoptProfile, mockConfig, onProfileChange } from './config'
import { DB_VERSION, type MockDb, type SentMail } from './schema'
import { seed } from './seed'

export * from './schema'

/** Where the database survives a reload: the browser worker plugs in localStorage here. */
export interface DbPersistence {
  /** The stored copy, or null when there is none (or nothing changed since the last load). */
  load(): MockDb | null
  save(db: MockDb): void
}

let persistence: DbPersistence | null = null
export let db: MockDb = seed(mockConfig.profile)

const resetHooks: (() => void)[] = []

/** Lets other mock modules (scenarios, stats) return to their defaults whenever the db is reset. */
export function onReset(hook: () => void): void {
  resetHooks.push(hook)
}

function usable(loaded: MockDb | null): MockDb | null {
  return loaded && loaded.version === DB_VERSION ? loaded : null
}

/**
 * Plugs in the browser's storage. A stored copy of the profile in force is used; one of another
 * profile (or none) is replaced by the current seed.
 */
export function usePersistence(p: DbPersistence | null): void {
  persistence = p
  const loaded = usable(p?.load() ?? null)
  if (loaded && loaded.profile === mockConfig.profile) db = loaded
  else commit()
}

/** Call after every write so a reload or a second tab sees it. */
export function commit(): void {
  persistence?.save(db)
}

/** Back to the seed (between tests, or from the dev panel). Also clears scenarios and stats. */
export function resetDb(): void {
  db = seed(mockConfig.profile)
  commit()
  for (const hook of resetHooks) hook()
}

// A new profile is a new database: configureMock({ profile }) re-seeds at once.
onProfileChange(resetDb)

/** Re-read persisted state (another tab may have written it, or switched the profile). */
export function reloadDb(): void {
  const loaded = usable(persistence?.load() ?? null)
  if (!loaded) return
  db = loaded
  adoptProfile(loaded.profile)
}

/** The last mail sent, optionally to one address (the mock's view of the SMTP outbox). */
export function lastMail(to?: string): SentMail | undefined {
  const mails = to === undefined ? db.outbox : db.outbox.filter((m) => m.to === to)
  return mails[mails.length - 1]
}

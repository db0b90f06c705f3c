/**
 * tenants.models.CommonInfo, the base of every domain model (tenants, departments, accounts,
 * budgets, expenses): `created` and `updated` timestamps and `ordering = ['-created']`.
 *
 * The original declares them swapped (`created` is auto_now, `updated` auto_now_add): a save moves
 * `created`, `updated` stays the creation time, so "newest first" means "last saved first". The
 * core models (accounts, budgets, expenses) keep that on both profiles; the hardened stand-in's
 * tenants and departments (contract §8) have them the right way round: `created` is set once and
 * `updated` follows every save.
 */
import { djangoNow } from '../schema'

export interface Stamped {
  id: number
  created: string
  updated: string
}

/**
 * The two timestamps of a new row: Django fills the fields in declaration order (`created`, then
 * `updated`), each with its own now(), so `updated` is a few microseconds later.
 */
export function stamps(): { created: string; updated: string } {
  const created = djangoNow()
  return { created, updated: djangoNow() }
}

/** A save of an existing row (an update, or a signal's save). `swapped`: the original's fields. */
export function touch(row: Stamped, swapped: boolean): void {
  if (swapped) row.created = djangoNow()
  else row.updated = djangoNow()
}

/** Meta.ordering `-created` (the id breaks ties, which the strictly increasing clock never makes). */
export function newestFirst<T extends Stamped>(rows: T[]): T[] {
  return [...rows].sort((a, b) =>
    a.created < b.created ? 1 : a.created > b.created ? -1 : b.id - a.id,
  )
}

/**
 * Which organisation this host is, from whichever tenants endpoint the backend serves. Pure: the
 * HTTP calls come in as functions returning answers as data, so every answer shape is testable.
 *
 * - The original backend has `GET tenants/` (AllowAny): on a tenant host, that tenant's own row;
 *   an unknown host is a 500 HTML page on every path; no `tenants/current/` (404 HTML).
 * - The hardened backend has `GET tenants/current/` (401 signed out, the row signed in) and a
 *   tenant gate that answers 404 `tenant_not_found` / 403 `tenant_inactive` on every path.
 * - Neither: the host's label is the name.
 */

/** What the app shows of the organisation. `code` is the organisation code (`tenant_id`). */
export interface Organisation {
  name: string
  code: string | null
  active: boolean
}

/** One request's outcome: a status and body (parsed JSON, or raw text), or no answer at all. */
export type TenantAnswer = { kind: 'answer'; status: number; body: unknown } | { kind: 'no-answer' }

/** The endpoint that told us about this host; remembered so later loads ask it alone. */
export type TenantSource = 'list' | 'current' | 'label'

export interface TenantEndpoints {
  list: () => Promise<TenantAnswer>
  current: () => Promise<TenantAnswer>
}

export type TenantLookupState = 'tenant' | 'not_found' | 'inactive' | 'unreachable'

/** What one endpoint's answer means; 'next' when this endpoint is not served here. */
export type TenantVerdict = { state: TenantLookupState; organisation: Organisation | null } | 'next'

export interface TenantLookup {
  state: TenantLookupState
  /** Null when the backend gave no details (signed out on the hardened backend, or neither). */
  organisation: Organisation | null
  /** Null when nothing answered (unreachable): ask from the start next time. */
  source: TenantSource | null
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** A Tenant row as an Organisation; null when it is not one (no name). */
export function organisationOf(row: unknown): Organisation | null {
  if (!isRecord(row) || typeof row.name !== 'string' || !row.name.trim()) return null
  const code = row.tenant_id
  return {
    name: row.name,
    code: typeof code === 'string' ? code : null,
    active: row.is_active !== false,
  }
}

/** Does this row belong to the host's tenant? Its `subdomain`'s first label, or its `schema`. */
export const isRowOf = (row: unknown, slug: string): boolean =>
  isRecord(row) &&
  [typeof row.subdomain === 'string' && row.subdomain.split('.')[0], row.schema].some(
    (v) => typeof v === 'string' && v.trim().toLowerCase() === slug,
  )

/** A live organisation (or an inactive one, by its row). */
const tenant = (organisation: Organisation | null): TenantVerdict => ({
  state: organisation?.active === false ? 'inactive' : 'tenant',
  organisation,
})
const only = (state: TenantLookupState): TenantVerdict => ({ state, organisation: null })

/** What an answer means on any path of either backend; null when it is up to the path. */
function gateVerdict(answer: TenantAnswer): TenantVerdict | null {
  if (answer.kind === 'no-answer') return only('unreachable')
  const { status, body } = answer
  const code = isRecord(body) ? body.code : null
  if (code === 'tenant_not_found' || code === 'tenant_required') return only('not_found')
  if (code === 'tenant_inactive') return only('inactive')
  // The original's unknown host: the schema search path points nowhere, Django's 500 page.
  if (status >= 500)
    return only(status === 500 && /^\s*</.test(String(body)) ? 'not_found' : 'unreachable')
  return null
}

/** `GET tenants/`: our row in a list, or 'next' (not served here, or a list without us). */
export function readTenantList(answer: TenantAnswer, slug: string): TenantVerdict {
  const gate = gateVerdict(answer)
  if (gate || answer.kind !== 'answer') return gate ?? 'next'
  const rows = answer.status === 200 && Array.isArray(answer.body) ? answer.body : []
  const organisation = organisationOf(rows.find((r) => isRowOf(r, slug)))
  return organisation ? tenant(organisation) : 'next'
}

/** `GET tenants/current/`: the row (signed in), a live tenant without details (401), or 'next'. */
export function readCurrentTenant(answer: TenantAnswer): TenantVerdict {
  const gate = gateVerdict(answer)
  if (gate || answer.kind !== 'answer') return gate ?? 'next'
  // The gate let the request through and authentication stopped it: the organisation is live.
  if (answer.status === 401) return tenant(null)
  const organisation = answer.status === 200 ? organisationOf(answer.body) : null
  return organisation ? tenant(organisation) : 'next'
}

/**
 * Asks the remembered endpoint, or else `tenants/` then `tenants/current/`, and settles on the
 * host label when neither answers. A missing answer stops the walk and is not remembered.
 */
export async function lookupOrganisation(
  endpoints: TenantEndpoints,
  slug: string,
  remembered: TenantSource | null = null,
): Promise<TenantLookup> {
  for (const source of remembered ? [remembered] : (['list', 'current'] as const)) {
    if (source === 'label') break
    const verdict =
      source === 'list'
        ? readTenantList(await endpoints.list(), slug)
        : readCurrentTenant(await endpoints.current())
    if (verdict !== 'next')
      return { ...verdict, source: verdict.state === 'unreachable' ? null : source }
  }
  return { state: 'tenant', organisation: null, source: remembered ?? 'label' }
}

/** The host label as a name: `acme` -> `Acme`, `big-co` -> `Big Co`. */
export const labelName = (slug: string): string =>
  slug
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ')

/**
 * The spend ledger: which refresh tokens the tabs of a tenant have spent, and what each one was
 * rotated into, kept where every tab reads the same thing at the same moment (IndexedDB in a
 * browser: its transactions are serialised by the browser for all tabs of the origin, unlike
 * localStorage, whose copy in each tab process is updated asynchronously).
 *
 * Just before a tab spends a refresh token it claims it in one read-write transaction: the ledger
 * answers that the token was already rotated (into which token), that another live tab is
 * spending it at this moment, or records the claim. After the answer the tab settles the claim,
 * still holding the refresh lock, so the next lock holder finds the successor. Because claim is a
 * compare-and-set on a consistent store, a rotated token is spent at most once whatever the lock
 * did (a stolen Web Lock, two tabs that both believe they hold the storage lease).
 *
 * A spend that got no answer (a timeout, the network, a 5xx) is marked unanswered: the server may
 * have rotated the token and the answer is lost. Whoever claims it next, its own spender included,
 * is told to ask the server first (`verifyFirst`), and so is a tab taking over the claim of one
 * that closed or went stale mid-spend: nobody knows how that spend ended either. The doubt stays
 * on the token's claim until a spend of it is settled, so a verify that gets no answer, or a tab
 * that dies while verifying, leaves it for the next claimer.
 *
 * Spent tokens are kept as a fingerprint (the tail of the signature); only the successor, the
 * token the tabs already share through localStorage, is kept whole.
 */

/** What the ledger says about a refresh token a tab is about to spend. */
export type ClaimVerdict =
  /**
   * The claim is this tab's, spend it now; `verifyFirst`: an earlier spend of it got no answer (or
   * its spender vanished), so first ask the server whether it still stands.
   */
  | { kind: 'go'; verifyFirst: boolean }
  /** Another tab already spent it and got `next`: spend nothing, take `next`. */
  | { kind: 'rotated'; next: string }
  /** Another tab claimed it `ageMs` ago and has not settled yet: spend nothing now. */
  | { kind: 'busy'; by: string; ageMs: number }

export interface SpendRecord {
  /** Fingerprints of spent tokens and the token each one became, newest first (a few). */
  spent: Array<{ token: string; next: string }>
  /**
   * The token being spent right now, by whom, since when (epoch ms). `doubt`: an earlier spend of
   * it got no answer, so nobody knows whether the server rotated it (it is verified before it is
   * spent). `unanswered`: the spend is over and got no answer: nobody is spending it now.
   */
  claim?: { token: string; by: string; at: number; doubt?: true; unanswered?: true }
}

export interface SpendLedger {
  /**
   * Atomically: the verdict on `token`, and, when it is `go`, the claim recorded for `by`. A claim
   * held by `gone` (a tab known to have closed) is overridden.
   */
  claim(token: string, by: string, now: number, gone?: string): Promise<ClaimVerdict>
  /** `token` was spent (`next`: the token it was rotated into) or not (null: the claim is dropped). */
  settle(token: string, by: string, next: string | null): Promise<void>
  /** `by`'s spend of `token` got no answer: the next claimer of it verifies first. */
  unanswered(token: string, by: string, now: number): Promise<void>
  /** Drops everything recorded (a sign-out). */
  forget(): Promise<void>
}

/** Records kept per tenant: enough for several quick rotations heard late. */
const KEEP = 8

/** The signature's tail: tells tokens apart, and cannot be spent. */
export const fingerprint = (token: string) => token.slice(-16)

/**
 * The claim rule, on one record, as a pure function (both adapters run it inside one atomic step).
 * A claim older than `staleMs` belongs to a tab that gave up or died mid-spend (its own refresh
 * timeout has passed): it no longer blocks; nor does a claim of `gone`, a tab known to be closed,
 * nor an unanswered one. Each of those is a spend whose outcome nobody knows: the token is claimed
 * anew, in doubt, to be verified first. A tab's own open claim is taken again as it stands (in
 * doubt or not).
 */
export function decideClaim(
  record: SpendRecord | undefined,
  token: string,
  by: string,
  now: number,
  staleMs: number,
  gone?: string,
): { verdict: ClaimVerdict; record: SpendRecord | null } {
  const fp = fingerprint(token)
  const spent = record?.spent ?? []
  const known = spent.find((s) => s.token === fp)
  if (known) return { verdict: { kind: 'rotated', next: known.next }, record: null }
  const claim = record?.claim?.token === fp ? record.claim : undefined
  if (
    claim &&
    !claim.unanswered &&
    claim.by !== by &&
    claim.by !== gone &&
    now - claim.at < staleMs
  )
    return { verdict: { kind: 'busy', by: claim.by, ageMs: now - claim.at }, record: null }
  const verifyFirst = !!claim && (!!claim.doubt || claim.by !== by)
  return {
    verdict: { kind: 'go', verifyFirst },
    record: { spent, claim: { token: fp, by, at: now, ...(verifyFirst && { doubt: true }) } },
  }
}

/** The record after `token` was settled by `by` (null: unchanged). */
export function settleRecord(
  record: SpendRecord | undefined,
  token: string,
  by: string,
  next: string | null,
): SpendRecord | null {
  const fp = fingerprint(token)
  const spent = record?.spent ?? []
  const mine = record?.claim?.token === fp && record.claim.by === by
  if (next === null) return mine ? { spent } : null
  const rest = spent.filter((s) => s.token !== fp)
  return {
    spent: [{ token: fp, next }, ...rest].slice(0, KEEP),
    ...(!mine && record?.claim && { claim: record.claim }),
  }
}

/**
 * The record after `by`'s spend of `token` got no answer (null: unchanged, when another claim
 * has replaced this tab's, so another tab is spending by now).
 */
export function unansweredRecord(
  record: SpendRecord | undefined,
  token: string,
  by: string,
  now: number,
): SpendRecord | null {
  const claim = record?.claim
  if (claim && (claim.token !== fingerprint(token) || claim.by !== by)) return null
  return {
    spent: record?.spent ?? [],
    claim: { token: fingerprint(token), by, at: now, doubt: true, unanswered: true },
  }
}

const isRecord = (v: unknown): v is SpendRecord =>
  !!v &&
  typeof v === 'object' &&
  Array.isArray((v as SpendRecord).spent) &&
  (v as SpendRecord).spent.every((s) => typeof s?.token === 'string' && typeof s.next === 'string')

/** One tenant's ledger in a plain object: tabs of one process (tests, or a page alone). */
export function memoryLedger(staleMs: number): SpendLedger {
  let record: SpendRecord | undefined
  return {
    async claim(token, by, now, gone) {
      const { verdict, record: next } = decideClaim(record, token, by, now, staleMs, gone)
      if (next) record = next
      return verdict
    },
    async settle(token, by, next) {
      record = settleRecord(record, token, by, next) ?? record
    },
    async unanswered(token, by, now) {
      record = unansweredRecord(record, token, by, now) ?? record
    },
    async forget() {
      record = undefined
    },
  }
}

/** The part of `indexedDB` used here. */
export type IndexedDbFactory = Pick<IDBFactory, 'open'>

const DB = 'auth-spend-ledger'
const STORE = 'tenants'

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })

/**
 * The tenant's ledger in IndexedDB (database `auth-spend-ledger`, one record per tenant). Each
 * operation is one read-write transaction, resolved only once it has committed, so what a tab
 * settles before it lets go of the lock is what the next holder reads.
 */
export function indexedDbLedger(
  factory: IndexedDbFactory,
  tenant: string,
  staleMs: number,
): SpendLedger {
  let opening: Promise<IDBDatabase> | null = null
  const open = () =>
    (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE)
      request.onsuccess = () => {
        const db = request.result
        // Another version of the app wants to upgrade: let it, open again next time.
        db.onversionchange = () => (db.close(), (opening = null))
        resolve(db)
      }
      request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'))
      request.onblocked = () => reject(new Error('IndexedDB open blocked'))
    }).catch((e: unknown) => {
      opening = null
      throw e
    }))

  /** Reads the record, lets `change` decide, writes its answer; resolves after the commit. */
  async function update<T>(change: (r: SpendRecord | undefined) => [T, SpendRecord | null]) {
    const db = await open()
    const tx = db.transaction(STORE, 'readwrite')
    const store = tx.objectStore(STORE)
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    })
    // A failed read rejects below, and the transaction then fails of it too: nobody awaits that.
    committed.catch(() => {})
    const raw: unknown = await done(store.get(tenant))
    const [result, next] = change(isRecord(raw) ? raw : undefined)
    if (next) store.put(next, tenant)
    await committed
    return result
  }

  return {
    claim: (token, by, now, gone) =>
      update((r) => {
        const { verdict, record } = decideClaim(r, token, by, now, staleMs, gone)
        return [verdict, record]
      }),
    settle: (token, by, next) => update((r) => [undefined, settleRecord(r, token, by, next)]),
    unanswered: (token, by, now) => update((r) => [undefined, unansweredRecord(r, token, by, now)]),
    forget: () => update(() => [undefined, { spent: [] }]),
  }
}

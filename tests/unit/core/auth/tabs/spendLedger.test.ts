/**
 * The spend ledger on its own: the claim rule, and its IndexedDB adapter (fake-indexeddb, the
 * in-memory implementation of the IndexedDB API) seen from several tabs at once.
 */
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import {
  decideClaim,
  fingerprint,
  indexedDbLedger,
  memoryLedger,
  settleRecord,
  unansweredRecord,
  type IndexedDbFactory,
  type SpendLedger,
} from '@/core/auth/tabs/spendLedger'
import { settle } from '../../helpers'

const T1 = 'header.payload.signature-of-token-one-aaaaaaaaaaaaaaaa'
const T2 = 'header.payload.signature-of-token-two-bbbbbbbbbbbbbbbb'
const T3 = 'header.payload.signature-of-token-three-cccccccccccccc'
const STALE = 15_000

describe('the claim rule', () => {
  it('a token nobody spent: go, and the claim is recorded for the claimer', () => {
    const { verdict, record } = decideClaim(undefined, T1, 'tab-a', 1_000, STALE)
    expect(verdict).toEqual({ kind: 'go', verifyFirst: false })
    expect(record?.claim).toEqual({ token: fingerprint(T1), by: 'tab-a', at: 1_000 })
  })

  it('a token another tab is spending: busy, with who and since when', () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    const { verdict, record } = decideClaim(claimed, T1, 'tab-b', 3_000, STALE)
    expect(verdict).toEqual({ kind: 'busy', by: 'tab-a', ageMs: 2_000 })
    expect(record).toBeNull()
  })

  it("a claim of a tab known to be closed no longer blocks: go, and the claim is the claimer's", () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    const { verdict, record } = decideClaim(claimed, T1, 'tab-b', 3_000, STALE, 'tab-a')
    // how its spend ended nobody knows: the server is asked before the token is spent again
    expect(verdict).toEqual({ kind: 'go', verifyFirst: true })
    expect(record?.claim).toEqual({ token: fingerprint(T1), by: 'tab-b', at: 3_000, doubt: true })
    // naming another tab as closed changes nothing for tab-a's claim
    expect(decideClaim(claimed, T1, 'tab-b', 3_000, STALE, 'tab-c').verdict.kind).toBe('busy')
  })

  it("the claimer's own open claim is taken again as is; one past the stale bound no longer blocks, but is verified", () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    expect(decideClaim(claimed, T1, 'tab-a', 2_000, STALE).verdict).toEqual({
      kind: 'go',
      verifyFirst: false,
    })
    expect(decideClaim(claimed, T1, 'tab-b', 1_000 + STALE, STALE).verdict).toEqual({
      kind: 'go',
      verifyFirst: true,
    })
  })

  it('a spend that got no answer: whoever claims the token next, its spender too, verifies first, and nobody waits', () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    const lost = unansweredRecord(claimed, T1, 'tab-a', 2_000)!
    expect(lost.claim).toEqual({
      token: fingerprint(T1),
      by: 'tab-a',
      at: 2_000,
      doubt: true,
      unanswered: true,
    })
    for (const tab of ['tab-a', 'tab-b']) {
      const { verdict, record } = decideClaim(lost, T1, tab, 2_500, STALE)
      expect(verdict).toEqual({ kind: 'go', verifyFirst: true })
      // While it is verified and spent, the others wait; the doubt stays with the claim.
      expect(record?.claim).toEqual({ token: fingerprint(T1), by: tab, at: 2_500, doubt: true })
      expect(decideClaim(record!, T1, 'tab-c', 2_600, STALE).verdict.kind).toBe('busy')
      // Its verify got no answer, or the tab retries before settling: it verifies again.
      expect(decideClaim(record!, T1, tab, 3_000, STALE).verdict).toEqual({
        kind: 'go',
        verifyFirst: true,
      })
    }
    // A spend of it settled (rotated, or answered and kept): the doubt is gone with the claim.
    const verified = decideClaim(lost, T1, 'tab-b', 2_500, STALE).record!
    expect(settleRecord(verified, T1, 'tab-b', null)).toEqual({ spent: [] })
    expect(settleRecord(verified, T1, 'tab-b', T2)).toEqual({
      spent: [{ token: fingerprint(T1), next: T2 }],
    })
    // Another token is not in doubt.
    expect(decideClaim(lost, T2, 'tab-b', 2_500, STALE).verdict).toEqual({
      kind: 'go',
      verifyFirst: false,
    })
  })

  it('an unanswered spend leaves alone a claim another tab holds by now', () => {
    const taken = decideClaim(undefined, T1, 'tab-b', 1_000, STALE).record!
    expect(unansweredRecord(taken, T1, 'tab-a', 2_000)).toBeNull()
    const other = decideClaim(undefined, T2, 'tab-a', 1_000, STALE).record!
    expect(unansweredRecord(other, T1, 'tab-a', 2_000)).toBeNull()
    // With no claim at all (the ledger was not asked), the doubt is recorded all the same.
    expect(unansweredRecord({ spent: [] }, T1, 'tab-a', 2_000)?.claim?.unanswered).toBe(true)
    expect(unansweredRecord(undefined, T1, 'tab-a', 2_000)).toEqual({
      spent: [],
      claim: { token: fingerprint(T1), by: 'tab-a', at: 2_000, doubt: true, unanswered: true },
    })
  })

  it('a spent token: rotated, with its successor, whoever asks', () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    const settled = settleRecord(claimed, T1, 'tab-a', T2)!
    expect(settled.claim).toBeUndefined()
    for (const tab of ['tab-a', 'tab-b'])
      expect(decideClaim(settled, T1, tab, 2_000, STALE).verdict).toEqual({
        kind: 'rotated',
        next: T2,
      })
    expect(decideClaim(settled, T2, 'tab-b', 2_000, STALE).verdict.kind).toBe('go')
  })

  it('a failed spend drops only its own claim', () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    expect(settleRecord(claimed, T1, 'tab-a', null)).toEqual({ spent: [] })
    expect(settleRecord(claimed, T1, 'tab-b', null)).toBeNull()
  })

  it('keeps the last 8 rotations, newest first', () => {
    let record = settleRecord(undefined, 'token-0', 'tab-a', 'token-1')!
    for (let i = 1; i < 12; i++)
      record = settleRecord(record, `token-${i}`, 'tab-a', `token-${i + 1}`)!
    expect(record.spent).toHaveLength(8)
    expect(record.spent[0]).toEqual({ token: fingerprint('token-11'), next: 'token-12' })
  })
})

/** Tabs of one origin: one IndexedDB, a ledger object per tab. */
function tabsOverIndexedDb(n: number): SpendLedger[] {
  const idb = new IDBFactory()
  return Array.from({ length: n }, () => indexedDbLedger(idb, 'acme', STALE))
}

describe.each([
  ['IndexedDB', tabsOverIndexedDb],
  [
    'memory',
    (n: number) => {
      const one = memoryLedger(STALE)
      return Array.from({ length: n }, () => one)
    },
  ],
] as const)('the ledger over %s, seen from several tabs', (_name, open) => {
  it('two tabs claim one token at the same moment: exactly one may spend it', async () => {
    const [a, b, c] = open(3) as [SpendLedger, SpendLedger, SpendLedger]
    const verdicts = await Promise.all([
      a.claim(T1, 'tab-a', 1_000),
      b.claim(T1, 'tab-b', 1_000),
      c.claim(T1, 'tab-c', 1_000),
    ])
    expect(verdicts.filter((v) => v.kind === 'go')).toHaveLength(1)
    expect(verdicts.filter((v) => v.kind === 'busy')).toHaveLength(2)
  })

  it('what one tab settles, the next claimer reads: the successor, never the spent token', async () => {
    const [a, b] = open(2) as [SpendLedger, SpendLedger]
    await expect(a.claim(T1, 'tab-a', 1_000)).resolves.toEqual({ kind: 'go', verifyFirst: false })
    await a.settle(T1, 'tab-a', T2)
    await expect(b.claim(T1, 'tab-b', 1_100)).resolves.toEqual({ kind: 'rotated', next: T2 })
    await expect(b.claim(T2, 'tab-b', 1_100)).resolves.toEqual({ kind: 'go', verifyFirst: false })
    await b.settle(T2, 'tab-b', T3)
    await expect(a.claim(T1, 'tab-a', 1_200)).resolves.toEqual({ kind: 'rotated', next: T2 })
    await expect(a.claim(T2, 'tab-a', 1_200)).resolves.toEqual({ kind: 'rotated', next: T3 })
  })

  it('an unanswered spend: the next claimer, in another tab, is told to verify, and a rotation it settles is read by all', async () => {
    const [a, b, c] = open(3) as [SpendLedger, SpendLedger, SpendLedger]
    await a.claim(T1, 'tab-a', 1_000)
    await a.unanswered(T1, 'tab-a', 2_000)
    await expect(b.claim(T1, 'tab-b', 2_100)).resolves.toEqual({ kind: 'go', verifyFirst: true })
    await expect(c.claim(T1, 'tab-c', 2_200)).resolves.toMatchObject({ kind: 'busy', by: 'tab-b' })
    await b.settle(T1, 'tab-b', T2)
    await expect(a.claim(T1, 'tab-a', 2_300)).resolves.toEqual({ kind: 'rotated', next: T2 })
  })

  it('a sign-out forgets everything', async () => {
    const [a, b] = open(2) as [SpendLedger, SpendLedger]
    await a.claim(T1, 'tab-a', 1_000)
    await a.settle(T1, 'tab-a', T2)
    await a.forget()
    await expect(b.claim(T1, 'tab-b', 1_100)).resolves.toEqual({ kind: 'go', verifyFirst: false })
  })
})

describe('the IndexedDB adapter', () => {
  it('stores spent tokens as fingerprints only, and one record per tenant', async () => {
    const idb = new IDBFactory()
    const acme = indexedDbLedger(idb, 'acme', STALE)
    const globex = indexedDbLedger(idb, 'globex', STALE)
    await acme.claim(T1, 'tab-a', 1_000)
    await acme.settle(T1, 'tab-a', T2)
    await expect(globex.claim(T1, 'tab-b', 1_000)).resolves.toEqual({
      kind: 'go',
      verifyFirst: false,
    })
    const raw = await new Promise<unknown>((resolve, reject) => {
      const open = idb.open('auth-spend-ledger', 1)
      open.onsuccess = () => {
        const get = open.result.transaction('tenants').objectStore('tenants').get('acme')
        get.onsuccess = () => resolve(get.result)
        get.onerror = () => reject(get.error)
      }
    })
    expect(JSON.stringify(raw)).not.toContain(T1)
    expect(JSON.stringify(raw)).toContain(fingerprint(T1))
  })

  it('a record it cannot read (another version, tampering) counts as empty', async () => {
    const idb = new IDBFactory()
    const ledger = indexedDbLedger(idb, 'acme', STALE)
    await ledger.forget() // creates the database
    await new Promise<void>((resolve) => {
      const open = idb.open('auth-spend-ledger', 1)
      open.onsuccess = () => {
        const tx = open.result.transaction('tenants', 'readwrite')
        tx.objectStore('tenants').put({ spent: 'nonsense' }, 'acme')
        tx.oncomplete = () => resolve()
      }
    })
    await expect(ledger.claim(T1, 'tab-a', 1_000)).resolves.toEqual({
      kind: 'go',
      verifyFirst: false,
    })
  })

  it('a database that cannot be opened rejects, and the next call tries again', async () => {
    let calls = 0
    const broken = {
      open: () => {
        calls += 1
        throw new Error('The user denied storage')
      },
    }
    const ledger = indexedDbLedger(broken as never, 'acme', STALE)
    await expect(ledger.claim(T1, 'tab-a', 1_000)).rejects.toThrow('denied')
    await expect(ledger.claim(T1, 'tab-a', 1_000)).rejects.toThrow('denied')
    expect(calls).toBe(2)
  })
})

describe('the claim rule, more cases', () => {
  it('a claim on another token does not block: go, and the new claim replaces the old one', () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    const { verdict, record } = decideClaim(claimed, T2, 'tab-b', 1_500, STALE)
    expect(verdict).toEqual({ kind: 'go', verifyFirst: false })
    expect(record?.claim).toEqual({ token: fingerprint(T2), by: 'tab-b', at: 1_500 })
  })

  it('a claim one millisecond short of the stale bound still blocks', () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    expect(decideClaim(claimed, T1, 'tab-b', 1_000 + STALE - 1, STALE).verdict).toEqual({
      kind: 'busy',
      by: 'tab-a',
      ageMs: STALE - 1,
    })
  })

  it('a go keeps what was spent before: the rotations stay known', () => {
    const settled = settleRecord(undefined, T1, 'tab-a', T2)!
    const { record } = decideClaim(settled, T2, 'tab-b', 2_000, STALE)
    expect(record?.spent).toEqual([{ token: fingerprint(T1), next: T2 }])
  })

  it('a fingerprint is the last 16 characters of the token, never the spendable rest', () => {
    expect(fingerprint(T1)).toHaveLength(16)
    expect(T1.endsWith(fingerprint(T1))).toBe(true)
    expect(fingerprint(T1)).not.toBe(fingerprint(T2))
  })

  it("settling another tab's claim records the rotation and leaves that claim standing", () => {
    const claimed = decideClaim(undefined, T2, 'tab-a', 1_000, STALE).record!
    const settled = settleRecord(claimed, T1, 'tab-b', T2)!
    expect(settled).toEqual({
      spent: [{ token: fingerprint(T1), next: T2 }],
      claim: { token: fingerprint(T2), by: 'tab-a', at: 1_000 },
    })
    // tab-a is still spending T2: a third tab waits for it
    expect(decideClaim(settled, T2, 'tab-c', 1_500, STALE).verdict.kind).toBe('busy')
    // the same token, claimed by another tab, is not this tab's claim to settle either
    const sameToken = settleRecord(claimed, T2, 'tab-b', T3)!
    expect(sameToken.claim).toEqual({ token: fingerprint(T2), by: 'tab-a', at: 1_000 })
  })

  it('a rotation settled twice is kept once, with its latest successor', () => {
    let record = settleRecord(undefined, T1, 'tab-a', T2)!
    record = settleRecord(record, T1, 'tab-b', T3)!
    expect(record.spent).toEqual([{ token: fingerprint(T1), next: T3 }])
  })
})

/** Writes `value` as the tenant's record, behind the ledger's back (another version, tampering). */
function putRaw(idb: IDBFactory, tenant: string, value: unknown): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const open = idb.open('auth-spend-ledger', 1)
    open.onsuccess = () => {
      const db = open.result
      const tx = db.transaction('tenants', 'readwrite')
      tx.objectStore('tenants').put(value, tenant)
      tx.oncomplete = () => (db.close(), resolve())
      tx.onerror = () => reject(tx.error)
    }
    open.onerror = () => reject(open.error)
  })
}

describe('the IndexedDB adapter, against what other code leaves in the database', () => {
  const fp = fingerprint(T1)
  it.each([
    ['null', null],
    ['a string', 'spent'],
    ['a spent entry whose successor is not a token', { spent: [{ token: fp, next: 42 }] }],
    [
      'a spent entry whose token is not a string',
      {
        spent: [
          { token: fp, next: T2 },
          { token: 7, next: T3 },
        ],
      },
    ],
    ['a spent entry that is null', { spent: [{ token: fp, next: T2 }, null] }],
  ])('a record that is %s counts as empty: the token may be spent', async (_name, value) => {
    const idb = new IDBFactory()
    const ledger = indexedDbLedger(idb, 'acme', STALE)
    await ledger.forget() // creates the database
    await putRaw(idb, 'acme', value)
    await expect(ledger.claim(T1, 'tab-a', 1_000)).resolves.toEqual({
      kind: 'go',
      verifyFirst: false,
    })
  })

  it('a well-formed record written by another tab is read as is', async () => {
    const idb = new IDBFactory()
    const ledger = indexedDbLedger(idb, 'acme', STALE)
    await ledger.forget()
    await putRaw(idb, 'acme', { spent: [{ token: fp, next: T2 }] })
    await expect(ledger.claim(T1, 'tab-a', 1_000)).resolves.toEqual({ kind: 'rotated', next: T2 })
  })

  it('a busy verdict leaves the claim in place for the next tab', async () => {
    const [a, b, c] = tabsOverIndexedDb(3) as [SpendLedger, SpendLedger, SpendLedger]
    await a.claim(T1, 'tab-a', 1_000)
    await expect(b.claim(T1, 'tab-b', 1_100)).resolves.toMatchObject({ kind: 'busy', by: 'tab-a' })
    await expect(c.claim(T1, 'tab-c', 1_200)).resolves.toMatchObject({ kind: 'busy', by: 'tab-a' })
  })

  it('a failed spend drops the claim in the database: the next tab may spend the token', async () => {
    const [a, b] = tabsOverIndexedDb(2) as [SpendLedger, SpendLedger]
    await a.claim(T1, 'tab-a', 1_000)
    await a.settle(T1, 'tab-a', null)
    await expect(b.claim(T1, 'tab-b', 1_100)).resolves.toEqual({ kind: 'go', verifyFirst: false })
  })

  it('lets a newer version of the app delete the database, and opens a fresh one afterwards', async () => {
    const idb = new IDBFactory()
    const ledger = indexedDbLedger(idb, 'acme', STALE)
    await ledger.claim(T1, 'tab-a', 1_000)
    await ledger.settle(T1, 'tab-a', T2)
    // The open connection must step aside, or the deletion would wait for it.
    await new Promise<void>((resolve, reject) => {
      const del = idb.deleteDatabase('auth-spend-ledger')
      del.onsuccess = () => resolve()
      del.onerror = () => reject(del.error)
      del.onblocked = () => reject(new Error('blocked by the ledger'))
    })
    await expect(ledger.claim(T1, 'tab-a', 2_000)).resolves.toEqual({
      kind: 'go',
      verifyFirst: false,
    })
  })

  it("a database at a version it does not know rejects with the browser's error", async () => {
    const idb = new IDBFactory()
    await new Promise<void>((resolve) => {
      const open = idb.open('auth-spend-ledger', 2)
      open.onupgradeneeded = () => open.result.createObjectStore('tenants')
      open.onsuccess = () => (open.result.close(), resolve())
    })
    const ledger = indexedDbLedger(idb, 'acme', STALE)
    await expect(ledger.claim(T1, 'tab-a', 1_000)).rejects.toMatchObject({ name: 'VersionError' })
  })
})

/**
 * IndexedDB (fake-indexeddb) whose next read-write transaction the browser aborts, as it does when
 * the site's data is cleared mid-read (`read`: the pending read fails with an AbortError, which
 * reaches the transaction) or when the commit fails (`commit`: quota, a failing disk; every
 * request has succeeded, so only the transaction hears of it).
 */
function abortingIndexedDb(at: 'read' | 'commit', idb = new IDBFactory()): IndexedDbFactory {
  let armed = true
  const failing = (tx: IDBTransaction): IDBTransaction => {
    const objectStore = tx.objectStore.bind(tx)
    tx.objectStore = (name: string) => {
      const store = objectStore(name)
      const [get, put] = [store.get.bind(store), store.put.bind(store)]
      if (at === 'read')
        store.get = (key: IDBValidKey | IDBKeyRange) => {
          const request = get(key)
          tx.abort()
          return request
        }
      else
        store.put = (value: unknown, key?: IDBValidKey) => {
          const request = put(value, key)
          request.addEventListener('success', () => tx.abort())
          return request
        }
      return store
    }
    return tx
  }
  return {
    open(name, version) {
      const request = idb.open(name, version)
      request.addEventListener('success', () => {
        const db = request.result
        const transaction = db.transaction.bind(db)
        db.transaction = ((names: string, mode?: IDBTransactionMode) => {
          const tx = transaction(names, mode)
          if (mode !== 'readwrite' || !armed) return tx
          armed = false
          return failing(tx)
        }) as IDBDatabase['transaction']
      })
      return request
    },
  }
}

/** How `work` ends within `rounds` macrotasks (a claim takes a handful): a hang says so. */
const outcome = (work: Promise<unknown>, rounds = 200) =>
  Promise.race([
    work.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    settle(rounds).then(() => 'still waiting'),
  ])

describe('the IndexedDB adapter, when the browser aborts its transaction', () => {
  it('site data cleared mid-read: the claim rejects, not hangs; the next one works', async () => {
    const ledger = indexedDbLedger(abortingIndexedDb('read'), 'acme', STALE)
    await expect(outcome(ledger.claim(T1, 'tab-a', 1_000))).resolves.toMatchObject({
      error: { name: 'AbortError' },
    })
    await expect(outcome(ledger.claim(T1, 'tab-a', 1_100))).resolves.toEqual({
      value: { kind: 'go', verifyFirst: false },
    })
  })

  it('a failed commit (quota): the claim rejects instead of hanging, and is not kept', async () => {
    const idb = new IDBFactory()
    const [a, b] = [abortingIndexedDb('commit', idb), idb].map((f) =>
      indexedDbLedger(f, 'acme', STALE),
    ) as [SpendLedger, SpendLedger]
    await expect(outcome(a.claim(T1, 'tab-a', 1_000))).resolves.toHaveProperty('error')
    // The claim was rolled back: another tab may spend the token at once.
    await expect(outcome(b.claim(T1, 'tab-b', 1_100))).resolves.toEqual({
      value: { kind: 'go', verifyFirst: false },
    })
  })
})

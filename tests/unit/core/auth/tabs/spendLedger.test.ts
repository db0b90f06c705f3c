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
  type SpendLedger,
} from '@/core/auth/tabs/spendLedger'

const T1 = 'header.payload.signature-of-token-one-aaaaaaaaaaaaaaaa'
const T2 = 'header.payload.signature-of-token-two-bbbbbbbbbbbbbbbb'
const T3 = 'header.payload.signature-of-token-three-cccccccccccccc'
const STALE = 15_000

describe('the claim rule', () => {
  it('a token nobody spent: go, and the claim is recorded for the claimer', () => {
    const { verdict, record } = decideClaim(undefined, T1, 'tab-a', 1_000, STALE)
    expect(verdict).toEqual({ kind: 'go' })
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
    expect(verdict).toEqual({ kind: 'go' })
    expect(record?.claim).toEqual({ token: fingerprint(T1), by: 'tab-b', at: 3_000 })
    // naming another tab as closed changes nothing for tab-a's claim
    expect(decideClaim(claimed, T1, 'tab-b', 3_000, STALE, 'tab-c').verdict.kind).toBe('busy')
  })

  it("the claimer's own retry goes ahead; a claim past the stale bound no longer blocks", () => {
    const claimed = decideClaim(undefined, T1, 'tab-a', 1_000, STALE).record!
    expect(decideClaim(claimed, T1, 'tab-a', 2_000, STALE).verdict.kind).toBe('go')
    expect(decideClaim(claimed, T1, 'tab-b', 1_000 + STALE, STALE).verdict.kind).toBe('go')
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
    await expect(a.claim(T1, 'tab-a', 1_000)).resolves.toEqual({ kind: 'go' })
    await a.settle(T1, 'tab-a', T2)
    await expect(b.claim(T1, 'tab-b', 1_100)).resolves.toEqual({ kind: 'rotated', next: T2 })
    await expect(b.claim(T2, 'tab-b', 1_100)).resolves.toEqual({ kind: 'go' })
    await b.settle(T2, 'tab-b', T3)
    await expect(a.claim(T1, 'tab-a', 1_200)).resolves.toEqual({ kind: 'rotated', next: T2 })
    await expect(a.claim(T2, 'tab-a', 1_200)).resolves.toEqual({ kind: 'rotated', next: T3 })
  })

  it('a sign-out forgets everything', async () => {
    const [a, b] = open(2) as [SpendLedger, SpendLedger]
    await a.claim(T1, 'tab-a', 1_000)
    await a.settle(T1, 'tab-a', T2)
    await a.forget()
    await expect(b.claim(T1, 'tab-b', 1_100)).resolves.toEqual({ kind: 'go' })
  })
})

describe('the IndexedDB adapter', () => {
  it('stores spent tokens as fingerprints only, and one record per tenant', async () => {
    const idb = new IDBFactory()
    const acme = indexedDbLedger(idb, 'acme', STALE)
    const globex = indexedDbLedger(idb, 'globex', STALE)
    await acme.claim(T1, 'tab-a', 1_000)
    await acme.settle(T1, 'tab-a', T2)
    await expect(globex.claim(T1, 'tab-b', 1_000)).resolves.toEqual({ kind: 'go' })
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
    await expect(ledger.claim(T1, 'tab-a', 1_000)).resolves.toEqual({ kind: 'go' })
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

/**
 * The browser side of the profile: which one a tab starts with (URL, then the origin's stored
 * database, then VITE_MOCK_PROFILE), that it is stored with the database for every tab and
 * reload, and that a tab follows another tab's switch. The service worker itself is not started.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  bootMockState,
  defaultProfile,
  mockBackend,
  STORAGE_KEY,
  storedProfile,
} from '@/mocks/browser'
import { mockConfig } from '@/mocks/config'
import { commit, db, reloadDb, usePersistence, type MockDb } from '@/mocks/db'
import { seed } from '@/mocks/seed'
import { mockStats } from '@/mocks/scenarios'

const stored = (): MockDb => JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as MockDb

afterEach(() => {
  usePersistence(null)
  localStorage.clear()
})

describe('mock profile in the browser', () => {
  it('VITE_MOCK_PROFILE decides when nothing else does; default original', () => {
    expect(defaultProfile(undefined)).toBe('original')
    expect(defaultProfile('hardened')).toBe('hardened')
    expect(defaultProfile('nonsense')).toBe('original')
    bootMockState('', 'original')
    expect(mockConfig.profile).toBe('original')
    expect(stored().profile).toBe('original')
    expect(storedProfile()).toBe('original')
    expect(stored().users.map((u) => [u.schema, u.id])).toEqual([
      ['acme', 1],
      ['acme', 2],
      ['globex', 1],
      ['globex', 2],
    ])
  })

  it("a reload keeps the origin's stored profile and data over the build default", () => {
    bootMockState('?mock=profile:hardened', 'original')
    db.departments.push({ ...db.departments[0]!, id: 99, name: 'Kept' })
    commit()
    // the next load of the page, without the query
    usePersistence(null)
    const unknown = bootMockState('', 'original')
    expect(unknown).toEqual([])
    expect(mockConfig.profile).toBe('hardened')
    expect(db.departments.map((d) => d.id)).toContain(99)
  })

  it('?mock=profile: switches the origin, re-seeding, and the knobs apply to this tab', () => {
    bootMockState('', 'hardened')
    db.departments.push({ ...db.departments[0]!, id: 99, name: 'Dropped' })
    commit()
    usePersistence(null)
    const unknown = bootMockState('?mock=profile:original,rotate:on,latency:0,typo', 'hardened')
    expect(unknown).toEqual(['typo'])
    expect([mockConfig.profile, mockConfig.rotate, mockConfig.blacklist]).toEqual([
      'original',
      true,
      false,
    ])
    expect(db.departments.map((d) => d.id)).not.toContain(99)
    expect(stored().profile).toBe('original')
  })

  it("a tab follows another tab's switch on its next request (reloadDb)", () => {
    bootMockState('', 'hardened')
    expect(mockConfig.profile).toBe('hardened')
    // another tab of the origin switched to the original and stored its seed
    localStorage.setItem(STORAGE_KEY, JSON.stringify(seed('original')))
    reloadDb()
    expect(mockConfig.profile).toBe('original')
    expect(db.profile).toBe('original')
    expect(mockConfig.accessSeconds).toBe(300)
  })

  it('window.__mockBackend shows the profile and switches it for the origin', () => {
    bootMockState('', 'original')
    mockStats.requests = 5
    expect(mockBackend.profile).toBe('original')
    mockBackend.switchProfile('hardened')
    expect(mockBackend.profile).toBe('hardened')
    expect(stored().profile).toBe('hardened')
    expect(stored().users.map((u) => u.id)).toEqual([1, 2, 3, 4])
    expect(mockStats.requests).toBe(0) // a switch is a reset
  })

  it('an old stored shape is replaced by a fresh seed', () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...seed('hardened'), version: 2 }))
    expect(storedProfile()).toBeNull()
    bootMockState('', 'original')
    expect(stored()).toMatchObject({ version: db.version, profile: 'original' })
  })
})

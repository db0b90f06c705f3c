import { describe, expect, it } from 'vitest'
import {
  MONTH_NAMES,
  budgetPeriod,
  localDay,
  monthName,
  monthNumber,
  periodKey,
  periodOfDate,
} from '@/budgeting/months'

describe('months', () => {
  it("turns Django's month names into 1-12 and back", () => {
    expect(monthNumber('January')).toBe(1)
    expect(monthNumber('December')).toBe(12)
    expect(monthNumber(' march ')).toBe(3)
    MONTH_NAMES.forEach((name, i) => {
      expect(monthNumber(name)).toBe(i + 1)
      expect(monthName(i + 1)).toBe(name)
    })
  })

  it('takes a month that is already a number (a write answer), and refuses anything else', () => {
    expect(monthNumber(7)).toBe(7)
    expect(monthNumber('11')).toBe(11)
    expect(monthNumber(0)).toBeNull()
    expect(monthNumber(13)).toBeNull()
    expect(monthNumber('Decembre')).toBeNull()
    expect(monthNumber('')).toBeNull()
    expect(monthName(13)).toBeNull()
  })

  it('keys periods so they sort in time order', () => {
    expect(periodKey(2026, 1)).toBe('2026-01')
    expect([periodKey(2026, 12), periodKey(2027, 1), periodKey(2026, 2)].sort()).toEqual([
      '2026-02',
      '2026-12',
      '2027-01',
    ])
    expect(budgetPeriod({ month: 'December', year: 2026 })).toBe('2026-12')
    expect(budgetPeriod({ month: 3, year: 2027 })).toBe('2027-03')
    expect(budgetPeriod({ month: 'Smarch', year: 2027 })).toBeNull()
    expect(periodOfDate('2026-12-01')).toBe('2026-12')
    expect(periodOfDate('01/12/2026')).toBeNull()
  })

  it("gives the reader's own calendar day, as a date input holds it", () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05')
    expect(localDay(new Date(2026, 11, 31, 0, 1))).toBe('2026-12-31')
  })
})

/**
 * Months, the one place their names become numbers. The original reads a budget's `month` as
 * Django's English name (`"December"`) and writes it as 1-12; a period is a budget's month and
 * year, keyed `YYYY-MM` so keys sort in time order.
 */

/** Django's `MONTHS`, as `get_month_display()` sends them (the server's language is English). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** `"December"` -> 12; also takes a number or a numeric string already 1-12; null otherwise. */
export function monthNumber(month: string | number): number | null {
  const n =
    typeof month === 'number'
      ? month
      : /^\d{1,2}$/.test(month.trim())
        ? Number(month)
        : MONTH_NAMES.findIndex((m) => m.toLowerCase() === month.trim().toLowerCase()) + 1
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : null
}

/** 12 -> `"December"` (the server's name); null outside 1-12. */
export const monthName = (month: number): string | null => MONTH_NAMES[month - 1] ?? null

/** `2026, 12` -> `"2026-12"`. */
export const periodKey = (year: number, month: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`

/** The period a date (`YYYY-MM-DD`) falls in: `"2026-12"`; null when it is no such date. */
export const periodOfDate = (date: string): string | null =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.slice(0, 7) : null

/** A budget's period, from its read shape (`month` by name); null for a name we do not know. */
export function budgetPeriod(budget: { month: string | number; year: number }): string | null {
  const month = monthNumber(budget.month)
  return month === null ? null : periodKey(budget.year, month)
}

/** The reader's own calendar day as `YYYY-MM-DD` (what a date input holds). */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Amounts are whole currency units; they are shown with the reader's locale grouping. */

/** One formatter per kind and locale, built on first use (lists format a value per row). */
const formatters = new Map<string, { format(value: number | Date): string }>()
function formatter(
  kind: string,
  locale: string | undefined,
  make: () => { format(value: number | Date): string },
) {
  const key = `${kind}:${locale ?? ''}`
  let f = formatters.get(key)
  if (!f) {
    f = make()
    formatters.set(key, f)
  }
  return f
}

export function formatAmount(amount: number, locale?: string): string {
  const f = formatter(
    'amount',
    locale,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
  )
  return f.format(amount)
}

/** "2026-11" as "Nov 2026" in the reader's locale. */
export function formatMonth(month: string, locale?: string): string {
  const [y, m] = month.split('-').map(Number)
  if (!y || !m) return month
  const f = formatter(
    'month',
    locale,
    () => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  )
  return f.format(new Date(Date.UTC(y, m - 1, 1)))
}

export function formatDate(iso: string, locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return formatter(
    'date',
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
  ).format(d)
}

/** A calendar day (`YYYY-MM-DD`, as the server sends `date`) in the reader's locale, no shift. */
export function formatDay(day: string, locale?: string): string {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return day
  return formatter(
    'day',
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(y, m - 1, d)))
}

/** A month number (1-12) by its name in the reader's locale: 12 -> "December". */
export function formatMonthName(month: number, locale?: string): string {
  return formatter(
    'month-name',
    locale,
    () => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(2000, month - 1, 1)))
}

/** A budget period (`"2026-12"`) as "December 2026" in the reader's locale. */
export function formatPeriod(period: string, locale?: string): string {
  const [y, m] = period.split('-').map(Number)
  if (!y || !m) return period
  return formatter(
    'period',
    locale,
    () => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(y, m - 1, 1)))
}

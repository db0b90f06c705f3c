/** Amounts are whole currency units; they are shown with the reader's locale grouping. */
const formatters = new Map<string, Intl.NumberFormat>()

export function formatAmount(amount: number, locale?: string): string {
  const key = locale ?? ''
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
    formatters.set(key, f)
  }
  return f.format(amount)
}

/** "2026-11" as "Nov 2026" in the reader's locale. */
export function formatMonth(month: string, locale?: string): string {
  const [y, m] = month.split('-').map(Number)
  if (!y || !m) return month
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)))
}

export function formatDate(iso: string, locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d)
}

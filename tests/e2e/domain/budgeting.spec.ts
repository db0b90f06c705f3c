/**
 * The budgeting journey on the original profile (project `mock`: the MSW mock in the page;
 * project `django`: the real Django fixture), on acme and on globex: an account, a budget from it
 * for a department and this month, two expenses against it (the second puts it over), and the
 * figures the server computes by its signals, read on every screen. Amounts are read from the
 * page first and compared afterwards, so a reused Django database (other runs' rows) still
 * passes; names carry a per-run suffix. Screenshots of each screen are attached (and saved under
 * test-results/e2e/<test>/screen-*.png) by checkScreen, which also runs axe.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../journeys/fixtures'
import { origin } from '../support/backend'
import { watchScreens } from '../support/screens'

interface Tenant {
  tenant: 'acme' | 'globex'
  email: string
  password: string
  department: string
  /** The new account's opening amount, the budget from it and the two expenses. */
  opening: number
  budget: number
  expenses: [number, number]
}

// An Admin on acme, Staff on globex: the server checks no roles for accounts, budgets, expenses.
const TENANTS: Tenant[] = [
  {
    tenant: 'acme',
    email: 'admin@acme.test',
    password: 'acme-admin-pass-1',
    department: 'Engineering',
    opening: 50_000,
    budget: 20_000,
    expenses: [12_000, 9_500],
  },
  {
    tenant: 'globex',
    email: 'staff@globex.test',
    password: 'globex-staff-pass-1',
    department: 'Marketing',
    opening: 30_000,
    budget: 15_000,
    expenses: [6_000, 10_000],
  },
]

/** An amount as the app shows it: whole units in the page's locale (formatAmount). */
function fmt(page: Page, amount: number): Promise<string> {
  return page.evaluate(
    (n) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(n),
    amount,
  )
}

/** This month in the page's clock: its number, its `YYYY-MM` key and its label (formatPeriod). */
function thisMonth(page: Page): Promise<{ month: number; year: number; label: string }> {
  return page.evaluate(() => {
    const now = new Date()
    const month = now.getMonth() + 1
    const year = now.getFullYear()
    const label = new Intl.DateTimeFormat(undefined, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, 1)))
    return { month, year, label }
  })
}

/** The first amount in an element's text, parsed with the page's locale (group, minus sign). */
async function amountIn(page: Page, locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? ''
  const value = await page.evaluate((t) => {
    const parts = new Intl.NumberFormat(undefined).formatToParts(-1234567)
    const group = parts.find((p) => p.type === 'group')?.value ?? ','
    const minus = parts.find((p) => p.type === 'minusSign')?.value ?? '-'
    const plain = t
      .split(group)
      .join('')
      .split(minus)
      .join('-')
      .replace(/\u2212/g, '-')
    const match = /-?\d+/.exec(plain)
    return match ? Number(match[0]) : null
  }, text)
  expect(value, `an amount in "${text}"`).not.toBeNull()
  return value!
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A cell whose text starts with this formatted amount (and no more digits). */
const startsWith = (formatted: string) =>
  new RegExp(`^\\s*${escape(formatted)}(?![\\d.,\\s\\u00a0\\u202f]*\\d)`)

/** "1 budget is over" / "3 budgets are over": the number, 0 when there is no such line. */
async function countIn(page: Page, locator: Locator): Promise<number> {
  return (await locator.count()) === 0 ? 0 : amountIn(page, locator)
}

for (const t of TENANTS) {
  test(`${t.tenant}: an account, a budget from it, two expenses that put it over, and the insights move`, async ({
    page,
    journey,
  }, testInfo) => {
    // Runs against Django with 10-second access tokens: several refreshes happen on the way.
    test.setTimeout(120_000)
    const stamp = `${Date.now().toString(36)}${testInfo.repeatEachIndex}`
    const accountName = `E2E ${t.tenant} account ${stamp}`
    const uses = [`E2E taxi ${stamp}`, `E2E venue ${stamp}`]
    const [e1, e2] = t.expenses
    const watch = await watchScreens(page)
    const nav = page.getByRole('navigation', { name: 'Main' })
    const toast = page.getByTestId('toast')

    await page.goto(`${origin(t.tenant)}/login`)
    await journey.signIn(t.email, t.password)
    await expect(page.getByTestId('nav-user')).toBeVisible()
    await watch.phase('journey')
    const period = await thisMonth(page)

    // Insights before: the department's and this month's figures, and the chart's summary.
    await nav.getByRole('link', { name: 'Insights' }).click()
    const deptTable = page.getByTestId('table-dept')
    const monthTable = page.getByTestId('table-month')
    await expect(deptTable).toBeVisible()
    const rowOf = (table: Locator, header: string) =>
      table
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: header, exact: true }) })
    const deptRow = rowOf(deptTable, t.department)
    const monthRow = rowOf(monthTable, period.label)
    const figures = async (row: Locator) =>
      (await row.count()) === 0
        ? { allocated: 0, spent: 0, over: 0 }
        : {
            allocated: await amountIn(page, row.getByRole('cell').nth(0)),
            spent: await amountIn(page, row.getByRole('cell').nth(1)),
            over: await countIn(page, row.getByTestId('insight-over')),
          }
    const deptBefore = await figures(deptRow)
    const monthBefore = await figures(monthRow)
    const deptChart = page.getByRole('img', { name: /^Budget against spending by department:/ })
    await expect(deptChart).toBeVisible()
    const chartBefore = await deptChart.getAttribute('aria-label')

    // Accounts: add one; it shows what it holds.
    await nav.getByRole('link', { name: 'Accounts' }).click()
    await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible()
    await page.getByLabel('Name', { exact: true }).fill(accountName)
    await page.getByLabel('Amount it holds').fill(String(t.opening))
    await page.getByRole('button', { name: 'Add account' }).click()
    await expect(toast.filter({ hasText: `Account “${accountName}” added.` })).toBeVisible()
    const accountRow = page.getByTestId('account-row').filter({ hasText: accountName })
    await expect(accountRow.getByTestId('account-left')).toHaveText(await fmt(page, t.opening))
    await journey.checkScreen(`${t.tenant}-accounts`)

    // Budgets before: how many are over.
    await nav.getByRole('link', { name: 'Budgets' }).click()
    await expect(page.getByTestId('budget-table')).toBeVisible()
    const overSummary = page.getByTestId('budgets-over-summary')
    const overBefore = await countIn(page, overSummary)

    // A budget from the new account, for the department and this month; the form shows what the
    // account has left and what creating the budget leaves.
    await page.getByRole('link', { name: 'New budget' }).click()
    await expect(page.getByRole('heading', { name: 'New budget' })).toBeVisible()
    await page.getByLabel('Department').selectOption({ label: t.department })
    await expect(page.getByLabel('Month')).toHaveValue(String(period.month))
    await expect(page.getByLabel('Year')).toHaveValue(String(period.year))
    await page
      .getByLabel('From account')
      .selectOption({ label: `${accountName} (${await fmt(page, t.opening)} left)` })
    await expect(page.getByTestId('budget-account-left')).toHaveText(
      `${accountName} has ${await fmt(page, t.opening)} left.`,
    )
    await page.getByLabel('Amount', { exact: true }).fill(String(t.budget))
    await expect(page.getByTestId('budget-effect')).toContainText(
      `takes ${await fmt(page, t.budget)} from ${accountName}, leaving ${await fmt(page, t.opening - t.budget)}.`,
    )
    await journey.checkScreen(`${t.tenant}-budget-form`)
    await page.getByRole('button', { name: 'Create budget' }).click()
    await expect(page).toHaveURL(`${origin(t.tenant)}/budgets`)
    await expect(toast.filter({ hasText: 'Budget created.' })).toBeVisible()
    const budgetRow = page.getByTestId('budget-row').filter({ hasText: accountName })
    const budgetCells = budgetRow.getByRole('cell')
    await expect(budgetCells.nth(0)).toHaveText(t.department)
    await expect(budgetCells.nth(1)).toHaveText(period.label)
    await expect(budgetCells.nth(3)).toHaveText(await fmt(page, t.budget))
    await expect(budgetCells.nth(4)).toHaveText(await fmt(page, 0))
    await expect(budgetCells.nth(5)).toHaveText(startsWith(await fmt(page, t.budget)))
    await expect(budgetRow.getByTestId('budget-over')).toHaveCount(0)

    // The server's signal took the budget from the account.
    await nav.getByRole('link', { name: 'Accounts' }).click()
    await expect(accountRow.getByTestId('account-left')).toHaveText(
      await fmt(page, t.opening - t.budget),
    )

    // Expenses before: the total of the list.
    await nav.getByRole('link', { name: 'Expenses' }).click()
    const total = page.getByTestId('expenses-total').locator('strong')
    await expect(total).toBeVisible()
    const totalBefore = await amountIn(page, total)

    /** Records an expense against the new budget, checking what the form says it will do. */
    const record = async (use: string, amount: number, remaining: number, screen?: string) => {
      await page.getByRole('link', { name: 'New expense' }).click()
      await expect(page.getByRole('heading', { name: 'New expense' })).toBeVisible()
      await page.getByLabel('Department').selectOption({ label: t.department })
      // The department's budgets as the server has them now: the new one with what it has left.
      const option = page
        .getByLabel('Budget (month)')
        .locator('option')
        .filter({ hasText: accountName })
      await expect(option).toHaveText(
        `${period.label}, from ${accountName} (${await fmt(page, remaining)} left)`,
      )
      await page.getByLabel('Budget (month)').selectOption((await option.getAttribute('value'))!)
      await page.getByLabel('What it was for').fill(use)
      await page.getByLabel('Amount', { exact: true }).fill(String(amount))
      const effect = page.getByTestId('expense-effect')
      await expect(effect).toContainText(
        `Saving will subtract ${await fmt(page, amount)} from ${t.department}, ${period.label}, ` +
          `leaving ${await fmt(page, remaining - amount)}.`,
      )
      if (remaining - amount < 0) {
        await expect(effect).toContainText(
          `That puts the budget over by ${await fmt(page, amount - remaining)}.`,
        )
      }
      if (screen) await journey.checkScreen(screen)
      await page.getByRole('button', { name: 'Record expense' }).click()
      await expect(page).toHaveURL(`${origin(t.tenant)}/expenses`)
      await expect(toast.filter({ hasText: 'Expense recorded.' }).last()).toBeVisible()
      const row = page.getByTestId('expense-row').filter({ hasText: use })
      await expect(row).toHaveCount(1)
      await expect(row.getByRole('cell').nth(2)).toHaveText(t.department)
      await expect(row.getByRole('cell').nth(3)).toHaveText(period.label)
      await expect(row.getByRole('cell').nth(4)).toHaveText(await fmt(page, amount))
    }

    // First expense: within the budget.
    await record(uses[0]!, e1, t.budget, `${t.tenant}-expense-form`)
    await expect(total).toHaveText(await fmt(page, totalBefore + e1))
    await nav.getByRole('link', { name: 'Budgets' }).click()
    await expect(budgetCells.nth(4)).toHaveText(await fmt(page, e1))
    await expect(budgetCells.nth(5)).toHaveText(startsWith(await fmt(page, t.budget - e1)))
    await expect(budgetRow.getByTestId('budget-over')).toHaveCount(0)

    // Second expense: over the budget.
    const left = t.budget - e1 - e2
    expect(left, 'the second expense puts the budget over').toBeLessThan(0)
    await nav.getByRole('link', { name: 'Expenses' }).click()
    await expect(total).toBeVisible()
    await record(uses[1]!, e2, t.budget - e1)
    await expect(total).toHaveText(await fmt(page, totalBefore + e1 + e2))
    await journey.checkScreen(`${t.tenant}-expenses`)

    // The budget: remaining as the server computed it (budget − each expense), over budget.
    await nav.getByRole('link', { name: 'Budgets' }).click()
    await expect(budgetCells.nth(3)).toHaveText(await fmt(page, t.budget))
    await expect(budgetCells.nth(4)).toHaveText(await fmt(page, e1 + e2))
    await expect(budgetCells.nth(5)).toHaveText(startsWith(await fmt(page, left)))
    await expect(budgetRow.getByTestId('budget-over')).toHaveText(
      `Over budget by ${await fmt(page, -left)}`,
    )
    await expect(budgetRow).toHaveClass(/is-over/)
    await expect(overSummary).toContainText(
      overBefore + 1 === 1 ? '1 budget is over budget' : `${overBefore + 1} budgets are over`,
    )
    await journey.checkScreen(`${t.tenant}-budgets`)

    // Insights: the department and this month grew by the budget and the two expenses, one more
    // budget over; the chart's summary says so.
    await nav.getByRole('link', { name: 'Insights' }).click()
    const deptCells = deptRow.getByRole('cell')
    await expect(deptCells.nth(0)).toHaveText(await fmt(page, deptBefore.allocated + t.budget))
    await expect(deptCells.nth(1)).toHaveText(await fmt(page, deptBefore.spent + e1 + e2))
    await expect(deptRow.getByTestId('insight-over')).toContainText(String(deptBefore.over + 1))
    const monthCells = monthRow.getByRole('cell')
    await expect(monthCells.nth(0)).toHaveText(await fmt(page, monthBefore.allocated + t.budget))
    await expect(monthCells.nth(1)).toHaveText(await fmt(page, monthBefore.spent + e1 + e2))
    await expect(monthRow.getByTestId('insight-over')).toContainText(String(monthBefore.over + 1))
    const chartSays =
      `${t.department}: allocated ${await fmt(page, deptBefore.allocated + t.budget)}, ` +
      `spent ${await fmt(page, deptBefore.spent + e1 + e2)}`
    await expect(deptChart).toHaveAttribute('aria-label', new RegExp(escape(chartSays)))
    expect(await deptChart.getAttribute('aria-label')).not.toBe(chartBefore)
    await expect(
      page.getByRole('img', { name: /^Budget against spending by month:/ }),
    ).toHaveAttribute(
      'aria-label',
      new RegExp(
        escape(
          `${period.label}: allocated ${await fmt(page, monthBefore.allocated + t.budget)}, ` +
            `spent ${await fmt(page, monthBefore.spent + e1 + e2)}`,
        ),
      ),
    )
    await journey.checkScreen(`${t.tenant}-insights`)

    // Never an error: no alert (error toasts are alerts), no ended session, no sign-in page, and
    // exactly the confirmations of what was done.
    expect(await watch.seen('journey', 'alert', 'session-ended', 'sign-in')).toEqual([])
    expect(await watch.seen('journey', 'toast')).toEqual([
      `toast: Account “${accountName}” added.`,
      'toast: Budget created.',
      'toast: Expense recorded.',
      'toast: Expense recorded.',
    ])
  })
}

/** The list stores: what they load, the order they keep, their error state, one load at a time. */
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { useAccountsStore } from '@/stores/accounts'
import { useBudgetsStore } from '@/stores/budgets'
import { useDepartmentsStore } from '@/stores/departments'
import { useExpensesStore } from '@/stores/expenses'
import { endpoint, mockBackend } from '@/testing'
import { storeApp } from './storeApp'

describe('accounts store', () => {
  it('loads once, keeps accounts by name, and inserts a new one in its place', async () => {
    mockBackend.build.account({ name: 'Zulu reserve', amount: 5 })
    const { pinia } = await storeApp({ as: 'staff' })
    const accounts = useAccountsStore(pinia)
    const before = mockBackend.stats.requests
    await Promise.all([accounts.load(), accounts.load()])
    await accounts.load()
    expect(mockBackend.stats.requests - before).toBe(1)
    expect(accounts.items.map((a) => a.name)).toEqual(['Acme operating account', 'Zulu reserve'])
    await accounts.create({ name: 'Petty cash', amount: 100 })
    expect(accounts.items.map((a) => a.name)).toEqual([
      'Acme operating account',
      'Petty cash',
      'Zulu reserve',
    ])
  })

  it('keeps the error of a failed load, and a forced load recovers', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const accounts = useAccountsStore(pinia)
    mockBackend.failRequests('/accounts/', 1)
    await accounts.load()
    expect(accounts.status).toBe('error')
    expect(accounts.error).toMatchObject({ status: 500 })
    await accounts.load(true)
    expect([accounts.status, accounts.items.length]).toEqual(['ready', 1])
  })
})

describe('departments store', () => {
  it('sorts by name, names an unknown id by its number, and renames in place', async () => {
    const { pinia } = await storeApp({ as: 'admin' })
    const departments = useDepartmentsStore(pinia)
    await departments.load()
    expect(departments.items.map((d) => d.name)).toEqual(['Engineering', 'Finance'])
    expect([departments.nameOf(1), departments.nameOf(99), departments.nameOf(null)]).toEqual([
      'Finance',
      '#99',
      '',
    ])
    await departments.rename(1, 'Accounts')
    await departments.create('Board')
    expect(departments.items.map((d) => d.name)).toEqual(['Accounts', 'Board', 'Engineering'])
  })
})

describe('budgets store', () => {
  it('reads budgets nested, one department’s alone, and a new one takes from its account', async () => {
    const account = mockBackend.build.account({ name: 'Grants', amount: 9000 })
    mockBackend.build.budget({ department: 'Engineering', source: account.id, amount: 2000 })
    const { pinia } = await storeApp({ as: 'admin' })
    const budgets = useBudgetsStore(pinia)
    await budgets.load()
    const engineering = budgets.items.find((b) => b.source.id === account.id)!
    expect([engineering.department.name, engineering.source.name]).toEqual([
      'Engineering',
      'Grants',
    ])
    const ofEngineering = await budgets.ofDepartment(engineering.department.id)
    expect(ofEngineering.length).toBeGreaterThan(0)
    expect(ofEngineering.every((b) => b.department.name === 'Engineering')).toBe(true)
    const written = await budgets.create({
      department: engineering.department.id,
      source: account.id,
      month: 3,
      year: 2027,
      amount: 500,
    })
    // Flat, the month as a number; the account has paid for it on the server.
    expect(written).toMatchObject({ department: engineering.department.id, month: 3, amount: 500 })
    const read = await budgets.get(written.id)
    expect([read.month, read.source.amount]).toEqual(['March', 9000 - 2000 - 500])
    await budgets.update(written.id, { ...written, amount: 400 })
    expect((await budgets.get(written.id)).amount).toBe(400)
  })
})

describe('expenses store', () => {
  it('lists newest first as the server answers, on globex only globex’s', async () => {
    const { pinia } = await storeApp({ tenant: 'globex', as: 'staff' })
    const expenses = useExpensesStore(pinia)
    await expenses.load()
    expect(expenses.items.map((e) => e.use)).toEqual(['Courier', 'Trade show booth', 'Print ads'])
  })

  it('a write goes to the server, whose answer is flat', async () => {
    const { pinia } = await storeApp({ as: 'staff' })
    const seen: unknown[] = []
    mockBackend.use(
      http.post(endpoint('/expenses/'), async ({ request }) => {
        seen.push(await request.clone().json())
        return undefined
      }),
    )
    const written = await useExpensesStore(pinia).create({
      budget: 3,
      date: '2026-01-01',
      use: 'Stamps',
      amount: 20,
    })
    expect(seen).toEqual([{ budget: 3, date: '2026-01-01', use: 'Stamps', amount: 20 }])
    expect(written).toMatchObject({ budget: 3, use: 'Stamps', amount: 20 })
  })
})

/**
 * The original's domain (accounts, budgets, expenses) on both profiles: shapes, the signals'
 * arithmetic, DRF's validation messages, the 405 on expense DELETE, departmental lists, Allow.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { configureMock } from '@/mocks/config'
import type { ProfileName } from '@/mocks/profiles'
import { seedPeriods } from '@/mocks/seedDomain'
import { ACCOUNTS, ACME, call, login } from './helpers'

const API = `${ACME}/api/v1`
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'].concat([
  'September',
  'October',
  'November',
  'December',
])
const { current, previous } = seedPeriods()
const REQUIRED = ['This field is required.']
const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+03:00$/

interface Account {
  id: number
  created: string
  updated: string
  name: string
  amount: number
}
interface Budget {
  id: number
  department: { id: number; name: string }
  month: string
  source: Account
  created: string
  updated: string
  year: number
  amount: number
}
interface Expense {
  id: number
  budget: Budget
  created: string
  updated: string
  date: string
  use: string
  amount: number
}

let token = ''
const get = async <T>(path: string) => (await call(`${API}/${path}`, { token })).body as T
const send = (method: string, path: string, body: unknown) =>
  call(`${API}/${path}`, { method, body, token })
const amountOf = async (path: string) => (await get<{ amount: number }>(path)).amount

describe.each<ProfileName>(['original', 'hardened'])('%s profile', (profile) => {
  beforeEach(async () => {
    configureMock({ profile })
    token = (await login(ACCOUNTS.acmeStaff)).access
  })

  describe('the seed', () => {
    it('acme: one account, four budgets, five expenses, the arithmetic of the signals', async () => {
      expect(await get<Account[]>('accounts/')).toEqual([
        {
          id: 1,
          created: expect.stringMatching(DATETIME),
          updated: expect.stringMatching(DATETIME),
          name: 'Acme operating account',
          amount: 1_000_000 - 80_000 - 300_000 - 100_000 - 400_000,
        },
      ])
      const budgets = await get<Budget[]>('budgets/')
      // newest save first: each expense saved its budget again, Bank charges last
      expect(budgets.map((b) => [b.id, b.department.name, b.month, b.year, b.amount])).toEqual([
        [3, 'Finance', MONTHS[current.month - 1], current.year, 95_500],
        [4, 'Engineering', MONTHS[current.month - 1], current.year, 138_000],
        [2, 'Engineering', MONTHS[previous.month - 1], previous.year, 180_000],
        [1, 'Finance', MONTHS[previous.month - 1], previous.year, 50_000],
      ])
      const expenses = await get<Expense[]>('expenses/')
      expect(expenses.map((e) => [e.id, e.use, e.amount, e.budget.id])).toEqual([
        [5, 'Bank charges', 4_500, 3],
        [4, 'Laptops for new hires', 250_000, 4],
        [3, 'Team lunch', 12_000, 4],
        [2, 'Cloud hosting', 120_000, 2],
        [1, 'Audit fees', 30_000, 1],
      ])
      const pad = (n: number) => String(n).padStart(2, '0')
      expect(expenses[4]?.date).toBe(`${previous.year}-${pad(previous.month)}-10`)
      // the current month's expenses are dated the 1st, never after today (Nairobi)
      const today = new Date(Date.now() + 3 * 3600e3).toISOString().slice(0, 10)
      expect(expenses[0]?.date).toBe(`${current.year}-${pad(current.month)}-01`)
      expect((expenses[0]?.date ?? '') <= today).toBe(true)
    })

    it('globex has its own books; on hardened the ids are global', async () => {
      const globex = (await login(ACCOUNTS.globexStaff, 'http://globex.localhost')).access
      const g = (path: string) =>
        call(`http://globex.localhost/api/v1/${path}`, { token: globex }).then((r) => r.body)
      const accounts = (await g('accounts/')) as Account[]
      expect(accounts.map((a) => [a.id, a.name, a.amount])).toEqual([
        [profile === 'original' ? 1 : 2, 'Globex operating account', 340_000],
      ])
      const expenses = (await g('expenses/')) as Expense[]
      const base = profile === 'original' ? 0 : 5
      expect(expenses.map((e) => [e.id, e.use, e.budget.amount])).toEqual([
        [base + 3, 'Courier', 57_000],
        [base + 2, 'Trade show booth', 120_000],
        [base + 1, 'Print ads', 60_000],
      ])
    })
  })

  describe('shapes', () => {
    it('GET nests the budget (department and source objects, month by name)', async () => {
      const e = await get<Expense>('expenses/5/')
      expect(Object.keys(e)).toEqual([
        'id',
        'budget',
        'created',
        'updated',
        'date',
        'use',
        'amount',
      ])
      expect(Object.keys(e.budget)).toEqual([
        'id',
        'department',
        'month',
        'source',
        'created',
        'updated',
        'year',
        'amount',
      ])
      expect(e.budget.source).toEqual(await get('accounts/1/'))
      expect(e.budget.department).toEqual(await get('departments/1/'))
      expect(e.budget.month).toBe(MONTHS[current.month - 1])
    })

    it('writes answer flat, with ids and month as a number', async () => {
      // the next ids: of acme's schema (original) or of the one table (hardened: globex's too)
      const [budgetId, expenseId] = profile === 'original' ? [5, 6] : [9, 9]
      const b = await send('POST', 'budgets/', {
        department: 2,
        source: 1,
        month: '5',
        year: 2030,
        amount: 7,
      })
      expect([b.status, b.body]).toEqual([
        201,
        {
          id: budgetId,
          created: expect.stringMatching(DATETIME),
          updated: expect.stringMatching(DATETIME),
          month: 5,
          year: 2030,
          amount: 7,
          department: 2,
          source: 1,
        },
      ])
      const e = await send('POST', 'expenses/', {
        budget: budgetId,
        date: '2030-5-3',
        use: '  Taxi  ',
        amount: '2.0',
      })
      expect([e.status, e.body]).toEqual([
        201,
        {
          id: expenseId,
          created: expect.stringMatching(DATETIME),
          updated: expect.stringMatching(DATETIME),
          date: '2030-05-03',
          use: 'Taxi',
          amount: 2,
          budget: budgetId,
        },
      ])
    })

    it('sends the Allow header of each generic view, errors included', async () => {
      const allow = async (method: string, path: string, auth = true) =>
        (await call(`${API}/${path}`, { method, token: auth ? token : undefined })).headers.get(
          'allow',
        )
      expect(await allow('GET', 'accounts/')).toBe('GET, POST, HEAD, OPTIONS')
      expect(await allow('GET', 'budgets/', false)).toBe('GET, POST, HEAD, OPTIONS')
      expect(await allow('GET', 'expenses/1/')).toBe('GET, PUT, PATCH, HEAD, OPTIONS')
      expect(await allow('DELETE', 'expenses/1/')).toBe('GET, PUT, PATCH, HEAD, OPTIONS')
      expect(await allow('GET', 'budgets/department/1/')).toBe('GET, HEAD, OPTIONS')
      expect(await allow('GET', 'expenses/department/1/')).toBe('GET, HEAD, OPTIONS')
    })
  })

  describe('signals', () => {
    it('creating a budget takes its amount from the source account, editing it moves nothing', async () => {
      const before = await amountOf('accounts/1/')
      const b = await send('POST', 'budgets/', {
        department: 1,
        source: 1,
        month: 3,
        year: 2030,
        amount: 200_000,
      })
      expect(b.status).toBe(201)
      expect(await amountOf('accounts/1/')).toBe(before - 200_000) // may go negative
      expect(before - 200_000).toBeLessThan(0)
      const id = (b.body as { id: number }).id
      const put = await send('PUT', `budgets/${id}/`, {
        department: 2,
        source: 1,
        month: 4,
        year: 2030,
        amount: 1,
      })
      expect((put.body as { amount: number }).amount).toBe(1)
      const patch = await send('PATCH', `budgets/${id}/`, { amount: 50 })
      expect(patch.status).toBe(200)
      expect(await amountOf('accounts/1/')).toBe(before - 200_000)
      expect(await get<Budget>(`budgets/${id}/`)).toMatchObject({ month: 'April', amount: 50 })
    })

    it('every save of an expense takes its (new) amount from its (new) budget again', async () => {
      const e = await send('POST', 'expenses/', {
        budget: 3,
        date: '2030-01-31',
        use: 'Taxi',
        amount: 500,
      })
      expect(e.status).toBe(201)
      expect(await amountOf('budgets/3/')).toBe(95_500 - 500)
      const id = (e.body as { id: number }).id
      await send('PATCH', `expenses/${id}/`, { amount: 700 })
      expect(await amountOf('budgets/3/')).toBe(95_500 - 500 - 700) // nothing given back
      await send('PATCH', `expenses/${id}/`, { use: 'Taxi home' })
      expect(await amountOf('budgets/3/')).toBe(95_500 - 500 - 700 - 700)
      const put = await send('PUT', `expenses/${id}/`, {
        budget: 1,
        date: '2030-02-01',
        use: 'Moved',
        amount: 60_000,
      })
      expect(put.body).toMatchObject({ id, budget: 1, amount: 60_000, date: '2030-02-01' })
      expect(await amountOf('budgets/3/')).toBe(95_500 - 1_900) // the old budget keeps its loss
      expect(await amountOf('budgets/1/')).toBe(50_000 - 60_000) // negative: over budget
      expect(await amountOf('accounts/1/')).toBe(120_000) // expenses never touch the account
    })

    it("the original's swapped timestamps: a save moves created, updated stays; lists follow", async () => {
      const before = await get<Expense>('expenses/1/')
      const patch = await send('PATCH', 'expenses/1/', { amount: 1 })
      const after = patch.body as { created: string; updated: string }
      expect(after.updated).toBe(before.updated)
      expect(after.created > before.created).toBe(true)
      expect((await get<Expense[]>('expenses/')).map((e) => e.id)).toEqual([1, 5, 4, 3, 2])
      expect((await get<Budget[]>('budgets/'))[0]?.id).toBe(1)
    })
  })

  describe('validation (DRF 3.14 messages, in field order)', () => {
    it.each<[string, string, Record<string, unknown>, Record<string, string[]>]>([
      ['account, empty', 'accounts/', {}, { name: REQUIRED, amount: REQUIRED }],
      [
        'account, blank name and a decimal',
        'accounts/',
        { name: ' ', amount: '1.5' },
        { name: ['This field may not be blank.'], amount: ['A valid integer is required.'] },
      ],
      [
        'account, too long and too large',
        'accounts/',
        { name: 'x'.repeat(256), amount: '9223372036854775808' },
        {
          name: ['Ensure this field has no more than 255 characters.'],
          amount: ['Ensure this value is less than or equal to 9223372036854775807.'],
        },
      ],
      [
        'budget, empty',
        'budgets/',
        {},
        {
          month: REQUIRED,
          year: REQUIRED,
          amount: REQUIRED,
          department: REQUIRED,
          source: REQUIRED,
        },
      ],
      [
        'budget, bad values',
        'budgets/',
        { month: 13, year: -1, amount: true, department: 9, source: 'main' },
        {
          month: ['"13" is not a valid choice.'],
          year: ['Ensure this value is greater than or equal to 0.'],
          amount: ['A valid integer is required.'],
          department: ['Invalid pk "9" - object does not exist.'],
          source: ['Incorrect type. Expected pk value, received str.'],
        },
      ],
      [
        'budget, month by name, null department, huge year',
        'budgets/',
        { month: 'May', year: 2147483648, amount: 1, department: null, source: 1 },
        {
          month: ['"May" is not a valid choice.'],
          year: ['Ensure this value is less than or equal to 2147483647.'],
          department: ['This field may not be null.'],
        },
      ],
      [
        'expense, empty',
        'expenses/',
        {},
        { date: REQUIRED, use: REQUIRED, amount: REQUIRED, budget: REQUIRED },
      ],
      [
        'expense, bad values',
        'expenses/',
        { date: '01/12/2026', use: '', amount: -1, budget: 99 },
        {
          date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
          use: ['This field may not be blank.'],
          amount: ['Ensure this value is greater than or equal to 0.'],
          budget: ['Invalid pk "99" - object does not exist.'],
        },
      ],
      [
        'expense, no such day, amount beyond a PositiveIntegerField',
        'expenses/',
        { date: '2026-02-29', use: 'x', amount: 2147483648, budget: 1 },
        {
          date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
          amount: ['Ensure this value is less than or equal to 2147483647.'],
        },
      ],
      [
        "the app's old expense shape",
        'expenses/',
        { amount: 100, description: 'Taxi', department: 1 },
        { date: REQUIRED, use: REQUIRED, budget: REQUIRED },
      ],
    ])('%s', async (_case, path, body, errors) => {
      const before = await amountOf('accounts/1/')
      const r = await send('POST', path, body)
      expect([r.status, r.body]).toEqual([400, errors])
      expect(await amountOf('accounts/1/')).toBe(before)
    })

    it("a pk is looked up with int(): 1.5 finds row 1, '1e3' is the wrong type", async () => {
      const ok = await send('POST', 'expenses/', {
        budget: 1.5,
        date: '2030-01-01',
        use: 'x',
        amount: 1,
      })
      expect([ok.status, (ok.body as { budget: number }).budget]).toEqual([201, 1])
      const bad = await send('POST', 'expenses/', {
        budget: '1e3',
        date: '2030-01-01',
        use: 'x',
        amount: 1,
      })
      expect(bad.body).toEqual({ budget: ['Incorrect type. Expected pk value, received str.'] })
      const gone = await send('POST', 'expenses/', {
        budget: -1.5,
        date: '2030-01-01',
        use: 'x',
        amount: 1,
      })
      expect(gone.body).toEqual({ budget: ['Invalid pk "-1.5" - object does not exist.'] })
    })

    it('PUT needs every field, PATCH any; a failed write moves no money', async () => {
      const put = await send('PUT', 'expenses/1/', { amount: 1 })
      expect([put.status, put.body]).toEqual([
        400,
        { date: REQUIRED, use: REQUIRED, budget: REQUIRED },
      ])
      const patch = await send('PATCH', 'expenses/1/', { amount: -3 })
      expect(patch.body).toEqual({ amount: ['Ensure this value is greater than or equal to 0.'] })
      expect(await amountOf('budgets/1/')).toBe(50_000)
      const acc = await send('PATCH', 'accounts/1/', { name: 'Main' })
      expect(acc.body).toMatchObject({ id: 1, name: 'Main', amount: 120_000 })
      const put2 = await send('PUT', 'accounts/1/', { name: 'Main' })
      expect(put2.body).toEqual({ amount: REQUIRED })
    })
  })

  describe('methods and lookups', () => {
    it('expense DELETE is a 405 with DRF body and Allow; the expense stays', async () => {
      const r = await call(`${API}/expenses/3/`, { method: 'DELETE', token })
      expect([r.status, r.body]).toEqual([405, { detail: 'Method "DELETE" not allowed.' }])
      expect(r.headers.get('allow')).toBe('GET, PUT, PATCH, HEAD, OPTIONS')
      expect((await call(`${API}/expenses/3/`, { token })).status).toBe(200)
      for (const path of ['accounts/1/', 'budgets/1/']) {
        expect((await call(`${API}/${path}`, { method: 'DELETE', token })).status).toBe(405)
      }
      expect((await send('PUT', 'expenses/', {})).body).toEqual({
        detail: 'Method "PUT" not allowed.',
      })
      expect((await send('POST', 'budgets/department/1/', {})).status).toBe(405)
    })

    it('needs authentication everywhere, with the usual 401', async () => {
      for (const path of ['accounts/', 'budgets/1/', 'expenses/', 'expenses/department/1/']) {
        const r = await call(`${API}/${path}`)
        expect([r.status, r.body]).toEqual([
          401,
          { detail: 'Authentication credentials were not provided.' },
        ])
      }
      const del = await call(`${API}/expenses/1/`, { method: 'DELETE' })
      expect(del.status).toBe(401)
    })

    it('unknown ids are 404; a non-numeric id matches no route (the 404 page)', async () => {
      for (const path of ['accounts/9/', 'budgets/99/', 'expenses/99/']) {
        const r = await call(`${API}/${path}`, { token })
        expect([r.status, r.body]).toEqual([404, { detail: 'Not found.' }])
      }
      const page = await call(`${API}/expenses/abc/`, { token })
      expect([page.status, page.headers.get('content-type')?.startsWith('text/html')]).toEqual([
        404,
        true,
      ])
    })

    it("departmental lists: that department's budgets and expenses, newest save first", async () => {
      const budgets = await get<Budget[]>('budgets/department/2/')
      expect(budgets.map((b) => [b.id, b.department.name])).toEqual([
        [4, 'Engineering'],
        [2, 'Engineering'],
      ])
      const expenses = await get<Expense[]>('expenses/department/2/')
      expect(expenses.map((e) => e.use)).toEqual([
        'Laptops for new hires',
        'Team lunch',
        'Cloud hosting',
      ])
      expect(expenses[0]?.budget).toEqual(budgets[0])
    })

    it('an unknown department', async () => {
      const b = await call(`${API}/budgets/department/77/`, { token })
      const e = await call(`${API}/expenses/department/77/`, { token })
      if (profile === 'original') {
        // Department.objects.get raises DoesNotExist: Django's 500 page, no DRF headers
        expect([b.status, b.headers.get('content-type'), b.headers.get('allow')]).toEqual([
          500,
          'text/html',
          null,
        ])
        expect([e.status, e.body]).toEqual([200, []]) // a filter
      } else {
        expect([b.status, b.body]).toEqual([404, { detail: 'Not found.' }])
        expect([e.status, e.body]).toEqual([404, { detail: 'Not found.' }])
      }
    })
  })
})

describe('tenancy', () => {
  it("hardened: another tenant's ids are 404 in the URL and Invalid pk in a body", async () => {
    token = (await login(ACCOUNTS.acmeAdmin)).access
    for (const path of ['accounts/2/', 'budgets/5/', 'expenses/6/', 'budgets/department/3/']) {
      expect((await call(`${API}/${path}`, { token })).body).toEqual({ detail: 'Not found.' })
    }
    expect((await send('PATCH', 'expenses/6/', { amount: 1 })).status).toBe(404)
    const r = await send('POST', 'budgets/', {
      month: 1,
      year: 2030,
      amount: 1,
      department: 3,
      source: 2,
    })
    expect(r.body).toEqual({
      department: ['Invalid pk "3" - object does not exist.'],
      source: ['Invalid pk "2" - object does not exist.'],
    })
    const e = await send('POST', 'expenses/', {
      date: '2030-01-01',
      use: 'x',
      amount: 1,
      budget: 6,
    })
    expect(e.body).toEqual({ budget: ['Invalid pk "6" - object does not exist.'] })
    expect(await get<Expense[]>('expenses/department/3/')).toEqual({ detail: 'Not found.' })
  })

  it("original: ids restart in each schema; a new row takes its own schema's next id", async () => {
    configureMock({ profile: 'original' })
    token = (await login(ACCOUNTS.acmeAdmin)).access
    const acme = await send('POST', 'accounts/', { name: 'Reserve', amount: 5 })
    expect(acme.body).toMatchObject({ id: 2, name: 'Reserve', amount: 5 })
    const globex = (await login(ACCOUNTS.globexAdmin, 'http://globex.localhost')).access
    const g = await call('http://globex.localhost/api/v1/accounts/', {
      body: { name: 'Reserve', amount: 6 },
      token: globex,
    })
    expect(g.body).toMatchObject({ id: 2, amount: 6 })
    const gb = await call('http://globex.localhost/api/v1/budgets/', {
      body: { month: 1, year: 2030, amount: 1, department: 2, source: 2 },
      token: globex,
    })
    expect(gb.body).toMatchObject({ id: 5, source: 2 })
    expect(await amountOf('accounts/2/')).toBe(5) // acme's account 2 is untouched
  })
})

/**
 * The original's domain (app `core`): accounts, departmental budgets and the expenses against
 * them, on both profiles (shared/seed-backend.md "The domain"; observed B2, B3 and B6).
 *
 * The answers are the same on both profiles but for ids (per tenant schema on the original,
 * one sequence for every tenant on hardened), the tenant scoping and an unknown department's
 * budget list (the original's `.get()` raises: a 500 page; hardened: 404). So each scenario is
 * built once per profile, and its stated bodies come from `Books`, a model of the seed and of
 * the signals' arithmetic (domainSeed.ts). The observed file fixes the shapes, the 400 of B3,
 * the 405 on expense DELETE and the arithmetic; the other messages are DRF's for the original's
 * model fields, with the live Django as the reference.
 */
import type { Profile } from '../harness/backends'
import type { Call, Scenario, Step } from '../harness/dsl'
import { Books, MONTHS, seedMonth } from './domainSeed'
import { API, login, NOT_FOUND, NOT_PROVIDED, notAllowed, REQUIRED } from './helpers'

const INVALID_PK = (pk: number | string) => [`Invalid pk "${pk}" - object does not exist.`]
const WRONG_TYPE = ['Incorrect type. Expected pk value, received str.']
const NOT_INTEGER = ['A valid integer is required.']
const NOT_NEGATIVE = ['Ensure this value is greater than or equal to 0.']
const BAD_DATE = ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.']
const BLANK = ['This field may not be blank.']
const NOT_CHOICE = (v: string) => [`"${v}" is not a valid choice.`]
const HTML_500 = '(html) Server Error (500)'
const HTML_404 = '(html) Not Found'
const DT = '<datetime>'

const get = (
  doing: string,
  path: string,
  expect: Call['expect'],
  auth = '{admin.access}',
): Call => ({
  do: doing,
  path: `${API}/${path}`,
  auth,
  expect,
})
const write = (
  doing: string,
  method: 'POST' | 'PUT' | 'PATCH',
  path: string,
  json: unknown,
  expect: Call['expect'],
  auth = '{admin.access}',
): Call => ({ do: doing, method, path: `${API}/${path}`, auth, json, expect })

const current = seedMonth('current')
const previous = seedMonth('previous')

/** The seeded rows as each endpoint lists them, for acme (and what anonymous gets). */
function seededReads(profile: Profile): Scenario {
  const books = new Books(profile)
  const finance = books.departmentId('acme', 'Finance')
  const engineering = books.departmentId('acme', 'Engineering')
  const steps: Step[] = [
    ...['accounts/', 'budgets/', 'expenses/', 'accounts/1/', 'budgets/department/1/'].map(
      (path): Call => ({
        do: `anonymous ${path}`,
        path: `${API}/${path}`,
        expect: { status: 401, body: NOT_PROVIDED },
      }),
    ),
    login('staff', 'admin'), // a staff user reads them all
    get('accounts', 'accounts/', { status: 200, body: books.accountList('acme') }),
    get('budgets: newest save first', 'budgets/', { status: 200, body: books.budgetList('acme') }),
    get('expenses, each with its budget', 'expenses/', {
      status: 200,
      body: books.expenseList('acme'),
    }),
    get('account 1', 'accounts/1/', {
      status: 200,
      body: books.accountJson(books.account('acme')),
    }),
    get('budget 1', 'budgets/1/', { status: 200, body: books.budgetJson(books.budgets[0]!) }),
    get('expense 1', 'expenses/1/', { status: 200, body: books.expenseJson(books.expenses[0]!) }),
    get('Finance budgets', `budgets/department/${finance}/`, {
      status: 200,
      body: books.budgetList('acme', finance),
    }),
    get('Engineering budgets', `budgets/department/${engineering}/`, {
      status: 200,
      body: books.budgetList('acme', engineering),
    }),
    get('Finance expenses', `expenses/department/${finance}/`, {
      status: 200,
      body: books.expenseList('acme', finance),
    }),
    get('Engineering expenses', `expenses/department/${engineering}/`, {
      status: 200,
      body: books.expenseList('acme', engineering),
    }),
    {
      check: 'the seed has budgets for this month and the one before',
      value: () => [MONTHS[current.month - 1], MONTHS[previous.month - 1]],
    },
  ]
  return { name: 'domain: the seeded accounts, budgets and expenses', profiles: [profile], steps }
}

function accounts(profile: Profile): Scenario {
  const books = new Books(profile)
  const steps: Step[] = [login('admin')]
  const reserve = books.addAccount('acme', 'Reserve', 250_000)
  steps.push(
    write(
      'create',
      'POST',
      'accounts/',
      { name: 'Reserve', amount: 250_000 },
      {
        status: 201,
        body: books.accountJson(reserve),
      },
    ),
    get('list: the new one first', 'accounts/', { status: 200, body: books.accountList('acme') }),
  )
  books.edit(reserve, { name: 'Rainy day' })
  steps.push(
    write(
      'PATCH the name',
      'PATCH',
      `accounts/${reserve.id}/`,
      { name: 'Rainy day' },
      {
        status: 200,
        body: books.accountJson(reserve),
      },
    ),
  )
  books.edit(reserve, { name: 'Reserve', amount: 300_000 })
  steps.push(
    write(
      'PUT (adjust)',
      'PUT',
      `accounts/${reserve.id}/`,
      { name: 'Reserve', amount: 300_000 },
      {
        status: 200,
        body: books.accountJson(reserve),
      },
    ),
    get('GET it', `accounts/${reserve.id}/`, { status: 200, body: books.accountJson(reserve) }),
    write(
      'PUT without amount',
      'PUT',
      `accounts/${reserve.id}/`,
      { name: 'x' },
      {
        status: 400,
        body: { amount: REQUIRED },
      },
    ),
    write(
      'empty body',
      'POST',
      'accounts/',
      {},
      {
        status: 400,
        body: { name: REQUIRED, amount: REQUIRED },
      },
    ),
    write(
      'amount not an integer',
      'POST',
      'accounts/',
      { name: 'x', amount: 'lots' },
      {
        status: 400,
        body: { amount: NOT_INTEGER },
      },
    ),
    write(
      'amount 12.5',
      'POST',
      'accounts/',
      { name: 'x', amount: 12.5 },
      {
        status: 400,
        body: { amount: NOT_INTEGER },
      },
    ),
    write(
      'amount beyond a BigIntegerField',
      'POST',
      'accounts/',
      { name: 'x', amount: 1e19 },
      {
        status: 400,
        body: { amount: ['Ensure this value is less than or equal to 9223372036854775807.'] },
      },
    ),
    write(
      'blank name',
      'POST',
      'accounts/',
      { name: '', amount: 1 },
      {
        status: 400,
        body: { name: BLANK },
      },
    ),
    {
      do: 'DELETE an account',
      method: 'DELETE',
      path: `${API}/accounts/${reserve.id}/`,
      auth: '{admin.access}',
      expect: { status: 405, body: notAllowed('DELETE') },
    },
    get('unknown account', 'accounts/999/', { status: 404, body: NOT_FOUND }),
  )
  // a negative account is what the server allows (budgets may overdraw it)
  const overdrawn = books.addAccount('acme', 'Overdrawn', -5)
  steps.push(
    write(
      'a negative amount is allowed',
      'POST',
      'accounts/',
      { name: 'Overdrawn', amount: -5 },
      {
        status: 201,
        body: books.accountJson(overdrawn),
      },
    ),
    get('list', 'accounts/', { status: 200, body: books.accountList('acme') }),
  )
  return {
    name: 'accounts: create, list, PATCH and PUT, validation, no DELETE',
    profiles: [profile],
    steps,
  }
}

function budgets(profile: Profile): Scenario {
  const books = new Books(profile)
  const account = books.account('acme')
  const finance = books.departmentId('acme', 'Finance')
  const engineering = books.departmentId('acme', 'Engineering')
  const steps: Step[] = [login('staff')]
  const made = books.addBudget('acme', 'Engineering', account, current.month, current.year, 20_000)
  steps.push(
    write(
      'staff creates a budget from the account',
      'POST',
      'budgets/',
      {
        department: engineering,
        source: account.id,
        month: current.month,
        year: current.year,
        amount: 20_000,
      },
      { status: 201, body: books.budgetWriteJson(made) },
      '{staff.access}',
    ),
    get(
      'the account is drawn down by it',
      `accounts/${account.id}/`,
      {
        status: 200,
        body: books.accountJson(account),
      },
      '{staff.access}',
    ),
    get(
      'GET it nests department and source, month by name',
      `budgets/${made.id}/`,
      {
        status: 200,
        body: books.budgetJson(made),
      },
      '{staff.access}',
    ),
    get(
      'the list, newest first',
      'budgets/',
      { status: 200, body: books.budgetList('acme') },
      '{staff.access}',
    ),
  )
  books.edit(made, { amount: 25_000 })
  steps.push(
    write(
      'PATCH the amount',
      'PATCH',
      `budgets/${made.id}/`,
      { amount: 25_000 },
      {
        status: 200,
        body: books.budgetWriteJson(made),
      },
      '{staff.access}',
    ),
    get(
      'an edit moves no money from the account',
      `accounts/${account.id}/`,
      {
        status: 200,
        body: books.accountJson(account),
      },
      '{staff.access}',
    ),
  )
  books.edit(made, {
    department: finance,
    departmentName: 'Finance',
    month: previous.month,
    year: previous.year,
    amount: 15_000,
  })
  steps.push(
    write(
      'PUT: another department and month',
      'PUT',
      `budgets/${made.id}/`,
      {
        department: finance,
        source: account.id,
        month: previous.month,
        year: previous.year,
        amount: 15_000,
      },
      { status: 200, body: books.budgetWriteJson(made) },
      '{staff.access}',
    ),
    get(
      'Finance budgets now hold it',
      `budgets/department/${finance}/`,
      {
        status: 200,
        body: books.budgetList('acme', finance),
      },
      '{staff.access}',
    ),
    get(
      'Engineering budgets',
      `budgets/department/${engineering}/`,
      {
        status: 200,
        body: books.budgetList('acme', engineering),
      },
      '{staff.access}',
    ),
    write(
      'PUT without source',
      'PUT',
      `budgets/${made.id}/`,
      { department: finance, month: 1, year: 2026, amount: 1 },
      {
        status: 400,
        body: { source: REQUIRED },
      },
      '{staff.access}',
    ),
    {
      do: 'DELETE a budget',
      method: 'DELETE',
      path: `${API}/budgets/${made.id}/`,
      auth: '{staff.access}',
      expect: { status: 405, body: notAllowed('DELETE') },
    },
    get(
      'accounts after it all',
      'accounts/',
      { status: 200, body: books.accountList('acme') },
      '{staff.access}',
    ),
  )
  return {
    name: 'budgets: create draws on the account, read nests, edits move nothing, departmental lists',
    profiles: [profile],
    steps,
  }
}

function budgetValidation(profile: Profile): Scenario {
  const books = new Books(profile)
  const account = books.account('acme').id
  const finance = books.departmentId('acme', 'Finance')
  const ok = { department: finance, source: account, month: 5, year: 2026, amount: 1000 }
  const steps: Step[] = [
    login('admin'),
    write(
      'empty body',
      'POST',
      'budgets/',
      {},
      {
        status: 400,
        body: {
          month: REQUIRED,
          year: REQUIRED,
          amount: REQUIRED,
          department: REQUIRED,
          source: REQUIRED,
        },
      },
    ),
    write(
      'month 13',
      'POST',
      'budgets/',
      { ...ok, month: 13 },
      { status: 400, body: { month: NOT_CHOICE('13') } },
    ),
    write(
      'month 0',
      'POST',
      'budgets/',
      { ...ok, month: 0 },
      { status: 400, body: { month: NOT_CHOICE('0') } },
    ),
    write(
      'month by name',
      'POST',
      'budgets/',
      { ...ok, month: 'December' },
      {
        status: 400,
        body: { month: NOT_CHOICE('December') },
      },
    ),
    write(
      'unknown department',
      'POST',
      'budgets/',
      { ...ok, department: 999 },
      {
        status: 400,
        body: { department: INVALID_PK(999) },
      },
    ),
    write(
      'unknown source',
      'POST',
      'budgets/',
      { ...ok, source: 999 },
      {
        status: 400,
        body: { source: INVALID_PK(999) },
      },
    ),
    write(
      'source of the wrong type',
      'POST',
      'budgets/',
      { ...ok, source: 'main' },
      {
        status: 400,
        body: { source: WRONG_TYPE },
      },
    ),
    write(
      'negative year',
      'POST',
      'budgets/',
      { ...ok, year: -1 },
      { status: 400, body: { year: NOT_NEGATIVE } },
    ),
    write(
      'amount not an integer',
      'POST',
      'budgets/',
      { ...ok, amount: '10.5' },
      {
        status: 400,
        body: { amount: NOT_INTEGER },
      },
    ),
    write(
      'null department',
      'POST',
      'budgets/',
      { ...ok, department: null },
      {
        status: 400,
        body: { department: ['This field may not be null.'] },
      },
    ),
    write('month as a string number is taken', 'POST', 'budgets/', { ...ok, month: '5' }, 201),
    get('the account paid for that one only', `accounts/${account}/`, 200),
  ]
  return {
    name: 'budgets: validation (required, month choices, pk, integers)',
    profiles: [profile],
    steps,
  }
}

function expenses(profile: Profile): Scenario {
  const books = new Books(profile)
  const engCur = books.budget('acme', 'eng-cur')
  const finCur = books.budget('acme', 'fin-cur')
  const engineering = books.departmentId('acme', 'Engineering')
  const finance = books.departmentId('acme', 'Finance')
  const date = `${current.year}-${String(current.month).padStart(2, '0')}-01`
  const steps: Step[] = [login('staff')]
  const taxi = books.addExpense(engCur, date, 'Taxi to the client', 1_500)
  steps.push(
    write(
      'staff records an expense',
      'POST',
      'expenses/',
      { budget: engCur.id, date, use: 'Taxi to the client', amount: 1_500 },
      { status: 201, body: books.expenseWriteJson(taxi) },
      '{staff.access}',
    ),
    get('its budget is charged', `budgets/${engCur.id}/`, {
      status: 200,
      body: books.budgetJson(engCur),
    }),
    get('GET it nests the whole budget', `expenses/${taxi.id}/`, {
      status: 200,
      body: books.expenseJson(taxi),
    }),
    get('the list, newest first', 'expenses/', { status: 200, body: books.expenseList('acme') }),
  )
  books.editExpense(taxi, { amount: 1_700 })
  steps.push(
    write(
      'PATCH the amount',
      'PATCH',
      `expenses/${taxi.id}/`,
      { amount: 1_700 },
      {
        status: 200,
        body: books.expenseWriteJson(taxi),
      },
    ),
    get('the budget is charged the new amount again', `budgets/${engCur.id}/`, {
      status: 200,
      body: books.budgetJson(engCur),
    }),
  )
  books.editExpense(taxi, { use: 'Taxi to the bank' })
  steps.push(
    write(
      'PATCH only the use',
      'PATCH',
      `expenses/${taxi.id}/`,
      { use: 'Taxi to the bank' },
      {
        status: 200,
        body: books.expenseWriteJson(taxi),
      },
    ),
    get('every save charges it again', `budgets/${engCur.id}/`, {
      status: 200,
      body: books.budgetJson(engCur),
    }),
  )
  books.editExpense(taxi, { budget: finCur, amount: 900 })
  steps.push(
    write(
      'PUT onto another budget',
      'PUT',
      `expenses/${taxi.id}/`,
      { budget: finCur.id, date, use: 'Taxi to the bank', amount: 900 },
      { status: 200, body: books.expenseWriteJson(taxi) },
    ),
    get('the new budget is charged', `budgets/${finCur.id}/`, {
      status: 200,
      body: books.budgetJson(finCur),
    }),
    get('the old one is not given anything back', `budgets/${engCur.id}/`, {
      status: 200,
      body: books.budgetJson(engCur),
    }),
    get('Finance expenses', `expenses/department/${finance}/`, {
      status: 200,
      body: books.expenseList('acme', finance),
    }),
    get('Engineering expenses', `expenses/department/${engineering}/`, {
      status: 200,
      body: books.expenseList('acme', engineering),
    }),
    get('budgets, newest save first', 'budgets/', { status: 200, body: books.budgetList('acme') }),
  )
  // observed B3: a PATCH in the app's old shape saves the known field and ignores the others
  books.editExpense(taxi, { amount: 950 })
  steps.push(
    write(
      "PATCH in the app's old shape",
      'PATCH',
      `expenses/${taxi.id}/`,
      { amount: 950, description: 'Taxi', department: engineering },
      { status: 200, body: books.expenseWriteJson(taxi) },
    ),
    get('and it charges again', `budgets/${finCur.id}/`, {
      status: 200,
      body: books.budgetJson(finCur),
    }),
    {
      do: 'DELETE an expense',
      method: 'DELETE',
      path: `${API}/expenses/${taxi.id}/`,
      auth: '{admin.access}',
      expect: { status: 405, body: notAllowed('DELETE') },
    },
    {
      do: 'anonymous DELETE',
      method: 'DELETE',
      path: `${API}/expenses/${taxi.id}/`,
      expect: { status: 401, body: NOT_PROVIDED },
    },
    get('still there', `expenses/${taxi.id}/`, { status: 200, body: books.expenseJson(taxi) }),
  )
  return {
    name: 'expenses: every save charges the budget, read nests, PUT/PATCH, no DELETE',
    profiles: [profile],
    steps: [login('admin'), ...steps],
  }
}

function expenseValidation(profile: Profile): Scenario {
  const books = new Books(profile)
  const budget = books.budget('acme', 'fin-cur').id
  const ok = { budget, date: '2026-12-01', use: 'Stamps', amount: 42 }
  const steps: Step[] = [
    login('admin'),
    write(
      "the app's old shape (observed B3)",
      'POST',
      'expenses/',
      {
        amount: 100,
        description: 'Taxi',
        department: 1,
      },
      { status: 400, body: { date: REQUIRED, use: REQUIRED, budget: REQUIRED } },
    ),
    write(
      'empty body',
      'POST',
      'expenses/',
      {},
      {
        status: 400,
        body: { date: REQUIRED, use: REQUIRED, amount: REQUIRED, budget: REQUIRED },
      },
    ),
    write(
      'negative amount',
      'POST',
      'expenses/',
      { ...ok, amount: -5 },
      {
        status: 400,
        body: { amount: NOT_NEGATIVE },
      },
    ),
    write(
      'decimal amount',
      'POST',
      'expenses/',
      { ...ok, amount: '12.50' },
      {
        status: 400,
        body: { amount: NOT_INTEGER },
      },
    ),
    write(
      'amount beyond a PositiveIntegerField',
      'POST',
      'expenses/',
      { ...ok, amount: 2_147_483_648 },
      {
        status: 400,
        body: { amount: ['Ensure this value is less than or equal to 2147483647.'] },
      },
    ),
    write(
      'date not a date',
      'POST',
      'expenses/',
      { ...ok, date: '01/12/2026' },
      {
        status: 400,
        body: { date: BAD_DATE },
      },
    ),
    write(
      'date out of range',
      'POST',
      'expenses/',
      { ...ok, date: '2026-13-01' },
      {
        status: 400,
        body: { date: BAD_DATE },
      },
    ),
    write(
      'a datetime for the date',
      'POST',
      'expenses/',
      { ...ok, date: '2026-12-01T10:00:00' },
      {
        status: 400,
        body: { date: BAD_DATE },
      },
    ),
    write(
      'blank use',
      'POST',
      'expenses/',
      { ...ok, use: '' },
      { status: 400, body: { use: BLANK } },
    ),
    write(
      'unknown budget',
      'POST',
      'expenses/',
      { ...ok, budget: 999 },
      {
        status: 400,
        body: { budget: INVALID_PK(999) },
      },
    ),
    write(
      'budget of the wrong type',
      'POST',
      'expenses/',
      { ...ok, budget: 'fin' },
      {
        status: 400,
        body: { budget: WRONG_TYPE },
      },
    ),
    write(
      'PATCH a negative amount',
      'PATCH',
      'expenses/1/',
      { amount: -1 },
      {
        status: 400,
        body: { amount: NOT_NEGATIVE },
      },
    ),
    write(
      'PUT without use',
      'PUT',
      'expenses/1/',
      { budget, date: '2026-12-01', amount: 1 },
      {
        status: 400,
        body: { use: REQUIRED },
      },
    ),
    write('an integer string amount is taken', 'POST', 'expenses/', { ...ok, amount: '42' }, 201),
    write(
      'an amount over what the budget has left is taken',
      'POST',
      'expenses/',
      {
        ...ok,
        amount: 1_000_000,
      },
      201,
    ),
    get('the budget is overspent', `budgets/${budget}/`, 200),
    get('unknown expense', 'expenses/999/', { status: 404, body: NOT_FOUND }),
  ]
  return {
    name: 'expenses: validation (required, negative, non-integer, bad date, pk), overspending',
    profiles: [profile],
    steps,
  }
}

/** The original's departments: its generic views over `fields = '__all__'`, newest save first. */
function originalDepartments(): Scenario {
  const dept = (id: number, name: string) => ({ id, created: DT, updated: DT, name })
  return {
    name: 'departments (original): the original shape, newest save first, <int:pk> routes',
    profiles: ['original'],
    steps: [
      login('admin'),
      get('list', 'departments/', {
        status: 200,
        body: [dept(2, 'Engineering'), dept(1, 'Finance')],
      }),
      // observed B3: POST department {name} → 201 with id 3
      write(
        'create Legal',
        'POST',
        'departments/',
        { name: 'Legal' },
        {
          status: 201,
          body: dept(3, 'Legal'),
        },
      ),
      write(
        'create Finance again',
        'POST',
        'departments/',
        { name: 'Finance' },
        {
          status: 400,
          body: { name: ['department with this name already exists.'] },
        },
      ),
      write(
        'blank name',
        'POST',
        'departments/',
        { name: '' },
        { status: 400, body: { name: BLANK } },
      ),
      write(
        'rename Finance',
        'PATCH',
        'departments/1/',
        { name: 'Treasury' },
        {
          status: 200,
          body: dept(1, 'Treasury'),
        },
      ),
      get('the saved one lists first', 'departments/', {
        status: 200,
        body: [dept(1, 'Treasury'), dept(3, 'Legal'), dept(2, 'Engineering')],
      }),
      {
        do: 'DELETE a department',
        method: 'DELETE',
        path: `${API}/departments/3/`,
        auth: '{admin.access}',
        expect: { status: 405, body: notAllowed('DELETE') },
      },
      get('a non-numeric id is no route', 'departments/abc/', { status: 404, body: HTML_404 }),
      get('expenses/abc/ neither', 'expenses/abc/', { status: 404, body: HTML_404 }),
    ],
  }
}

/** Hardened: every queryset and every pk field is the host tenant's. */
function hardenedScoping(): Scenario {
  const books = new Books('hardened')
  const gAccount = books.account('globex').id
  const gBudget = books.budget('globex', 'mkt-cur').id
  const gExpense = books.expense('globex', 'Courier').id
  const gDept = books.departmentId('globex', 'Marketing')
  const acmeBudget = books.budget('acme', 'fin-cur').id
  const acmeAccount = books.account('acme').id
  const finance = books.departmentId('acme', 'Finance')
  return {
    name: 'domain tenancy: another tenant’s ids are 404, its pks in a body are invalid',
    steps: [
      login('admin'),
      get('globex account', `accounts/${gAccount}/`, { status: 404, body: NOT_FOUND }),
      get('globex budget', `budgets/${gBudget}/`, { status: 404, body: NOT_FOUND }),
      get('globex expense', `expenses/${gExpense}/`, { status: 404, body: NOT_FOUND }),
      write(
        'PATCH the globex account',
        'PATCH',
        `accounts/${gAccount}/`,
        { amount: 1 },
        {
          status: 404,
          body: NOT_FOUND,
        },
      ),
      write(
        'PATCH the globex expense',
        'PATCH',
        `expenses/${gExpense}/`,
        { amount: 1 },
        {
          status: 404,
          body: NOT_FOUND,
        },
      ),
      get('budgets of a globex department', `budgets/department/${gDept}/`, {
        status: 404,
        body: NOT_FOUND,
      }),
      get('expenses of a globex department', `expenses/department/${gDept}/`, {
        status: 404,
        body: NOT_FOUND,
      }),
      get('budgets of an unknown department', 'budgets/department/999/', {
        status: 404,
        body: NOT_FOUND,
      }),
      get('expenses of an unknown department', 'expenses/department/999/', {
        status: 404,
        body: NOT_FOUND,
      }),
      write(
        'a budget from the globex account',
        'POST',
        'budgets/',
        {
          department: finance,
          source: gAccount,
          month: 1,
          year: 2027,
          amount: 1,
        },
        { status: 400, body: { source: INVALID_PK(gAccount) } },
      ),
      write(
        'a budget for a globex department',
        'POST',
        'budgets/',
        {
          department: gDept,
          source: acmeAccount,
          month: 1,
          year: 2027,
          amount: 1,
        },
        { status: 400, body: { department: INVALID_PK(gDept) } },
      ),
      write(
        'an expense on a globex budget',
        'POST',
        'expenses/',
        {
          budget: gBudget,
          date: '2026-12-01',
          use: 'x',
          amount: 1,
        },
        { status: 400, body: { budget: INVALID_PK(gBudget) } },
      ),
      write(
        'moving an acme expense onto a globex budget',
        'PATCH',
        'expenses/1/',
        { budget: gBudget },
        {
          status: 400,
          body: { budget: INVALID_PK(gBudget) },
        },
      ),
      login('gadmin'),
      {
        do: 'globex lists its own accounts',
        path: `${API}/accounts/`,
        host: 'globex',
        auth: '{gadmin.access}',
        expect: { status: 200, body: books.accountList('globex') },
      },
      {
        do: 'globex lists its own expenses',
        path: `${API}/expenses/`,
        host: 'globex',
        auth: '{gadmin.access}',
        expect: { status: 200, body: books.expenseList('globex') },
      },
      {
        do: 'an acme budget from globex',
        path: `${API}/budgets/${acmeBudget}/`,
        host: 'globex',
        auth: '{gadmin.access}',
        expect: { status: 404, body: NOT_FOUND },
      },
    ],
  }
}

/** Original: each schema has its own rows and ids; the host picks the schema (observed B6). */
function originalSchemas(): Scenario {
  const books = new Books('original')
  return {
    name: 'domain schemas: ids restart per tenant, an unknown department’s budgets are a 500',
    profiles: ['original'],
    steps: [
      login('admin'),
      get('acme has one account', 'accounts/', { status: 200, body: books.accountList('acme') }),
      get('no account 2 in acme', 'accounts/2/', { status: 404, body: NOT_FOUND }),
      get('budgets of an unknown department: .get() raises', 'budgets/department/999/', {
        status: 500,
        body: HTML_500,
      }),
      get('expenses of an unknown department: a filter, so empty', 'expenses/department/999/', {
        status: 200,
        body: [],
      }),
      login('gadmin'),
      {
        do: 'globex account 1 is its own',
        path: `${API}/accounts/1/`,
        host: 'globex',
        auth: '{gadmin.access}',
        expect: { status: 200, body: books.accountJson(books.account('globex')) },
      },
      {
        do: 'globex budgets',
        path: `${API}/budgets/`,
        host: 'globex',
        auth: '{gadmin.access}',
        expect: { status: 200, body: books.budgetList('globex') },
      },
      {
        do: 'globex expenses',
        path: `${API}/expenses/`,
        host: 'globex',
        auth: '{gadmin.access}',
        expect: { status: 200, body: books.expenseList('globex') },
      },
      {
        do: 'acme’s access token on the globex host: globex’s accounts (B6)',
        path: `${API}/accounts/`,
        host: 'globex',
        auth: '{admin.access}',
        expect: { status: 200, body: books.accountList('globex') },
      },
    ],
  }
}

const PROFILES: Profile[] = ['original', 'hardened']

export const domainScenarios: Scenario[] = [
  ...PROFILES.flatMap((profile) => [
    seededReads(profile),
    accounts(profile),
    budgets(profile),
    budgetValidation(profile),
    expenses(profile),
    expenseValidation(profile),
  ]),
  hardenedScoping(),
  originalSchemas(),
  originalDepartments(),
]

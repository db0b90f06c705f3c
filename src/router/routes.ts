import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'

const admin = ['Admin' as const]
const budgetEdit = () => import('@/views/BudgetEditView.vue')
const expenseEdit = () => import('@/views/ExpenseEditView.vue')
const idProp = (route: RouteLocationNormalized) => ({ id: Number(route.params.id) })

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('@/views/HomeView.vue'),
    meta: { requiresAuth: true, title: 'Home' },
  },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { guestOnly: true, title: 'Sign in' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/RegisterView.vue'),
    meta: { guestOnly: true, title: 'Create an account' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/ForgotPasswordView.vue'),
    meta: { guestOnly: true, title: 'Forgot password' },
  },
  {
    // The path of the Djoser mail link (PASSWORD_RESET_CONFIRM_URL): reachable signed in or out.
    path: '/auth/password/reset/:uid/:token',
    name: 'reset-password',
    component: () => import('@/views/ResetPasswordView.vue'),
    props: true,
    meta: { title: 'Choose a new password' },
  },
  {
    path: '/profile',
    name: 'profile',
    component: () => import('@/views/ProfileView.vue'),
    meta: { requiresAuth: true, title: 'Profile' },
  },
  {
    path: '/accounts',
    name: 'accounts',
    component: () => import('@/views/AccountsView.vue'),
    meta: { requiresAuth: true, title: 'Accounts' },
  },
  {
    path: '/budgets',
    name: 'budgets',
    component: () => import('@/views/BudgetsView.vue'),
    meta: { requiresAuth: true, title: 'Budgets' },
  },
  {
    path: '/budgets/new',
    name: 'budget-new',
    component: budgetEdit,
    meta: { requiresAuth: true, title: 'New budget' },
  },
  {
    path: '/budgets/:id(\\d+)/edit',
    name: 'budget-edit',
    component: budgetEdit,
    props: idProp,
    meta: { requiresAuth: true, title: 'Edit budget' },
  },
  {
    path: '/expenses',
    name: 'expenses',
    component: () => import('@/views/ExpensesView.vue'),
    meta: { requiresAuth: true, title: 'Expenses' },
  },
  {
    path: '/expenses/new',
    name: 'expense-new',
    component: expenseEdit,
    meta: { requiresAuth: true, title: 'New expense' },
  },
  {
    path: '/expenses/:id(\\d+)/edit',
    name: 'expense-edit',
    component: expenseEdit,
    props: idProp,
    meta: { requiresAuth: true, title: 'Edit expense' },
  },
  {
    // chart.js and vue-chartjs load with this route only, never in the initial bundle.
    path: '/expenses/insights',
    name: 'insights',
    component: () => import('@/views/BudgetInsightsView.vue'),
    meta: { requiresAuth: true, title: 'Budget insights' },
  },
  {
    path: '/departments',
    name: 'departments',
    component: () => import('@/views/DepartmentsView.vue'),
    meta: { roles: admin, title: 'Departments' },
  },
  {
    path: '/people',
    name: 'people',
    component: () => import('@/views/PeopleView.vue'),
    meta: { roles: admin, title: 'People' },
  },
  {
    path: '/find-organisation',
    name: 'find-organisation',
    component: () => import('@/views/FindOrganisationView.vue'),
    meta: { tenantPage: true, title: 'Find your organisation' },
  },
  {
    path: '/organisation-not-found',
    name: 'organisation-not-found',
    component: () => import('@/views/OrganisationNotFoundView.vue'),
    meta: { tenantPage: true, title: 'Organisation not found' },
  },
  {
    path: '/forbidden',
    name: 'forbidden',
    component: () => import('@/views/ForbiddenView.vue'),
    meta: { title: 'Not allowed' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'Page not found' },
  },
]

import type { RouteRecordRaw } from 'vue-router'
import HomeView from '@/views/HomeView.vue'
import LoginView from '@/views/LoginView.vue'

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { requiresAuth: true } },
  { path: '/login', name: 'login', component: LoginView, meta: { guestOnly: true } },
  {
    path: '/find-organisation',
    name: 'find-organisation',
    component: () => import('@/views/FindOrganisationView.vue'),
    meta: { tenantPage: true },
  },
  {
    path: '/organisation-not-found',
    name: 'organisation-not-found',
    component: () => import('@/views/OrganisationNotFoundView.vue'),
    meta: { tenantPage: true },
  },
  { path: '/forbidden', name: 'forbidden', component: () => import('@/views/ForbiddenView.vue') },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
  },
]

import type { RouteRecordRaw } from 'vue-router'
import { PAGE_ROLES } from './access'
import type { Role } from '@/api/types'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string
    /** Opens without signing in. */
    public?: boolean
    /** Roles that may open the page; absent: any signed-in user. */
    roles?: readonly Role[]
    /** i18n keys of the breadcrumb trail before the title. */
    crumbs?: string[]
  }
}

/** Every page is loaded lazily, so each route ships only what it uses. */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: 'login.title', public: true },
  },
  {
    path: '/portal',
    name: 'portal',
    component: () => import('@/views/portal/index.vue'),
    meta: { title: 'portal.title', public: true },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/index.vue'),
    meta: { title: 'dash.title', roles: PAGE_ROLES.dashboard },
  },
  {
    path: '/',
    component: () => import('@/layout/ConsoleLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/home/index.vue'),
        meta: { title: 'home.title', roles: PAGE_ROLES.home },
      },
      {
        path: 'monitoring/sites',
        name: 'sites',
        component: () => import('@/views/monitoring/sites/index.vue'),
        meta: { title: 'monitoring.sitesTitle', roles: PAGE_ROLES.sites, crumbs: ['menu.monitoring'] },
      },
      {
        path: 'monitoring/sites/:id',
        name: 'site',
        component: () => import('@/views/monitoring/site/index.vue'),
        meta: { title: 'monitoring.siteTitle', roles: PAGE_ROLES.sites, crumbs: ['menu.monitoring', 'monitoring.sitesTitle'] },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('@/views/cases/list/index.vue'),
        meta: { title: 'cases.listTitle', roles: PAGE_ROLES.cases, crumbs: ['menu.work'] },
      },
      {
        path: 'cases/:id',
        name: 'case',
        component: () => import('@/views/cases/detail/index.vue'),
        meta: { title: 'cases.detailTitle', roles: PAGE_ROLES.cases, crumbs: ['menu.work', 'cases.listTitle'] },
      },
      {
        path: 'alarms',
        name: 'alarms',
        component: () => import('@/views/alarms/index.vue'),
        meta: { title: 'alarms.title', roles: PAGE_ROLES.alarms, crumbs: ['menu.work'] },
      },
      {
        path: 'admin/rules',
        name: 'rules',
        component: () => import('@/views/admin/rules/index.vue'),
        meta: { title: 'rules.title', roles: PAGE_ROLES.rules, crumbs: ['menu.admin'] },
      },
      {
        path: 'admin/sites',
        name: 'site-admin',
        component: () => import('@/views/admin/sites/index.vue'),
        meta: { title: 'siteAdmin.title', roles: PAGE_ROLES.siteAdmin, crumbs: ['menu.admin'] },
      },
      {
        path: 'admin/units',
        name: 'units',
        component: () => import('@/views/admin/units/index.vue'),
        meta: { title: 'units.title', roles: PAGE_ROLES.units, crumbs: ['menu.admin'] },
      },
      {
        path: 'admin/people',
        name: 'people',
        component: () => import('@/views/admin/people/index.vue'),
        meta: { title: 'people.title', roles: PAGE_ROLES.people, crumbs: ['menu.admin'] },
      },
    ],
  },
  {
    path: '/403',
    name: 'forbidden',
    component: () => import('@/views/error/403.vue'),
    meta: { title: 'errors.forbiddenTitle', public: true },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/404.vue'),
    meta: { title: 'errors.notFoundTitle', public: true },
  },
]

import type { Component } from 'vue'
import { HomeFilled, Setting, OfficeBuilding, User, Promotion, DataLine, Location, Tickets, Bell, Monitor, Document, Warning } from '@element-plus/icons-vue'
import { PAGE_ROLES, allowed } from '@/router/access'
import type { Role } from '@/api/types'

export interface MenuItem {
  /** i18n key of the label. */
  title: string
  path?: string
  icon: Component
  /** Absent: every signed-in user. */
  roles?: readonly Role[]
  children?: MenuItem[]
}

/** The left navigation; entries a role may not open are left out. */
export const MENU: MenuItem[] = [
  { title: 'menu.home', path: '/', icon: HomeFilled, roles: PAGE_ROLES.home },
  { title: 'menu.dashboard', path: '/dashboard', icon: Monitor, roles: PAGE_ROLES.dashboard },
  {
    title: 'menu.work',
    icon: Tickets,
    children: [
      { title: 'menu.cases', path: '/cases', icon: Document, roles: PAGE_ROLES.cases },
      { title: 'menu.alarms', path: '/alarms', icon: Bell, roles: PAGE_ROLES.alarms },
    ],
  },
  {
    title: 'menu.monitoring',
    icon: DataLine,
    children: [{ title: 'menu.sites', path: '/monitoring/sites', icon: Location, roles: PAGE_ROLES.sites }],
  },
  {
    title: 'menu.admin',
    icon: Setting,
    children: [
      { title: 'menu.rules', path: '/admin/rules', icon: Warning, roles: PAGE_ROLES.rules },
      { title: 'menu.siteAdmin', path: '/admin/sites', icon: Location, roles: PAGE_ROLES.siteAdmin },
      { title: 'menu.units', path: '/admin/units', icon: OfficeBuilding, roles: PAGE_ROLES.units },
      { title: 'menu.people', path: '/admin/people', icon: User, roles: PAGE_ROLES.people },
    ],
  },
  { title: 'menu.portal', path: '/portal', icon: Promotion },
]

export function menuFor(roles: readonly Role[], items: MenuItem[] = MENU): MenuItem[] {
  const out: MenuItem[] = []
  for (const item of items) {
    if (item.roles && !allowed(roles, item.roles)) continue
    if (item.children) {
      const children = menuFor(roles, item.children)
      if (children.length) out.push({ ...item, children })
    } else {
      out.push(item)
    }
  }
  return out
}

import { describe, expect, it } from 'vitest'
import { menuFor } from './menu'

const paths = (roles: Parameters<typeof menuFor>[0]) =>
  menuFor(roles).flatMap((i) => (i.children ? i.children.map((c) => c.path) : [i.path]))

describe('navigation by role', () => {
  it('shows the admin pages to an admin', () => {
    expect(paths(['admin'])).toEqual([
      '/',
      '/dashboard',
      '/cases',
      '/alarms',
      '/monitoring/sites',
      '/admin/rules',
      '/admin/sites',
      '/admin/units',
      '/admin/people',
      '/portal',
    ])
  })
  it('shows an officer the people page but not units', () => {
    expect(paths(['officer'])).toEqual(['/', '/dashboard', '/cases', '/alarms', '/monitoring/sites', '/admin/people', '/portal'])
  })
  it('drops the empty admin group for an inspector', () => {
    expect(paths(['inspector'])).toEqual(['/', '/dashboard', '/cases', '/alarms', '/monitoring/sites', '/portal'])
    expect(menuFor(['inspector']).some((i) => i.title === 'menu.admin')).toBe(false)
  })
  it('keeps the dashboard from enterprise users and alarm rules from officers', () => {
    expect(paths(['enterprise'])).not.toContain('/dashboard')
    expect(paths(['enterprise'])).toContain('/cases')
    expect(paths(['officer'])).not.toContain('/admin/rules')
  })
  it('offers the monitoring sites to every staff role, not to citizens', () => {
    for (const r of ['admin', 'leader', 'officer', 'inspector', 'river_chief', 'enterprise'] as const) {
      expect(paths([r]), r).toContain('/monitoring/sites')
    }
    expect(paths(['citizen'])).not.toContain('/monitoring/sites')
  })
})

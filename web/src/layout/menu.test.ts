import { describe, expect, it } from 'vitest'
import { menuFor } from './menu'

const paths = (roles: Parameters<typeof menuFor>[0]) =>
  menuFor(roles).flatMap((i) => (i.children ? i.children.map((c) => c.path) : [i.path]))

describe('navigation by role', () => {
  it('shows the admin pages to an admin', () => {
    expect(paths(['admin'])).toEqual(['/', '/admin/units', '/admin/people', '/portal'])
  })
  it('shows an officer the people page but not units', () => {
    expect(paths(['officer'])).toEqual(['/', '/admin/people', '/portal'])
  })
  it('drops the empty admin group for an inspector', () => {
    expect(paths(['inspector'])).toEqual(['/', '/portal'])
    expect(menuFor(['inspector']).some((i) => i.children)).toBe(false)
  })
})

import type { Role } from '@/api/types'

/**
 * Who may open which page and use which action: one declared table.
 * The UI hides what a role may not do for convenience only; the server decides.
 */
export const STAFF: readonly Role[] = ['admin', 'leader', 'officer', 'inspector', 'river_chief', 'enterprise']

export const PAGE_ROLES = {
  home: STAFF,
  /** The site list and site pages: every staff role (the server scopes what each may see). */
  sites: STAFF,
  units: ['admin', 'leader'],
  people: ['admin', 'leader', 'officer'],
  /** Cases and alarms: every staff role (the server scopes them to the unit). */
  cases: STAFF,
  alarms: STAFF,
  dashboard: ['admin', 'leader', 'officer', 'inspector', 'river_chief'],
  rules: ['admin', 'leader'],
  siteAdmin: ['admin'],
} as const satisfies Record<string, readonly Role[]>

export const ACTION_ROLES = {
  manageUnits: ['admin'],
  managePeople: ['admin'],
  /** Roles that may list people of any unit (district-wide scope). */
  listAnyUnit: ['admin'],
  /** Staff intake of hotline, inspection and patrol cases. */
  intakeCases: ['admin', 'leader', 'officer', 'inspector'],
  handleAlarms: ['admin', 'leader', 'officer', 'inspector', 'river_chief'],
  manageRules: ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Action = keyof typeof ACTION_ROLES

export function allowed(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return wanted.some((r) => roles.includes(r))
}

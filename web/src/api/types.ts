/** Shared types of the GreenLoop JSON API (/api/v1). Ids are decimal strings of 64-bit integers. */

export const ROLES = [
  'admin',
  'leader',
  'officer',
  'inspector',
  'river_chief',
  'enterprise',
  'citizen',
] as const
export type Role = (typeof ROLES)[number]

export const UNIT_KINDS = ['district', 'department', 'subdistrict', 'enterprise'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

/** A unit as embedded in a user. */
export interface UnitRef {
  id: string
  code: string
  name: string
  name_en: string
  kind: UnitKind
}

/** The signed-in user (GET /me, POST /session). */
export interface User {
  id: string
  login: string
  name: string
  unit: UnitRef
  roles: Role[]
  phone: string | null
  active: boolean
}

export interface SessionResult {
  user: User
  csrf_token: string
}

export interface Unit {
  id: string
  parent_id: string | null
  kind: UnitKind
  code: string
  name: string
  name_en: string
  active: boolean
}

export interface Person {
  id: string
  login: string
  name: string
  unit_id: string
  unit_name: string
  roles: Role[]
  phone: string | null
  active: boolean
}

/** Every list endpoint answers this shape. */
export interface Page<T> {
  items: T[]
  total: number
}

/** The error body of every non-2xx answer. */
export interface ErrorBody {
  error: string
  message?: string
  field?: string
}

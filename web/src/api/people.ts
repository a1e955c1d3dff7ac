import { http } from './http'
import type { Page, Person, Role } from './types'

export namespace PeopleApi {
  /** 人员列表查询参数 */
  export interface ListParams {
    unit?: string
    role?: Role | ''
    q?: string
    include_inactive?: boolean
    page?: number
    page_size?: number
  }
  /** 新建人员 */
  export interface CreateParams {
    login: string
    name: string
    unit_id: string
    roles: Role[]
    password: string
    phone?: string
  }
  /** 修改人员（只发送改动的字段） */
  export interface UpdateParams {
    name?: string
    unit_id?: string
    roles?: Role[]
    phone?: string
    password?: string
  }
}

/** 人员列表（分页、按单位和角色筛选） */
export const listPeople = (p: PeopleApi.ListParams = {}) =>
  http.get<Page<Person>>('/api/v1/people', { ...p, include_inactive: p.include_inactive || undefined })

/** 新建人员 */
export const createPerson = (p: PeopleApi.CreateParams) => http.post<Person>('/api/v1/people', p)

/** 修改人员 */
export const updatePerson = (id: string, p: PeopleApi.UpdateParams) =>
  http.patch<Person>(`/api/v1/people/${encodeURIComponent(id)}`, p)

/** 重置密码 */
export const resetPassword = (id: string, password: string) => updatePerson(id, { password })

/** 停用人员 */
export const deactivatePerson = (id: string) =>
  http.post<Person>(`/api/v1/people/${encodeURIComponent(id)}/deactivate`, {})

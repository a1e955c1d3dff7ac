import { http } from './http'
import type { Page, Unit, UnitKind } from './types'

export namespace UnitsApi {
  /** 单位列表查询参数 */
  export interface ListParams {
    parent?: string
    kind?: UnitKind | ''
    q?: string
    include_inactive?: boolean
    page?: number
    page_size?: number
  }
  /** 新建单位 */
  export interface CreateParams {
    parent_id: string | null
    kind: UnitKind
    code: string
    name: string
    name_en: string
  }
  /** 修改单位（仅名称） */
  export interface UpdateParams {
    name?: string
    name_en?: string
  }
}

/** 单位列表（分页） */
export const listUnits = (p: UnitsApi.ListParams = {}) =>
  http.get<Page<Unit>>('/api/v1/units', { ...p, include_inactive: p.include_inactive || undefined })

/** 新建单位 */
export const createUnit = (p: UnitsApi.CreateParams) => http.post<Unit>('/api/v1/units', p)

/** 修改单位名称 */
export const updateUnit = (id: string, p: UnitsApi.UpdateParams) =>
  http.patch<Unit>(`/api/v1/units/${encodeURIComponent(id)}`, p)

/** 停用单位 */
export const deactivateUnit = (id: string) =>
  http.post<Unit>(`/api/v1/units/${encodeURIComponent(id)}/deactivate`, {})

/** 读取全部单位（逐页取完；单位数量有限） */
export async function listAllUnits(includeInactive = false): Promise<Unit[]> {
  const pageSize = 100
  const all: Unit[] = []
  for (let page = 1; page <= 100; page++) {
    const r = await listUnits({ include_inactive: includeInactive, page, page_size: pageSize })
    all.push(...r.items)
    if (r.items.length < pageSize || all.length >= r.total) break
  }
  return all
}

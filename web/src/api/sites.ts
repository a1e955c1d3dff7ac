import { http } from './http'
import type { Page } from './types'

export const SITE_KINDS = ['air_station', 'water_section', 'restaurant', 'construction', 'industrial'] as const
export type SiteKind = (typeof SITE_KINDS)[number]

/** Site states; exceedance and suspect-data states come later with alarms. */
export const SITE_STATES = ['normal', 'no_data'] as const
export type SiteState = (typeof SITE_STATES)[number]

export const READING_KINDS = ['raw', 'hour', 'day'] as const
export type ReadingKind = (typeof READING_KINDS)[number]

export namespace SitesApi {
  /** 站点（监测点位） */
  export interface Site {
    id: string
    code: string
    kind: SiteKind
    name: string
    name_en: string
    subdistrict_id: string
    department_id: string | null
    enterprise_id: string | null
    /** [经度, 纬度]；未定位为 null */
    location: [number, number] | null
    attributes: Record<string, unknown>
    active: boolean
    /** 以下由列表接口给出（服务端较旧时可能缺省） */
    devices_total?: number
    devices_online?: number
    last_seen_at?: string | null
    state?: SiteState | string
  }
  /** 监测设备（数采仪） */
  export interface Device {
    id: string
    site_id: string
    mn: string
    protocol: string
    st: string
    interval_s: number
    crc: string
    /** HJ 212 因子编码 */
    factors: string[]
    active: boolean
    last_seen_at: string | null
    online: boolean
  }
  export interface SiteDetail extends Site {
    devices: Device[]
  }
  /** 站点列表查询参数 */
  export interface ListParams {
    kind?: SiteKind | ''
    subdistrict?: string
    q?: string
    include_inactive?: boolean
    page?: number
    page_size?: number
  }
  /** 实时数据（raw）：flag N 为有效，其余为标记数据 */
  export interface RawPoint {
    t: string
    value: number | null
    text: string
    flag: string
  }
  /** 小时/日均值：value 为有效数据的平均值 */
  export interface AggPoint {
    t: string
    value: number | null
    min: number | null
    max: number | null
    count: number
    valid_count: number
    /** 0-1 */
    coverage: number
  }
  export interface ReadingsParams {
    factor: string
    kind: ReadingKind
    from?: string
    to?: string
  }
  export interface Readings<P = RawPoint | AggPoint> {
    site_id: string
    factor: string
    kind: ReadingKind
    from: string
    to: string
    items: P[]
  }
}

/** 站点列表（分页；按类型、街道、关键字筛选） */
export const listSites = (p: SitesApi.ListParams = {}) => http.get<Page<SitesApi.Site>>('/api/v1/sites', { ...p })

/** 地图用：一次取回全部站点（接口每页最多 500 条） */
export const listAllSites = () => listSites({ page: 1, page_size: 500 })

/** 站点详情（含设备） */
export const getSite = (id: string) => http.get<SitesApi.SiteDetail>(`/api/v1/sites/${encodeURIComponent(id)}`)

/** 站点某因子的监测数据（raw / hour / day） */
export const getReadings = (id: string, p: SitesApi.ReadingsParams) =>
  http.get<SitesApi.Readings>(`/api/v1/sites/${encodeURIComponent(id)}/readings`, { ...p })

/** 新建/修改站点与设备（管理员） */
export namespace SitesAdmin {
  export interface SiteBody {
    code?: string
    kind?: SiteKind
    name?: string
    name_en?: string
    subdistrict_id?: string
    department_id?: string | null
    enterprise_id?: string | null
    location?: [number, number] | null
    attributes?: Record<string, unknown>
    active?: boolean
  }
  export interface DeviceBody {
    site_id?: string
    mn?: string
    pw?: string
    protocol?: string
    st?: string
    interval_s?: number
    crc?: string
    factors?: string[]
    active?: boolean
  }
}
export const createSite = (b: SitesAdmin.SiteBody) => http.post<SitesApi.Site>('/api/v1/sites', b)
export const updateSite = (id: string, b: SitesAdmin.SiteBody) => http.patch<SitesApi.Site>(`/api/v1/sites/${encodeURIComponent(id)}`, b)
export const createDevice = (b: SitesAdmin.DeviceBody) => http.post<SitesApi.Device>('/api/v1/devices', b)
export const updateDevice = (id: string, b: SitesAdmin.DeviceBody) => http.patch<SitesApi.Device>(`/api/v1/devices/${encodeURIComponent(id)}`, b)

/**
 * Air quality and water class from the compliance endpoints (docs/api.md, "Standards and compliance"):
 * GET /api/v1/air/aqi (district and stations, today by default) and GET /api/v1/sites/{id}/compliance
 * (a water section's GB 3838 class by day). Both need a signed-in user.
 */
import { http } from './http'

export namespace ComplianceApi {
  export interface Item {
    start?: string
    end?: string
    status: 'ok' | 'insufficient' | string
    coverage?: number
    exceeded?: boolean | null
    aqi?: number | null
    level?: string | null
    category?: string | null
    category_en?: string | null
    colour?: string | null
    primary?: string[]
    class?: string | null
    target?: string | null
    [key: string]: unknown
  }
  export interface SiteRef {
    id: string
    code?: string
    name: string
    kind?: string
  }
  export interface Aqi {
    date: string
    district: Item & { hourly: Item[] }
    stations: { site: SiteRef; daily: Item; hourly: Item[] }[]
  }
  export interface SiteCompliance {
    site: SiteRef
    period: 'hour' | 'day'
    from: string
    to: string
    items: Item[]
  }
}

export const getAqi = (date?: string) => http.get<ComplianceApi.Aqi>('/api/v1/air/aqi', { date })
export const siteCompliance = (id: string, q: { period?: 'hour' | 'day'; from?: string; to?: string } = {}) =>
  http.get<ComplianceApi.SiteCompliance>(`/api/v1/sites/${encodeURIComponent(id)}/compliance`, q)

/** The latest item with a value (status ok), or null. */
export function latestOk(items: readonly ComplianceApi.Item[]): ComplianceApi.Item | null {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].status === 'ok') return items[i]
  return null
}

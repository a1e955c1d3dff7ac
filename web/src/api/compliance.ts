/**
 * Air quality and water class from the compliance endpoints (docs/api.md, "Standards and compliance"):
 * GET /api/v1/air/aqi (district and stations, today by default) and GET /api/v1/sites/{id}/compliance
 * (a water section's GB 3838 class by day). Both need a signed-in user. The public portal reads the
 * published figures without one: GET /api/v1/public/air/aqi (today) and GET /api/v1/public/water
 * (every river section with its day items of the last three days).
 */
import { http } from './http'
import type { Page } from './types'
import type { SitesApi } from './sites'

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

/** `quiet`: a 401 is an answer (the public portal without a session), not an expired session. */
export const getAqi = (date?: string, quiet = false) => http.get<ComplianceApi.Aqi>('/api/v1/air/aqi', { date }, { quiet401: quiet })
export const siteCompliance = (id: string, q: { period?: 'hour' | 'day'; from?: string; to?: string } = {}, quiet = false) =>
  http.get<ComplianceApi.SiteCompliance>(`/api/v1/sites/${encodeURIComponent(id)}/compliance`, q, { quiet401: quiet })
export const getPublicAqi = () => http.get<ComplianceApi.Aqi>('/api/v1/public/air/aqi')
export const getPublicWater = () =>
  http.get<{ items: { site: ComplianceApi.SiteRef & { name_en?: string }; items: ComplianceApi.Item[] }[] }>('/api/v1/public/water')
export const listWaterSections = (quiet = false) =>
  http.get<Page<SitesApi.Site>>('/api/v1/sites', { kind: 'water_section', page_size: 100 }, { quiet401: quiet })

/** Black or white text, whichever reads better on a background colour "#rrggbb" (WCAG relative luminance). */
export function textOn(bg: string | null | undefined): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg ?? '')
  if (!m) return '#1f2d27'
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const L = 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3])
  return (1.05) / (L + 0.05) >= (L + 0.05) / 0.05 ? '#ffffff' : '#1f2d27'
}

/** GB 3838-2002 classes in order (I best); "劣V" is worse than V. */
export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const
/**
 * Display colours of the water classes. A UI convention common on Chinese water-quality boards (blue for I-II,
 * green III, yellow IV, orange V, red worse than V), not a colour set by GB 3838-2002.
 */
export const WATER_CLASS_COLOURS: Record<string, string> = {
  I: '#1e88e5',
  II: '#42a5f5',
  III: '#2e9d4f',
  IV: '#f2c200',
  V: '#f08a00',
  劣V: '#d32f2f',
}
/** The class's rank 1..6 for charts; 0 when unknown. */
export function waterRank(c: string | null | undefined): number {
  const i = (WATER_CLASSES as readonly string[]).indexOf(c ?? '')
  return i + 1
}

/** The latest item with a value (status ok), or null. */
export function latestOk(items: readonly ComplianceApi.Item[]): ComplianceApi.Item | null {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].status === 'ok') return items[i]
  return null
}

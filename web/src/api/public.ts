/**
 * The public portal's API (no sign-in, rate-limited per client address): categories, photo upload,
 * filing a complaint, tracking it by number and tracking code, rating and reopening.
 * A wrong number or code answers 404, the same for both (nothing tells which was wrong).
 */
import { http } from './http'
import type { Page } from './types'
import type { CasesApi } from './cases'

export namespace PublicApi {
  export interface Complaint {
    category: string
    description: string
    location: { lon: number; lat: number }
    address?: string
    photos?: string[]
    contact?: { name: string; phone: string }
  }
  export interface Filed {
    number: string
    tracking_code: string
    status: string
    expected_at: string | null
  }
  export interface Tracked {
    number: string
    category: CasesApi.CategoryRef
    status: string
    status_text: string
    created_at: string
    responsible_unit: string | null
    expected_at: string | null
    closed_at: string | null
    timeline: { at: string; status_after: string | null; text: string }[]
    can_rate: boolean
    can_reopen: boolean
    satisfaction: number | null
  }
}

export const publicCategories = () => http.get<Page<CasesApi.Category>>('/api/v1/public/categories')
export const uploadPhoto = (file: Blob) => http.upload<{ token: string }>('/api/v1/public/photos', file)
export const fileComplaint = (body: PublicApi.Complaint) => http.post<PublicApi.Filed>('/api/v1/public/complaints', body)
export const trackCase = (number: string, code: string) =>
  http.get<PublicApi.Tracked>(`/api/v1/public/cases/${encodeURIComponent(number.trim())}`, { code: code.trim() })
export const rateCase = (number: string, code: string, satisfaction: number, comment?: string) =>
  http.post<void>(`/api/v1/public/cases/${encodeURIComponent(number)}/rate`, { code, satisfaction, comment: comment || undefined })
export const reopenCase = (number: string, code: string, reason: string) =>
  http.post<void>(`/api/v1/public/cases/${encodeURIComponent(number)}/reopen`, { code, reason })

/**
 * Cases (环境问题案件) of the staff console: typed one-liners for /api/v1/cases and friends,
 * as agreed in notes/contracts.md. The server decides who may do what: `actions` of a case lists
 * only what the signed-in user may take now; a transition not allowed answers 409, a role 403.
 */
import { http, withQuery, type Query } from './http'
import type { Page } from './types'

export const CASE_STATUSES = [
  'reported',
  'accepted',
  'rejected',
  'dispatched',
  'in_progress',
  'resolved',
  'verified',
  'closed',
  'merged',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_SOURCES = ['alarm', 'complaint', 'hotline', 'inspection', 'patrol', 'rectification'] as const
export type CaseSource = (typeof CASE_SOURCES)[number]
/** Sources staff may enter by hand (intake form). */
export const INTAKE_SOURCES = ['hotline', 'inspection', 'patrol'] as const
export type IntakeSource = (typeof INTAKE_SOURCES)[number]

export const CASE_PRIORITIES = ['normal', 'urgent', 'critical'] as const
export type CasePriority = (typeof CASE_PRIORITIES)[number]

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'start',
  'return',
  'resolve',
  'verify',
  'send_back',
  'close',
  'merge',
  'reopen',
  'note',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

export const REJECT_REASONS = ['not_ours', 'duplicate', 'invalid'] as const

export namespace CasesApi {
  export interface Ref {
    id: string
    name: string
  }
  export interface NumberRef {
    id: string
    number: string
  }
  export interface CategoryRef {
    code: string
    name: string
    name_en: string
  }
  export interface Category extends CategoryRef {
    parent: string | null
    children?: Category[]
  }
  export interface Case {
    id: string
    number: string
    source: CaseSource
    category: CategoryRef
    title: string
    description: string
    location: { lon: number; lat: number } | null
    address: string
    site: Ref | null
    subdistrict: Ref | null
    priority: CasePriority
    status: CaseStatus
    lead_unit: Ref | null
    co_units: Ref[]
    accept_due_at: string | null
    due_at: string | null
    remind_at: string | null
    overdue: boolean
    escalation_level: number
    supervised: boolean
    reporter: { name: string; phone: string } | null
    merged_into: NumberRef | null
    alarm_ids: string[]
    linked_cases: NumberRef[]
    satisfaction: number | null
    created_at: string
    updated_at: string
    closed_at: string | null
    actions: CaseAction[]
  }
  export interface TimelineEntry {
    id: string
    at: string
    action: string
    status_after: CaseStatus | null
    actor: { name: string; unit: string } | null
    public: boolean
    text: string
    data?: unknown
  }
  export interface Attachment {
    id: string
    name: string
    content_type: string
    size: number
    url: string
  }
  export interface CaseDetail extends Case {
    timeline: TimelineEntry[]
    attachments: Attachment[]
  }
  export interface ListParams {
    status?: string
    unit?: string
    category?: string
    source?: string
    overdue?: boolean
    subdistrict?: string
    q?: string
    from?: string
    to?: string
    sort?: string
    page?: number
    page_size?: number
  }
  export interface IntakeBody {
    source: IntakeSource
    category: string
    title: string
    description: string
    location?: { lon: number; lat: number }
    address?: string
    site_id?: string
    reporter?: { name: string; phone: string }
    priority?: CasePriority
  }
  export interface Created extends Case {
    duplicates?: { id: string; number: string; title: string; distance_m: number }[]
  }
  export interface Routing {
    lead_unit: Ref | null
    co_units: Ref[]
  }
  export interface UnitStats {
    unit: Ref
    received: number
    closed: number
    closed_on_time: number
    overdue_now: number
    avg_handling_hours: number | null
    reopen_rate: number | null
    satisfaction: number | null
  }
  export interface Stats {
    items: UnitStats[]
    funnel: { received: number; in_progress: number; overdue: number; closed: number }
  }
  export interface Notification {
    id: string
    at: string
    kind: string
    case: NumberRef
    text: string
    read: boolean
  }
  export interface Uploaded {
    id: string
    sha256: string
    content_type: string
    size: number
    url: string
  }
}

/** The query the list and the export send: empty filters left out, overdue as 1. */
export function caseQuery(p: CasesApi.ListParams): Query {
  return { ...p, overdue: p.overdue ? 1 : undefined }
}

export const listCases = (p: CasesApi.ListParams = {}) => http.get<Page<CasesApi.Case>>('/api/v1/cases', caseQuery(p))
export const getCase = (id: string) => http.get<CasesApi.CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}`)
export const createCase = (body: CasesApi.IntakeBody) => http.post<CasesApi.Created>('/api/v1/cases', body)
/** One state-machine action; answers the case with its timeline. */
export const caseAction = (id: string, action: CaseAction, body: Record<string, unknown>) =>
  http.post<CasesApi.CaseDetail>(`/api/v1/cases/${encodeURIComponent(id)}/${action}`, body)
export const getRouting = (category: string, subdistrict?: string) =>
  http.get<CasesApi.Routing>('/api/v1/cases/routing', { category, subdistrict })
export const listCategories = () => http.get<Page<CasesApi.Category>>('/api/v1/case-categories')
export const caseStats = (q: { from?: string; to?: string; unit?: string } = {}) =>
  http.get<CasesApi.Stats>('/api/v1/cases/stats', q)
export const listNotifications = () => http.get<Page<CasesApi.Notification>>('/api/v1/notifications')
export const uploadAttachment = (file: File) =>
  http.upload<CasesApi.Uploaded>('/api/v1/attachments', file, { name: file.name })
/** The address of the Excel export of the same filters (a plain link: the browser downloads it with the session cookie). */
export const exportUrl = (p: CasesApi.ListParams) =>
  withQuery('/api/v1/cases/export.xlsx', caseQuery({ ...p, page: undefined, page_size: undefined }))

/** Categories flattened for a select: parents first, children indented by their parent's name. */
export function flattenCategories(items: readonly CasesApi.Category[]): CasesApi.Category[] {
  const out: CasesApi.Category[] = []
  const walk = (list: readonly CasesApi.Category[]) => {
    for (const c of list) {
      out.push(c)
      if (c.children?.length) walk(c.children)
    }
  }
  walk(items)
  return out
}

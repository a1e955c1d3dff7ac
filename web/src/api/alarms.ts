/**
 * Alarms (告警) and alarm rules: typed one-liners for /api/v1/alarms and /api/v1/alarm-rules,
 * as agreed in notes/contracts.md. Live changes come over the WebSocket (api/stream.ts).
 */
import { http } from './http'
import type { Page } from './types'

export const ALARM_STATUSES = ['active', 'acknowledged', 'cleared'] as const
export type AlarmStatus = (typeof ALARM_STATUSES)[number]
export const ALARM_CATEGORIES = ['pollution', 'no_data', 'device', 'suspect'] as const
export const ALARM_SEVERITIES = ['minor', 'major', 'critical'] as const
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number]
export const RULE_KINDS = ['exceedance', 'standard', 'no_data', 'device_flag', 'suspect'] as const

export namespace AlarmsApi {
  export interface Alarm {
    id: string
    site: { id: string; code: string; name: string; kind: string }
    subdistrict_id: string
    device_id: string | null
    factor: string | null
    /** Chinese name of the factor; null when the alarm has no factor (no data, device). */
    factor_name: string | null
    rule_id: string
    rule_kind: string
    check?: string
    category: string
    severity: AlarmSeverity
    status: AlarmStatus
    title: string
    message: string
    value: number | null
    peak: number | null
    threshold: number | null
    unit: string
    count: number
    first_at: string
    last_at: string
    /** The server sends who as {id, name} (the contract said a string). */
    acked_by: { id: string; name: string } | null
    acked_at: string | null
    ack_comment: string | null
    cleared_at: string | null
    /** null: cleared automatically. */
    cleared_by: { id: string; name: string } | null
    clear_reason: string | null
    case: { id: string; number: string } | null
  }
  export interface AlarmDetail extends Alarm {
    readings: { t: string; factor: string; value: number | null; flag: string }[]
  }
  export interface ListParams {
    /** active | acknowledged | cleared | open (active or acknowledged) */
    status?: string
    site?: string
    kind?: string
    category?: string
    severity?: string
    from?: string
    to?: string
    page?: number
    page_size?: number
  }
  export interface SiteState {
    site_id: string
    state: 'exceeding' | 'no_data' | 'suspect'
  }
  /** An alarm rule; the alarms capability owns its exact shape, the UI edits the fields it knows and keeps the rest. */
  export interface Rule {
    id: string
    name?: string
    kind: string
    enabled?: boolean
    site_kind?: string | null
    site_id?: string | null
    factor?: string | null
    /** The rule's limit (the server calls it `limit`). */
    limit?: number | null
    check?: string
    severity?: AlarmSeverity
    [key: string]: unknown
  }
  export interface StreamMessage {
    type: 'alarm' | 'hello' | string
    event?: 'opened' | 'updated' | 'acknowledged' | 'cleared'
    alarm?: Alarm
    user?: string
  }
}

export const listAlarms = (p: AlarmsApi.ListParams = {}) => http.get<Page<AlarmsApi.Alarm>>('/api/v1/alarms', { ...p })
export const getAlarm = (id: string) => http.get<AlarmsApi.AlarmDetail>(`/api/v1/alarms/${encodeURIComponent(id)}`)
export const ackAlarm = (id: string, comment?: string) =>
  http.post<AlarmsApi.Alarm>(`/api/v1/alarms/${encodeURIComponent(id)}/ack`, comment ? { comment } : {})
export const clearAlarm = (id: string, reason: string) =>
  http.post<AlarmsApi.Alarm>(`/api/v1/alarms/${encodeURIComponent(id)}/clear`, { reason })
export const siteStates = () => http.get<{ items: AlarmsApi.SiteState[] }>('/api/v1/alarms/site-states')

export const listRules = () => http.get<Page<AlarmsApi.Rule>>('/api/v1/alarm-rules')
export const createRule = (body: Partial<AlarmsApi.Rule>) => http.post<AlarmsApi.Rule>('/api/v1/alarm-rules', body)
export const updateRule = (id: string, body: Partial<AlarmsApi.Rule>) =>
  http.patch<AlarmsApi.Rule>(`/api/v1/alarm-rules/${encodeURIComponent(id)}`, body)
export const deleteRule = (id: string) => http.del(`/api/v1/alarm-rules/${encodeURIComponent(id)}`)

/** Puts a changed alarm into a list: replaces it by id, or adds it on top; keeps at most `max`. */
export function mergeAlarm(list: readonly AlarmsApi.Alarm[], a: AlarmsApi.Alarm, max = 200): AlarmsApi.Alarm[] {
  const i = list.findIndex((x) => x.id === a.id)
  if (i >= 0) {
    const out = list.slice()
    out[i] = a
    return out
  }
  return [a, ...list].slice(0, max)
}

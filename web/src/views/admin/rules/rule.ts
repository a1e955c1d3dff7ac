import type { AlarmsApi } from '@/api/alarms'

/**
 * The alarm rule form (shape of src/greenloop/alarms/rules.cpp): the common fields are edited directly, every
 * other field as JSON in `rest`. kind, check, site_kind, site_id and factor are fixed once the rule exists
 * (the server refuses them in a PATCH); a new rule names either a site kind or a site.
 */
const COMMON = ['name', 'kind', 'check', 'enabled', 'site_kind', 'site_id', 'factor', 'limit', 'severity'] as const
const SKIP = new Set<string>([...COMMON, 'id', 'created_at', 'updated_at'])

export interface RuleForm {
  name: string
  kind: string
  check: string
  enabled: boolean
  site_kind: string
  factor: string
  limit: number | undefined
  severity: string
  rest: string
}

export function splitRule(r: AlarmsApi.Rule | null): RuleForm {
  const rest: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(r ?? {})) if (!SKIP.has(k)) rest[k] = v
  return {
    name: r?.name ?? '',
    kind: r?.kind ?? 'exceedance',
    check: typeof r?.check === 'string' ? r.check : '',
    enabled: r?.enabled !== false,
    site_kind: r?.site_kind ?? '',
    factor: r?.factor ?? '',
    limit: typeof r?.limit === 'number' ? r.limit : undefined,
    severity: r?.severity ?? 'major',
    rest: JSON.stringify(rest, null, 2),
  }
}

/** The request body, or null when `rest` is not a JSON object. */
export function joinRule(f: RuleForm, creating: boolean): Partial<AlarmsApi.Rule> | null {
  let rest: unknown
  try {
    rest = JSON.parse(f.rest.trim() || '{}')
  } catch {
    return null
  }
  if (!rest || typeof rest !== 'object' || Array.isArray(rest)) return null
  const body: Partial<AlarmsApi.Rule> = {
    ...(rest as Record<string, unknown>),
    name: f.name.trim(),
    enabled: f.enabled,
    limit: f.limit ?? null,
    severity: f.severity as AlarmsApi.Rule['severity'],
  }
  for (const k of ['id', 'created_at', 'updated_at', 'kind', 'check', 'site_kind', 'site_id', 'factor']) delete body[k]
  if (creating) {
    body.kind = f.kind
    if (f.check.trim()) body.check = f.check.trim()
    if (f.site_kind) body.site_kind = f.site_kind
    if (f.factor.trim()) body.factor = f.factor.trim()
  }
  return body
}

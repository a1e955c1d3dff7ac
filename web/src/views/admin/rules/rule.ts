import type { AlarmsApi } from '@/api/alarms'

/** The fields the rule form edits directly; everything else travels as JSON in `rest`. */
const COMMON = ['name', 'kind', 'enabled', 'site_kind', 'factor', 'threshold', 'severity'] as const
const SKIP = new Set<string>([...COMMON, 'id', 'created_at', 'updated_at'])

export interface RuleForm {
  name: string
  kind: string
  enabled: boolean
  site_kind: string
  factor: string
  threshold: number | undefined
  severity: string
  rest: string
}

export function splitRule(r: AlarmsApi.Rule | null): RuleForm {
  const rest: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(r ?? {})) if (!SKIP.has(k)) rest[k] = v
  return {
    name: r?.name ?? '',
    kind: r?.kind ?? 'exceedance',
    enabled: r?.enabled !== false,
    site_kind: r?.site_kind ?? '',
    factor: r?.factor ?? '',
    threshold: r?.threshold ?? undefined,
    severity: r?.severity ?? 'major',
    rest: JSON.stringify(rest, null, 2),
  }
}

/** The request body of the form, or null when `rest` is not a JSON object. Empty fields travel as null. */
export function joinRule(f: RuleForm): Partial<AlarmsApi.Rule> | null {
  let rest: unknown
  try {
    rest = JSON.parse(f.rest.trim() || '{}')
  } catch {
    return null
  }
  if (!rest || typeof rest !== 'object' || Array.isArray(rest)) return null
  return {
    ...(rest as Record<string, unknown>),
    name: f.name.trim() || undefined,
    kind: f.kind,
    enabled: f.enabled,
    site_kind: f.site_kind || null,
    factor: f.factor.trim() || null,
    threshold: f.threshold ?? null,
    severity: f.severity as AlarmsApi.Rule['severity'],
  }
}

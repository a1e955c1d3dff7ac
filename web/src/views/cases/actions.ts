/**
 * The forms of the case state machine: which fields each action asks for, which are required, and the
 * body it sends (notes/contracts.md). The UI offers only the actions in the case's `actions` list;
 * the server still decides (409 when the transition is no longer allowed, 403 for the role).
 */
import { CASE_ACTIONS, type CaseAction } from '@/api/cases'

export type FieldKind = 'text' | 'textarea' | 'reason' | 'unit' | 'units' | 'datetime' | 'case' | 'public' | 'files'

export interface ActionField {
  /** The key in the request body. */
  key: string
  kind: FieldKind
  required: boolean
}

export const ACTION_FIELDS: Record<CaseAction, ActionField[]> = {
  accept: [{ key: 'note', kind: 'textarea', required: false }],
  reject: [
    { key: 'reason', kind: 'reason', required: true },
    { key: 'note', kind: 'textarea', required: true },
  ],
  dispatch: [
    { key: 'lead_unit_id', kind: 'unit', required: true },
    { key: 'co_unit_ids', kind: 'units', required: false },
    { key: 'due_at', kind: 'datetime', required: false },
    { key: 'note', kind: 'textarea', required: false },
  ],
  start: [{ key: 'note', kind: 'textarea', required: false }],
  return: [{ key: 'reason', kind: 'textarea', required: true }],
  resolve: [
    { key: 'result', kind: 'textarea', required: true },
    { key: 'attachment_ids', kind: 'files', required: false },
  ],
  verify: [{ key: 'note', kind: 'textarea', required: false }],
  send_back: [{ key: 'reason', kind: 'textarea', required: true }],
  close: [{ key: 'note', kind: 'textarea', required: false }],
  merge: [
    { key: 'into_id', kind: 'case', required: true },
    { key: 'note', kind: 'textarea', required: false },
  ],
  reopen: [{ key: 'reason', kind: 'textarea', required: true }],
  note: [
    { key: 'text', kind: 'textarea', required: true },
    { key: 'public', kind: 'public', required: false },
  ],
}

/** Actions that move the case on (primary buttons); the rest are secondary. */
export const PRIMARY_ACTIONS: readonly CaseAction[] = ['accept', 'dispatch', 'start', 'resolve', 'verify', 'close']

/** The known actions among those the server offers, in the state machine's order. */
export function offeredActions(actions: readonly string[] | undefined): CaseAction[] {
  const set = new Set(actions ?? [])
  return CASE_ACTIONS.filter((a) => set.has(a))
}

export type FormValues = Record<string, string | string[] | boolean | undefined>

/** The fields still missing (required and empty). */
export function missingFields(action: CaseAction, v: FormValues): string[] {
  return ACTION_FIELDS[action]
    .filter((f) => f.required)
    .filter((f) => {
      const x = v[f.key]
      return x === undefined || (typeof x === 'string' && !x.trim()) || (Array.isArray(x) && !x.length)
    })
    .map((f) => f.key)
}

/** The request body of an action: trimmed strings, empty optional fields left out. */
export function actionBody(action: CaseAction, v: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const f of ACTION_FIELDS[action]) {
    const x = v[f.key]
    if (typeof x === 'string') {
      if (x.trim()) body[f.key] = x.trim()
    } else if (Array.isArray(x)) {
      if (x.length) body[f.key] = x
    } else if (typeof x === 'boolean') {
      body[f.key] = x
    }
  }
  return body
}

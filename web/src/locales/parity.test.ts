import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN'
import en from './en'
import { CLIENT_ERROR_CODES, ERROR_CODES } from '@/api/http'
import { ROLES, UNIT_KINDS } from '@/api/types'
import { READING_KINDS, SITE_KINDS, SITE_STATES } from '@/api/sites'
import { FLAGS } from '@/utils/factors'
import { STATE_COLORS } from '@/utils/siteState'
import { RANGE_PRESETS } from '@/utils/time'
import { CASE_ACTIONS, CASE_PRIORITIES, CASE_SOURCES, CASE_STATUSES } from '@/api/cases'
import { ALARM_CATEGORIES, ALARM_SEVERITIES, ALARM_STATUSES, RULE_KINDS } from '@/api/alarms'

type Tree = { [k: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

const zh = flatten(zhCN as Tree)
const enKeys = flatten(en as Tree)

describe('locale files', () => {
  it('zh-CN and en hold exactly the same keys', () => {
    const onlyZh = [...zh.keys()].filter((k) => !enKeys.has(k))
    const onlyEn = [...enKeys.keys()].filter((k) => !zh.has(k))
    expect(onlyZh).toEqual([])
    expect(onlyEn).toEqual([])
    expect(zh.size).toBeGreaterThan(100)
  })

  it('has no empty texts, and the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [k, v] of zh) {
      expect(v.trim(), k).not.toBe('')
      expect(enKeys.get(k)!.trim(), k).not.toBe('')
      expect(names(enKeys.get(k)!), k).toEqual(names(v))
    }
  })

  it('names every API error code, role and unit kind', () => {
    for (const c of [...ERROR_CODES, ...CLIENT_ERROR_CODES]) expect(zh.has(`errors.${c}`), c).toBe(true)
    for (const r of ROLES) expect(zh.has(`roles.${r}`), r).toBe(true)
    for (const k of UNIT_KINDS) expect(zh.has(`unitKinds.${k}`), k).toBe(true)
  })

  it('names every site kind, site state, data kind, time range and HJ 212 flag', () => {
    for (const k of SITE_KINDS) expect(zh.has(`siteKinds.${k}`), k).toBe(true)
    for (const s of [...SITE_STATES, ...Object.keys(STATE_COLORS), 'unknown']) expect(zh.has(`siteStates.${s}`), s).toBe(true)
    for (const k of READING_KINDS) expect(zh.has(`dataKinds.${k}`), k).toBe(true)
    for (const r of [...RANGE_PRESETS, 'custom']) expect(zh.has(`ranges.${r}`), r).toBe(true)
    for (const f of [...FLAGS, 'other']) expect(zh.has(`flags.${f}`), f).toBe(true)
  })

  it('names every case status, source, priority, action and alarm status, category and severity', () => {
    for (const s of CASE_STATUSES) expect(zh.has(`caseStatus.${s}`), s).toBe(true)
    for (const s of CASE_SOURCES) expect(zh.has(`caseSource.${s}`), s).toBe(true)
    for (const p of CASE_PRIORITIES) expect(zh.has(`casePriority.${p}`), p).toBe(true)
    for (const a of CASE_ACTIONS) {
      expect(zh.has(`caseActions.${a}`), a).toBe(true)
      expect(zh.has(`caseActions.${a}Hint`), a).toBe(true)
    }
    for (const s of ALARM_STATUSES) expect(zh.has(`alarmStatus.${s}`), s).toBe(true)
    for (const c of ALARM_CATEGORIES) expect(zh.has(`alarmCategory.${c}`), c).toBe(true)
    for (const s of ALARM_SEVERITIES) expect(zh.has(`alarmSeverity.${s}`), s).toBe(true)
    for (const k of RULE_KINDS) expect(zh.has(`ruleKind.${k}`), k).toBe(true)
  })

  it('every literal key the source uses exists', () => {
    const sources = import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.test.ts', '!../locales/*.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    const missing: string[] = []
    const re = /(?:\bt|\$t)\(\s*['"`]([a-zA-Z_]+(?:\.[a-zA-Z_]+)*)['"`]|['"]((?:app|menu|user|roles|unitKinds|common|login|home|units|people|portal|errors|monitoring|siteKinds|siteStates|flags|dataKinds|attrs|cases|caseStatus|caseSource|caseActions|caseFields|alarms|alarmStatus|rules|pub|dash|funnel)\.[a-zA-Z_]+)['"]/g
    let count = 0
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(re)) {
        const key = m[1] ?? m[2]
        count++
        if (!zh.has(key)) missing.push(`${file}: ${key}`)
      }
    }
    expect(count).toBeGreaterThan(50)
    expect(missing).toEqual([])
  })
})

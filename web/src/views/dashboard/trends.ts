/**
 * Pure helpers of the dashboard: site states from open alarms, alarms per day, and the ECharts options of the
 * 30-day trends (AQI per air station, alarms per day, water class per section).
 */
import type { AlarmsApi } from '@/api/alarms'
import type { ComplianceApi } from '@/api/compliance'
import { WATER_CLASSES, waterRank } from '@/api/compliance'
import { shanghaiDay } from '@/utils/time'

/** The map state of a site: its open alarm's state, else what the site list says (no data), else normal. */
export function siteState(id: string, listed: string | undefined, alarmStates: ReadonlyMap<string, string>): string {
  return alarmStates.get(id) ?? (listed === 'no_data' ? 'no_data' : 'normal')
}

/** The state an open alarm gives its site (contract: exceeding | no_data | suspect). */
export function stateOfAlarm(a: Pick<AlarmsApi.Alarm, 'category' | 'status'>): string | null {
  if (a.status === 'cleared') return null
  if (a.category === 'pollution') return 'exceeding'
  if (a.category === 'no_data' || a.category === 'device') return 'no_data'
  if (a.category === 'suspect') return 'suspect'
  return null
}

/** The last `n` Shanghai days ending today, oldest first. */
export function lastDays(n: number, now = Date.now()): string[] {
  const out: string[] = []
  for (let i = n - 1; i >= 0; i--) out.push(shanghaiDay(now - i * 86400_000))
  return out
}

/** Alarms first seen per day over `days`. */
export function perDay(alarms: readonly Pick<AlarmsApi.Alarm, 'first_at'>[], days: readonly string[]): number[] {
  const count = new Map(days.map((d) => [d, 0]))
  for (const a of alarms) {
    const d = shanghaiDay(Date.parse(a.first_at))
    if (count.has(d)) count.set(d, count.get(d)! + 1)
  }
  return days.map((d) => count.get(d)!)
}

/** Values of daily items by day (null where the day has no sufficient value). */
export function byDay(items: readonly ComplianceApi.Item[], days: readonly string[], pick: (i: ComplianceApi.Item) => number | null): (number | null)[] {
  const m = new Map<string, number | null>()
  for (const i of items) if (i.start && i.status === 'ok') m.set(i.start.slice(0, 10), pick(i))
  return days.map((d) => m.get(d) ?? null)
}

const AXIS = { axisLine: { lineStyle: { color: '#5d7f90' } }, axisLabel: { color: '#b8cbd6', fontSize: 11 }, splitLine: { lineStyle: { color: 'rgba(120,160,180,0.15)' } } }
const COLOURS = ['#4fc3f7', '#81c784', '#ffb74d', '#f06292', '#ba68c8', '#fff176']

function base(days: readonly string[]) {
  return {
    animation: false,
    color: COLOURS,
    grid: { left: 36, right: 12, top: 28, bottom: 22 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#cfe0ea', fontSize: 11 }, itemHeight: 8 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)), ...AXIS },
  }
}

export function lineOption(days: readonly string[], series: { name: string; data: (number | null)[] }[]): Record<string, unknown> {
  return {
    ...base(days),
    yAxis: { type: 'value', ...AXIS },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.data, connectNulls: false, symbolSize: 4 })),
  }
}

export function barOption(days: readonly string[], name: string, data: number[]): Record<string, unknown> {
  return { ...base(days), legend: { show: false }, yAxis: { type: 'value', minInterval: 1, ...AXIS }, series: [{ type: 'bar', name, data, itemStyle: { color: '#f06292' } }] }
}

/** Water class as a rank 1 (I) .. 6 (劣V), drawn with the class names on the axis, best at the top. */
export function classOption(days: readonly string[], series: { name: string; data: (string | null)[] }[]): Record<string, unknown> {
  const b = base(days)
  return {
    ...b,
    // Many sections: names in the tooltip only, or the legend would cover the chart.
    legend: { ...b.legend, show: series.length <= 4 },
    grid: { ...b.grid, top: series.length <= 4 ? 28 : 10 },
    yAxis: {
      type: 'value',
      min: 1,
      max: 6,
      interval: 1,
      inverse: true,
      ...AXIS,
      axisLabel: { ...AXIS.axisLabel, formatter: (v: number) => WATER_CLASSES[v - 1] ?? '' },
    },
    series: series.map((s) => ({ type: 'line', step: 'middle', name: s.name, data: s.data.map((c) => (c ? waterRank(c) || null : null)), symbolSize: 4 })),
  }
}

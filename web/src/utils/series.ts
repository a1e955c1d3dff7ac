/**
 * Pure helpers of the site chart: readings -> chart series (gaps, flagged values, coverage) and the
 * ECharts option. Times are shifted to Shanghai wall-clock and the chart runs with useUTC, so the axis
 * shows the district's time in any browser zone.
 */
import type { ReadingKind, SitesApi } from '@/api/sites'
import { isValidFlag, type Limit } from './factors'
import { SHANGHAI_OFFSET_MS, formatTime, parseTime } from './time'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** A drawn point: [shifted time, value], null value = a gap in the line. */
export type XY = [number, number | null]

export interface ValidPoint {
  value: XY
  raw?: SitesApi.RawPoint
  agg?: SitesApi.AggPoint
}
export interface FlaggedPoint {
  value: [number, number]
  raw: SitesApi.RawPoint
}

export interface SeriesData {
  kind: ReadingKind
  /** Valid values in time order, with a null point where the line must break. */
  valid: ValidPoint[]
  /** Raw values whose flag is not N (drawn apart, never joined to the line). */
  flagged: FlaggedPoint[]
  /** Hour/day: share of expected readings that arrived valid, in percent. */
  coverage: XY[]
  /** Number of items the API returned. */
  total: number
}

function median(xs: number[]): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The longest step between two points that is still drawn as a line. */
export function gapThreshold(kind: ReadingKind, times: number[]): number {
  if (kind === 'hour') return 1.5 * HOUR
  if (kind === 'day') return 1.5 * DAY
  const steps: number[] = []
  for (let i = 1; i < times.length; i++) steps.push(times[i] - times[i - 1])
  const m = median(steps.filter((s) => s > 0))
  return Number.isFinite(m) ? Math.max(3 * m, 2 * 60_000) : Infinity
}

/** Readings -> series: valid line with breaks at gaps, flagged raw values apart, coverage bars. */
export function buildSeries(kind: ReadingKind, items: readonly (SitesApi.RawPoint | SitesApi.AggPoint)[]): SeriesData {
  const out: SeriesData = { kind, valid: [], flagged: [], coverage: [], total: items.length }
  const sorted = items
    .map((p) => ({ p, t: parseTime(p.t) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t)
  const validTimes: { t: number; p: SitesApi.RawPoint | SitesApi.AggPoint }[] = []
  for (const { p, t } of sorted) {
    const x = t + SHANGHAI_OFFSET_MS
    if (kind === 'raw') {
      const r = p as SitesApi.RawPoint
      if (r.value === null || r.value === undefined || !Number.isFinite(r.value)) continue
      if (isValidFlag(r.flag)) validTimes.push({ t, p })
      else out.flagged.push({ value: [x, r.value], raw: r })
    } else {
      const a = p as SitesApi.AggPoint
      out.coverage.push([x, Math.round((a.coverage ?? 0) * 1000) / 10])
      if (a.value !== null && a.value !== undefined && Number.isFinite(a.value)) validTimes.push({ t, p })
    }
  }
  const limit = gapThreshold(
    kind,
    validTimes.map((v) => v.t),
  )
  let prev: number | null = null
  for (const { t, p } of validTimes) {
    if (prev !== null && t - prev > limit) out.valid.push({ value: [Math.round((t + prev) / 2) + SHANGHAI_OFFSET_MS, null] })
    const point: ValidPoint = { value: [t + SHANGHAI_OFFSET_MS, p.value as number] }
    if (kind === 'raw') point.raw = p as SitesApi.RawPoint
    else point.agg = p as SitesApi.AggPoint
    out.valid.push(point)
    prev = t
  }
  return out
}

export interface SeriesStats {
  latest: number | null
  latestAt: string | null
  min: number | null
  max: number | null
  avg: number | null
  valid: number
  flagged: number
}

/** Latest, min, max and mean of the valid values; the count of flagged ones. */
export function seriesStats(s: SeriesData): SeriesStats {
  const pts = s.valid.filter((p) => p.value[1] !== null)
  const vals = pts.map((p) => p.value[1] as number)
  const last = pts[pts.length - 1]
  return {
    latest: last ? (last.value[1] as number) : null,
    latestAt: last ? (last.raw?.t ?? last.agg?.t ?? null) : null,
    min: vals.length ? Math.min(...vals) : null,
    max: vals.length ? Math.max(...vals) : null,
    avg: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null,
    valid: vals.length,
    flagged: s.flagged.length,
  }
}

/** A number as people read it: up to 3 significant decimals, no trailing zeros. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const abs = Math.abs(v)
  const digits = abs >= 100 ? 1 : abs >= 10 ? 2 : 3
  return String(Number(v.toFixed(digits)))
}

export interface ChartLabels {
  valid: string
  flagged: string
  average: string
  coverage: string
  min: string
  max: string
  counts: (valid: number, total: number) => string
  flag: (code: string) => string
  limit: (l: Limit) => string
}

export interface ChartInput {
  series: SeriesData
  unit: string
  limits: Limit[]
  labels: ChartLabels
  /** Phone: smaller margins and labels. */
  compact?: boolean
  /** The asked time span (epoch ms): the axis shows all of it, so missing data shows as empty space. */
  window?: [number, number]
}

export const CHART_COLORS = {
  line: '#2f7d59',
  flagged: '#d03050',
  coverage: 'rgba(58, 124, 165, 0.25)',
  limitDay: '#c0392b',
  limitNight: '#8e44ad',
  limit: '#c0392b',
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

interface TooltipParam {
  seriesId?: string
  marker?: string
  data?: unknown
  value?: unknown
}

/** The tooltip of one instant: the value, and for flagged values the flag; min/max/coverage for averages. */
export function tooltipHtml(params: TooltipParam | TooltipParam[], input: Pick<ChartInput, 'unit' | 'labels'>): string {
  const list = Array.isArray(params) ? params : [params]
  const { unit, labels } = input
  const u = unit ? ` ${esc(unit)}` : ''
  let time = ''
  const rows: string[] = []
  for (const p of list) {
    const d = p.data as (ValidPoint & FlaggedPoint) | [number, number] | undefined
    if (!d) continue
    const xy = (Array.isArray(d) ? d : d.value) as XY
    if (xy[1] === null) continue
    if (!time) time = formatTime(xy[0] - SHANGHAI_OFFSET_MS, true)
    const m = p.marker ?? ''
    if (p.seriesId === 'flagged' && !Array.isArray(d)) {
      rows.push(`${m}${esc(labels.flagged)}: <b>${formatValue(xy[1])}</b>${u} · ${esc(d.raw.flag)} ${esc(labels.flag(d.raw.flag))}`)
    } else if (p.seriesId === 'coverage') {
      rows.push(`${m}${esc(labels.coverage)}: <b>${formatValue(xy[1])}%</b>`)
    } else if (!Array.isArray(d) && d.agg) {
      const a = d.agg
      rows.push(`${m}${esc(labels.average)}: <b>${formatValue(a.value)}</b>${u}`)
      rows.push(`${esc(labels.min)} ${formatValue(a.min)} · ${esc(labels.max)} ${formatValue(a.max)} · ${esc(labels.counts(a.valid_count, a.count))}`)
    } else {
      rows.push(`${m}${esc(labels.valid)}: <b>${formatValue(xy[1])}</b>${u}`)
    }
  }
  if (!rows.length) return ''
  return [`<div style="font-weight:600">${esc(time)}</div>`, ...rows.map((r) => `<div>${r}</div>`)].join('')
}

/** The ECharts option of a site chart (line chart on a time axis). */
export function chartOption(input: ChartInput): Record<string, unknown> {
  const { series: s, unit, limits, labels, compact, window } = input
  const agg = s.kind !== 'raw'
  const limitMax = limits.reduce((m, l) => Math.max(m, l.value), -Infinity)
  const markLine = limits.length
    ? {
        silent: true,
        symbol: 'none',
        animation: false,
        data: limits.map((l) => ({
          yAxis: l.value,
          name: labels.limit(l),
          lineStyle: {
            type: l.period === 'night' ? 'dotted' : 'dashed',
            width: 1.5,
            color: l.period === 'night' ? CHART_COLORS.limitNight : CHART_COLORS.limit,
          },
          label: { formatter: labels.limit(l), position: 'insideEndTop', fontSize: compact ? 10 : 12, color: l.period === 'night' ? CHART_COLORS.limitNight : CHART_COLORS.limit },
        })),
      }
    : undefined
  const many = s.valid.length > 80
  // The axis reaches the highest limit line even when every value lies below it; above, it scales itself.
  let dataMax = -Infinity
  for (const p of s.valid) if (p.value[1] !== null && p.value[1] > dataMax) dataMax = p.value[1]
  for (const p of s.flagged) if (p.value[1] > dataMax) dataMax = p.value[1]
  const yMax = Number.isFinite(limitMax) && limitMax * 1.1 > dataMax ? niceCeil(limitMax * 1.1) : undefined
  const series: Record<string, unknown>[] = [
    {
      id: 'valid',
      name: agg ? labels.average : labels.valid,
      type: 'line',
      data: s.valid,
      showSymbol: !many,
      symbol: 'circle',
      symbolSize: 5,
      connectNulls: false,
      lineStyle: { width: 2, color: CHART_COLORS.line },
      itemStyle: { color: CHART_COLORS.line },
      markLine,
      z: 3,
    },
  ]
  if (!agg) {
    series.push({
      id: 'flagged',
      name: labels.flagged,
      type: 'scatter',
      data: s.flagged,
      symbol: 'triangle',
      symbolSize: 11,
      itemStyle: { color: CHART_COLORS.flagged, borderColor: '#fff', borderWidth: 1 },
      z: 4,
    })
  } else {
    series.push({
      id: 'coverage',
      name: labels.coverage,
      type: 'bar',
      yAxisIndex: 1,
      data: s.coverage,
      barMaxWidth: 14,
      itemStyle: { color: CHART_COLORS.coverage },
      z: 1,
    })
  }
  return {
    useUTC: true,
    animation: false,
    color: [CHART_COLORS.line, agg ? CHART_COLORS.coverage : CHART_COLORS.flagged],
    grid: { left: compact ? 44 : 56, right: agg ? (compact ? 40 : 52) : compact ? 12 : 24, top: 44, bottom: compact ? 28 : 32 },
    legend: { top: 0, left: 'center', itemWidth: 14, textStyle: { fontSize: compact ? 11 : 12 } },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (p: TooltipParam | TooltipParam[]) => tooltipHtml(p, { unit, labels }),
    },
    xAxis: {
      type: 'time',
      min: window && Number.isFinite(window[0]) ? window[0] + SHANGHAI_OFFSET_MS : undefined,
      max: window && Number.isFinite(window[1]) ? window[1] + SHANGHAI_OFFSET_MS : undefined,
      minInterval: s.kind === 'day' ? DAY : s.kind === 'hour' ? HOUR : undefined,
      axisLabel: { hideOverlap: true, fontSize: compact ? 10 : 12 },
    },
    yAxis: [
      {
        type: 'value',
        name: unit,
        scale: true,
        nameTextStyle: { align: 'left' },
        max: yMax,
        axisLabel: { fontSize: compact ? 10 : 12 },
      },
      ...(agg
        ? [{ type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false }, axisLabel: { fontSize: compact ? 10 : 12 } }]
        : []),
    ],
    // Wheel or pinch to zoom; the time range picker is the keyboard's way to the same.
    dataZoom: [{ type: 'inside' }],
    series,
  }
}

/** A round upper bound (1, 2, 2.5, 5 × 10ⁿ steps) so the axis ends on a readable number. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return v
  const p = Math.pow(10, Math.floor(Math.log10(v)))
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p
  return 10 * p
}

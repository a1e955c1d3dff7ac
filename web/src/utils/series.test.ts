import { describe, expect, it } from 'vitest'
import type { SitesApi } from '@/api/sites'
import { buildSeries, chartOption, formatValue, gapThreshold, niceCeil, seriesStats, tooltipHtml, type ChartLabels } from './series'
import { SHANGHAI_OFFSET_MS, formatTime, rangeOf, defaultPreset, presetsFor, toIsoShanghai } from './time'
import { stateColor, stateKey, stateTagType, summarize, STATE_COLORS } from './siteState'

const raw = (t: string, value: number | null, flag = 'N'): SitesApi.RawPoint => ({ t, value, text: String(value), flag })
const agg = (t: string, value: number | null, coverage: number, valid = 50, count = 60): SitesApi.AggPoint => ({
  t,
  value,
  min: value,
  max: value,
  count,
  valid_count: valid,
  coverage,
})
const ms = (iso: string) => Date.parse(iso)

const labels: ChartLabels = {
  valid: '有效数据',
  flagged: '标记数据',
  average: '均值',
  coverage: '数据完整率',
  min: '最小',
  max: '最大',
  counts: (v, n) => `有效 ${v}/${n} 条`,
  flag: (c) => ({ D: '故障', C: '校准' })[c] ?? '其他标记',
  limit: (l) => `${l.standard} 限值 ${l.value}`,
}

describe('raw series', () => {
  const items = [
    raw('2026-11-29T10:00:00+08:00', 0.5),
    raw('2026-11-29T10:01:00+08:00', 0.6),
    raw('2026-11-29T10:02:00+08:00', 9.9, 'D'),
    raw('2026-11-29T10:03:00+08:00', 0.7),
    raw('2026-11-29T10:04:00+08:00', 0.8, 'C'),
    raw('2026-11-29T10:05:00+08:00', 0.9),
    // an hour without data, then two more
    raw('2026-11-29T11:05:00+08:00', 1.1),
    raw('2026-11-29T11:06:00+08:00', null),
    raw('2026-11-29T11:07:00+08:00', 1.2),
  ]
  const s = buildSeries('raw', items)

  it('keeps flagged values apart from the line, with their flag', () => {
    expect(s.flagged.map((f) => f.raw.flag)).toEqual(['D', 'C'])
    expect(s.flagged[0].value).toEqual([ms('2026-11-29T10:02:00+08:00') + SHANGHAI_OFFSET_MS, 9.9])
    expect(s.valid.some((p) => p.value[1] === 9.9)).toBe(false)
  })

  it('breaks the line where readings stop for a while, and skips empty values', () => {
    const values = s.valid.map((p) => p.value[1])
    expect(values).toEqual([0.5, 0.6, 0.7, 0.9, null, 1.1, 1.2])
    expect(s.total).toBe(9)
  })

  it('shifts times to Shanghai wall-clock for a UTC chart', () => {
    expect(new Date(s.valid[0].value[0]).getUTCHours()).toBe(10)
  })

  it('sorts readings that arrive out of order', () => {
    const r = buildSeries('raw', [raw('2026-11-29T10:02:00+08:00', 2), raw('2026-11-29T10:01:00+08:00', 1)])
    expect(r.valid.map((p) => p.value[1])).toEqual([1, 2])
  })

  it('summarises latest, min, max, mean and flagged count', () => {
    const st = seriesStats(s)
    expect(st.latest).toBe(1.2)
    expect(st.latestAt).toBe('2026-11-29T11:07:00+08:00')
    expect(st.min).toBe(0.5)
    expect(st.max).toBe(1.2)
    expect(st.avg).toBeCloseTo((0.5 + 0.6 + 0.7 + 0.9 + 1.1 + 1.2) / 6)
    expect(st.flagged).toBe(2)
    expect(seriesStats(buildSeries('raw', [])).latest).toBeNull()
  })

  it('draws the flagged values as red triangles and a labelled limit line', () => {
    const o = chartOption({ series: s, unit: 'mg/m³', limits: [{ value: 1, unit: 'mg/m³', standard: 'DB50/859-2018' }], labels }) as any
    const [line, flagged] = o.series
    expect(line.type).toBe('line')
    expect(flagged).toMatchObject({ id: 'flagged', type: 'scatter', symbol: 'triangle', name: '标记数据' })
    expect(line.markLine.data).toHaveLength(1)
    expect(line.markLine.data[0]).toMatchObject({ yAxis: 1, name: 'DB50/859-2018 限值 1' })
    expect(o.useUTC).toBe(true)
    // A flagged 9.9 lies far above the limit: the axis scales itself.
    expect(o.yAxis[0].max).toBeUndefined()
    expect(o.yAxis[0].name).toBe('mg/m³')
  })

  it('stretches the axis up to a limit line that lies above every value', () => {
    const low = buildSeries('raw', [raw('2026-11-29T10:00:00+08:00', 0.4), raw('2026-11-29T10:01:00+08:00', 0.6)])
    const o = chartOption({ series: low, unit: 'mg/m³', limits: [{ value: 1, unit: 'mg/m³', standard: 'DB50/859-2018' }], labels }) as any
    expect(o.yAxis[0].max).toBe(1.2)
    expect(o.yAxis[0].name).toBe('mg/m³')
  })

  it('spans the axis over the asked window, in Shanghai wall-clock', () => {
    const from = ms('2026-11-28T12:00:00+08:00')
    const to = ms('2026-11-29T12:00:00+08:00')
    const o = chartOption({ series: s, unit: '', limits: [], labels, window: [from, to] }) as any
    expect(new Date(o.xAxis.min).getUTCHours()).toBe(12)
    expect(o.xAxis.max - o.xAxis.min).toBe(24 * 3600_000)
    expect(chartOption({ series: buildSeries('day', []), unit: '', limits: [], labels }).xAxis).toMatchObject({ minInterval: 86400_000 })
  })

  it('draws no limit line when none is known', () => {
    const o = chartOption({ series: s, unit: 'mg/m³', limits: [], labels }) as any
    expect(o.series[0].markLine).toBeUndefined()
    expect(o.yAxis[0].max).toBeUndefined()
  })

  it('names the flag in the tooltip and escapes what it shows', () => {
    const f = s.flagged[0]
    const html = tooltipHtml([{ seriesId: 'flagged', data: f, marker: '' }], { unit: 'mg/m³', labels })
    expect(html).toContain('2026-11-29 10:02:00')
    expect(html).toContain('D 故障')
    expect(html).toContain('<b>9.9</b> mg/m³')
    const evil = tooltipHtml([{ seriesId: 'flagged', data: { value: [0, 1], raw: raw('x', 1, '<img>') } }], { unit: '', labels })
    expect(evil).not.toContain('<img>')
    expect(evil).toContain('&lt;img&gt;')
  })
})

describe('hour and day series', () => {
  const items = [
    agg('2026-11-29T08:00:00+08:00', 40, 1),
    agg('2026-11-29T09:00:00+08:00', 50, 0.5, 30, 30),
    agg('2026-11-29T10:00:00+08:00', null, 0, 0, 12),
    agg('2026-11-29T11:00:00+08:00', 45, 0.25),
  ]
  const s = buildSeries('hour', items)

  it('gives coverage in percent for every hour, and breaks the line at an hour without valid data', () => {
    expect(s.coverage.map((c) => c[1])).toEqual([100, 50, 0, 25])
    expect(s.valid.map((p) => p.value[1])).toEqual([40, 50, null, 45])
    expect(s.flagged).toEqual([])
  })

  it('draws coverage as bars on a 0-100 % axis and shows min, max and counts in the tooltip', () => {
    const o = chartOption({ series: s, unit: 'µg/m³', limits: [], labels }) as any
    expect(o.series.map((x: any) => x.id)).toEqual(['valid', 'coverage'])
    expect(o.series[1]).toMatchObject({ type: 'bar', yAxisIndex: 1 })
    expect(o.yAxis[1]).toMatchObject({ min: 0, max: 100 })
    const html = tooltipHtml(
      [
        { seriesId: 'valid', data: s.valid[1] },
        { seriesId: 'coverage', data: s.coverage[1] },
      ],
      { unit: 'µg/m³', labels },
    )
    expect(html).toContain('均值: <b>50</b> µg/m³')
    expect(html).toContain('有效 30/30 条')
    expect(html).toContain('数据完整率: <b>50%</b>')
  })

  it('uses fixed gaps for hours and days, and three typical steps for raw values', () => {
    expect(gapThreshold('hour', [])).toBe(1.5 * 3600_000)
    expect(gapThreshold('day', [])).toBe(1.5 * 86400_000)
    expect(gapThreshold('raw', [0, 60_000, 120_000, 180_000])).toBe(180_000)
    expect(gapThreshold('raw', [0, 5_000, 10_000])).toBe(120_000)
    expect(gapThreshold('raw', [0])).toBe(Infinity)
  })
})

describe('formatting', () => {
  it('shows values with sensible decimals', () => {
    expect(formatValue(1.23456)).toBe('1.235')
    expect(formatValue(35.678)).toBe('35.68')
    expect(formatValue(412.34)).toBe('412.3')
    expect(formatValue(2)).toBe('2')
    expect(formatValue(null)).toBe('—')
  })
  it('rounds axis ends up to readable numbers', () => {
    expect(niceCeil(1.1)).toBe(1.2)
    expect(niceCeil(77)).toBe(80)
    expect(niceCeil(0)).toBe(0)
  })
  it('shows and writes times in Shanghai time whatever the zone of the input', () => {
    expect(formatTime('2026-11-29T02:30:00Z')).toBe('2026-11-29 10:30')
    expect(formatTime('2026-11-29T10:30:05+08:00', true)).toBe('2026-11-29 10:30:05')
    expect(formatTime(null)).toBe('')
    expect(toIsoShanghai(Date.parse('2026-11-29T16:00:00Z'))).toBe('2026-11-30T00:00:00+08:00')
  })
  it('turns time presets and chosen days into from/to', () => {
    const now = Date.parse('2026-11-29T12:00:00+08:00')
    expect(rangeOf('24h', now)).toEqual({ from: '2026-11-28T12:00:00+08:00', to: '2026-11-29T12:01:00+08:00' })
    expect(rangeOf('custom', now, ['2026-11-27', '2026-11-25'])).toEqual({
      from: '2026-11-25T00:00:00+08:00',
      to: '2026-11-28T00:00:00+08:00',
    })
    expect(rangeOf('custom', now, ['2026-11-27', ''])).toBeNull()
    expect(defaultPreset('raw')).toBe('24h')
    expect(defaultPreset('hour')).toBe('48h')
    expect(defaultPreset('day')).toBe('31d')
    expect(presetsFor('raw')).not.toContain('31d')
  })
})

describe('site states', () => {
  it('colours normal green and no data grey; unknown states like no data', () => {
    expect(stateColor('normal')).toBe(STATE_COLORS.normal)
    expect(stateColor('no_data')).toBe(STATE_COLORS.no_data)
    expect(stateColor('whatever')).toBe(STATE_COLORS.no_data)
    expect(stateColor(undefined)).toBe(STATE_COLORS.no_data)
    expect(STATE_COLORS.normal).not.toBe(STATE_COLORS.no_data)
    expect(stateTagType('normal')).toBe('success')
    expect(stateTagType('no_data')).toBe('info')
    expect(stateKey('normal')).toBe('siteStates.normal')
    expect(stateKey('later_state')).toBe('siteStates.unknown')
  })
  it('counts sites by kind and state, and devices online', () => {
    const c = summarize([
      { kind: 'restaurant', state: 'normal', devices_online: 1, devices_total: 1 },
      { kind: 'restaurant', state: 'no_data', devices_online: 0, devices_total: 1 },
      { kind: 'construction', state: 'normal', devices_online: 1, devices_total: 2 },
    ])
    expect(c).toEqual({
      sites: 3,
      byKind: { restaurant: 2, construction: 1 },
      byState: { normal: 2, no_data: 1 },
      devicesOnline: 2,
      devicesTotal: 4,
    })
  })
})

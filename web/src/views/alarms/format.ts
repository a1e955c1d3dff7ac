import type { AlarmsApi } from '@/api/alarms'

/** Element Plus tag type of a severity. */
export function severityType(s: string): 'danger' | 'warning' | 'info' {
  return s === 'critical' ? 'danger' : s === 'major' ? 'warning' : 'info'
}

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2).replace(/\.?0+$/, ''))

/** "油烟 2.35 / 1 mg/m³": the factor, the last value against the threshold, the unit; "" when there is none. */
export function alarmValue(a: Pick<AlarmsApi.Alarm, 'factor_name' | 'value' | 'threshold' | 'unit'>): string {
  const parts: string[] = []
  if (a.factor_name) parts.push(a.factor_name)
  if (a.value !== null && a.value !== undefined) {
    parts.push(a.threshold !== null && a.threshold !== undefined ? `${num(a.value)} / ${num(a.threshold)}` : num(a.value))
    if (a.unit) parts.push(a.unit)
  }
  return parts.join(' ')
}

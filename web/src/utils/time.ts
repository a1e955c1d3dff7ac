/**
 * Times of the platform are Asia/Shanghai (UTC+8, no daylight saving), whatever the browser's zone:
 * the server sends ISO 8601 with +08:00 and the UI shows the district's wall-clock time.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

/** Milliseconds since the epoch of an ISO time; NaN when it does not parse. */
export function parseTime(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : NaN
}

/** "2026-11-29 10:30" (Asia/Shanghai); seconds on request; "" for no time. */
export function formatTime(t: string | number | null | undefined, seconds = false): string {
  const ms = typeof t === 'number' ? t : parseTime(t)
  if (!Number.isFinite(ms)) return ''
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  const s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  return seconds ? `${s}:${pad(d.getUTCSeconds())}` : s
}

/** ISO 8601 with +08:00, as the API writes it. */
export function toIsoShanghai(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  )
}

/** The start of a Shanghai calendar day "YYYY-MM-DD" as epoch milliseconds. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`)
}

/** Today in Shanghai as "YYYY-MM-DD". */
export function shanghaiDay(ms: number): string {
  return toIsoShanghai(ms).slice(0, 10)
}

/** Hour of the day in Shanghai (0-23). */
export function shanghaiHour(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCHours()
}

export const RANGE_PRESETS = ['24h', '48h', '7d', '31d'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number] | 'custom'

const PRESET_MS: Record<(typeof RANGE_PRESETS)[number], number> = {
  '24h': 24 * 3600_000,
  '48h': 48 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '31d': 31 * 24 * 3600_000,
}

/** The preset each data kind opens with (the API's own defaults). */
export function defaultPreset(kind: string): RangePreset {
  return kind === 'day' ? '31d' : kind === 'hour' ? '48h' : '24h'
}

/** Raw values come every minute or so: longer than 7 days is too many points to draw. */
export function presetsFor(kind: string): (typeof RANGE_PRESETS)[number][] {
  return kind === 'raw' ? ['24h', '48h', '7d'] : [...RANGE_PRESETS]
}

/** from/to of a preset ending now, or of whole Shanghai days (to: the end of the last day). */
export function rangeOf(preset: RangePreset, now: number, days?: [string, string] | null): { from: string; to: string } | null {
  if (preset === 'custom') {
    if (!days || !days[0] || !days[1]) return null
    const [a, b] = days[0] <= days[1] ? days : [days[1], days[0]]
    return { from: toIsoShanghai(dayStart(a)), to: toIsoShanghai(dayStart(b) + 24 * 3600_000) }
  }
  return { from: toIsoShanghai(now - PRESET_MS[preset]), to: toIsoShanghai(now + 60_000) }
}

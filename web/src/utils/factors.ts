/**
 * The monitoring factors of the demo: HJ 212 code -> names and unit (after the server's catalogue,
 * src/greenloop/standards/factors.cpp), and the limit lines the UI may draw.
 * A limit is drawn only where it is known from a named standard; each carries that standard's name.
 */
export interface Factor {
  code: string
  zh: string
  en: string
  /** Empty for dimensionless factors (pH). */
  unit: string
}

const F = (code: string, zh: string, en: string, unit: string): Factor => ({ code, zh, en, unit })

export const FACTORS: readonly Factor[] = [
  // air
  F('a34004', '细颗粒物 PM2.5', 'PM2.5', 'µg/m³'),
  F('a34002', '可吸入颗粒物 PM10', 'PM10', 'µg/m³'),
  F('a34001', '总悬浮颗粒物 TSP', 'TSP', 'µg/m³'),
  F('a21026', '二氧化硫 SO₂', 'Sulphur dioxide (SO₂)', 'µg/m³'),
  F('a21004', '二氧化氮 NO₂', 'Nitrogen dioxide (NO₂)', 'µg/m³'),
  F('a21005', '一氧化碳 CO', 'Carbon monoxide (CO)', 'mg/m³'),
  F('a05024', '臭氧 O₃', 'Ozone (O₃)', 'µg/m³'),
  // meteorology
  F('a01001', '气温', 'Air temperature', '℃'),
  F('a01002', '相对湿度', 'Relative humidity', '%'),
  F('a01006', '气压', 'Air pressure', 'kPa'),
  F('a01007', '风速', 'Wind speed', 'm/s'),
  F('a01008', '风向', 'Wind direction', '°'),
  // water
  F('w01001', 'pH 值', 'pH', ''),
  F('w01009', '溶解氧', 'Dissolved oxygen (DO)', 'mg/L'),
  F('w01010', '水温', 'Water temperature', '℃'),
  F('w01014', '电导率', 'Conductivity', 'µS/cm'),
  F('w01019', '高锰酸盐指数', 'Permanganate index (CODMn)', 'mg/L'),
  F('w21003', '氨氮', 'Ammonia nitrogen (NH₃-N)', 'mg/L'),
  F('w21011', '总磷', 'Total phosphorus (TP)', 'mg/L'),
  F('w21001', '总氮', 'Total nitrogen (TN)', 'mg/L'),
  // noise
  F('LA', 'A 声级', 'A-weighted sound level', 'dB(A)'),
  F('Leq', '等效声级', 'Equivalent sound level (Leq)', 'dB(A)'),
  // cooking fume (platform-local codes)
  F('gl_fume', '油烟浓度', 'Cooking fume concentration', 'mg/m³'),
  F('gl_fan_i', '风机电流', 'Exhaust fan current', 'A'),
  F('gl_pur_i', '净化器电流', 'Purifier current', 'A'),
]

const BY_CODE = new Map(FACTORS.map((f) => [f.code, f]))

export function findFactor(code: string): Factor | undefined {
  return BY_CODE.get(code)
}

/** The factor's name in the UI language; an unknown code is shown as it is. */
export function factorName(code: string, locale: string): string {
  const f = BY_CODE.get(code)
  if (!f) return code
  return locale === 'en' ? f.en : f.zh
}

export function factorUnit(code: string): string {
  return BY_CODE.get(code)?.unit ?? ''
}

/** "油烟浓度（mg/m³）" / "Cooking fume concentration (mg/m³)"; no brackets when there is no unit. */
export function factorLabel(code: string, locale: string): string {
  const name = factorName(code, locale)
  const unit = factorUnit(code)
  if (!unit) return name
  return locale === 'en' ? `${name} (${unit})` : `${name}（${unit}）`
}

/** Orders codes as the table does (air, meteorology, water, noise, fume); unknown codes last, as given. */
export function sortFactors(codes: Iterable<string>): string[] {
  const order = new Map(FACTORS.map((f, i) => [f.code, i]))
  const unique = [...new Set(codes)]
  return unique
    .map((c, i) => ({ c, k: order.get(c) ?? FACTORS.length + i }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c)
}

/** A limit line: the value, the standard it comes from, and for noise the period it applies to. */
export interface Limit {
  value: number
  unit: string
  standard: string
  /** Day (06:00-22:00) or night limit; absent: always. */
  period?: 'day' | 'night'
}

/** Cooking-fume emission limits by the site's declared standard. */
export const FUME_LIMITS: Readonly<Record<string, number>> = {
  'DB50/859-2018': 1.0,
  'GB 18483-2001': 2.0,
}

/** Construction-site boundary noise, GB 12523-2011: day 70, night 55 dB(A). */
export const CONSTRUCTION_NOISE = { standard: 'GB 12523-2011', day: 70, night: 55 } as const

interface SiteLike {
  kind: string
  attributes: Record<string, unknown>
}

function attr(site: SiteLike, key: string): string {
  const v = site.attributes?.[key]
  return typeof v === 'string' ? v.trim() : ''
}

/** The limit lines known for a factor at a site; empty when none is known. */
export function limitsFor(site: SiteLike, code: string): Limit[] {
  if (code === 'gl_fume') {
    const standard = attr(site, 'fume_standard')
    const value = FUME_LIMITS[standard]
    return value === undefined ? [] : [{ value, unit: 'mg/m³', standard }]
  }
  if ((code === 'LA' || code === 'Leq') && site.kind === 'construction') {
    const declared = attr(site, 'noise_standard')
    if (declared && declared !== CONSTRUCTION_NOISE.standard) return []
    const { standard, day, night } = CONSTRUCTION_NOISE
    return [
      { value: day, unit: 'dB(A)', standard, period: 'day' },
      { value: night, unit: 'dB(A)', standard, period: 'night' },
    ]
  }
  return []
}

/** HJ 212 data flags: N is a valid reading, every other flag marks the value as not valid. */
export const FLAGS = ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'] as const

export function isValidFlag(flag: string | null | undefined): boolean {
  return !flag || flag === 'N'
}

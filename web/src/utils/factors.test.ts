import { describe, expect, it } from 'vitest'
import { FACTORS, factorLabel, factorName, factorUnit, isValidFlag, limitsFor, sortFactors } from './factors'

describe('factor table', () => {
  it('holds each code once, with both names, for every factor of the demo devices', () => {
    const codes = FACTORS.map((f) => f.code)
    expect(new Set(codes).size).toBe(codes.length)
    const demo = [
      'a34004', 'a34002', 'a21026', 'a21004', 'a21005', 'a05024',
      'a01001', 'a01002', 'a01006', 'a01007', 'a01008',
      'w01001', 'w01009', 'w01019', 'w21003', 'w21011', 'w21001', 'w01010', 'w01014',
      'LA', 'Leq', 'a34001', 'gl_fume', 'gl_fan_i', 'gl_pur_i',
    ]
    for (const c of demo) expect(codes, c).toContain(c)
    for (const f of FACTORS) {
      expect(f.zh.trim(), f.code).not.toBe('')
      expect(f.en.trim(), f.code).not.toBe('')
    }
  })

  it('gives names and units by language; unknown codes stay as they are', () => {
    expect(factorName('a34004', 'zh-CN')).toBe('细颗粒物 PM2.5')
    expect(factorName('a34004', 'en')).toBe('PM2.5')
    expect(factorUnit('a34004')).toBe('µg/m³')
    expect(factorUnit('a21005')).toBe('mg/m³')
    expect(factorUnit('LA')).toBe('dB(A)')
    expect(factorUnit('gl_fume')).toBe('mg/m³')
    expect(factorUnit('gl_fan_i')).toBe('A')
    expect(factorLabel('gl_fume', 'zh-CN')).toBe('油烟浓度（mg/m³）')
    expect(factorLabel('gl_fume', 'en')).toBe('Cooking fume concentration (mg/m³)')
    expect(factorLabel('w01001', 'zh-CN')).toBe('pH 值')
    expect(factorName('x99999', 'zh-CN')).toBe('x99999')
    expect(factorUnit('x99999')).toBe('')
  })

  it('orders codes as the table does, unknown codes last, without duplicates', () => {
    expect(sortFactors(['gl_pur_i', 'x1', 'gl_fume', 'a34002', 'gl_fume'])).toEqual(['a34002', 'gl_fume', 'gl_pur_i', 'x1'])
  })

  it('treats only N (or no flag) as valid', () => {
    expect(isValidFlag('N')).toBe(true)
    expect(isValidFlag('')).toBe(true)
    for (const f of ['D', 'C', 'M', 'T', 'F', 'B', 'S']) expect(isValidFlag(f), f).toBe(false)
  })
})

describe('limit lines', () => {
  const restaurant = (fume_standard?: string) => ({ kind: 'restaurant', attributes: fume_standard ? { fume_standard } : {} })

  it('draws the cooking-fume limit of the declared standard only', () => {
    expect(limitsFor(restaurant('DB50/859-2018'), 'gl_fume')).toEqual([{ value: 1.0, unit: 'mg/m³', standard: 'DB50/859-2018' }])
    expect(limitsFor(restaurant('GB 18483-2001'), 'gl_fume')).toEqual([{ value: 2.0, unit: 'mg/m³', standard: 'GB 18483-2001' }])
    expect(limitsFor(restaurant(), 'gl_fume')).toEqual([])
    expect(limitsFor(restaurant('some other'), 'gl_fume')).toEqual([])
    expect(limitsFor(restaurant('DB50/859-2018'), 'gl_fan_i')).toEqual([])
  })

  it('draws the construction noise day and night limits of GB 12523-2011', () => {
    const site = { kind: 'construction', attributes: { noise_standard: 'GB 12523-2011', noise_zone: '2' } }
    expect(limitsFor(site, 'LA')).toEqual([
      { value: 70, unit: 'dB(A)', standard: 'GB 12523-2011', period: 'day' },
      { value: 55, unit: 'dB(A)', standard: 'GB 12523-2011', period: 'night' },
    ])
    expect(limitsFor(site, 'a34002')).toEqual([])
  })

  it('draws no noise limit where the standard is another or the site is no construction site', () => {
    expect(limitsFor({ kind: 'construction', attributes: { noise_standard: 'GB 12348-2008' } }, 'LA')).toEqual([])
    expect(limitsFor({ kind: 'industrial', attributes: { noise_standard: 'GB 12348-2008', noise_zone: '2' } }, 'LA')).toEqual([])
    expect(limitsFor({ kind: 'air_station', attributes: {} }, 'a34004')).toEqual([])
  })
})

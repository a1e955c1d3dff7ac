import { describe, expect, it } from 'vitest'
import type { Unit } from '@/api/types'
import { buildUnitTree, findUnit, unitLabel, unitOptions } from './unitTree'

const u = (id: string, parent: string | null, kind: Unit['kind'], code: string, active = true): Unit => ({
  id,
  parent_id: parent,
  kind,
  code,
  name: `单位${id}`,
  name_en: `Unit ${id}`,
  active,
})

describe('unit tree', () => {
  it('nests by parent_id and sorts by kind then code', () => {
    const tree = buildUnitTree([u('3', '1', 'subdistrict', 'b'), u('2', '1', 'department', 'z'), u('1', null, 'district', 'yz'), u('4', '1', 'subdistrict', 'a')])
    expect(tree.map((n) => n.id)).toEqual(['1'])
    expect(tree[0].children!.map((n) => n.id)).toEqual(['2', '4', '3'])
  })

  it('keeps units whose parent is missing as roots', () => {
    const tree = buildUnitTree([u('5', '99', 'enterprise', 'e')])
    expect(tree.map((n) => n.id)).toEqual(['5'])
  })

  it('makes tree-select options in the UI language, inactive units disabled', () => {
    const opts = unitOptions(buildUnitTree([u('1', null, 'district', 'yz'), u('2', '1', 'department', 'x', false)]), true)
    expect(opts[0].label).toBe('Unit 1')
    expect(opts[0].children![0]).toMatchObject({ value: '2', disabled: true })
    expect(unitLabel({ name: '渝中区', name_en: '' }, true)).toBe('渝中区')
  })

  it('finds a unit anywhere in the tree', () => {
    const tree = buildUnitTree([u('1', null, 'district', 'yz'), u('3', '1', 'subdistrict', 'h'), u('4', '3', 'enterprise', 'e')])
    expect(findUnit(tree, '4')?.code).toBe('e')
    expect(findUnit(tree, '3')?.children?.map((c) => c.id)).toEqual(['4'])
    expect(findUnit(tree, '99')).toBeUndefined()
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n, setLocale } from '@/locales'
import type { Role, Unit } from '@/api/types'

vi.mock('@/api/units', () => ({
  listAllUnits: vi.fn(),
  createUnit: vi.fn(),
  updateUnit: vi.fn(),
  deactivateUnit: vi.fn(),
}))
import { listAllUnits } from '@/api/units'
import { useSessionStore } from '@/stores/session'
import UnitsPage from './index.vue'

const u = (id: string, parent: string | null, kind: Unit['kind'], code: string, name: string, active = true): Unit => ({
  id,
  parent_id: parent,
  kind,
  code,
  name,
  name_en: code.toUpperCase(),
  active,
})
const units = [
  u('1', null, 'district', 'yz', '渝中区'),
  u('2', '1', 'department', 'eeb', '生态环境局'),
  u('3', '1', 'subdistrict', 'hlq', '化龙桥街道'),
  u('4', '3', 'enterprise', 'e_qhw', '清河水务（虚构演示）'),
]

function mountAs(roles: Role[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const s = useSessionStore()
  s.user = {
    id: '9',
    login: 'x',
    name: 'X',
    unit: { id: '1', code: 'yz', name: '渝中区', name_en: 'Yuzhong', kind: 'district' },
    roles,
    phone: null,
    active: true,
  }
  s.restored = true
  return mount(UnitsPage, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
}

const rowTexts = (w: ReturnType<typeof mountAs>) =>
  w.findAll('[data-testid="units-table"] .el-table__body tbody tr').map((r) => r.text())

beforeEach(() => {
  setLocale('zh-CN')
  vi.mocked(listAllUnits).mockReset()
  vi.mocked(listAllUnits).mockResolvedValue(units)
})

describe('units page', () => {
  it('shows the units as a tree with their kind, and the actions to an admin', async () => {
    const w = mountAs(['admin'])
    await flushPromises()
    expect(listAllUnits).toHaveBeenCalledWith(false)
    const rows = rowTexts(w)
    expect(rows.length).toBe(4)
    expect(rows[0]).toContain('渝中区')
    expect(rows[0]).toContain('区级')
    expect(w.text()).toContain('共 4 条')
    expect(w.find('[data-testid="unit-create"]').exists()).toBe(true)
    expect(w.text()).toContain('新建下级')
    w.unmount()
  })

  it('filters by keyword into a flat list', async () => {
    const w = mountAs(['admin'])
    await flushPromises()
    await w.find('#units-q').setValue('化龙桥')
    await flushPromises()
    const rows = rowTexts(w)
    expect(rows.length).toBe(1)
    expect(rows[0]).toContain('hlq')
    expect(w.text()).toContain('共 1 条')
    w.unmount()
  })

  it('offers a leader no changes', async () => {
    const w = mountAs(['leader'])
    await flushPromises()
    expect(w.find('[data-testid="unit-create"]').exists()).toBe(false)
    expect(w.text()).not.toContain('新建下级')
    w.unmount()
  })

  it('asks again with inactive units when the box is ticked', async () => {
    const w = mountAs(['admin'])
    await flushPromises()
    await w.find('input[type="checkbox"]').setValue(true)
    await flushPromises()
    expect(listAllUnits).toHaveBeenLastCalledWith(true)
    w.unmount()
  })
})

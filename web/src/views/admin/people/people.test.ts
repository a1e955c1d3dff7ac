import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@/api/http'
import { i18n, setLocale } from '@/locales'
import type { Person, Role, User } from '@/api/types'

vi.mock('@/api/people', () => ({
  listPeople: vi.fn(),
  createPerson: vi.fn(),
  updatePerson: vi.fn(),
  resetPassword: vi.fn(),
  deactivatePerson: vi.fn(),
}))
vi.mock('@/api/units', () => ({ listAllUnits: vi.fn() }))
import { listPeople } from '@/api/people'
import { listAllUnits } from '@/api/units'
import { useSessionStore } from '@/stores/session'
import PeoplePage from './index.vue'

const hlq = { id: '42', code: 'hlq', name: '化龙桥街道', name_en: 'Hualongqiao Subdistrict', kind: 'subdistrict' as const }

function user(roles: Role[]): User {
  return { id: '1', login: 'u', name: '用户', unit: hlq, roles, phone: null, active: true }
}

const people: Person[] = [
  { id: '7', login: 'hlq.officer', name: '彭晓辉', unit_id: '42', unit_name: '化龙桥街道', roles: ['officer'], phone: null, active: true },
  { id: '8', login: 'hlq.leader', name: '蒋文涛', unit_id: '42', unit_name: '化龙桥街道', roles: ['leader', 'river_chief'], phone: '023-1234567', active: true },
]

function mountAs(roles: Role[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const s = useSessionStore()
  s.user = user(roles)
  s.csrfToken = 't'
  s.restored = true
  return mount(PeoplePage, { global: { plugins: [pinia, i18n] } })
}

beforeEach(() => {
  setLocale('zh-CN')
  vi.mocked(listPeople).mockReset()
  vi.mocked(listAllUnits).mockReset()
  vi.mocked(listAllUnits).mockResolvedValue([{ ...hlq, parent_id: null, active: true }])
})

describe('people page', () => {
  it('starts an officer at their own unit, read-only', async () => {
    vi.mocked(listPeople).mockResolvedValue({ items: people, total: 2 })
    const w = mountAs(['officer'])
    await flushPromises()
    expect(listPeople).toHaveBeenCalledWith(expect.objectContaining({ unit: '42', page: 1, page_size: 20 }))
    expect(w.find('[data-testid="person-create"]').exists()).toBe(false)
    expect(w.text()).toContain('新增和修改由系统管理员办理')
    expect(w.text()).toContain('彭晓辉')
    expect(w.text()).toContain('河长')
    expect(w.find('[data-testid="people-total"]').text()).toBe('共 2 条')
    w.unmount()
  })

  it('lets an admin list every unit and offers the actions', async () => {
    vi.mocked(listPeople).mockResolvedValue({ items: people, total: 2 })
    const w = mountAs(['admin'])
    await flushPromises()
    expect(vi.mocked(listPeople).mock.calls[0][0]?.unit).toBeUndefined()
    expect(w.find('[data-testid="person-create"]').exists()).toBe(true)
    expect(w.text()).toContain('重置密码')
    w.unmount()
  })

  it("shows the server's refusal as a translated alert and an empty list", async () => {
    vi.mocked(listPeople).mockRejectedValue(new ApiError(403, 'forbidden', 'outside your scope'))
    const w = mountAs(['officer'])
    await flushPromises()
    const alert = w.find('[data-testid="people-error"]')
    expect(w.find('[role="note"]').text()).toContain('新增和修改由系统管理员办理')
    expect(alert.exists()).toBe(true)
    expect(alert.text()).toContain('没有权限执行此操作')
    expect(w.find('[data-testid="people-total"]').text()).toBe('共 0 条')
    w.unmount()
  })

  it('searches again from page one when the keyword is submitted', async () => {
    vi.mocked(listPeople).mockResolvedValue({ items: people, total: 2 })
    const w = mountAs(['admin'])
    await flushPromises()
    await w.find('#people-q').setValue('蒋')
    await w.find('[data-testid="people-filters"]').trigger('submit')
    await flushPromises()
    expect(listPeople).toHaveBeenLastCalledWith(expect.objectContaining({ q: '蒋', page: 1 }))
    w.unmount()
  })
})

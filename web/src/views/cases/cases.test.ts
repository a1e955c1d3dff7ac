import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n, setLocale } from '@/locales'
import type { CasesApi } from '@/api/cases'
import { ACTION_FIELDS, actionBody, missingFields, offeredActions } from './actions'

vi.mock('@/api/cases', async (orig) => ({
  ...(await orig<typeof import('@/api/cases')>()),
  listCases: vi.fn(),
  getCase: vi.fn(),
  caseAction: vi.fn(),
  getRouting: vi.fn(),
  listCategories: vi.fn(),
}))
vi.mock('@/api/units', () => ({ listUnits: vi.fn() }))
vi.mock('@/components/PointMap.vue', () => ({ __esModule: true, default: { props: ['modelValue', 'label'], template: '<div data-testid="point-map" />' } }))
import { caseAction, getCase, getRouting, listCases, listCategories } from '@/api/cases'
import { listUnits } from '@/api/units'
import { useSessionStore } from '@/stores/session'
import ListPage from './list/index.vue'
import DetailPage from './detail/index.vue'

function kase(p: Partial<CasesApi.CaseDetail> = {}): CasesApi.CaseDetail {
  return {
    id: '7',
    number: 'YZ-2026-000007',
    source: 'complaint',
    category: { code: 'fume', name: '餐饮油烟', name_en: 'Cooking fumes' },
    title: '火锅店油烟扰民',
    description: '晚上油烟很大',
    location: { lon: 106.58, lat: 29.56 },
    address: '解放碑',
    site: null,
    subdistrict: { id: '34', name: '解放碑街道' },
    priority: 'normal',
    status: 'reported',
    lead_unit: null,
    co_units: [],
    accept_due_at: null,
    due_at: '2026-12-01T18:00:00+08:00',
    remind_at: null,
    overdue: false,
    escalation_level: 0,
    supervised: false,
    reporter: null,
    merged_into: null,
    alarm_ids: [],
    linked_cases: [],
    satisfaction: null,
    created_at: '2026-11-29T10:00:00+08:00',
    updated_at: '2026-11-29T10:00:00+08:00',
    closed_at: null,
    actions: ['accept', 'reject', 'note'],
    timeline: [{ id: '1', at: '2026-11-29T10:00:00+08:00', action: 'create', status_after: 'reported', actor: null, public: true, text: '群众举报' }],
    attachments: [{ id: '9', name: 'a.jpg', content_type: 'image/jpeg', size: 10, url: '/api/v1/attachments/9' }],
    ...p,
  }
}

async function mountAt(path: string, roles: string[] = ['officer']) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const s = useSessionStore()
  s.$patch({ user: { id: '1', login: 'eeb.officer', name: '王', unit: { id: '2', code: 'eeb', name: '区生态环境局', name_en: '', kind: 'department' }, roles, phone: null, active: true } as never })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases', name: 'cases', component: ListPage },
      { path: '/cases/:id', name: 'case', component: DetailPage },
      { path: '/monitoring/sites/:id', name: 'site', component: { template: '<div />' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const w = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  setLocale('zh-CN')
  document.body.innerHTML = ''
  vi.mocked(listUnits).mockResolvedValue({ items: [{ id: '34', parent_id: '1', kind: 'subdistrict', code: 'jfb', name: '解放碑街道', name_en: 'Jiefangbei', active: true }], total: 1 })
  vi.mocked(listCategories).mockResolvedValue({ items: [{ code: 'fume', name: '餐饮油烟', name_en: 'Cooking fumes', parent: null, children: [] }], total: 1 })
  vi.mocked(listCases).mockReset()
  vi.mocked(getCase).mockReset()
  vi.mocked(caseAction).mockReset()
  vi.mocked(getRouting).mockResolvedValue({ lead_unit: { id: '34', name: '解放碑街道' }, co_units: [] })
})

describe('case actions', () => {
  it('offers only known actions the server lists, in state-machine order', () => {
    expect(offeredActions(['note', 'accept', 'fly'])).toEqual(['accept', 'note'])
    expect(offeredActions(undefined)).toEqual([])
  })
  it('names the required fields still missing and builds a trimmed body without empty optionals', () => {
    expect(missingFields('reject', { reason: 'duplicate', note: '  ' })).toEqual(['note'])
    expect(missingFields('resolve', {})).toEqual(['result'])
    expect(missingFields('accept', {})).toEqual([])
    expect(actionBody('dispatch', { lead_unit_id: '34', co_unit_ids: [], note: ' 尽快 ', due_at: '' })).toEqual({ lead_unit_id: '34', note: '尽快' })
    expect(actionBody('note', { text: '已电话联系', public: false })).toEqual({ text: '已电话联系', public: false })
  })
  it('asks for a reason wherever the contract requires one', () => {
    for (const a of ['return', 'send_back', 'reopen'] as const) expect(ACTION_FIELDS[a].find((f) => f.key === 'reason')?.required, a).toBe(true)
  })
})

describe('case list', () => {
  it('lists cases, keeps the filters in the address and gives the export link the same filters', async () => {
    vi.mocked(listCases).mockResolvedValue({ items: [kase({ overdue: true })], total: 1 })
    const { w, router } = await mountAt('/cases?status=reported&overdue=1&q=油烟')
    expect(listCases).toHaveBeenCalledWith(expect.objectContaining({ status: 'reported', overdue: true, q: '油烟', page: 1 }))
    expect(w.get('[data-testid="cases-table"]').text()).toContain('YZ-2026-000007')
    expect(w.get('[data-testid="cases-table"]').text()).toContain('已超期')
    const href = w.get('[data-testid="cases-export"]').attributes('href')!
    expect(href).toMatch(/^\/api\/v1\/cases\/export\.xlsx\?/)
    expect(href).toContain('status=reported')
    expect(href).toContain('overdue=1')
    expect(href).not.toContain('page=')
    expect(router.currentRoute.value.query).toMatchObject({ status: 'reported', overdue: '1' })
    w.unmount()
  })
  it('shows the intake button to an officer but not to an enterprise user', async () => {
    vi.mocked(listCases).mockResolvedValue({ items: [], total: 0 })
    const a = await mountAt('/cases')
    expect(a.w.find('[data-testid="case-intake"]').exists()).toBe(true)
    a.w.unmount()
    const b = await mountAt('/cases', ['enterprise'])
    expect(b.w.find('[data-testid="case-intake"]').exists()).toBe(false)
    b.w.unmount()
  }, 20000)
})

describe('case detail', () => {
  it('shows the timeline and photos and only the actions the case offers', async () => {
    vi.mocked(getCase).mockResolvedValue(kase())
    const { w } = await mountAt('/cases/7')
    expect(w.get('[data-testid="case-number"]').text()).toBe('YZ-2026-000007')
    expect(w.get('[data-testid="case-timeline"]').text()).toContain('群众举报')
    expect(w.get('[data-testid="case-photos"] img').attributes('alt')).toBe('a.jpg')
    const buttons = w.findAll('[data-testid^="action-"]').map((b) => b.attributes('data-testid'))
    expect(buttons).toEqual(['action-accept', 'action-reject', 'action-note'])
    w.unmount()
  })
  it('does not send a rejection without its required note, then sends reason and note', async () => {
    vi.mocked(getCase).mockResolvedValue(kase())
    vi.mocked(caseAction).mockResolvedValue(kase({ status: 'rejected', actions: [] }))
    const { w } = await mountAt('/cases/7')
    await w.get('[data-testid="action-reject"]').trigger('click')
    await flushPromises()
    const submit = document.querySelector('[data-testid="action-submit"]') as HTMLButtonElement
    submit.click()
    await flushPromises()
    expect(caseAction).not.toHaveBeenCalled()
    expect(document.querySelectorAll('[data-testid="action-form-reject"] .el-form-item.is-error').length).toBe(2)
    const note = document.querySelector('#act-note') as HTMLTextAreaElement
    note.value = '不属实'
    note.dispatchEvent(new Event('input'))
    // The reason select: set through the component's model by choosing an option programmatically.
    const form = w.findComponent({ name: 'ActionDialog' })
    ;(form.vm as unknown as { $: { setupState: { values: Record<string, unknown> } } }).$.setupState.values.reason = 'invalid'
    submit.click()
    await flushPromises()
    expect(caseAction).toHaveBeenCalledWith('7', 'reject', { reason: 'invalid', note: '不属实' })
    expect(w.get('[data-testid="case-status"]').text()).toBe('不予受理')
    w.unmount()
  })
  it('pre-fills the lead unit of a dispatch from the routing table', async () => {
    vi.mocked(getCase).mockResolvedValue(kase({ status: 'accepted', actions: ['dispatch'] }))
    vi.mocked(caseAction).mockResolvedValue(kase({ status: 'dispatched', actions: [] }))
    const { w } = await mountAt('/cases/7')
    await w.get('[data-testid="action-dispatch"]').trigger('click')
    await flushPromises()
    expect(getRouting).toHaveBeenCalledWith('fume', '34')
    ;(document.querySelector('[data-testid="action-submit"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(caseAction).toHaveBeenCalledWith('7', 'dispatch', { lead_unit_id: '34' })
    w.unmount()
  })
})

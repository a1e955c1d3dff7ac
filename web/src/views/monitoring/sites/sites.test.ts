import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '@/api/http'
import { i18n, setLocale } from '@/locales'
import type { SitesApi } from '@/api/sites'

vi.mock('@/api/sites', async (orig) => ({ ...(await orig<typeof import('@/api/sites')>()), listSites: vi.fn() }))
vi.mock('@/api/units', () => ({ listUnits: vi.fn() }))
import { listSites } from '@/api/sites'
import { listUnits } from '@/api/units'
import SitesPage from './index.vue'

const ctm = { id: '34', parent_id: '1', kind: 'subdistrict' as const, code: 'ctm', name: '朝天门街道', name_en: 'Chaotianmen Subdistrict', active: true }

function site(p: Partial<SitesApi.Site>): SitesApi.Site {
  return {
    id: '100',
    code: 'rst-ctm-001',
    kind: 'restaurant',
    name: '青椒巷江湖菜（朝天门店·演示）',
    name_en: 'Qingjiao Lane Jianghu Cuisine',
    subdistrict_id: '34',
    department_id: '2',
    enterprise_id: '3',
    location: [106.58, 29.56],
    attributes: { fume_standard: 'DB50/859-2018' },
    active: true,
    devices_total: 1,
    devices_online: 1,
    last_seen_at: '2026-11-29T10:30:00.000+08:00',
    state: 'normal',
    ...p,
  }
}
const sites = [
  site({}),
  site({ id: '101', code: 'cst-ctm-01', kind: 'construction', name: '朝天门C4地块（演示）', devices_total: 2, devices_online: 0, last_seen_at: null, state: 'no_data' }),
]

function setPhone(phone: boolean) {
  window.matchMedia = ((q: string) => ({
    matches: phone && q.includes('max-width'),
    media: q,
    addEventListener: () => {},
    removeEventListener: () => {},
  })) as unknown as typeof window.matchMedia
}

async function mountAt(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/monitoring/sites', name: 'sites', component: SitesPage },
      { path: '/monitoring/sites/:id', name: 'site', component: { template: '<div />' } },
    ],
  })
  await router.push(path)
  await router.isReady()
  const w = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, i18n, router] } })
  await flushPromises()
  return { w, router }
}

beforeEach(() => {
  setLocale('zh-CN')
  setPhone(false)
  vi.mocked(listSites).mockReset()
  vi.mocked(listUnits).mockReset()
  vi.mocked(listUnits).mockResolvedValue({ items: [ctm], total: 1 })
})

describe('site list', () => {
  it('shows each site with its kind, subdistrict, state, devices online/total and last report, linked to its page', async () => {
    vi.mocked(listSites).mockResolvedValue({ items: sites, total: 2 })
    const { w } = await mountAt('/monitoring/sites')
    expect(listSites).toHaveBeenCalledWith(expect.objectContaining({ page: 1, page_size: 20 }))
    const rows = w.findAll('[data-testid="sites-table"] tbody tr')
    expect(rows).toHaveLength(2)
    const first = rows[0].text()
    expect(first).toContain('青椒巷江湖菜')
    expect(first).toContain('餐饮油烟')
    expect(first).toContain('朝天门街道')
    expect(first).toContain('正常')
    expect(first).toContain('1/1')
    expect(first).toContain('2026-11-29 10:30')
    const second = rows[1].text()
    expect(second).toContain('建筑工地')
    expect(second).toContain('无数据')
    expect(second).toContain('0/2')
    expect(second).toContain('从未上报')
    expect(rows[0].find('a[data-testid="site-link"]').attributes('href')).toBe('/monitoring/sites/100')
    expect(w.find('[data-testid="sites-total"]').text()).toBe('共 2 条')
    w.unmount()
  })

  it('takes its filters from the address, so a link to ?kind= opens filtered', async () => {
    vi.mocked(listSites).mockResolvedValue({ items: [sites[0]], total: 1 })
    const { w } = await mountAt('/monitoring/sites?kind=restaurant&subdistrict=34&q=青椒')
    expect(listSites).toHaveBeenCalledWith(expect.objectContaining({ kind: 'restaurant', subdistrict: '34', q: '青椒', page: 1 }))
    w.unmount()
  })

  it('ignores an unknown kind in the address', async () => {
    vi.mocked(listSites).mockResolvedValue({ items: [], total: 0 })
    const { w } = await mountAt('/monitoring/sites?kind=volcano')
    expect(vi.mocked(listSites).mock.calls[0][0]?.kind).toBeUndefined()
    expect(w.text()).toContain('暂无数据')
    w.unmount()
  })

  it('searches from page one when the keyword is submitted and keeps the filter in the address', async () => {
    vi.mocked(listSites).mockResolvedValue({ items: sites, total: 2 })
    const { w, router } = await mountAt('/monitoring/sites?page=3')
    expect(listSites).toHaveBeenLastCalledWith(expect.objectContaining({ page: 3 }))
    await w.find('#sites-q').setValue('cst')
    await w.find('[data-testid="site-filters"]').trigger('submit')
    await flushPromises()
    expect(listSites).toHaveBeenLastCalledWith(expect.objectContaining({ q: 'cst', page: 1 }))
    expect(router.currentRoute.value.query).toEqual({ q: 'cst' })
    w.unmount()
  })

  it("shows the server's refusal as a translated alert and an empty list", async () => {
    vi.mocked(listSites).mockRejectedValue(new ApiError(400, 'invalid_argument', 'unknown site kind', 'kind'))
    const { w } = await mountAt('/monitoring/sites')
    const alert = w.find('[data-testid="sites-error"]')
    expect(alert.exists()).toBe(true)
    expect(alert.text()).toContain('输入有误: unknown site kind')
    expect(w.find('[data-testid="sites-total"]').text()).toBe('共 0 条')
    w.unmount()
  })

  it('shows cards instead of a table on a phone', async () => {
    setPhone(true)
    vi.mocked(listSites).mockResolvedValue({ items: sites, total: 2 })
    const { w } = await mountAt('/monitoring/sites')
    expect(w.find('[data-testid="sites-table"]').exists()).toBe(false)
    const cards = w.findAll('[data-testid="site-cards"] li.card')
    expect(cards).toHaveLength(2)
    expect(cards[1].text()).toContain('无数据')
    expect(cards[1].text()).toContain('设备 0/2')
    w.unmount()
  })

  it('tolerates a server that does not send device counts and states yet', async () => {
    const bare = site({})
    delete bare.devices_total
    delete bare.devices_online
    delete bare.last_seen_at
    delete bare.state
    vi.mocked(listSites).mockResolvedValue({ items: [bare], total: 1 })
    const { w } = await mountAt('/monitoring/sites')
    const row = w.find('[data-testid="sites-table"] tbody tr').text()
    expect(row).toContain('未知')
    expect(row).toContain('—')
    w.unmount()
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '@/api/http'
import { i18n, setLocale } from '@/locales'
import type { SitesApi } from '@/api/sites'

vi.mock('@/api/sites', async (orig) => ({ ...(await orig<typeof import('@/api/sites')>()), getSite: vi.fn(), getReadings: vi.fn() }))
vi.mock('@/api/units', () => ({ listUnits: vi.fn() }))
// ECharts needs a canvas; the chart's option is tested in utils/series.test.ts.
vi.mock('./components/SiteChart.vue', () => ({
  default: { props: ['option', 'label'], template: '<div data-testid="site-chart" :aria-label="label" />' },
}))
import { getReadings, getSite } from '@/api/sites'
import { listUnits } from '@/api/units'
import SitePage from './index.vue'

const restaurant: SitesApi.SiteDetail = {
  id: '100',
  code: 'rst-ctm-001',
  kind: 'restaurant',
  name: '青椒巷江湖菜（朝天门店·演示）',
  name_en: 'Qingjiao Lane Jianghu Cuisine',
  subdistrict_id: '34',
  department_id: '2',
  enterprise_id: '3',
  location: [106.579657, 29.564297],
  attributes: { fume_standard: 'DB50/859-2018', burners: 2, fume_scale: 'small' },
  active: true,
  devices: [
    {
      id: '7',
      site_id: '100',
      mn: '0100C1A01000031500103015',
      protocol: '2017',
      st: '31',
      interval_s: 60,
      crc: 'strict',
      factors: ['gl_fan_i', 'gl_fume', 'gl_pur_i'],
      active: true,
      last_seen_at: '2026-11-29T10:30:00.000+08:00',
      online: true,
    },
  ],
}

function readings(kind: 'raw' | 'hour', items: unknown[]): SitesApi.Readings {
  return { site_id: '100', factor: 'gl_fume', kind, from: '2026-11-28T10:30:00+08:00', to: '2026-11-29T10:31:00+08:00', items: items as SitesApi.RawPoint[] }
}

async function mountAt(path: string) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/monitoring/sites', name: 'sites', component: { template: '<div />' } },
      { path: '/monitoring/sites/:id', name: 'site', component: SitePage },
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
  vi.mocked(getSite).mockReset()
  vi.mocked(getReadings).mockReset()
  vi.mocked(listUnits).mockReset()
  vi.mocked(listUnits).mockResolvedValue({
    items: [{ id: '34', parent_id: '1', kind: 'subdistrict', code: 'ctm', name: '朝天门街道', name_en: 'Chaotianmen', active: true }],
    total: 1,
  })
})

describe('site page', () => {
  it('shows the site, its attributes and devices, and charts its first factor with the limit of its fume standard', async () => {
    vi.mocked(getSite).mockResolvedValue(restaurant)
    vi.mocked(getReadings).mockResolvedValue(
      readings('raw', [
        { t: '2026-11-29T10:00:00+08:00', value: 0.8, text: '0.8', flag: 'N' },
        { t: '2026-11-29T10:01:00+08:00', value: 3.1, text: '3.1', flag: 'D' },
        { t: '2026-11-29T10:02:00+08:00', value: 1.2, text: '1.2', flag: 'N' },
      ]),
    )
    const { w, router } = await mountAt('/monitoring/sites/100')
    expect(getSite).toHaveBeenCalledWith('100')
    expect(w.find('[data-testid="site-name"]').text()).toBe('青椒巷江湖菜（朝天门店·演示）')
    expect(w.text()).toContain('餐饮油烟')
    expect(w.text()).toContain('朝天门街道')
    const attrs = w.find('[data-testid="site-attributes"]').text()
    expect(attrs).toContain('油烟排放标准')
    expect(attrs).toContain('DB50/859-2018')
    expect(attrs).toContain('小型')
    expect(w.find('[data-testid="devices-table"]').text()).toContain('0100C1A01000031500103015')
    // The factors are ordered as the factor table: the fume concentration first.
    expect(getReadings).toHaveBeenCalledWith('100', expect.objectContaining({ factor: 'gl_fume', kind: 'raw' }))
    expect(w.findAll('[data-testid="limit-note"]').map((n) => n.text())).toEqual(['DB50/859-2018 限值 1 mg/m³'])
    expect(w.find('[data-testid="flagged-count"]').text()).toBe('1')
    expect(w.find('[data-testid="site-chart"]').attributes('aria-label')).toBe('油烟浓度（mg/m³），实时曲线')
    expect(router.currentRoute.value.query).toMatchObject({ factor: 'gl_fume', kind: 'raw' })
    w.unmount()
  })

  it('asks for hourly means over 48 hours when the data kind is switched', async () => {
    vi.mocked(getSite).mockResolvedValue(restaurant)
    vi.mocked(getReadings).mockResolvedValue(readings('raw', []))
    const { w } = await mountAt('/monitoring/sites/100')
    vi.mocked(getReadings).mockResolvedValue(
      readings('hour', [{ t: '2026-11-29T10:00:00+08:00', value: 0.9, min: 0.5, max: 1.3, count: 60, valid_count: 57, coverage: 0.95 }]),
    )
    const hour = w.findAll('[data-testid="kind-switch"] input').find((i) => (i.element as HTMLInputElement).value === 'hour')!
    await hour.setValue(true)
    await flushPromises()
    const [, p] = vi.mocked(getReadings).mock.calls.at(-1)!
    expect(p.kind).toBe('hour')
    expect(Date.parse(p.to!) - Date.parse(p.from!)).toBe(48 * 3600_000 + 60_000)
    expect(w.text()).toContain('柱形为数据完整率')
    expect(w.find('[data-testid="site-chart"]').exists()).toBe(true)
    w.unmount()
  })

  it('says so when there are no readings in the range', async () => {
    vi.mocked(getSite).mockResolvedValue(restaurant)
    vi.mocked(getReadings).mockResolvedValue(readings('raw', []))
    const { w } = await mountAt('/monitoring/sites/100?factor=gl_fan_i')
    expect(getReadings).toHaveBeenCalledWith('100', expect.objectContaining({ factor: 'gl_fan_i' }))
    expect(w.find('[data-testid="chart-empty"]').text()).toContain('所选时间范围内没有数据')
    expect(w.find('[data-testid="site-chart"]').exists()).toBe(false)
    expect(w.text()).toContain('未配置该因子的限值')
    w.unmount()
  })

  it("shows the server's refusal when the site may not be seen", async () => {
    vi.mocked(getSite).mockRejectedValue(new ApiError(404, 'not_found'))
    const { w } = await mountAt('/monitoring/sites/999')
    expect(w.find('[data-testid="site-error"]').text()).toContain('记录不存在或无权查看')
    expect(getReadings).not.toHaveBeenCalled()
    w.unmount()
  })
})

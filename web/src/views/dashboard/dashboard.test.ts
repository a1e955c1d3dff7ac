import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n, setLocale } from '@/locales'
import type { AlarmsApi } from '@/api/alarms'

vi.mock('@/api/geo', () => ({ getSubdistricts: vi.fn().mockResolvedValue({ type: 'FeatureCollection', features: [] }) }))
vi.mock('@/api/sites', async (orig) => ({ ...(await orig<typeof import('@/api/sites')>()), listAllSites: vi.fn() }))
vi.mock('@/api/alarms', async (orig) => ({ ...(await orig<typeof import('@/api/alarms')>()), listAlarms: vi.fn(), siteStates: vi.fn() }))
vi.mock('@/api/cases', async (orig) => ({ ...(await orig<typeof import('@/api/cases')>()), caseStats: vi.fn(), listCases: vi.fn() }))
vi.mock('@/api/compliance', async (orig) => ({ ...(await orig<typeof import('@/api/compliance')>()), getAqi: vi.fn(), listWaterSections: vi.fn(), siteCompliance: vi.fn() }))
vi.mock('@/views/home/components/DistrictMap.vue', () => ({ __esModule: true, default: { props: ['data', 'sites'], template: `<ul data-testid="fake-map"><li v-for="s in sites" :key="s.id" :data-state="s.state">{{ s.id }}</li></ul>` } }))
vi.mock('./components/TrendChart.vue', () => ({ __esModule: true, default: { props: ['option', 'label'], template: '<div class="fake-chart" />' } }))
import { listAllSites } from '@/api/sites'
import { listAlarms, siteStates } from '@/api/alarms'
import { caseStats, listCases } from '@/api/cases'
import { getAqi, listWaterSections, siteCompliance } from '@/api/compliance'
import { useAlarmFeed } from '@/stores/alarmFeed'
import { classOption, lastDays, perDay, siteState, stateOfAlarm } from './trends'
import Dashboard from './index.vue'

const site = (id: string, state = 'normal') => ({ id, code: id, kind: 'restaurant', name: `站点${id}`, name_en: '', subdistrict_id: '1', department_id: null, enterprise_id: null, location: [106.5, 29.5], attributes: {}, active: true, state }) as never
const alarm = (p: Partial<AlarmsApi.Alarm>) => ({ id: '1', site: { id: 's1', code: 's1', name: '站点s1', kind: 'restaurant' }, category: 'pollution', severity: 'major', status: 'active', title: '油烟超标', last_at: '2026-11-29T18:00:00+08:00', first_at: '2026-11-29T18:00:00+08:00', ...p }) as AlarmsApi.Alarm

beforeEach(() => {
  setLocale('zh-CN')
  vi.mocked(listAllSites).mockResolvedValue({ items: [site('s1'), site('s2', 'no_data'), site('s3')], total: 3 })
  vi.mocked(siteStates).mockResolvedValue({ items: [{ site_id: 's3', state: 'suspect' }] })
  vi.mocked(listAlarms).mockResolvedValue({ items: [], total: 0 })
  vi.mocked(caseStats).mockResolvedValue({ items: [], funnel: { received: 12, in_progress: 5, overdue: 2, closed: 6 } })
  vi.mocked(listCases).mockResolvedValue({ items: [{ id: '7', number: 'YZ-2026-000007', title: '油烟扰民', due_at: '2026-11-28T18:00:00+08:00' } as never], total: 1 })
  vi.mocked(getAqi).mockResolvedValue({ date: '2026-11-29', district: { status: 'ok', aqi: 68, category: '良', category_en: 'Moderate', colour: '#ffff00', primary: ['pm25'], hourly: [] }, stations: [] })
  vi.mocked(listWaterSections).mockResolvedValue({ items: [], total: 0 })
  vi.mocked(siteCompliance).mockResolvedValue({ site: { id: 'x', name: 'x' }, period: 'day', from: '', to: '', items: [] })
})

describe('dashboard helpers', () => {
  it('colours a site by its open alarm, else by the site list (no data), else normal', () => {
    const m = new Map([['a', 'exceeding']])
    expect(siteState('a', 'no_data', m)).toBe('exceeding')
    expect(siteState('b', 'no_data', m)).toBe('no_data')
    expect(siteState('c', undefined, m)).toBe('normal')
    expect(stateOfAlarm({ category: 'suspect', status: 'active' })).toBe('suspect')
    expect(stateOfAlarm({ category: 'pollution', status: 'cleared' })).toBeNull()
  })
  it('counts alarms per Shanghai day over the last days', () => {
    const now = Date.parse('2026-11-29T12:00:00+08:00')
    const days = lastDays(3, now)
    expect(days).toEqual(['2026-11-27', '2026-11-28', '2026-11-29'])
    expect(perDay([{ first_at: '2026-11-28T23:30:00+08:00' }, { first_at: '2026-11-28T16:00:00Z' }, { first_at: '2026-10-01T00:00:00+08:00' }], days)).toEqual([0, 1, 1])
  })
  it('draws water classes as ranks with the class names on an inverted axis', () => {
    const o = classOption(['2026-11-29'], [{ name: '寸滩', data: ['劣V'] }]) as { series: { data: unknown[] }[]; yAxis: { inverse: boolean; axisLabel: { formatter: (v: number) => string } } }
    expect(o.series[0].data).toEqual([6])
    expect(o.yAxis.inverse).toBe(true)
    expect(o.yAxis.axisLabel.formatter(3)).toBe('III')
  })
})

describe('dashboard page', () => {
  it('shows AQI, funnel, overdue cases and site states, and a live alarm arriving over the stream', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const feed = useAlarmFeed()
    feed.start(() => ({ close() {} }) as unknown as WebSocket)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/dashboard', component: Dashboard }, { path: '/', component: { template: '<div/>' } }, { path: '/cases/:id', name: 'case', component: { template: '<div/>' } }] })
    await router.push('/dashboard')
    const w = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, i18n, router] } })
    await flushPromises()
    expect(w.get('[data-testid="dash-aqi-value"]').text()).toBe('68')
    expect(w.get('[data-testid="dash-aqi"]').text()).toContain('良')
    expect(w.get('[data-testid="funnel-received"]').text()).toBe('12')
    expect(w.get('[data-testid="funnel-overdue"]').text()).toBe('2')
    expect(w.get('[data-testid="dash-overdue"]').text()).toContain('YZ-2026-000007')
    const states = () => w.findAll('[data-testid="fake-map"] li').map((l) => `${l.text()}:${l.attributes('data-state')}`)
    expect(states()).toEqual(['s1:normal', 's2:no_data', 's3:suspect'])
    // A burst within one tick: every alarm of it shows, not only the last.
    feed.receive({ type: 'alarm', event: 'opened', alarm: alarm({}) })
    feed.receive({ type: 'alarm', event: 'opened', alarm: alarm({ id: '2', title: '噪声超标', site: { id: 's2', code: 's2', name: '站点s2', kind: 'construction' } }) })
    await flushPromises()
    expect(w.get('[data-testid="dash-feed"]').text()).toContain('油烟超标')
    expect(w.get('[data-testid="dash-feed"]').text()).toContain('噪声超标')
    expect(states()[0]).toBe('s1:exceeding')
    w.unmount()
  })
})

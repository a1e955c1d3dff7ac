import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n, setLocale } from '@/locales'
import { ApiError } from '@/api/http'

vi.mock('@/api/public', () => ({
  publicCategories: vi.fn(),
  uploadPhoto: vi.fn(),
  fileComplaint: vi.fn(),
  trackCase: vi.fn(),
  rateCase: vi.fn(),
  reopenCase: vi.fn(),
}))
vi.mock('@/api/compliance', async (orig) => ({ ...(await orig<typeof import('@/api/compliance')>()), getPublicAqi: vi.fn(), getPublicWater: vi.fn() }))
vi.mock('@/components/PointMap.vue', () => ({
  __esModule: true,
  default: { props: ['modelValue', 'label'], emits: ['update:modelValue'], template: `<button type="button" data-testid="fake-map" @click="$emit('update:modelValue', { lon: 106.58, lat: 29.56 })">map</button>` },
}))
import { fileComplaint, publicCategories, trackCase, uploadPhoto } from '@/api/public'
import { getPublicAqi, getPublicWater, textOn } from '@/api/compliance'
import { checkReport, complaintBody } from './usePortal'
import Portal from './index.vue'

async function mountPortal(path = '/portal') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/portal', component: Portal }, { path: '/login', component: { template: '<div />' } }] })
  await router.push(path)
  const w = mount({ template: '<RouterView />' }, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
  return w
}

beforeEach(() => {
  setLocale('zh-CN')
  document.body.innerHTML = ''
  vi.mocked(publicCategories).mockResolvedValue({
    items: [{ code: 'fume', name: '餐饮油烟', name_en: 'Cooking fumes', parent: null, children: [{ code: 'fume.restaurant', name: '饭店油烟', name_en: 'Restaurant fumes', parent: 'fume' }] }, { code: 'noise', name: '噪声', name_en: 'Noise', parent: null, children: [] }],
    total: 2,
  })
  vi.mocked(getPublicAqi).mockResolvedValue({
    date: '2026-11-30',
    district: { status: 'ok', aqi: 62, category: '良', category_en: 'Moderate', colour: '#ffff00', primary: ['pm2_5'], hourly: [] },
    stations: [{ site: { id: '5', name: '朝天门空气质量微站' }, daily: { status: 'ok', aqi: 58, category: '良', colour: '#ffff00' }, hourly: [] }],
  })
  vi.mocked(getPublicWater).mockResolvedValue({
    items: [{ site: { id: '9', name: '长江寸滩断面', kind: 'water_section' }, items: [{ status: 'insufficient' }, { status: 'ok', class: 'II', target: 'III', meets: true }, { status: 'insufficient' }] }],
  })
  vi.mocked(fileComplaint).mockReset()
  vi.mocked(trackCase).mockReset()
})

describe('report form checks', () => {
  it('asks for category, a description of 5+ characters, a point, and a valid phone if one is given', () => {
    expect(checkReport({ category: '', description: '脏', location: null, phone: '123' })).toEqual({
      category: 'pub.needCategory',
      description: 'pub.needDescription',
      location: 'pub.needLocation',
      phone: 'pub.badPhone',
    })
    expect(checkReport({ category: 'noise', description: '夜间施工噪声', location: { lon: 1, lat: 2 }, phone: '' })).toEqual({})
  })
  it('sends only what was given', () => {
    const base = { category: 'noise', description: ' 夜间施工 ', location: { lon: 106.5, lat: 29.5 }, address: '', photos: [], name: '', phone: '' }
    expect(complaintBody(base)).toEqual({ category: 'noise', description: '夜间施工', location: { lon: 106.5, lat: 29.5 } })
    expect(complaintBody({ ...base, photos: ['t1'], phone: '13800000000' })).toMatchObject({ photos: ['t1'], contact: { name: '', phone: '13800000000' } })
  })
  it('picks readable text on AQI colours', () => {
    expect(textOn('#00e400')).toBe('#1f2d27')
    expect(textOn('#7e0023')).toBe('#ffffff')
  })
})

describe('public portal', () => {
  it('files a complaint with a photo token and shows the number and tracking code', async () => {
    vi.mocked(uploadPhoto).mockResolvedValue({ token: 'ph1' })
    vi.mocked(fileComplaint).mockResolvedValue({ number: 'YZ-2026-000042', tracking_code: 'K7P2QX', status: 'reported', expected_at: null })
    globalThis.URL.createObjectURL = () => 'blob:x'
    const w = await mountPortal()
    await w.get('[data-testid="report-submit"]').trigger('submit')
    expect(fileComplaint).not.toHaveBeenCalled()
    expect(w.text()).toContain('请选择问题类型')
    await w.get('#rp-category').setValue('fume.restaurant')
    await w.get('#rp-description').setValue('饭店油烟直排，熏得睁不开眼')
    await w.get('[data-testid="fake-map"]').trigger('click')
    const input = w.get('[data-testid="photo-input"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'a.jpg', { type: 'image/jpeg' })] })
    await input.trigger('change')
    await flushPromises()
    await w.get('form[data-testid="report-form"]').trigger('submit')
    await flushPromises()
    expect(fileComplaint).toHaveBeenCalledWith({ category: 'fume.restaurant', description: '饭店油烟直排，熏得睁不开眼', location: { lon: 106.58, lat: 29.56 }, photos: ['ph1'] })
    expect(w.get('[data-testid="filed-number"]').text()).toBe('YZ-2026-000042')
    expect(w.get('[data-testid="filed-code"]').text()).toBe('K7P2QX')
    w.unmount()
  })
  it('tracks a case and says "not found" the same way for a wrong number or code', async () => {
    vi.mocked(trackCase).mockRejectedValueOnce(new ApiError(404, 'not_found'))
    vi.mocked(trackCase).mockResolvedValueOnce({
      number: 'YZ-2026-000042', category: { code: 'fume', name: '餐饮油烟', name_en: '' }, status: 'closed', status_text: '已办结', created_at: '2026-11-29T10:00:00+08:00',
      responsible_unit: '解放碑街道', expected_at: null, closed_at: '2026-11-30T10:00:00+08:00', timeline: [{ at: '2026-11-29T10:00:00+08:00', status_after: 'reported', text: '已收到您的举报' }], can_rate: true, can_reopen: true, satisfaction: null,
    })
    const w = await mountPortal()
    await w.get('#tr-number').setValue('YZ-2026-000042')
    await w.get('#tr-code').setValue('WRONG')
    await w.get('[data-testid="track-form"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="track-error"]').text()).toBe('未找到该案件，请核对受理编号和查询码')
    await w.get('#tr-code').setValue('K7P2QX')
    await w.get('[data-testid="track-form"]').trigger('submit')
    await flushPromises()
    expect(trackCase).toHaveBeenLastCalledWith('YZ-2026-000042', 'K7P2QX')
    expect(w.get('[data-testid="track-status"]').text()).toBe('已办结')
    expect(w.get('[data-testid="track-timeline"]').text()).toContain('已收到您的举报')
    expect(w.find('[data-testid="rate-form"]').exists()).toBe(true)
    w.unmount()
  })
  it('shows today\'s AQI and each river section\'s latest class without a session', async () => {
    const w = await mountPortal()
    expect(w.get('[data-testid="aqi-today"]').text()).toContain('62')
    expect(w.get('[data-testid="portal-air"]').text()).toContain('朝天门空气质量微站')
    expect(w.get('[data-testid="water-list"]').text()).toContain('长江寸滩断面')
    expect(w.get('[data-testid="water-list"]').text()).toContain('II 类')
    w.unmount()
  })
})

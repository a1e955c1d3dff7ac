import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n, setLocale } from '@/locales'
import type { AlarmsApi } from '@/api/alarms'
import { openStream } from '@/api/stream'

vi.mock('@/api/alarms', async (orig) => ({ ...(await orig<typeof import('@/api/alarms')>()), listAlarms: vi.fn(), ackAlarm: vi.fn(), clearAlarm: vi.fn() }))
import { ackAlarm, clearAlarm, listAlarms, mergeAlarm } from '@/api/alarms'
import { useSessionStore } from '@/stores/session'
import { useAlarmFeed } from '@/stores/alarmFeed'
import { matchesFilter } from './useAlarms'
import { alarmValue } from './format'
import { joinRule, splitRule } from '../admin/rules/rule'
import AlarmsPage from './index.vue'

function alarm(p: Partial<AlarmsApi.Alarm> = {}): AlarmsApi.Alarm {
  return {
    id: '1',
    site: { id: '100', code: 'rst-ctm-001', name: '青椒巷江湖菜', kind: 'restaurant' },
    subdistrict_id: '34',
    device_id: '5',
    factor: 'gl_fume',
    factor_name: '油烟',
    rule_id: '1',
    rule_kind: 'standard',
    category: 'pollution',
    severity: 'major',
    status: 'active',
    title: '油烟超标',
    message: '',
    value: 2.35,
    peak: 3,
    threshold: 1,
    unit: 'mg/m³',
    count: 3,
    first_at: '2026-11-29T18:00:00+08:00',
    last_at: '2026-11-29T18:20:00+08:00',
    acked_by: null,
    acked_at: null,
    ack_comment: null,
    cleared_at: null,
    cleared_by: null,
    clear_reason: null,
    case: null,
    ...p,
  }
}

/** A socket double: records what the stream code does and lets the test play the server. */
class FakeSocket {
  static made: FakeSocket[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: unknown }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  closed = false
  constructor(public url: string) {
    FakeSocket.made.push(this)
  }
  close() {
    this.closed = true
  }
}
const factory = (u: string) => new FakeSocket(u) as unknown as WebSocket

beforeEach(() => {
  setLocale('zh-CN')
  FakeSocket.made = []
  vi.mocked(listAlarms).mockReset()
})

describe('alarm helpers', () => {
  it('matches the list filters, with "open" meaning active or acknowledged', () => {
    const f = { status: 'open', category: '', severity: '', kind: '' }
    expect(matchesFilter(alarm(), f)).toBe(true)
    expect(matchesFilter(alarm({ status: 'acknowledged' }), f)).toBe(true)
    expect(matchesFilter(alarm({ status: 'cleared' }), f)).toBe(false)
    expect(matchesFilter(alarm(), { ...f, kind: 'construction' })).toBe(false)
    expect(matchesFilter(alarm(), { ...f, status: 'cleared' })).toBe(false)
  })
  it('merges a changed alarm in place and puts a new one on top', () => {
    const list = [alarm(), alarm({ id: '2' })]
    expect(mergeAlarm(list, alarm({ id: '2', count: 9 })).map((a) => [a.id, a.count])).toEqual([['1', 3], ['2', 9]])
    expect(mergeAlarm(list, alarm({ id: '3' })).map((a) => a.id)).toEqual(['3', '1', '2'])
    expect(mergeAlarm(list, alarm({ id: '3' }), 2).map((a) => a.id)).toEqual(['3', '1'])
  })
  it('writes the value against its limit with the unit', () => {
    expect(alarmValue(alarm())).toBe('油烟 2.35 / 1 mg/m³')
    expect(alarmValue(alarm({ factor_name: '', value: null }))).toBe('')
  })
  it('keeps the rule fields the form does not know as JSON and refuses a bad one', () => {
    const f = splitRule({ id: '4', name: '油烟', kind: 'standard', check: 'hourly', site_kind: 'restaurant', site_id: null, factor: 'gl_fume', limit: 1, hold_count: 3, created_at: 'x' })
    expect(JSON.parse(f.rest)).toEqual({ hold_count: 3 })
    // Editing: the fixed fields stay out of the PATCH.
    const patch = joinRule({ ...f, rest: '{"hold_count": 5}' }, false)!
    expect(patch).toEqual({ name: '油烟', enabled: true, limit: 1, severity: 'major', hold_count: 5 })
    // Creating: kind, check, site kind and factor go along.
    expect(joinRule(f, true)).toMatchObject({ kind: 'standard', check: 'hourly', site_kind: 'restaurant', factor: 'gl_fume' })
    expect(joinRule({ ...f, rest: '[1]' }, true)).toBeNull()
    expect(joinRule({ ...f, rest: '{' }, true)).toBeNull()
  })
})

describe('alarm stream', () => {
  it('passes JSON messages on, ignores others, and reconnects with a growing delay until closed', () => {
    vi.useFakeTimers()
    const got: unknown[] = []
    const states: string[] = []
    const close = openStream({ url: 'ws://x/api/v1/stream', factory, onMessage: (m) => got.push(m), onState: (s) => states.push(s) })
    const s1 = FakeSocket.made[0]
    s1.onopen!()
    s1.onmessage!({ data: '{"type":"hello","user":"admin"}' })
    s1.onmessage!({ data: 'not json' })
    expect(got).toEqual([{ type: 'hello', user: 'admin' }])
    s1.onclose!()
    vi.advanceTimersByTime(999)
    expect(FakeSocket.made.length).toBe(1)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.made.length).toBe(2)
    FakeSocket.made[1].onclose!()
    vi.advanceTimersByTime(1999)
    expect(FakeSocket.made.length).toBe(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.made.length).toBe(3)
    close()
    expect(FakeSocket.made[2].closed).toBe(true)
    vi.advanceTimersByTime(60000)
    expect(FakeSocket.made.length).toBe(3)
    expect(states).toContain('open')
    vi.useRealTimers()
  })
})

describe('alarm list page', () => {
  async function mountPage() {
    const pinia = createPinia()
    setActivePinia(pinia)
    useSessionStore().$patch({ user: { id: '1', login: 'eeb.officer', name: '王', unit: { id: '2', code: 'eeb', name: '局', name_en: '', kind: 'department' }, roles: ['officer'], phone: null, active: true } as never })
    const feed = useAlarmFeed()
    feed.start(factory)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/alarms', component: AlarmsPage },
        { path: '/s/:id', name: 'site', component: { template: '<div />' } },
        { path: '/c/:id', name: 'case', component: { template: '<div />' } },
      ],
    })
    await router.push('/alarms')
    const w = mount({ template: '<RouterView />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
    await flushPromises()
    return { w, feed }
  }

  it('lists open alarms, adds one that arrives live and removes one cleared', async () => {
    vi.mocked(listAlarms).mockResolvedValue({ items: [alarm()], total: 1 })
    const { w, feed } = await mountPage()
    expect(listAlarms).toHaveBeenCalledWith(expect.objectContaining({ status: 'open', page: 1 }))
    const rows = () => w.findAll('[data-testid="alarms-table"] .el-table__body tbody tr')
    expect(rows().length).toBe(1)
    feed.receive({ type: 'alarm', event: 'opened', alarm: alarm({ id: '2', title: '噪声超标' }) })
    feed.receive({ type: 'alarm', event: 'opened', alarm: alarm({ id: '3', title: '扬尘超标' }) })
    await flushPromises()
    expect(rows().length).toBe(3)
    expect(w.get('[data-testid="alarms-table"]').text()).toContain('噪声超标')
    feed.receive({ type: 'alarm', event: 'cleared', alarm: alarm({ id: '1', status: 'cleared' }) })
    await flushPromises()
    expect(rows().length).toBe(2)
    w.unmount()
  })

  it('acknowledges with a comment and will not clear without a reason', async () => {
    vi.mocked(listAlarms).mockResolvedValue({ items: [alarm()], total: 1 })
    vi.mocked(ackAlarm).mockResolvedValue(alarm({ status: 'acknowledged' }))
    const { w } = await mountPage()
    await w.get('[data-testid="alarm-ack"]').trigger('click')
    await flushPromises()
    const text = document.querySelector('#alarm-text') as HTMLTextAreaElement
    text.value = '已通知店主'
    text.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="alarm-submit"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(ackAlarm).toHaveBeenCalledWith('1', '已通知店主')
    expect(w.get('[data-testid="cell-alarm-status"]').text()).toBe('已确认')
    await w.get('[data-testid="alarm-clear"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="alarm-submit"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(clearAlarm).not.toHaveBeenCalled()
    w.unmount()
  })
})

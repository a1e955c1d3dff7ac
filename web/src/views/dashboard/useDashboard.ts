import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { getSubdistricts, type GeoApi } from '@/api/geo'
import { listAllSites, type SitesApi } from '@/api/sites'
import { listAlarms, mergeAlarm, siteStates, type AlarmsApi } from '@/api/alarms'
import { caseStats, listCases, type CasesApi } from '@/api/cases'
import { getAqi, listWaterSections, latestOk, siteCompliance, type ComplianceApi } from '@/api/compliance'
import { useAlarmFeed } from '@/stores/alarmFeed'
import { toIsoShanghai } from '@/utils/time'
import { barOption, byDay, classOption, lastDays, lineOption, perDay, siteState, stateOfAlarm } from './trends'

/**
 * Everything the dashboard shows, each part loaded on its own (one failing part leaves the others drawn and
 * is named in `failed`): map and site states, AQI, water classes, case funnel and overdue cases, the open
 * alarms and 30-day trends; live alarm changes from the WebSocket update the feed and the site states.
 */
export function useDashboard() {
  const { t, locale } = useI18n()
  const feed = useAlarmFeed()
  const geo = shallowRef<GeoApi.FeatureCollection | null>(null)
  const sites = shallowRef<SitesApi.Site[]>([])
  const alarmStates = shallowRef(new Map<string, string>())
  const alarms = shallowRef<AlarmsApi.Alarm[]>([])
  const aqi = shallowRef<ComplianceApi.Aqi | null>(null)
  const water = shallowRef<{ id: string; name: string; latest: ComplianceApi.Item | null; items: ComplianceApi.Item[] }[]>([])
  const funnel = shallowRef<CasesApi.Stats['funnel'] | null>(null)
  const overdue = shallowRef<CasesApi.Case[]>([])
  const overdueTotal = ref(0)
  const aqiTrend = shallowRef<Record<string, unknown> | null>(null)
  const alarmTrend = shallowRef<Record<string, unknown> | null>(null)
  const failed = ref<string[]>([])
  const days = lastDays(30)
  const from30 = toIsoShanghai(Date.now() - 30 * 86400_000)

  const name = (s: { name: string; name_en?: string }) => (locale.value === 'en' && s.name_en ? s.name_en : s.name)
  const part = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn()
    } catch {
      failed.value = [...failed.value, what]
    }
  }

  const mapSites = computed(() => sites.value.map((s) => ({ ...s, state: siteState(s.id, s.state, alarmStates.value) })))
  const waterTrend = computed(() =>
    water.value.length ? classOption(days, water.value.map((w) => ({ name: w.name, data: days.map((day) => classAt(w.items, day)) }))) : null,
  )
  function classAt(items: ComplianceApi.Item[], day: string): string | null {
    const it = items.find((i) => i.start?.startsWith(day) && i.status === 'ok')
    return (it?.class as string | undefined) ?? null
  }

  async function loadStates() {
    const r = await siteStates()
    alarmStates.value = new Map(r.items.map((i) => [i.site_id, i.state]))
  }

  /** What changes minute by minute (site states, the alarm trend, the case figures); the wall screen redraws it. */
  function refresh() {
    void listAllSites().then((r) => (sites.value = r.items)).catch(() => {})
    void loadStates().catch(() => {})
    void listAlarms({ from: from30, page_size: 500 })
      .then((r) => (alarmTrend.value = barOption(days, t('dash.alarmsPerDay'), perDay(r.items, days))))
      .catch(() => {})
    void caseStats({ from: from30 }).then((r) => (funnel.value = r.funnel)).catch(() => {})
    void listCases({ overdue: true, page_size: 8, sort: 'due_at' })
      .then((r) => {
        overdue.value = r.items
        overdueTotal.value = r.total
      })
      .catch(() => {})
  }

  function load() {
    failed.value = []
    void part(t('dash.mapTitle'), async () => {
      geo.value = await getSubdistricts()
    })
    void part(t('dash.mapTitle'), async () => {
      sites.value = (await listAllSites()).items
    })
    void part(t('dash.mapTitle'), loadStates)
    void part(t('dash.feed'), async () => {
      alarms.value = (await listAlarms({ status: 'open', page_size: 30 })).items
    })
    void part(t('dash.alarmTrend'), async () => {
      const r = await listAlarms({ from: from30, page_size: 500 })
      alarmTrend.value = barOption(days, t('dash.alarmsPerDay'), perDay(r.items, days))
    })
    void part(t('dash.aqi'), async () => {
      aqi.value = await getAqi()
      const stations = aqi.value.stations.slice(0, 4)
      const series = await Promise.all(
        stations.map(async (s) => {
          const c = await siteCompliance(s.site.id, { period: 'day', from: from30 })
          return { name: s.site.name.replace(/（.*?）|\(.*?\)/g, ''), data: byDay(c.items, days, (i) => (typeof i.aqi === 'number' ? i.aqi : null)) }
        }),
      )
      aqiTrend.value = lineOption(days, series)
    })
    void part(t('dash.water'), async () => {
      const list = (await listWaterSections()).items
      water.value = await Promise.all(
        list.map(async (s) => {
          const c = await siteCompliance(s.id, { period: 'day', from: from30 })
          return { id: s.id, name: name(s), latest: latestOk(c.items), items: c.items }
        }),
      )
    })
    void part(t('dash.funnel'), async () => {
      funnel.value = (await caseStats({ from: from30 })).funnel
    })
    void part(t('dash.overdue'), async () => {
      const r = await listCases({ overdue: true, page_size: 8, sort: 'due_at' })
      overdue.value = r.items
      overdueTotal.value = r.total
    })
  }

  // Live: the feed gets each change; a site's state follows its alarm (cleared: ask the server again).
  let statesTimer: ReturnType<typeof setTimeout> | null = null
  // Alarms mean data is flowing: the sites' reporting state (normal / no data) is asked again, at most every 20 s.
  let sitesTimer: ReturnType<typeof setTimeout> | null = null
  let sitesAt = 0
  const scheduleSites = () => {
    if (sitesTimer || Date.now() - sitesAt < 20_000) return
    sitesTimer = setTimeout(() => {
      sitesTimer = null
      sitesAt = Date.now()
      void listAllSites().then((r) => (sites.value = r.items)).catch(() => {})
    }, 3000)
  }
  onScopeDispose(() => sitesTimer && clearTimeout(sitesTimer))
  onScopeDispose(
    feed.subscribe((a) => {
      scheduleSites()
      alarms.value = a.status === 'cleared' ? alarms.value.filter((x) => x.id !== a.id) : mergeAlarm(alarms.value, a, 30)
      const st = stateOfAlarm(a)
      if (st) alarmStates.value = new Map(alarmStates.value).set(a.site.id, st)
      else {
        if (statesTimer) clearTimeout(statesTimer)
        statesTimer = setTimeout(() => void loadStates().catch(() => {}), 500)
      }
    }),
  )
  onScopeDispose(() => statesTimer && clearTimeout(statesTimer))

  return { geo, sites, mapSites, alarms, aqi, water, funnel, overdue, overdueTotal, aqiTrend, alarmTrend, waterTrend, failed, feed, load, refresh, name }
}

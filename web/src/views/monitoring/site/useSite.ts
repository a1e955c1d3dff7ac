import { computed, ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { getReadings, getSite, READING_KINDS, type ReadingKind, type SitesApi } from '@/api/sites'
import { describeError, withLoading } from '@/api/http'
import { factorLabel, factorUnit, FLAGS, limitsFor, sortFactors, type Limit } from '@/utils/factors'
import { buildSeries, chartOption, seriesStats, formatValue } from '@/utils/series'
import { defaultPreset, parseTime, presetsFor, rangeOf, shanghaiDay, type RangePreset } from '@/utils/time'
import { useSubdistricts } from '../useSubdistricts'

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const str = (v: unknown) => (typeof first(v) === 'string' ? (first(v) as string) : '')

/** Attributes shown as "{v} 类" / "Class {v}". */
const CLASS_ATTRS = new Set(['noise_zone', 'water_target_class', 'air_grade'])
/** Attributes worth a place in the page header, in this order; the rest follow. */
const ATTR_ORDER = ['noise_zone', 'noise_standard', 'fume_standard', 'water_target_class', 'air_grade', 'river', 'stage']

/** State and actions of the site page: the site, its devices and the chart of one factor. */
export function useSite() {
  const { t, te, locale } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const { subdistrictName, loadSubdistricts } = useSubdistricts()

  const site = shallowRef<SitesApi.SiteDetail | null>(null)
  const loading = ref(false)
  const error = ref('')

  const kindQ = str(route.query.kind)
  const kind = ref<ReadingKind>((READING_KINDS as readonly string[]).includes(kindQ) ? (kindQ as ReadingKind) : 'raw')
  const factor = ref(str(route.query.factor))
  const preset = ref<RangePreset>(defaultPreset(kind.value))
  const days = ref<[string, string] | null>(null)

  const readings = shallowRef<SitesApi.Readings | null>(null)
  const readingsLoading = ref(false)
  const readingsError = ref('')

  const factors = computed(() => sortFactors((site.value?.devices ?? []).flatMap((d) => d.factors)))
  const presets = computed(() => presetsFor(kind.value))

  const attributes = computed(() => {
    const a = site.value?.attributes ?? {}
    const keys = Object.keys(a).filter((k) => a[k] !== null && a[k] !== undefined && a[k] !== '' && te(`attrs.${k}`))
    keys.sort((x, y) => (ATTR_ORDER.indexOf(x) + 1 || 99) - (ATTR_ORDER.indexOf(y) + 1 || 99))
    return keys.map((k) => {
      const v = a[k]
      let text = typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : String(v)
      if (te(`attrValues.${k}.${text}`)) text = t(`attrValues.${k}.${text}`)
      if (CLASS_ATTRS.has(k)) text = t('monitoring.classValue', { v: text })
      return { key: k, label: t(`attrs.${k}`), value: text }
    })
  })

  async function load() {
    error.value = ''
    const id = String(route.params.id ?? '')
    try {
      site.value = await withLoading(loading, () => getSite(id))
      if (!factors.value.includes(factor.value)) factor.value = factors.value[0] ?? ''
      void loadReadings()
    } catch (e) {
      site.value = null
      error.value = describeError(e, t)
    }
  }

  let seq = 0
  async function loadReadings() {
    const s = site.value
    readingsError.value = ''
    if (!s || !factor.value) {
      readings.value = null
      return
    }
    const range = rangeOf(preset.value, Date.now(), days.value)
    if (!range) return
    const mine = ++seq
    void router.replace({ query: { ...route.query, factor: factor.value, kind: kind.value } }).catch(() => {})
    try {
      const r = await withLoading(readingsLoading, () => getReadings(s.id, { factor: factor.value, kind: kind.value, ...range }))
      if (mine === seq) readings.value = r
    } catch (e) {
      if (mine !== seq) return
      readings.value = null
      readingsError.value = describeError(e, t)
    }
  }

  // Each data kind opens on its own span (raw 24 h, hour 48 h, day 31 days); chosen dates stay.
  watch(kind, (k) => {
    if (preset.value !== 'custom') preset.value = defaultPreset(k)
  })
  // Choosing custom dates starts from the last seven days, ready to adjust.
  watch(preset, (p) => {
    if (p === 'custom' && !days.value) {
      const now = Date.now()
      days.value = [shanghaiDay(now - 6 * 24 * 3600_000), shanghaiDay(now)]
    }
  })
  watch([factor, kind, preset, days], () => void loadReadings())

  const series = computed(() => buildSeries(readings.value?.kind ?? kind.value, readings.value?.items ?? []))
  const stats = computed(() => seriesStats(series.value))
  const limits = computed<Limit[]>(() => (site.value && factor.value ? limitsFor(site.value, factor.value) : []))
  const unit = computed(() => factorUnit(factor.value))
  const empty = computed(() => series.value.valid.length === 0 && series.value.flagged.length === 0)

  function limitText(l: Limit): string {
    const key = l.period === 'day' ? 'monitoring.limitDay' : l.period === 'night' ? 'monitoring.limitNight' : 'monitoring.limit'
    return t(key, { standard: l.standard, value: formatValue(l.value), unit: l.unit })
  }
  function flagText(code: string): string {
    return (FLAGS as readonly string[]).includes(code) ? t(`flags.${code}`) : t('flags.other')
  }

  function option(compact: boolean) {
    return chartOption({
      series: series.value,
      unit: unit.value,
      limits: limits.value,
      compact,
      window: readings.value ? [parseTime(readings.value.from), parseTime(readings.value.to)] : undefined,
      labels: {
        valid: t('monitoring.valid'),
        flagged: t('monitoring.flagged'),
        average: t('monitoring.average'),
        coverage: t('monitoring.coverage'),
        min: t('monitoring.min'),
        max: t('monitoring.max'),
        counts: (valid, total) => t('monitoring.counts', { valid, total }),
        flag: flagText,
        limit: limitText,
      },
    })
  }

  const chartLabel = computed(() =>
    t('monitoring.chartLabel', { factor: factorLabel(factor.value, locale.value), kind: t(`dataKinds.${kind.value}`) }),
  )

  return {
    site,
    loading,
    error,
    kind,
    factor,
    factors,
    preset,
    presets,
    days,
    readings,
    readingsLoading,
    readingsError,
    attributes,
    series,
    stats,
    limits,
    unit,
    empty,
    chartLabel,
    limitText,
    option,
    subdistrictName,
    loadSubdistricts,
    load,
    loadReadings,
  }
}

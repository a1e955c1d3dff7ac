import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { exportUrl, listCases, type CasesApi } from '@/api/cases'
import { describeError, withLoading } from '@/api/http'
import { dayStart, toIsoShanghai } from '@/utils/time'

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const str = (v: unknown) => (typeof first(v) === 'string' ? (first(v) as string) : '')
const FILTER_KEYS = ['status', 'unit', 'category', 'source', 'subdistrict', 'q', 'from', 'to'] as const

/** State of the case list; the filters live in the address (?status=&unit=&…&overdue=1&page=) so links and reloads keep them. */
export function useCaseList() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const items = ref<CasesApi.Case[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref('')

  const filters = reactive({
    status: '',
    unit: '',
    category: '',
    source: '',
    subdistrict: '',
    q: '',
    /** Days "YYYY-MM-DD" (Shanghai) of the creation time. */
    from: '',
    to: '',
    overdue: str(route.query.overdue) === '1',
  })
  for (const k of FILTER_KEYS) filters[k] = str(route.query[k])
  const paging = reactive({ page: Math.max(1, Number(str(route.query.page)) || 1), pageSize: 20 })

  /** The API parameters of the filters (days become times at the start and end of the day). */
  const params = computed<CasesApi.ListParams>(() => ({
    status: filters.status || undefined,
    unit: filters.unit || undefined,
    category: filters.category || undefined,
    source: filters.source || undefined,
    subdistrict: filters.subdistrict || undefined,
    q: filters.q.trim() || undefined,
    from: filters.from ? toIsoShanghai(dayStart(filters.from)) : undefined,
    to: filters.to ? toIsoShanghai(dayStart(filters.to) + 86400_000) : undefined,
    overdue: filters.overdue || undefined,
  }))
  const exportHref = computed(() => exportUrl(params.value))

  function syncQuery() {
    const query: Record<string, string> = {}
    for (const k of FILTER_KEYS) if (filters[k].trim()) query[k] = filters[k].trim()
    if (filters.overdue) query.overdue = '1'
    if (paging.page > 1) query.page = String(paging.page)
    void router.replace({ query }).catch(() => {})
  }

  async function load() {
    error.value = ''
    syncQuery()
    try {
      const r = await withLoading(loading, () => listCases({ ...params.value, page: paging.page, page_size: paging.pageSize }))
      items.value = r.items
      total.value = r.total
    } catch (e) {
      items.value = []
      total.value = 0
      error.value = describeError(e, t)
    }
  }
  function search() {
    paging.page = 1
    void load()
  }
  function resetFilters() {
    for (const k of FILTER_KEYS) filters[k] = ''
    filters.overdue = false
    search()
  }
  return { items, total, loading, error, filters, paging, params, exportHref, load, search, resetFilters }
}

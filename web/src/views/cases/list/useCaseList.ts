import { computed, reactive } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { exportUrl, listCases, type CasesApi } from '@/api/cases'
import { dayStart, toIsoShanghai } from '@/utils/time'
import { usePagedList } from '@/utils/usePagedList'

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const str = (v: unknown) => (typeof first(v) === 'string' ? (first(v) as string) : '')
const FILTER_KEYS = ['status', 'unit', 'category', 'source', 'subdistrict', 'q', 'from', 'to'] as const

/** State of the case list; the filters live in the address (?status=&unit=&…&overdue=1&page=) so links and reloads keep them. */
export function useCaseList() {
  const route = useRoute()
  const router = useRouter()

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
  const { items, total, loading, error, paging, load, search } = usePagedList<CasesApi.Case>(
    (page) => listCases({ ...params.value, ...page }),
    { page: Math.max(1, Number(str(route.query.page)) || 1), beforeLoad: () => syncQuery() },
  )

  function syncQuery() {
    const query: Record<string, string> = {}
    for (const k of FILTER_KEYS) if (filters[k].trim()) query[k] = filters[k].trim()
    if (filters.overdue) query.overdue = '1'
    if (paging.page > 1) query.page = String(paging.page)
    void router.replace({ query }).catch(() => {})
  }

  function resetFilters() {
    for (const k of FILTER_KEYS) filters[k] = ''
    filters.overdue = false
    search()
  }
  return { items, total, loading, error, filters, paging, params, exportHref, load, search, resetFilters }
}

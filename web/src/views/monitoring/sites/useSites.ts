import { reactive } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { listSites, SITE_KINDS, type SiteKind, type SitesApi } from '@/api/sites'
import { usePagedList } from '@/utils/usePagedList'
import { useSubdistricts } from '../useSubdistricts'

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)
const str = (v: unknown) => (typeof first(v) === 'string' ? (first(v) as string) : '')

/** State and actions of the site list; the filters live in the address (?kind=&subdistrict=&q=&page=) so links and reloads keep them. */
export function useSites() {
  const route = useRoute()
  const router = useRouter()
  const { options: subdistrictOptions, subdistrictName, loadSubdistricts } = useSubdistricts()

  const kindParam = str(route.query.kind)
  const filters = reactive({
    kind: ((SITE_KINDS as readonly string[]).includes(kindParam) ? kindParam : '') as SiteKind | '',
    subdistrict: /^\d+$/.test(str(route.query.subdistrict)) ? str(route.query.subdistrict) : '',
    q: str(route.query.q),
  })
  const { items, total, loading, error, paging, load, search } = usePagedList<SitesApi.Site>(
    (page) =>
      listSites({
        kind: filters.kind || undefined,
        subdistrict: filters.subdistrict || undefined,
        q: filters.q.trim() || undefined,
        ...page,
      }),
    { page: Math.max(1, Number(str(route.query.page)) || 1), beforeLoad: () => syncQuery() },
  )

  function syncQuery() {
    const query: Record<string, string> = {}
    if (filters.kind) query.kind = filters.kind
    if (filters.subdistrict) query.subdistrict = filters.subdistrict
    if (filters.q.trim()) query.q = filters.q.trim()
    if (paging.page > 1) query.page = String(paging.page)
    void router.replace({ query }).catch(() => {})
  }

  function resetFilters() {
    filters.kind = ''
    filters.subdistrict = ''
    filters.q = ''
    search()
  }

  return { items, total, loading, error, filters, paging, subdistrictOptions, subdistrictName, loadSubdistricts, load, search, resetFilters }
}

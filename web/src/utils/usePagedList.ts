import { reactive, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { describeError, withLoading } from '@/api/http'
import type { Page } from '@/api/types'

/**
 * What every paged list page shares: the current page of items, the total, loading and error, and the paging.
 * `fetch` asks the server for one page; `beforeLoad` runs first (e.g. to write the filters into the address).
 * A failed load empties the list and shows the error, so a stale page never looks current.
 */
export function usePagedList<T>(
  fetch: (page: { page: number; page_size: number }) => Promise<Page<T>>,
  options: { page?: number; pageSize?: number; beforeLoad?: () => void } = {},
) {
  const { t } = useI18n()
  const items = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const error = ref('')
  const paging = reactive({ page: options.page ?? 1, pageSize: options.pageSize ?? 20 })

  async function load() {
    error.value = ''
    options.beforeLoad?.()
    try {
      const r = await withLoading(loading, () => fetch({ page: paging.page, page_size: paging.pageSize }))
      items.value = r.items
      total.value = r.total
    } catch (e) {
      items.value = []
      total.value = 0
      error.value = describeError(e, t)
    }
  }

  /** A filter changed: back to page one. */
  function search() {
    paging.page = 1
    void load()
  }

  return { items, total, loading, error, paging, load, search }
}

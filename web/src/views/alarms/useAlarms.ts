import { onScopeDispose, reactive, ref } from 'vue'
import { ackAlarm, clearAlarm, listAlarms, mergeAlarm, type AlarmsApi } from '@/api/alarms'
import { useAlarmFeed } from '@/stores/alarmFeed'
import { dayStart, toIsoShanghai } from '@/utils/time'
import { usePagedList } from '@/utils/usePagedList'

/** Does an alarm belong in a list filtered by `f`? (for live changes arriving over the stream) */
export function matchesFilter(a: AlarmsApi.Alarm, f: { status: string; category: string; severity: string; kind: string }): boolean {
  if (f.status === 'open' && a.status === 'cleared') return false
  if (f.status && f.status !== 'open' && a.status !== f.status) return false
  if (f.category && a.category !== f.category) return false
  if (f.severity && a.severity !== f.severity) return false
  if (f.kind && a.site.kind !== f.kind) return false
  return true
}

/** The alarm list: filters, paging, acknowledge and clear, and live changes from the WebSocket merged in. */
export function useAlarms() {
  const feed = useAlarmFeed()
  /** Alarms opened live since the last load that the current page does not show yet. */
  const fresh = ref(0)
  const filters = reactive({ status: 'open', category: '', severity: '', kind: '', from: '', to: '' })
  const { items, total, loading, error, paging, load, search } = usePagedList<AlarmsApi.Alarm>(
    (page) =>
      listAlarms({
        status: filters.status || undefined,
        category: filters.category || undefined,
        severity: filters.severity || undefined,
        kind: filters.kind || undefined,
        from: filters.from ? toIsoShanghai(dayStart(filters.from)) : undefined,
        to: filters.to ? toIsoShanghai(dayStart(filters.to) + 86400_000) : undefined,
        ...page,
      }),
    { beforeLoad: () => (fresh.value = 0) },
  )

  /** A live change: update the row in place; a new alarm that fits the filter goes on top of page one. */
  function onLive(a: AlarmsApi.Alarm, event: string) {
    const shown = items.value.some((x) => x.id === a.id)
    if (shown) {
      items.value = matchesFilter(a, filters) ? mergeAlarm(items.value, a) : items.value.filter((x) => x.id !== a.id)
      return
    }
    if (!matchesFilter(a, filters) || event === 'cleared') return
    if (paging.page === 1) {
      items.value = mergeAlarm(items.value, a, paging.pageSize)
      total.value++
    } else fresh.value++
  }
  onScopeDispose(feed.subscribe(onLive))

  async function ack(id: string, comment: string) {
    const a = await ackAlarm(id, comment.trim() || undefined)
    onLive(a, 'acknowledged')
    return a
  }
  async function clear(id: string, reason: string) {
    const a = await clearAlarm(id, reason.trim())
    onLive(a, 'cleared')
    return a
  }
  return { items, total, loading, error, fresh, filters, paging, load, search, onLive, ack, clear, feed }
}

import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { deactivateUnit, listAllUnits } from '@/api/units'
import { describeError, withLoading } from '@/api/http'
import type { Unit, UnitKind } from '@/api/types'
import { buildUnitTree, type UnitNode } from '@/utils/unitTree'

/** State and actions of the units page; the template stays thin. */
export function useUnits() {
  const { t } = useI18n()
  const units = ref<Unit[]>([])
  const loading = ref(false)
  const error = ref('')
  const filters = reactive({ q: '', kind: '' as UnitKind | '', includeInactive: false })

  const filtering = computed(() => Boolean(filters.q.trim() || filters.kind))

  /** The tree when no filter is set; a flat list of matches otherwise. */
  const rows = computed<UnitNode[]>(() => {
    if (!filtering.value) return buildUnitTree(units.value)
    const q = filters.q.trim().toLowerCase()
    return units.value.filter(
      (u) =>
        (!filters.kind || u.kind === filters.kind) &&
        (!q || u.name.toLowerCase().includes(q) || u.name_en.toLowerCase().includes(q) || u.code.toLowerCase().includes(q)),
    )
  })

  async function load() {
    error.value = ''
    try {
      units.value = await withLoading(loading, () => listAllUnits(filters.includeInactive))
    } catch (e) {
      error.value = describeError(e, t)
    }
  }

  function resetFilters() {
    filters.q = ''
    filters.kind = ''
    if (filters.includeInactive) {
      filters.includeInactive = false
      void load()
    }
  }

  async function deactivate(u: Unit) {
    try {
      await ElMessageBox.confirm(t('units.deactivateConfirm', { name: u.name }), t('units.deactivateTitle'), {
        type: 'warning',
        confirmButtonText: t('common.deactivate'),
        cancelButtonText: t('common.cancel'),
      })
    } catch {
      return // cancelled
    }
    try {
      await deactivateUnit(u.id)
      ElMessage.success(t('common.deactivated'))
      await load()
    } catch (e) {
      ElMessage.error(describeError(e, t))
    }
  }

  return { units, loading, error, filters, filtering, rows, load, resetFilters, deactivate }
}

import { computed, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { deactivatePerson, listPeople } from '@/api/people'
import { listAllUnits } from '@/api/units'
import { describeError } from '@/api/http'
import type { Person, Role, Unit } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { ACTION_ROLES } from '@/router/access'
import { buildUnitTree, findUnit, unitOptions } from '@/utils/unitTree'
import { usePagedList } from '@/utils/usePagedList'

/** State and actions of the people page; the template stays thin. */
export function usePeople() {
  const { t, locale } = useI18n()
  const session = useSessionStore()
  const anyUnit = computed(() => session.hasAnyRole(ACTION_ROLES.listAnyUnit))
  const canManage = computed(() => session.hasAnyRole(ACTION_ROLES.managePeople))

  const units = ref<Unit[]>([])

  /** Outside the district scope, the list starts at one's own unit (listing others is forbidden). */
  const ownUnit = session.user?.unit.id ?? ''
  const filters = reactive({
    unit: anyUnit.value ? '' : ownUnit,
    role: '' as Role | '',
    q: '',
    includeInactive: false,
  })
  const { items, total, loading, error, paging, load, search } = usePagedList<Person>((page) =>
    listPeople({
      unit: filters.unit || undefined,
      role: filters.role || undefined,
      q: filters.q.trim() || undefined,
      include_inactive: filters.includeInactive,
      ...page,
    }),
  )

  /** The units one may filter by: all of them for district-wide roles, otherwise one's own unit and those under it. */
  const unitTree = computed(() => {
    const tree = buildUnitTree(units.value)
    const english = locale.value === 'en'
    if (anyUnit.value) return unitOptions(tree, english)
    const own = findUnit(tree, ownUnit)
    return own ? unitOptions([own], english) : []
  })
  const unitById = computed(() => new Map(units.value.map((u) => [u.id, u])))

  function unitName(p: Person): string {
    const u = unitById.value.get(p.unit_id)
    return locale.value === 'en' && u?.name_en ? u.name_en : p.unit_name
  }

  async function loadUnits() {
    try {
      units.value = await listAllUnits(true)
    } catch {
      // Not everyone may list units: offer one's own unit only.
      const u = session.user?.unit
      units.value = u ? [{ id: u.id, parent_id: null, kind: u.kind, code: u.code, name: u.name, name_en: u.name_en, active: true }] : []
    }
  }

  function resetFilters() {
    filters.unit = anyUnit.value ? '' : ownUnit
    filters.role = ''
    filters.q = ''
    filters.includeInactive = false
    search()
  }

  async function deactivate(p: Person) {
    try {
      await ElMessageBox.confirm(t('people.deactivateConfirm', { name: p.name, login: p.login }), t('people.deactivateTitle'), {
        type: 'warning',
        confirmButtonText: t('common.deactivate'),
        cancelButtonText: t('common.cancel'),
      })
    } catch {
      return // cancelled
    }
    try {
      await deactivatePerson(p.id)
      ElMessage.success(t('common.deactivated'))
      await load()
    } catch (e) {
      ElMessage.error(describeError(e, t))
    }
  }

  return {
    items,
    total,
    loading,
    error,
    units,
    unitTree,
    filters,
    paging,
    anyUnit,
    canManage,
    unitName,
    loadUnits,
    load,
    search,
    resetFilters,
    deactivate,
  }
}

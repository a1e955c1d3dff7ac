import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { flattenCategories, listCategories, type CasesApi } from '@/api/cases'
import { listUnits } from '@/api/units'
import type { Unit } from '@/api/types'

/** Case categories and units for the filters and forms; each list is empty when refused (the page still works). */
export function useCaseRefs() {
  const { locale } = useI18n()
  const categories = shallowRef<CasesApi.Category[]>([])
  const units = shallowRef<Unit[]>([])

  async function loadRefs() {
    const [c, u] = await Promise.allSettled([listCategories(), listUnits({ page_size: 500 })])
    categories.value = c.status === 'fulfilled' ? flattenCategories(c.value.items) : []
    units.value = u.status === 'fulfilled' ? u.value.items.filter((x) => x.active && x.kind !== 'enterprise') : []
  }

  const categoryOptions = computed(() =>
    categories.value.map((c) => ({
      value: c.code,
      label: `${c.parent ? '— ' : ''}${locale.value === 'en' && c.name_en ? c.name_en : c.name}`,
    })),
  )
  const unitOptions = computed(() =>
    units.value.map((u) => ({ value: u.id, label: locale.value === 'en' && u.name_en ? u.name_en : u.name })),
  )
  const subdistrictOptions = computed(() =>
    units.value
      .filter((u) => u.kind === 'subdistrict')
      .map((u) => ({ value: u.id, label: locale.value === 'en' && u.name_en ? u.name_en : u.name })),
  )
  return { categories, units, categoryOptions, unitOptions, subdistrictOptions, loadRefs }
}

/** A category's name in the UI language. */
export function categoryName(c: CasesApi.CategoryRef | null | undefined, locale: string): string {
  if (!c) return ''
  return locale === 'en' && c.name_en ? c.name_en : c.name
}

/** Element Plus tag type of a case status. */
export function statusTagType(s: string): 'success' | 'info' | 'warning' | 'danger' | 'primary' {
  switch (s) {
    case 'reported':
    case 'accepted':
      return 'warning'
    case 'dispatched':
    case 'in_progress':
      return 'primary'
    case 'resolved':
    case 'verified':
    case 'closed':
      return 'success'
    default:
      return 'info'
  }
}

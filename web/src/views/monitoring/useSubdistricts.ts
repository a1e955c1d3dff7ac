import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { listUnits } from '@/api/units'
import type { Unit } from '@/api/types'

/** The subdistricts (for the filter and to name a site's subdistrict); empty if the list is refused. */
export function useSubdistricts() {
  const { locale } = useI18n()
  const units = ref<Unit[]>([])

  async function loadSubdistricts() {
    try {
      units.value = (await listUnits({ kind: 'subdistrict', page_size: 100 })).items
    } catch {
      units.value = []
    }
  }

  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  const options = computed(() =>
    units.value.map((u) => ({ value: u.id, label: locale.value === 'en' && u.name_en ? u.name_en : u.name })),
  )
  function subdistrictName(id: string | null | undefined): string {
    const u = id ? byId.value.get(id) : undefined
    if (!u) return ''
    return locale.value === 'en' && u.name_en ? u.name_en : u.name
  }
  return { subdistricts: units, options, subdistrictName, loadSubdistricts }
}

/** The site's name in the UI language. */
export function siteName(s: { name: string; name_en?: string }, locale: string): string {
  return locale === 'en' && s.name_en ? s.name_en : s.name
}

import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { flattenCategories, type CasesApi } from '@/api/cases'
import { publicCategories, type PublicApi } from '@/api/public'

/** Checks of the report form before it is sent; returns the i18n keys of the problems by field. */
export function checkReport(f: {
  category: string
  description: string
  location: { lon: number; lat: number } | null
  phone: string
}): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.category) out.category = 'pub.needCategory'
  if (f.description.trim().length < 5) out.description = 'pub.needDescription'
  if (!f.location) out.location = 'pub.needLocation'
  if (f.phone.trim() && !/^1\d{10}$/.test(f.phone.trim())) out.phone = 'pub.badPhone'
  return out
}

/** The body of POST /api/v1/public/complaints from the form (empty optional parts left out). */
export function complaintBody(f: {
  category: string
  description: string
  location: { lon: number; lat: number }
  address: string
  photos: string[]
  name: string
  phone: string
}): PublicApi.Complaint {
  const body: PublicApi.Complaint = { category: f.category, description: f.description.trim(), location: f.location }
  if (f.address.trim()) body.address = f.address.trim()
  if (f.photos.length) body.photos = f.photos
  if (f.name.trim() || f.phone.trim()) body.contact = { name: f.name.trim(), phone: f.phone.trim() }
  return body
}

/** The public categories, for a native select (children under their parent as an option group). */
export function usePublicCategories() {
  const { locale } = useI18n()
  const items = shallowRef<CasesApi.Category[]>([])
  async function load() {
    try {
      items.value = (await publicCategories()).items
    } catch {
      items.value = []
    }
  }
  const name = (c: CasesApi.CategoryRef) => (locale.value === 'en' && c.name_en ? c.name_en : c.name)
  const groups = computed(() =>
    items.value.map((c) => ({
      code: c.code,
      label: name(c),
      children: flattenCategories(c.children ?? []).map((k) => ({ code: k.code, label: name(k) })),
    })),
  )
  return { items, groups, load }
}

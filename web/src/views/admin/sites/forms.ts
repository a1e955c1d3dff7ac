import type { SitesAdmin, SitesApi, SiteKind } from '@/api/sites'

export interface SiteForm {
  code: string
  kind: SiteKind
  name: string
  name_en: string
  subdistrict_id: string
  lon: number | undefined
  lat: number | undefined
  active: boolean
  attributes: string
}
export interface DeviceForm {
  mn: string
  pw: string
  protocol: string
  st: string
  interval_s: number
  crc: string
  factors: string
  active: boolean
}

export function siteForm(s: SitesApi.Site | null): SiteForm {
  return {
    code: s?.code ?? '',
    kind: s?.kind ?? 'restaurant',
    name: s?.name ?? '',
    name_en: s?.name_en ?? '',
    subdistrict_id: s?.subdistrict_id ?? '',
    lon: s?.location?.[0],
    lat: s?.location?.[1],
    active: s?.active ?? true,
    attributes: JSON.stringify(s?.attributes ?? {}, null, 2),
  }
}

/** The body of a site form; null when the attributes are not a JSON object. A new site sends its code and kind. */
export function siteBody(f: SiteForm, isNew: boolean): SitesAdmin.SiteBody | null {
  let attributes: unknown
  try {
    attributes = JSON.parse(f.attributes.trim() || '{}')
  } catch {
    return null
  }
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return null
  const body: SitesAdmin.SiteBody = {
    name: f.name.trim(),
    name_en: f.name_en.trim(),
    subdistrict_id: f.subdistrict_id,
    location: f.lon !== undefined && f.lat !== undefined ? [f.lon, f.lat] : null,
    attributes: attributes as Record<string, unknown>,
    active: f.active,
  }
  if (isNew) {
    body.code = f.code.trim()
    body.kind = f.kind
  }
  return body
}

export function deviceForm(d: SitesApi.Device | null): DeviceForm {
  return {
    mn: d?.mn ?? '',
    pw: '',
    protocol: d?.protocol ?? '2017',
    st: d?.st ?? '',
    interval_s: d?.interval_s ?? 60,
    crc: d?.crc ?? 'strict',
    factors: (d?.factors ?? []).join(', '),
    active: d?.active ?? true,
  }
}

/** The body of a device form: factors split on commas or spaces; the password only when typed (never shown). */
export function deviceBody(f: DeviceForm, siteId: string | null): SitesAdmin.DeviceBody {
  const body: SitesAdmin.DeviceBody = {
    mn: f.mn.trim(),
    protocol: f.protocol,
    st: f.st.trim() || undefined,
    interval_s: f.interval_s,
    crc: f.crc.trim() || undefined,
    factors: f.factors.split(/[\s,，]+/).filter(Boolean),
    active: f.active,
  }
  if (f.pw.trim()) body.pw = f.pw.trim()
  if (siteId) body.site_id = siteId
  return body
}

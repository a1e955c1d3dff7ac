/**
 * Site states and their colours (map markers, legend, tags). The colours pass 3:1 against white
 * for markers; text in tags uses Element Plus's own accessible tag colours.
 */
export const STATE_COLORS: Readonly<Record<string, string>> = {
  normal: '#1f9d55',
  exceeding: '#d03050',
  suspect: '#d98c00',
  no_data: '#7d8791',
}

/** Colour of a state; an unknown state is drawn like no data. */
export function stateColor(state: string | null | undefined): string {
  return STATE_COLORS[state ?? ''] ?? STATE_COLORS.no_data
}

export type TagType = 'success' | 'info' | 'warning' | 'danger' | 'primary'

export function stateTagType(state: string | null | undefined): TagType {
  switch (state) {
    case 'normal':
      return 'success'
    case 'exceeding':
      return 'danger'
    case 'suspect':
      return 'warning'
    default:
      return 'info'
  }
}

/** The i18n key of a state; the API may add states before the UI knows them. */
export function stateKey(state: string | null | undefined): string {
  return state && state in STATE_COLORS ? `siteStates.${state}` : 'siteStates.unknown'
}

export interface SiteCounts {
  sites: number
  byKind: Record<string, number>
  byState: Record<string, number>
  devicesOnline: number
  devicesTotal: number
}

/** Sites by kind and state, devices online/total: the summary beside the map. */
export function summarize(sites: readonly { kind: string; state?: string; devices_online?: number; devices_total?: number }[]): SiteCounts {
  const out: SiteCounts = { sites: sites.length, byKind: {}, byState: {}, devicesOnline: 0, devicesTotal: 0 }
  for (const s of sites) {
    out.byKind[s.kind] = (out.byKind[s.kind] ?? 0) + 1
    const st = s.state ?? 'no_data'
    out.byState[st] = (out.byState[st] ?? 0) + 1
    out.devicesOnline += s.devices_online ?? 0
    out.devicesTotal += s.devices_total ?? 0
  }
  return out
}

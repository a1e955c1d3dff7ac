/**
 * Build-time settings. No map tiles are fetched unless VITE_TILE_URL is set:
 * the demo machine and many government networks have no internet.
 */
export const config = {
  tileUrl: (import.meta.env.VITE_TILE_URL ?? '').trim(),
  tileAttribution: (import.meta.env.VITE_TILE_ATTRIBUTION ?? '').trim(),
}

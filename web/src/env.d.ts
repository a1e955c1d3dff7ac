/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Map tile URL template, e.g. an intranet tile server; none by default (offline networks). */
  readonly VITE_TILE_URL?: string
  /** Attribution text of those tiles. */
  readonly VITE_TILE_ATTRIBUTION?: string
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}

import { http } from './http'

export namespace GeoApi {
  /** 街道边界要素的属性 */
  export interface SubdistrictProps {
    code: string
    name: string
    name_en: string
    /** true: 示意边界，非测绘成果 */
    schematic: boolean
  }
  export interface Feature {
    type: 'Feature'
    geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }
    properties: SubdistrictProps
  }
  export interface FeatureCollection {
    type: 'FeatureCollection'
    features: Feature[]
  }
}

/** 街道（示意）边界，GeoJSON */
export const getSubdistricts = () => http.get<GeoApi.FeatureCollection>('/api/v1/geo/subdistricts')

// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/guards/table-ownership.test.ts).

/** A 查阅点, 公开栏 … of an agency (places.ts PlaceKind). Nothing in it is personal data. */
export interface PlaceTable {
  id: string;
  agency_id: string;
  kind: string;
  name: string;
  /** A 公开栏 that is an electronic screen (信息化宣传屏, a village screen: /kiosk). */
  electronic: number;
  /** 所在场所: 档案馆, 图书馆, 政务服务中心, 村委会 … */
  venue: string | null;
  address: string;
  /** WGS-84, six decimals. */
  lat: number;
  lng: number;
  /** places.ts CoordSource. */
  coord_source: string;
  /** The system the point was given in before it was converted to WGS-84 (coords.ts CoordSystem). */
  coord_input: string;
  /** The place's public telephone (an office line, not a person's). */
  phone: string | null;
  /** JSON array of places.ts PlaceService. */
  services: string;
  /** JSON array of places.ts PlaceAccessibility. */
  accessibility: string;
  /** JSON hours.ts OpeningHours. */
  hours: string;
  description: string | null;
  /** open | closed (撤销: kept, no longer shown). */
  status: string;
  created_at: string;
  updated_at: string;
}

/** A photo of a place (the 查阅点's entrance, the 公开栏 as posted). */
export interface PlacePhotoTable {
  id: string;
  place_id: string;
  agency_id: string;
  media_type: string;
  content: Uint8Array;
  caption: string;
  position: number;
  created_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    place: PlaceTable;
    place_photo: PlacePhotoTable;
  }
}

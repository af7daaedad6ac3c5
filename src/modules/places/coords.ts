import { createRequire } from 'node:module';

// gcoord is a CommonJS package whose types describe an ES default export: required as what it
// is, with the little of it used here typed.
const gcoord = createRequire(import.meta.url)('gcoord') as {
  WGS84: string;
  GCJ02: string;
  BD09: string;
  transform(p: [number, number], from: string, to: string): [number, number];
};

/**
 * Coordinates (services.md §6.2). A place's point is stored in WGS-84 (GPS; 天地图's CGCS2000 is
 * the same for a web map). 高德 and 腾讯 show GCJ-02, 百度 BD-09: the navigation links carry the
 * point converted by the standard transformation (gcoord), which, as the standard does, leaves a
 * point outside China's bounding box unchanged. A point picked on 高德 or 百度 is converted back
 * to WGS-84 when it is entered.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

export type CoordSystem = 'wgs84' | 'gcj02' | 'bd09';

export const coordSystemLabels: Record<CoordSystem, string> = {
  wgs84: 'WGS-84（GPS、天地图）',
  gcj02: 'GCJ-02（高德、腾讯）',
  bd09: 'BD-09（百度）',
};

const crs = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * China's box as the standard implementations draw it: outside it no offset applies. gcoord gates
 * GCJ-02 by it but not Baidu's rotation, so the gate is here, for every conversion.
 */
export function inChinaBox(p: LatLng): boolean {
  return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

export function convert(p: LatLng, from: CoordSystem, to: CoordSystem): LatLng {
  if (from === to || !inChinaBox(p)) return { lat: p.lat, lng: p.lng };
  const [lng, lat] = gcoord.transform([p.lng, p.lat], crs[from], crs[to]);
  return { lat: lat!, lng: lng! };
}

/** The three systems of a WGS-84 point, as `gongkai places convert` prints them. */
export function allSystems(p: LatLng): Record<CoordSystem, LatLng> {
  return {
    wgs84: { lat: p.lat, lng: p.lng },
    gcj02: convert(p, 'wgs84', 'gcj02'),
    bd09: convert(p, 'wgs84', 'bd09'),
  };
}

/** A latitude and longitude that exist (the schema's checks name the field). */
export function validLatLng(p: LatLng): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}

/** Great-circle distance in metres (haversine on the WGS-84 mean radius). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 850 米 / 3.2 公里: how far, as a person reads it. */
export function formatDistance(m: number): string {
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} 米`;
  return `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} 公里`;
}

/** Six decimals: about 0.1 m, the precision stored and shown. */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

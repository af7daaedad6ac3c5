import { convert, round6, type LatLng } from './coords.js';

/**
 * Navigation links that open a phone's map app at a place (services.md §6.4), built on the
 * server from the stored WGS-84 point: 高德 and 腾讯 get the point converted to GCJ-02, 百度 to
 * BD-09, each with the provider's own coordinate-type parameter saying so; `geo:` (Android and
 * most map apps) takes WGS-84 as it is. No script runs on the phone to convert anything.
 */

export type NavProvider = 'amap' | 'baidu' | 'tencent' | 'geo';

export interface NavLink {
  provider: NavProvider;
  label: string;
  href: string;
}

export interface NavTarget extends LatLng {
  name: string;
  address: string;
}

/** 腾讯 asks for a key registered with it in `referer`; without one the platform's name is sent. */
export interface NavSource {
  tencentKey?: string | null;
}

/** How the platform names itself to the providers (高德 `src`; 百度 `src` is webapp.公司.应用). */
const APP = 'gongkai';
const BAIDU_SRC = 'webapp.gongkai.places';

const fixed = (x: number) => round6(x).toFixed(6);

export function navLinks(p: NavTarget, src: NavSource): NavLink[] {
  const gcj = convert(p, 'wgs84', 'gcj02');
  const bd = convert(p, 'wgs84', 'bd09');
  const name = encodeURIComponent(p.name);
  const addr = encodeURIComponent(p.address);
  return [
    {
      provider: 'amap',
      label: '高德地图',
      href:
        `https://uri.amap.com/marker?position=${fixed(gcj.lng)},${fixed(gcj.lat)}` +
        `&name=${name}&src=${APP}&coordinate=gaode&callnative=1`,
    },
    {
      provider: 'baidu',
      label: '百度地图',
      href:
        `https://api.map.baidu.com/marker?location=${fixed(bd.lat)},${fixed(bd.lng)}` +
        `&title=${name}&content=${addr}&output=html&coord_type=bd09ll&src=${BAIDU_SRC}`,
    },
    {
      provider: 'tencent',
      label: '腾讯地图',
      href:
        `https://apis.map.qq.com/uri/v1/marker?marker=coord:${fixed(gcj.lat)},${fixed(gcj.lng)};` +
        `title:${name};addr:${addr}&coord_type=2&referer=${encodeURIComponent(src.tencentKey || APP)}`,
    },
    {
      provider: 'geo',
      label: '手机自带地图',
      href: `geo:${fixed(p.lat)},${fixed(p.lng)}?q=${fixed(p.lat)},${fixed(p.lng)}(${name})`,
    },
  ];
}

/** The digits to dial: the first number only, an extension (转 8001) as a pause and the digits. */
export function telHref(phone: string): string | null {
  const first = phone.normalize('NFKC').split(/[,，、;；/]/)[0]!;
  const [main, ext] = first.split(/转|ext\.?|-?分机/i);
  const digits = (main ?? '').replace(/[^\d+]/g, '');
  if (digits.length < 5) return null;
  const extDigits = (ext ?? '').replace(/\D/g, '');
  return `tel:${digits}${extDigits ? `,${extDigits}` : ''}`;
}

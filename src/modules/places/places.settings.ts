import { BadValue, defineSettings } from '../../platform/config/settings.js';

const optionalText = (max: number, what: RegExp, message: string) => (raw: string) => {
  const v = raw.trim();
  if (v && (v.length > max || !what.test(v))) throw new BadValue(message);
  return v;
};

/** The public map's basemap and the navigation links' sender names (issue 16; services.md §6.3–6.4). */
export const placesSettings = defineSettings({
  tiandituKey: {
    env: 'PLACES_TIANDITU_KEY',
    doc: '天地图 developer key (tk, a browser key limited to this site’s domain: it is sent to browsers). Set together with PLACES_MAP_REVIEW_NUMBER: the public map draws 天地图 vector tiles and labels, a lawful 标准地图 for a public site. Either empty: a schematic view of the points without any third-party tiles.',
    default: '',
    parse: optionalText(64, /^[0-9a-zA-Z]+$/, '应为天地图开发者密钥（字母和数字）'),
  },
  reviewNumber: {
    env: 'PLACES_MAP_REVIEW_NUMBER',
    doc: '审图号 printed on and under the map when 天地图 tiles are shown (地图管理条例第二十二条), as 天地图 publishes it for its service, e.g. GS(2024)0568号; check it on the 天地图 site, it changes. Required for the tiles: without it the map stays schematic.',
    default: '',
    parse: optionalText(40, /^[^<>"]+$/, '应为审图号，例如 GS(2024)0568号'),
  },
  tencentKey: {
    env: 'PLACES_TENCENT_KEY',
    doc: '腾讯位置服务 key sent as `referer` in 腾讯地图 navigation links; empty: the site name is sent (the link still opens).',
    default: '',
    parse: optionalText(64, /^[0-9A-Za-z-]+$/, '应为腾讯位置服务的 key'),
  },
});

import { BadValue, defineSettings, integerBetween } from '../../platform/config/settings.js';

/** A licence of the open data, as datapackage.json and the catalog name it. */
export interface License {
  /** SPDX / Open Definition id, e.g. CC-BY-4.0. */
  name: string;
  title: string;
  path: string | null;
}

/** Licences whose title and text address are known; any other SPDX id is taken as given. */
const known: Record<string, Omit<License, 'name'>> = {
  'CC-BY-4.0': {
    title: '知识共享署名 4.0 国际许可协议（CC BY 4.0）',
    path: 'https://creativecommons.org/licenses/by/4.0/',
  },
  'CC-BY-SA-4.0': {
    title: '知识共享署名—相同方式共享 4.0 国际许可协议（CC BY-SA 4.0）',
    path: 'https://creativecommons.org/licenses/by-sa/4.0/',
  },
  'CC0-1.0': { title: 'CC0 1.0 公有领域贡献', path: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'ODC-By-1.0': {
    title: '开放数据共享署名许可协议（ODC-By 1.0）',
    path: 'https://opendatacommons.org/licenses/by/1-0/',
  },
  'ODbL-1.0': {
    title: '开放数据库许可协议（ODbL 1.0）',
    path: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
  'PDDL-1.0': {
    title: '开放数据共享公有领域贡献和许可协议（PDDL 1.0）',
    path: 'https://opendatacommons.org/licenses/pddl/1-0/',
  },
};

export function licenseOf(id: string): License {
  const k = known[id];
  return k ? { name: id, ...k } : { name: id, title: id, path: null };
}

/** The open data's settings: its licence and how often one address may ask. */
export const openDataSettings = defineSettings({
  license: {
    env: 'OPEN_DATA_LICENSE',
    doc: 'The licence of the open data (/api/v1/open, /open-data, datapackage.zip), as an SPDX id: CC-BY-4.0 (the default), CC-BY-SA-4.0, CC0-1.0, ODC-By-1.0, ODbL-1.0, PDDL-1.0 or another SPDX id (named as given).',
    default: 'CC-BY-4.0',
    parse: (raw): License => {
      const v = raw.trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9.+-]{0,63}$/.test(v))
        throw new BadValue('应为许可协议的 SPDX 标识，如 CC-BY-4.0 或 CC0-1.0');
      return licenseOf(v);
    },
  },
  cacheSeconds: {
    env: 'OPEN_DATA_CACHE_SECONDS',
    doc: 'Seconds the open data, once gathered from the modules, is served again before it is gathered anew (each process keeps its own copy; 0: gathered for every request). Default 60.',
    default: '60',
    parse: integerBetween(0, 86_400),
  },
  perMinute: {
    env: 'OPEN_DATA_RATE_LIMIT',
    doc: 'Requests one address may make to the open-data API (/api/v1/open/…) per minute. Default 120.',
    default: '120',
    parse: integerBetween(1, 100_000),
  },
});

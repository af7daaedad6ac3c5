import { BadValue, defineSettings, integerBetween } from '../config/settings.js';

/**
 * What every page footer of a government site shows (政府网站发展指引, 国办发〔2017〕47号): the
 * 网站标识码, the ICP and 公安机关 filing numbers, the 党政机关网站标识 and a 隐私声明, and how long
 * personal data given on the site's forms is kept (the notice beside each form says it). The
 * platform declares them (every installation has a footer); an unset item is left out.
 */

function optional(check: (v: string) => string | null) {
  return (raw: string): string => {
    const v = raw.trim();
    if (v === '') return '';
    const problem = check(v);
    if (problem) throw new BadValue(problem);
    return v;
  };
}

/** A link: an absolute http(s) address or a path on this site. */
const link = optional((v) =>
  /^(https?:\/\/\S+|\/\S*)$/.test(v) ? null : '应为 http:// 或 https:// 开头的地址，或以 / 开头的本站路径',
);

export const siteSettings = defineSettings({
  sponsor: {
    env: 'GONGKAI_SITE_SPONSOR',
    doc: '主办单位 shown in the footer; empty: the top agency’s name.',
    default: '',
    parse: optional((v) => (v.length <= 60 ? null : '不超过 60 个字')),
  },
  organizer: {
    env: 'GONGKAI_SITE_ORGANIZER',
    doc: '承办单位 shown in the footer (e.g. the 政务公开 office); empty: not shown.',
    default: '',
    parse: optional((v) => (v.length <= 60 ? null : '不超过 60 个字')),
  },
  siteCode: {
    env: 'GONGKAI_SITE_CODE',
    doc: '网站标识码 issued for the site (10 digits, e.g. 3505820001); empty: not shown.',
    default: '',
    parse: optional((v) => (/^\d{10}$/.test(v) ? null : '应为 10 位数字的网站标识码')),
  },
  icpNumber: {
    env: 'GONGKAI_SITE_ICP',
    doc: 'ICP备案号 (e.g. 闽ICP备05000000号), linked to the MIIT filing system; empty: not shown.',
    default: '',
    parse: optional((v) => (/ICP备\d+号(-\d+)?$/.test(v) ? null : '应为“闽ICP备12345678号”这样的备案号')),
  },
  policeNumber: {
    env: 'GONGKAI_SITE_POLICE_RECORD',
    doc: '公安机关备案号 (e.g. 闽公网安备 35058202000001号), linked to the MPS filing system; empty: not shown.',
    default: '',
    parse: optional((v) =>
      /公网安备\s*\d{14}号$/.test(v) ? null : '应为“闽公网安备 35058202000001号”这样的备案号（14 位数字）',
    ),
  },
  conacUrl: {
    env: 'GONGKAI_SITE_CONAC_URL',
    doc: 'Address of the site’s 党政机关网站标识 certificate (the 党政机关 mark links to it); empty: not shown.',
    default: '',
    parse: optional((v) => (/^https?:\/\/\S+$/.test(v) ? null : '应为 http:// 或 https:// 开头的地址')),
  },
  privacyUrl: {
    env: 'GONGKAI_SITE_PRIVACY_URL',
    doc: 'The 隐私声明 the footer and the forms link to: the platform’s own page (/privacy, the default) or another address.',
    default: '/privacy',
    parse: (raw: string) => link(raw) || '/privacy',
  },
  personalDataYears: {
    env: 'GONGKAI_PERSONAL_DATA_YEARS',
    doc: 'Years an application’s personal data is kept after the case is closed (the notice beside each form and the 隐私声明 state it).',
    default: '10',
    parse: integerBetween(1, 100),
  },
});

export type SiteSettings = ReturnType<typeof siteSettings.of>;

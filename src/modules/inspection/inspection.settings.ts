import { readFileSync } from 'node:fs';
import { BadValue, defineSettings, integerBetween } from '../../platform/config/settings.js';
import { defaultRules, rulesProblems, type InspectionRules } from './rules.js';

/** Rules with `over`'s fields in place of the base's (objects merged one level down). */
export function mergeRules(base: InspectionRules, over: Partial<InspectionRules>): InspectionRules {
  return {
    ...base,
    ...over,
    columnWindowDays: { ...base.columnWindowDays, ...over.columnWindowDays },
    veto: { ...base.veto, ...over.veto },
    deductions: { ...base.deductions, ...over.deductions },
  };
}

const engines = ['auto', 'chromium', 'none'] as const;
export type BrowserSetting = (typeof engines)[number];

/**
 * The site inspector's settings. The 19号 thresholds themselves (windows, veto counts, points of
 * the 100-point sheet) are the rules of rules.ts; those an office is known to change are here.
 */
export const inspectionSettings = defineSettings({
  browser: {
    env: 'INSPECTION_BROWSER',
    doc: 'Who renders pages for the accessibility and 适老化 checks: `auto` (Chromium when `INSPECTION_CHROMIUM_PATH` exists, else the static checks), `chromium` (required; a run fails without it) or `none` (static checks only: lang, title, alt text, labels, zoom). Default auto.',
    default: 'auto',
    parse: (raw): BrowserSetting => {
      if (!(engines as readonly string[]).includes(raw)) throw new BadValue('应为 auto、chromium 或 none');
      return raw as BrowserSetting;
    },
  },
  chromiumPath: {
    env: 'INSPECTION_CHROMIUM_PATH',
    doc: 'The Chromium executable of the accessibility checks.',
    default: '/usr/bin/chromium',
    parse: (raw) => {
      if (!raw.startsWith('/')) throw new BadValue('应为可执行文件的绝对路径，如 /usr/bin/chromium');
      return raw;
    },
  },
  crawlDays: {
    env: 'INSPECTION_CRAWL_DAYS',
    doc: 'Days between the scheduled inspections of each active site (an inspection can also be started at any time). Default 7.',
    default: '7',
    parse: integerBetween(1, 92),
  },
  pageLimit: {
    env: 'INSPECTION_PAGE_LIMIT',
    doc: 'Pages a new site is crawled to at most per inspection (each site can change its own). Default 200.',
    default: '200',
    parse: integerBetween(1, 20_000),
  },
  concurrency: {
    env: 'INSPECTION_CONCURRENCY',
    doc: 'Requests the crawler keeps in flight to one site at most. Default 2.',
    default: '2',
    parse: integerBetween(1, 16),
  },
  delayMs: {
    env: 'INSPECTION_DELAY_MS',
    doc: 'Milliseconds between two requests to one site (a larger Crawl-delay in its robots.txt wins). Default 500.',
    default: '500',
    parse: integerBetween(0, 60_000),
  },
  homeDays: {
    env: 'INSPECTION_HOME_DAYS',
    doc: '首页不更新: the newest dated item reachable from the home page must be at most this many days old (国办秘函〔2019〕19号: two weeks). Default 14.',
    default: '14',
    parse: integerBetween(1, 365),
  },
  dynamicDays: {
    env: 'INSPECTION_DYNAMIC_DAYS',
    doc: '栏目不更新: days a 动态/要闻/新闻 column may go without a new item. Default 14.',
    default: '14',
    parse: integerBetween(1, 3650),
  },
  noticePolicyDays: {
    env: 'INSPECTION_NOTICE_POLICY_DAYS',
    doc: '栏目不更新: days a 通知公告/政策文件 column may go without a new item (19号: six months). Default 183.',
    default: '183',
    parse: integerBetween(1, 3650),
  },
  otherDays: {
    env: 'INSPECTION_OTHER_DAYS',
    doc: '栏目不更新: days any other dated column may go without a new item. Default 365.',
    default: '365',
    parse: integerBetween(1, 3650),
  },
  rulesFile: {
    env: 'INSPECTION_RULES_FILE',
    doc: "A JSON file overriding any of the inspector's rules, over the settings above (rules.ts InspectionRules: column title patterns, veto thresholds, the points and caps of the 100-point sheet, whose official values are unverified). Checked at start; each problem is named. Default none.",
    default: '',
    parse: (raw) => {
      if (!raw) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(raw, 'utf8'));
      } catch (e) {
        throw new BadValue(`无法读取检查规则文件 ${raw}：${e instanceof Error ? e.message : String(e)}`);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new BadValue('检查规则文件应为 JSON 对象');
      const over = parsed as Partial<InspectionRules>;
      const problems = rulesProblems(mergeRules(defaultRules, over));
      if (problems.length) throw new BadValue(problems.join(' '));
      return over;
    },
  },
  a11yPages: {
    env: 'INSPECTION_A11Y_PAGES',
    doc: 'Pages of each inspection checked with axe-core and the 适老化 checks: the home page, the column pages, then others. Default 12.',
    default: '12',
    parse: integerBetween(1, 500),
  },
});

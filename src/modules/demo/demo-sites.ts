import type { Ctx } from '../../platform/context.js';
import { agencies } from '../agencies/index.js';
import { createSite, recordProbes, startRun } from '../inspection/index.js';

// Two departments' websites for the demo's site inspector (issue 17 §6), served by the platform
// itself under /demo-sites/<slug>/ while the demo is loaded: 晋江市教育局's, kept up to date (its
// dates follow the demo's today), and 晋江市民政局's, neglected — its home page and columns last
// updated months ago, five columns empty, a dead link, a hidden off-site link and a 低保 公示 that
// prints an applicant's full 身份证号 and mobile number. The markup is that of the usual CMS
// templates of county sites (navigation list, dated lists, 47号 meta tags on articles). Every
// name, number and address here is invented; the 身份证号 is made up with a valid check digit.

export interface DemoSitePage {
  status: number;
  html: string;
}

export const demoSiteSlugs = { education: 'jyj', civilAffairs: 'mzj' } as const;

export interface DemoColumn {
  slug: string;
  title: string;
  /** Days before today of each item, newest first; [] = an empty column. */
  ages: number[];
}

export interface DemoSiteSpec {
  name: string;
  agency: string;
  siteCode: string;
  phone: string;
  columns: DemoColumn[];
  /** Days before today of the home page's 要闻 items. */
  homeAges: number[];
  footer: 'full' | 'partial';
  extraHome?: string;
  /** The article (`<column>/<n>`) that prints an applicant's 身份证号 and mobile number. */
  leakOn?: string;
}

const sites: Record<string, DemoSiteSpec> = {
  jyj: {
    name: '晋江市教育局',
    agency: '晋江市教育局',
    siteCode: '3505820012',
    phone: '0595-85600000',
    homeAges: [1, 3, 6, 9, 12],
    footer: 'full',
    columns: [
      { slug: 'jydt', title: '教育动态', ages: [1, 3, 6, 9, 12, 20, 33] },
      { slug: 'tzgg', title: '通知公告', ages: [2, 15, 40, 75] },
      { slug: 'zcwj', title: '政策文件', ages: [30, 95, 170] },
      { slug: 'xxgk', title: '信息公开年报', ages: [300] },
    ],
  },
  mzj: {
    name: '晋江市民政局',
    agency: '晋江市民政局',
    siteCode: '3505820031',
    phone: '0595-85610000',
    homeAges: [41, 58, 90],
    footer: 'partial',
    columns: [
      { slug: 'gzdt', title: '工作动态', ages: [41, 58, 90] },
      { slug: 'ywjj', title: '要闻聚焦', ages: [63, 120] },
      { slug: 'tzgg', title: '通知公告', ages: [200, 260] },
      { slug: 'zcwj', title: '政策文件', ages: [220, 400] },
      { slug: 'zcjd', title: '政策解读', ages: [240] },
      { slug: 'jcdt', title: '基层动态', ages: [35, 70] },
      { slug: 'ztzl', title: '专题专栏', ages: [] },
      { slug: 'sjfb', title: '数据发布', ages: [] },
      { slug: 'rsxx', title: '人事信息', ages: [] },
      { slug: 'czzj', title: '财政资金', ages: [] },
      { slug: 'jyta', title: '建议提案办理', ages: [] },
    ],
    leakOn: 'tzgg/1',
    extraHome:
      '<div style="display:none"><a href="http://example-casino.invalid/">在线娱乐</a></div>' +
      '<p><a href="missing.html">2025年度社会组织年检结果</a></p>',
  },
};

const topics = [
  '召开全市工作推进会',
  '开展专项检查',
  '部署年度重点工作',
  '举办业务培训班',
  '推进便民服务改革',
  '通报第三季度工作情况',
  '开展政策宣传进社区活动',
];

function dateBefore(now: Date, days: number): string {
  return new Date(now.getTime() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function page(site: DemoSiteSpec, base: string, title: string, body: string, meta = ''): string {
  const nav = [`<li><a href="${base}">首页</a></li>`]
    .concat(site.columns.map((c) => `<li><a href="${base}${c.slug}/">${esc(c.title)}</a></li>`))
    .join('');
  const footer =
    site.footer === 'full'
      ? `<p>主办单位：${site.agency} 联系电话：${site.phone}</p><p>网站标识码：${site.siteCode} 闽ICP备05012345号-2 <a href="http://beian.mps.gov.cn/">闽公网安备 35058202000123号</a></p><p><a href="https://bszs.conac.cn/">党政机关网站标识</a></p>`
      : `<p>主办单位：${site.agency}</p>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} - ${site.name}</title><meta name="SiteName" content="${site.name}"><meta name="SiteDomain" content="${base}"><meta name="SiteIDCode" content="${site.siteCode}">${meta}</head><body><header><h1>${site.name}</h1><nav><ul>${nav}</ul></nav></header><main>${body}</main><footer>${footer}</footer></body></html>`;
}

function list(base: string, column: DemoColumn, now: Date): string {
  if (column.ages.length === 0) return '<ul class="list"></ul><p class="empty">暂无信息</p>';
  return `<ul class="list">${column.ages
    .map(
      (age, i) =>
        `<li><a href="${base}${column.slug}/${i + 1}.html">${esc(column.title)}：${topics[(i + column.slug.length) % topics.length]}</a><span class="date">${dateBefore(now, age)}</span></li>`,
    )
    .join('')}</ul>`;
}

function article(site: DemoSiteSpec, base: string, column: DemoColumn, index: number, now: Date): string {
  const age = column.ages[index - 1]!;
  const title = `${column.title}：${topics[(index - 1 + column.slug.length) % topics.length]}`;
  const date = dateBefore(now, age);
  const meta = `<meta name="ColumnName" content="${esc(column.title)}"><meta name="ArticleTitle" content="${esc(title)}"><meta name="PubDate" content="${date} 09:30"><meta name="ContentSource" content="${site.agency}">`;
  // 民政局's 低保 公示 prints what it should have masked (the inspector finds it).
  const leak =
    site.leakOn === `${column.slug}/${index}`
      ? '<p>经审核，以下家庭符合最低生活保障条件，现予公示：申请人 王某某，身份证号 350582198804150014，联系电话 13905951234，家庭人口 3 人。</p>'
      : '';
  return page(
    site,
    base,
    title,
    `<h2>${esc(title)}</h2><p class="info">发布时间：${date} 09:30 来源：${site.agency}</p><p>根据工作安排，${site.agency}${topics[index % topics.length]}，各有关单位参加。</p>${leak}`,
    meta,
  );
}

/** The page at `path` (after /demo-sites/) of a demo site, or null when there is none. */
export function demoSitePage(path: string, now: Date): DemoSitePage | null {
  const m = /^([a-z]+)\/(.*)$/.exec(path);
  const site = m ? sites[m[1]!] : undefined;
  if (!m || !site) return null;
  return renderSitePage(site, `/demo-sites/${m[1]}/`, m[2]!, now);
}

/**
 * A page of a site made to `site`'s pattern under `base` (its home page is `base`): the home page,
 * the column lists (`<slug>/`) and their articles (`<slug>/<n>.html`); null for anything else.
 * The site inspector's tests serve sites of their own through it.
 */
export function renderSitePage(
  site: DemoSiteSpec,
  base: string,
  rest: string,
  now: Date,
): DemoSitePage | null {
  if (rest === '' || rest === 'index.html') {
    const first = site.columns[0]!;
    const news = site.homeAges
      .map(
        (age, i) =>
          `<li><a href="${base}${first.slug}/${Math.min(i + 1, Math.max(1, first.ages.length))}.html">${esc(first.title)}：${topics[(i + first.slug.length) % topics.length]}</a><span class="date">${dateBefore(now, age)}</span></li>`,
      )
      .join('');
    return {
      status: 200,
      html: page(
        site,
        base,
        '首页',
        `<section><h2>${esc(first.title)}</h2><ul class="list">${news}</ul></section>${site.extraHome ?? ''}`,
      ),
    };
  }
  const col = /^([a-z]+)\/(?:index\.html)?$/.exec(rest);
  const column = col ? site.columns.find((c) => c.slug === col[1]) : undefined;
  if (column)
    return {
      status: 200,
      html: page(site, base, column.title, `<h2>${esc(column.title)}</h2>${list(base, column, now)}`),
    };
  const art = /^([a-z]+)\/(\d+)\.html$/.exec(rest);
  const artColumn = art ? site.columns.find((c) => c.slug === art[1]) : undefined;
  if (art && artColumn && Number(art[2]) >= 1 && Number(art[2]) <= artColumn.ages.length)
    return { status: 200, html: article(site, base, artColumn, Number(art[2]), now) };
  return null;
}

/** The demo's inspected sites: the portal and the two departments' sites under `base`. */
export function demoSites(base: string) {
  return [
    {
      agency: '晋江市人民政府',
      name: '晋江市人民政府门户网站（本平台）',
      url: `${base}/`,
      ownPortal: true,
      pageLimit: 60,
    },
    {
      agency: '晋江市教育局',
      name: '晋江市教育局网站',
      url: `${base}/demo-sites/jyj/`,
      ownPortal: false,
      pageLimit: 40,
    },
    {
      agency: '晋江市民政局',
      name: '晋江市民政局网站',
      url: `${base}/demo-sites/mzj/`,
      ownPortal: false,
      pageLimit: 40,
    },
  ];
}

/**
 * Puts the portal and the two departments' sites on the office's inspection list, with a week of
 * hourly probes (民政局's home page failed 10 of 168, 6%: the 站点无法访问 veto; 教育局's once),
 * and queues their first inspection for a minute after the start (the server must be listening).
 */
export async function loadInspection(ctx: Ctx, base: string): Promise<void> {
  const byName = new Map((await agencies.listPublic(ctx)).map((a) => [a.name, a]));
  const now = ctx.clock.now().getTime();
  for (const [i, s] of demoSites(base).entries()) {
    const agency = byName.get(s.agency);
    if (!agency) throw new Error(`demo: unknown agency ${s.agency}`);
    const { id } = await createSite(ctx, {
      agencyId: agency.id,
      name: s.name,
      url: s.url,
      siteCode: s.ownPortal ? '3505820001' : null,
      ownPortal: s.ownPortal ? 'on' : '',
      pageLimit: String(s.pageLimit),
      columnRules: '',
    });
    const failures = s.url.includes('/mzj/')
      ? [5, 21, 40, 62, 77, 90, 111, 130, 149, 160]
      : s.url.includes('/jyj/')
        ? [100]
        : [];
    await recordProbes(
      ctx,
      id,
      Array.from({ length: 168 }, (_, h) => {
        const failed = failures.includes(h);
        return {
          at: new Date(now - (168 - h) * 3_600_000 + 7 * 60_000),
          ok: !failed,
          status: failed ? null : 200,
          ms: failed ? 15_000 : 180 + ((h * 37) % 400),
          error: failed ? '连接超时（15 秒）' : null,
        };
      }),
    );
    await startRun(ctx, id, 'schedule', { runAt: new Date(now + (60 + i * 20) * 1000) });
  }
}

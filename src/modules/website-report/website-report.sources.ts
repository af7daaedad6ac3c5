import type { Ctx } from '../../platform/context.js';
import { siteSettings } from '../../platform/ui/site.settings.js';
import type { Agency } from '../agencies/index.js';
import { mediaFigures, platformLabels, type Platform } from '../media/index.js';
import { messages } from '../messages/index.js';
import { publishedInYearByGenre } from '../records/index.js';
import type { AccountKind } from './website-report.fields.js';
import type { AccountLine, Computed, ComputedFigures } from './website-report.js';

/**
 * What the platform computes of the 政府网站工作年度报表 for its own portal, each figure with its
 * 计算口径 (shown on the form and the preview), each read through the owning module's index:
 * the site settings (name, 标识码, filings), records (信息发布, 解读), the 信箱 (留言办理) and the
 * 政务新媒体 registry (移动新媒体). 12345 is not the website's 留言 and is left out.
 */

/**
 * 信息发布's three classes, by 体裁分类 (records carry no other class of this kind). A record
 * counts in one class only: 概况类 first, then 政务动态; every other record the platform publishes
 * is filed by its 索引号 in its agency's 政府信息公开目录, so the three add up to the total.
 */
export const overviewGenres = [
  '机构职能',
  '机构概况',
  '领导信息',
  '领导简介',
  '政府信息公开指南',
  '政府信息公开制度',
] as const;
export const newsGenres = [
  '工作动态',
  '政务动态',
  '要闻',
  '新闻',
  '通知公告',
  '公告',
  '公示',
  '通告',
  '简报',
] as const;
/** 体裁 of a 政策解读 (as the portal lists them); a record linked to the document it interprets counts too. */
export const interpretationGenres = ['政策解读', '解读'] as const;

const has = (list: readonly string[], g: string | null) => g !== null && list.includes(g);

function accountKind(p: Platform): AccountKind {
  if (p === 'weibo') return 'weibo';
  if (p === 'wechatSubscription' || p === 'wechatService') return 'wechat';
  return 'other';
}

const computed = (value: string | number | null, basis: string): Computed => ({
  value: value === null || value === '' ? null : String(value),
  basis,
});

/**
 * The figures the platform holds for `year`, for the site of `site` (the top agency): `siteUrl`
 * is the site's address as configured (PUBLIC_URL), null when not set.
 */
export async function computeFigures(
  ctx: Ctx,
  site: Agency,
  year: number,
  siteUrl: string | null,
): Promise<ComputedFigures> {
  const s = siteSettings.of(ctx);
  const from = '本平台的网站设置';
  const byGenre = await publishedInYearByGenre(ctx, { agencyId: site.id, year });
  let total = 0;
  let overview = 0;
  let news = 0;
  let interpretations = 0;
  for (const r of byGenre) {
    total += r.total;
    if (has(overviewGenres, r.genre)) overview += r.total;
    else if (has(newsGenres, r.genre)) news += r.total;
    interpretations += has(interpretationGenres, r.genre) ? r.total : r.interprets;
  }
  const letters = await messages.websiteFigures(ctx, { agencyId: site.id, year });
  const accounts = await mediaFigures.accountsOf(ctx, { agencyId: site.id, year });
  const inYear = `${year}年内在本平台发布（含之后撤回）的`;
  const viaPortal = `${year}年内通过本网站信箱、网上信访收到的来信（不含 12345 热线、来信来访来电），`;
  const lines: AccountLine[] = accounts.map((a) => ({
    kind: accountKind(a.platform),
    // Under 其他 the platform is named with the account (晋江发布（抖音）): one name, many platforms.
    name: accountKind(a.platform) === 'other' ? `${a.name}（${platformLabels[a.platform]}）` : a.name,
    posts: a.posts,
    followers: a.followers,
  }));
  return {
    fields: {
      siteName: computed(site.name, `${from}：页面抬头的网站名称（机构树顶层机构的名称）`),
      homeUrl: computed(siteUrl, `${from}：本站的对外地址`),
      sponsor: computed(s.sponsor || site.name, `${from}：页脚的主办单位`),
      siteType: computed(
        site.kind === 'peoplesGovernment' ? '政府门户网站' : '部门网站',
        '主办单位为人民政府的为政府门户网站，否则为部门网站',
      ),
      siteCode: computed(s.siteCode, `${from}：页脚的网站标识码`),
      icpNumber: computed(s.icpNumber, `${from}：页脚的 ICP 备案号`),
      policeNumber: computed(s.policeNumber, `${from}：页脚的公安机关备案号`),
      infoTotal: computed(total, `${inYear}全部政府信息（本级及下级机关）`),
      infoOverview: computed(overview, `其中体裁分类为${overviewGenres.join('、')}的`),
      infoNews: computed(news, `其中体裁分类为${newsGenres.join('、')}的`),
      infoCatalog: computed(
        total - overview - news,
        '其余政府信息：均按索引号编入各机构的政府信息公开目录，三类合计等于总数',
      ),
      interpretMaterials: computed(
        interpretations,
        `${inYear}政策解读：体裁分类为政策解读，或关联了所解读文件的信息`,
      ),
      msgReceived: computed(letters.received, `${viaPortal}收到的件数`),
      msgClosed: computed(letters.replied, `${viaPortal}至 12 月 31 日已答复的件数`),
      msgAvgDays: computed(
        letters.averageDays ?? 0,
        `${viaPortal}已答复的，从收到之日到答复之日的自然日数的平均值（保留一位小数；无已答复的为 0）`,
      ),
      msgPublished: computed(
        letters.publishedReplies,
        `${viaPortal}至 12 月 31 日已答复并在网站公开答复的件数`,
      ),
      hasMobile: computed(lines.length ? '是' : '否', '主办单位本级在政务新媒体登记中年内开设的账号'),
    },
    accounts: lines,
    accountsBasis: `主办单位本级在政务新媒体登记中${year}年内开设的账号；信息发布量为年内填报的发布数之和，关注量（订阅数）为年内最后一次填报的粉丝数`,
  };
}

import type { Ctx } from '../../platform/context.js';
import type { Agency } from '../agencies/index.js';
import { catalogs, VILLAGE_DOMAIN } from '../catalog/index.js';
import { importRecords, records } from '../records/index.js';

/**
 * The pilot village screen (issue 16 §8): 磁灶镇大埔村 posts something under each item of its
 * 村（社区）事务公开 list, so that /kiosk/大埔村 opens with the village's own notices before its
 * township's. Figures and names are illustrative.
 */

/** A Beijing date-time `days` before now at `hour`, moved back off a weekend. */
function daysAgo(ctx: Ctx, days: number, hour: number): string {
  let d = new Date(ctx.clock.now().getTime() + 8 * 3_600_000 - days * 86_400_000);
  while ([0, 6].includes(d.getUTCDay())) d = new Date(d.getTime() - 86_400_000);
  return `${d.toISOString().slice(0, 10)} ${String(hour).padStart(2, '0')}:30`;
}

/** item name → the record the village posts under it. */
function villagePosts(ctx: Ctx): Array<{ item: string; title: string; days: number; body: string[] }> {
  const [year, month] = daysAgo(ctx, 0, 9).split('-').map(Number) as [number, number];
  // The accounts of the month before, the 低保 list of the current quarter.
  const last = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const quarter = ['一', '二', '三', '四'][Math.floor((month - 1) / 3)]!;
  return [
    {
      item: '村级财务收支',
      title: `大埔村${last.y}年${last.m}月财务收支公开`,
      days: 4,
      body: [
        '本月集体收入12.6万元（厂房租金9.8万元、上级转移支付2.8万元），支出8.1万元（道路保洁2.2万元、路灯电费0.9万元、老人协会活动经费1.5万元、其他3.5万元），月末结余4.5万元。',
        '明细账目可到村委会财务室查阅。',
      ],
    },
    {
      item: '村民会议和村民代表会议决定事项',
      title: '大埔村村民代表会议关于村道拓宽工程的决定',
      days: 9,
      body: [
        '经村民代表会议讨论，应到代表35人，实到31人，同意29人，决定拓宽大埔村主村道（大埔小学至村委会段）1.2公里，工程款由镇级补助和村集体收入共同承担。',
        '施工期间请村民注意出行安全。',
      ],
    },
    {
      item: '宅基地使用方案',
      title: `大埔村${year}年第一批农村宅基地申请审核结果公示`,
      days: 14,
      body: [
        '本批次受理宅基地申请3户，经村民代表会议评议、镇政府审核，同意2户（陈某某，120平方米，五组；林某某，110平方米，三组），不同意1户（已有合法宅基地）。',
        '公示期7天。',
      ],
    },
    {
      item: '集体资产资源',
      title: '大埔村集体厂房租赁招租结果公开',
      days: 21,
      body: [
        '村集体位于工业路的两座闲置厂房经公开招租，由晋江市某陶瓷有限公司以每年19.6万元租得，租期5年，租金每年1月一次缴清。',
      ],
    },
    {
      item: '低保、特困及救助对象',
      title: `大埔村${year}年第${quarter}季度低保对象名单公示`,
      days: 28,
      body: [
        '本季度在保低保对象11户18人，特困供养对象2人，名单按村民小组排列，户主姓名部分隐去。',
        '如有异议，请向村委会或磁灶镇社会事务办反映。',
      ],
    },
    {
      item: '惠农补贴发放',
      title: `大埔村${year - 1}年耕地地力保护补贴发放情况公开`,
      days: 40,
      body: [
        '全村享受耕地地力保护补贴农户146户，补贴面积612.4亩，每亩补贴118元，合计7.23万元，已通过社保卡一次性发放到户。',
      ],
    },
  ];
}

/** Publishes 大埔村's posts and files each under its village item. Nothing when it has no village list. */
export async function loadKiosk(ctx: Ctx, made: Record<string, Agency>): Promise<void> {
  const village = made['大埔村'];
  if (!village) return;
  const list = (await catalogs.publicCatalogs(ctx, village.id)).catalogs.find(
    (c) => c.catalog.domainCode === VILLAGE_DOMAIN,
  );
  if (!list) return;
  const posts = villagePosts(ctx);
  const jsonl = posts
    .map((p) =>
      JSON.stringify({
        title: p.title,
        publishedAt: daysAgo(ctx, p.days, 10),
        genre: '公示',
        subject: '民政、扶贫、救灾\\其他',
        keywords: p.item,
        body: p.body.map((s) => `<p>${s}</p>`).join(''),
      }),
    )
    .join('\n');
  await importRecords(ctx, village.id, jsonl);
  const published = await records.publishedSummaries(ctx, { agencyPath: village.path });
  for (const p of posts) {
    const item = list.items.find((i) => i.name === p.item);
    const record = published.find((r) => r.title === p.title);
    if (item && record) await catalogs.linkRecord(ctx, item.id, record.id);
  }
}

import type { Ctx } from '../../platform/context.js';
import { composeCreditCode, type Agency } from '../agencies/index.js';
import { follow, pushRules, pushSubscribers } from '../push/index.js';
import { records } from '../records/index.js';

// 精准推送 for the demo city: enterprises and people of 晋江 subscribed with profiles (addresses
// at example.com, which never receives mail), two who only follow topics, and three policies
// with audience rules, published through the records workflow. Publication queues the match;
// the platform's worker delivers to the inbox and the outbox (no SMTP server in a demo).

const enterprises: Array<{
  name: string;
  town: string;
  industry: string;
  staff: string;
  revenue: string;
  assets?: string;
  tags: string[];
  org: string;
}> = [
  {
    name: '晋江市磁灶恒达建材有限公司',
    town: '磁灶镇',
    industry: '3031',
    staff: '86',
    revenue: '5200',
    tags: ['aboveScale', 'privateEnterprise'],
    org: '7TD1A2B3',
  },
  {
    name: '福建陈埭鸿星鞋业有限公司',
    town: '陈埭镇',
    industry: '1952',
    staff: '420',
    revenue: '36000',
    tags: ['foreignTrade', 'specialized', 'aboveScale'],
    org: '7TD1A2B4',
  },
  {
    name: '晋江安海味源食品厂',
    town: '安海镇',
    industry: '1491',
    staff: '12',
    revenue: '260',
    tags: ['newlyEstablished'],
    org: '7TD1A2B5',
  },
  {
    name: '晋江青阳云帆软件科技有限公司',
    town: '青阳街道',
    industry: '6513',
    staff: '45',
    revenue: '1800',
    tags: ['highTech', 'techSme'],
    org: '7TD1A2B6',
  },
  {
    name: '晋江梅岭便民日用品店',
    town: '梅岭街道',
    industry: '5211',
    staff: '3',
    revenue: '60',
    tags: ['individualBusiness'],
    org: '7TD1A2B7',
  },
  {
    name: '恒安纺织集团（晋江）有限公司',
    town: '安海镇',
    industry: '1713',
    staff: '3200',
    revenue: '580000',
    tags: ['aboveScale', 'littleGiant', 'foreignTrade'],
    org: '7TD1A2B8',
  },
];

const citizens: Array<{ email: string; town: string; birthYear: string; tags: string[] }> = [
  { email: 'lao.chen@example.com', town: '大埔村', birthYear: '1942', tags: ['elderly'] },
  { email: 'zhang.wei@example.com', town: '磁灶镇', birthYear: '1978', tags: ['disabled'] },
  { email: 'wu.jun@example.com', town: '青阳街道', birthYear: '1985', tags: ['veteran'] },
  { email: 'lin.xiao@example.com', town: '陈埭镇', birthYear: '2003', tags: ['student'] },
  { email: 'huang.li@example.com', town: '安海镇', birthYear: '1993', tags: ['newbornFamily'] },
  { email: 'cai.ming@example.com', town: '梅岭街道', birthYear: '1968', tags: [] },
];

const policies: Array<{
  agency: string;
  title: string;
  subject: string;
  body: string;
  category: string;
  rule: Record<string, unknown>;
}> = [
  {
    agency: '晋江市工业和信息化局',
    title: '晋江市关于支持中小微制造业企业技术改造的若干措施',
    subject: '工业、交通\\其他',
    body: '<p>为推动中小微制造业企业设备更新和技术改造，对年度设备投资额 100 万元以上的技术改造项目，按设备投资额的 8% 给予补助，单个企业最高 200 万元。</p>',
    category: '财政奖补',
    rule: {
      audience: 'enterprise',
      industries: ['C'],
      scales: ['small', 'micro', 'medium'],
      regions: ['晋江市人民政府'],
    },
  },
  {
    agency: '晋江市民政局',
    title: '晋江市2026年困难残疾人生活补贴和重度残疾人护理补贴发放办法',
    subject: '民政、扶贫、救灾\\社会福利',
    body: '<p>困难残疾人生活补贴每人每月 90 元，重度残疾人护理补贴每人每月 90 元，按月发放至本人社会保障卡。</p>',
    category: '残疾人',
    rule: { audience: 'citizen', combine: 'any', identityTags: ['disabled'], ageBands: ['from80'] },
  },
  {
    agency: '晋江市人力资源和社会保障局',
    title: '晋江市2026年高校毕业生就业创业补贴申领指南',
    subject: '劳动、人事、监察\\劳动就业',
    body: '<p>离校两年内的高校毕业生到我市中小微企业就业的，给予一次性就业补贴 3000 元；自主创业的，给予一次性创业补贴 1 万元。</p>',
    category: '学生与毕业生',
    rule: { audience: 'all', combine: 'any', identityTags: ['student'], enterpriseTags: ['techSme'] },
  },
];

export async function loadPush(ctx: Ctx, made: Record<string, Agency>): Promise<void> {
  const region = (name: string) => made[name]!.id;
  let n = 0;
  for (const e of enterprises)
    await pushSubscribers.registerConfirmed(ctx, {
      kind: 'enterprise',
      email: `enterprise${++n}@example.com`,
      name: e.name,
      creditCode: composeCreditCode('91', '350582', e.org.slice(0, 8)),
      industry: e.industry,
      staff: e.staff,
      revenue: e.revenue,
      enterpriseTags: e.tags,
      regionId: region(e.town),
      profiling: '1',
      channels: ['email', 'inbox'],
    });
  for (const c of citizens)
    await pushSubscribers.registerConfirmed(ctx, {
      kind: 'citizen',
      email: c.email,
      birthYear: c.birthYear,
      identityTags: c.tags,
      ...Object.fromEntries(c.tags.map((t) => [`consent_${t}`, '1'])),
      regionId: region(c.town),
      profiling: '1',
      frequency: c.tags.includes('elderly') ? 'weekly' : 'immediate',
      channels: ['email', 'inbox', 'feed'],
    });
  const topics = await pushSubscribers.registerConfirmed(ctx, {
    kind: 'topics',
    email: 'watcher@example.com',
    channels: ['email', 'inbox'],
  });
  await follow(ctx, topics.id, { followKind: 'keyword', followValue: '补贴' });
  await follow(ctx, topics.id, { followKind: 'agency', followValue: '晋江市人力资源和社会保障局' });
  const day = ctx.clock.now().toISOString().slice(0, 10);
  for (const p of policies) {
    const r = await records.createDraft(ctx, {
      agencyId: made[p.agency]!.id,
      title: p.title,
      documentNumber: null,
      writtenDate: day,
      dateFormedOrChanged: day,
      subjectCategory: p.subject,
      genre: '通知',
      keywords: '惠企 惠民 补贴',
      body: p.body,
    });
    const regions = Array.isArray(p.rule.regions)
      ? (p.rule.regions as string[]).map((name) => made[name]!.id)
      : [];
    const categoryId = (await pushRules.categories(ctx)).find((c) => c.name === p.category)?.id;
    await pushRules.setRecordRule(ctx, r.id, { ...p.rule, regions, categoryId });
    await records.submitForReview(ctx, r.id);
    await records.review(ctx, r.id, { result: 'passed' });
    await records.approve(ctx, r.id);
    await records.publish(ctx, r.id);
  }
}

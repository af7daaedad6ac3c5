import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { agencies } from '../agencies/index.js';
import { media, mediaActivity, platformLabels, type Platform } from '../media/index.js';

// The demo city's 政务新媒体 matrix (issue 16 §8): 34 accounts (32 open) of the city, its
// departments and towns — the seed's 晋江 runs 53 — with twelve months of activity before the
// demo's today, entered through the same import as a real spreadsheet; each account's 审批文号 and
// 备案号 carry the year it opened. 晋江民政's last post is 11 days before today (the daily check
// warns the office heads: three days left before the 2-week veto); 晋江城管 has no 负责人 on
// record; 晋江司法's 微博 was 注销 in 2024 and 晋江农业农村's 视频号 is still being applied for.
// Addresses are illustrative, not the accounts' real ones.

type Spec = [agency: string, platform: Platform, name: string, followers: number, postsPerMonth: number];

const accounts: Spec[] = [
  ['晋江市人民政府', 'wechatSubscription', '晋江发布', 620_000, 90],
  ['晋江市人民政府', 'weibo', '晋江发布', 880_000, 120],
  ['晋江市人民政府', 'douyin', '晋江发布', 410_000, 30],
  ['晋江市人民政府', 'toutiao', '晋江发布', 150_000, 60],
  ['晋江市人民政府', 'wechatChannels', '晋江发布', 90_000, 20],
  ['晋江市人民政府', 'app', 'i晋江', 260_000, 40],
  ['晋江市人民政府办公室', 'wechatService', '晋江政务公开', 35_000, 25],
  ['晋江市公安局', 'weibo', '晋江公安', 520_000, 340],
  ['晋江市公安局', 'wechatSubscription', '晋江公安', 310_000, 110],
  ['晋江市公安局', 'douyin', '晋江公安', 260_000, 25],
  ['晋江市公安局', 'kuaishou', '晋江公安', 80_000, 12],
  ['晋江市教育局', 'wechatSubscription', '晋江教育', 150_000, 45],
  ['晋江市工业和信息化局', 'wechatSubscription', '晋江工信', 42_000, 130],
  ['晋江市民政局', 'wechatSubscription', '晋江民政', 18_000, 10],
  ['晋江市人力资源和社会保障局', 'wechatSubscription', '晋江人社', 96_000, 40],
  ['晋江市人力资源和社会保障局', 'douyin', '晋江人社', 22_000, 8],
  ['晋江市卫生健康局', 'wechatSubscription', '健康晋江', 88_000, 35],
  ['晋江市市场监督管理局', 'wechatSubscription', '晋江市场监管', 30_000, 22],
  ['晋江市应急管理局', 'wechatSubscription', '晋江应急', 26_000, 18],
  ['晋江市交通运输局', 'weibo', '晋江交通', 40_000, 30],
  ['晋江市城市管理局', 'wechatSubscription', '晋江城管', 24_000, 15],
  ['晋江市文化体育和旅游局', 'wechatSubscription', '晋江文旅', 70_000, 28],
  ['晋江市文化体育和旅游局', 'xiaohongshu', '晋江文旅', 15_000, 10],
  ['晋江市文化体育和旅游局', 'bilibili', '晋江文旅', 9_000, 4],
  ['泉州市晋江生态环境局', 'wechatSubscription', '晋江生态环境', 21_000, 16],
  ['晋江市自然资源局', 'wechatSubscription', '晋江自然资源', 12_000, 9],
  ['磁灶镇人民政府', 'wechatSubscription', '磁灶发布', 28_000, 20],
  ['安海镇人民政府', 'wechatSubscription', '安海发布', 33_000, 22],
  ['陈埭镇人民政府', 'wechatSubscription', '陈埭发布', 31_000, 20],
  ['青阳街道办事处', 'wechatSubscription', '青阳街道', 19_000, 14],
  ['新塘街道办事处', 'wechatSubscription', '新塘街道', 17_000, 14],
  ['新塘街道办事处', 'douyin', '新塘街道', 11_000, 6],
];

/** A small deterministic generator, so every demo shows the same figures. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function address(platform: Platform, next: () => number): { url?: string; accountRef?: string } {
  const code = (n: number) =>
    Array.from({ length: n }, () => letters[Math.floor(next() * letters.length)]).join('');
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');
  switch (platform) {
    case 'weibo':
    case 'bilibili':
      return { accountRef: `${1 + Math.floor(next() * 8)}${digits(9)}` };
    case 'wechatSubscription':
    case 'wechatService':
      return { url: `http://weixin.qq.com/r/${code(20)}`, accountRef: `gh_${digits(12)}` };
    case 'douyin':
      return { url: `https://www.douyin.com/user/MS4wLjABAAAA${code(24)}` };
    case 'app':
      return { url: 'https://app.jinjiang.example.gov.cn/' };
    default:
      return { accountRef: `jj${code(8)}` };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * An account's opening between 2014 and 2019, from March to December, and the serial of its
 * approval that year: a 晋政办 document numbered by how far into the year it came (about eight a
 * month), so the number and the date agree.
 */
function opening(next: () => number): { on: string; year: number; approvalSerial: number } {
  const year = 2014 + Math.floor(next() * 6);
  const month = 3 + Math.floor(next() * 10);
  const day = 1 + Math.floor(next() * 28);
  return {
    on: `${year}-${pad(month)}-${pad(day)}`,
    year,
    approvalSerial: Math.max(1, (month - 1) * 8 + Math.floor(next() * 8) - 4),
  };
}

export async function loadMedia(ctx: Ctx): Promise<void> {
  const next = random(2016);
  const byName = new Map((await agencies.listPublic(ctx)).map((a) => [a.name, a]));
  const agencyOf = (name: string) => {
    const a = byName.get(name);
    if (!a) throw new Error(`demo: unknown agency ${name}`);
    return a;
  };
  const today = beijingDate(ctx.clock.now());
  const registered: Array<{ spec: Spec; id: string }> = [];
  for (const spec of accounts) {
    const [agency, platform, name] = spec;
    const opened = opening(next);
    const a = await media.register(ctx, {
      agencyId: agencyOf(agency).id,
      platform,
      name,
      ...address(platform, next),
      verifiedEntity: agency,
      operatorOrg: platform === 'douyin' || platform === 'app' ? '晋江市融媒体中心' : undefined,
      channels:
        platform === 'app'
          ? ['form']
          : ['comments', 'messages', 'menu'].slice(0, platform.startsWith('wechat') ? 3 : 2),
      managerName:
        name === '晋江城管'
          ? undefined
          : `${'林陈王李张吴黄蔡'[Math.floor(next() * 8)]}${'志晓建丽文秀'[Math.floor(next() * 6)]}${'明华芳强玲军'[Math.floor(next() * 6)]}`,
      managerPhone: name === '晋江城管' ? undefined : `1390595${String(1000 + Math.floor(next() * 9000))}`,
      filingStatus: next() < 0.9 ? 'filed' : 'notFiled',
      // 备案 follows the opening: the 备案号 carries the opening's year.
      filingNo: `FJ-QZ-JJ-${opened.year}-${String(registered.length + 1).padStart(3, '0')}`,
      status: 'open',
      occurredOn: opened.on,
      // The 审批 comes before the opening, in the same year (openings fall from March on).
      approvalNo: `晋政办〔${opened.year}〕${opened.approvalSerial}号`,
    });
    registered.push({ spec, id: a.id });
  }
  // Twelve months of activity before the current month, and the day of each account's last post.
  const [y, m] = today.split('-').map(Number) as [number, number];
  const lines = [
    '主办单位,平台,账号名称,统计周期,日期或月份,发布数,转载数,收到留言,回复留言,粉丝数,阅读量,最近发布日期',
  ];
  for (const { spec } of registered) {
    const [agency, platform, name, followers, perMonth] = spec;
    const label = platformLabels[platform];
    // The day of the last post (晋江民政: 11 days ago); each month's last post is on or before it.
    const lastDay = daysBefore(today, name === '晋江民政' ? 11 : Math.floor(next() * 5));
    for (let k = 12; k >= 1; k--) {
      const month = new Date(Date.UTC(y, m - 1 - k, 1));
      const monthEnd = new Date(Date.UTC(y, m - k, 0)).toISOString().slice(0, 10);
      const inMonth = daysBefore(monthEnd, Math.floor(next() * 3));
      const lastPost = inMonth < lastDay ? inMonth : lastDay;
      const posts = Math.max(2, Math.round(perMonth * (0.7 + next() * 0.6)));
      const reposts = Math.round(posts * (0.15 + next() * 0.2));
      const received = Math.round(posts * next() * 0.8);
      const reads = Math.round(followers * (0.08 + next() * 0.15));
      const grown = Math.round(followers * (1 - k * 0.006));
      lines.push(
        `${agency},${label},${name},月,${month.toISOString().slice(0, 7)},${posts},${reposts},${received},${received},${grown},${reads},${lastPost}`,
      );
    }
    const received = name === '晋江人社' && platform === 'wechatSubscription' ? 6 : 0;
    lines.push(
      `${agency},${label},${name},日,${lastDay},${1 + Math.floor(next() * 3)},${Math.floor(next() * 2)},${received},${received ? 2 : 0},,${Math.round(followers * 0.01)},`,
    );
  }
  await mediaActivity.importActivity(ctx, Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'));
  // One account closed down (it stays in the registry), one being applied for.
  const closed = await media.register(ctx, {
    agencyId: agencyOf('晋江市司法局').id,
    platform: 'weibo',
    name: '晋江司法',
    accountRef: '3316457702',
    channels: ['comments'],
    filingStatus: 'filed',
    filingNo: 'FJ-QZ-JJ-2016-090',
    status: 'open',
    occurredOn: '2016-04-12',
  });
  await media.addEvent(ctx, closed.id, {
    kind: 'closeNotice',
    occurredOn: '2024-03-01',
    note: '已发布关停提示公告，引导关注“晋江司法”微信公众号',
  });
  await media.addEvent(ctx, closed.id, {
    kind: 'cancel',
    occurredOn: '2024-04-01',
    approvalNo: '晋政办〔2024〕21号',
  });
  await media.register(ctx, {
    agencyId: agencyOf('晋江市农业农村局').id,
    platform: 'wechatChannels',
    name: '晋江农业农村',
    accountRef: 'sphjjnync',
    channels: ['comments'],
    filingStatus: 'notFiled',
    status: 'applying',
    occurredOn: daysBefore(today, 20),
  });
  await mediaActivity.dailyCheck(ctx);
}

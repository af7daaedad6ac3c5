import type { Ctx } from '../../platform/context.js';
import { agencies, composeCreditCode, type Agency } from '../agencies/index.js';
import { annualReports, reportFigures, trainingSessions } from '../annual-report/index.js';
import { appeals } from '../appeals/index.js';
import { importRecords } from '../records/index.js';
import { cases, requests, type ApplicantType, type Outcome } from '../requests/index.js';

/**
 * 晋江市人民政府's 2020 operations as its published report describes them
 * (../shared/seed/jinjiang-2020-annual-report.md): 231 applications with the applicant types and
 * outcomes of table 三 (commercial enterprises 9, as the table's totals show, not the 0 its
 * 本年新收 row prints), the twelve appeals of table 四, the 规章 and 规范性文件 behind table 二
 * (with those of 2019 for its 对外公开总数量), and the figures other systems hold. Building the
 * city's 2020 report from the platform reproduces the seed's tables, corrected.
 */

/** Table 三 of the seed: how many applications of each applicant type ended in each outcome. */
export const seed2020Outcomes: ReadonlyArray<[ApplicantType, Outcome, number]> = [
  ['naturalPerson', 'granted', 128],
  ['commercialEnterprise', 'granted', 8],
  ['legalServiceOrganization', 'granted', 3],
  ['otherOrganization', 'granted', 3],
  ['naturalPerson', 'partiallyGranted', 21],
  ['naturalPerson', 'withheld.lawProhibited', 4],
  ['naturalPerson', 'withheld.securityStability', 1],
  ['naturalPerson', 'withheld.thirdPartyRights', 1],
  ['naturalPerson', 'unavailable.notHeld', 27],
  ['naturalPerson', 'unavailable.needsCreation', 21],
  ['commercialEnterprise', 'unavailable.needsCreation', 1],
  ['publicInterestOrganization', 'unavailable.needsCreation', 1],
  ['naturalPerson', 'unavailable.stillUnclear', 6],
  ['naturalPerson', 'notProcessed.repeated', 4],
  ['naturalPerson', 'notProcessed.confirmation', 2],
];

/** Section 二's figures kept in other systems, as the seed prints them. */
export const seed2020Figures: Record<string, string> = {
  'licensing.previousYearItems': '490',
  'licensing.change': '422',
  'licensing.decisions': '94335',
  'otherServices.previousYearItems': '86',
  'otherServices.change': '44',
  'otherServices.decisions': '12204',
  'penalties.previousYearItems': '681',
  'penalties.change': '219',
  'penalties.decisions': '15833',
  'enforcement.previousYearItems': '7',
  'enforcement.change': '0',
  'enforcement.decisions': '68',
  'fees.previousYearItems': '4',
  'fees.change': '3',
  'procurement.projects': '271',
  'procurement.amountYuan': '249887966.42',
};

/** Table 四 of the seed: kind, result at the end of 2020 (pending: decided in 2021), how many. */
const seed2020Appeals: ReadonlyArray<
  [
    'review' | 'litigationDirect' | 'litigationAfterReview',
    'upheld' | 'corrected' | 'other' | 'pending',
    number,
  ]
> = [
  ['review', 'upheld', 2],
  ['litigationDirect', 'other', 1],
  ['litigationDirect', 'pending', 4],
  ['litigationAfterReview', 'upheld', 1],
  ['litigationAfterReview', 'corrected', 2],
  ['litigationAfterReview', 'other', 2],
];

/** A valid 18-digit 身份证号 (GB 11643 check character) for the n-th demo applicant. */
function idNumber(n: number): string {
  const body = `35058219${String(60 + (n % 40)).padStart(2, '0')}0${(n % 9) + 1}${String(10 + (n % 18)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** The n-th working-ish day of 2020 for spreading receipts over the year (Mon–Fri, Jan–Nov). */
function dayOf(n: number, total: number): string {
  const start = Date.UTC(2020, 0, 6);
  let t = start + Math.floor((n * 320) / total) * 86_400_000;
  while ([0, 6].includes(new Date(t).getUTCDay())) t += 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const plus = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What the 2020 applicants asked for: a matter, and a place, so no two read alike. */
const topics = [
  '道路改造工程立项批复',
  '征地补偿安置方案',
  '学校招生划片范围',
  '企业环评审批文件',
  '拆迁项目规划许可',
  '财政专项资金使用情况',
  '房屋征收补偿决定',
  '村庄规划图',
  '低保审批材料',
  '农村宅基地审批记录',
  '工程招标投标文件',
  '违法建设处罚决定',
  '河道整治工程验收报告',
  '安置房分配方案',
  '土地出让合同',
];
const places = [
  '磁灶镇',
  '安海镇',
  '陈埭镇',
  '池店镇',
  '青阳街道',
  '梅岭街道',
  '西园街道',
  '新塘街道',
  '东石镇',
  '英林镇',
  '金井镇',
];
const surnames = [
  '陈',
  '林',
  '黄',
  '王',
  '许',
  '吴',
  '施',
  '洪',
  '蔡',
  '李',
  '张',
  '庄',
  '曾',
  '苏',
  '杨',
  '郑',
];
const given = [
  '志强',
  '秀英',
  '建华',
  '丽娟',
  '明辉',
  '雅琴',
  '国平',
  '晓燕',
  '文斌',
  '美玲',
  '少杰',
  '淑华',
  '清泉',
  '碧云',
];
const organizations = ['建材有限公司', '鞋业有限公司', '纺织科技有限公司', '食品有限公司', '陶瓷有限公司'];

export async function load2020(
  ctx: Ctx,
  city: Agency,
): Promise<{ requests: number; appeals: number; records: number }> {
  // Table 三.
  let n = 0;
  const total = seed2020Outcomes.reduce((s, [, , c]) => s + c, 0);
  const ids: string[] = [];
  for (const [type, outcome, count] of seed2020Outcomes)
    for (let k = 0; k < count; k++, n++) {
      const received = dayOf(n, total);
      const person = type === 'naturalPerson';
      const r = await requests.registerByClerk(ctx, {
        agencyId: city.id,
        applicantType: type,
        applicantName: person
          ? `${surnames[n % surnames.length]}${given[(n * 5) % given.length]}`
          : type === 'legalServiceOrganization'
            ? `福建${['闽南', '海峡', '泉晋', '刺桐'][n % 4]}律师事务所`
            : `晋江市${places[n % places.length]}某${organizations[n % organizations.length]}`,
        organizationCode: person
          ? undefined
          : composeCreditCode('91', '350582', String(10000000 + n).slice(-8)),
        idType: person ? 'residentIdCard' : 'other',
        idNumber: person ? idNumber(n) : `营业执照${n + 1}`,
        phone: `1380595${String(n).padStart(4, '0')}`,
        description: `申请公开${places[(n * 7) % places.length]}${topics[n % topics.length]}（${2016 + (n % 5)}年）`,
        deliveryFormat: 'electronic',
        deliveryMethod: 'online',
        submissionChannel: n % 3 === 0 ? 'inPerson' : 'registeredMail',
        receivedOn: received,
      });
      await cases.act(ctx, r.id, 'replied', {
        date: plus(received, 12),
        outcome,
        reasons: outcome === 'granted' ? undefined : '依据《条例》相关规定作出答复',
        // 予以公开、部分公开: handed over on paper at the office, from the day of the reply.
        withheldPart: outcome === 'partiallyGranted' ? '涉及第三方个人信息的内容' : undefined,
        deliveryMode: 'pickup',
        deliveredOn: plus(received, 12),
      });
      ids.push(r.id);
    }

  // Table 四: appeals filed in 2020; those pending at the year's end were decided in 2021.
  let a = 0;
  for (const [kind, result, count] of seed2020Appeals)
    for (let k = 0; k < count; k++, a++) {
      const filed = plus('2020-03-02', a * 21);
      const appeal = await appeals.record(ctx, {
        agencyId: city.id,
        requestId: ids[a * 7],
        kind,
        filedOn: filed,
        caseNumber: `（2020）闽0582${kind === 'review' ? '行复' : '行初'}${a + 1}号`,
      });
      await appeals.decide(ctx, appeal.id, {
        result: result === 'pending' ? 'upheld' : result,
        decidedOn: result === 'pending' ? plus('2021-01-15', a) : plus(filed, 40),
      });
    }

  // Table 二: 规章 and 规范性文件 of 2019 and 2020, each on its own matter (docs2019and2020).
  const archive = docs2019and2020();
  await importRecords(ctx, city.id, archive.join('\n'));
  await reportFigures.setFigures(ctx, city.id, 2020, seed2020Figures);
  return { requests: n, appeals: a, records: archive.length };
}

/** Matters the city regulates, with the 主题分类 of each. */
const matters: ReadonlyArray<[string, string]> = [
  ['城市道路挖掘', '城乡建设、环境保护\\城乡建设（含住房）'],
  ['户外广告设置', '城乡建设、环境保护\\城市规划'],
  ['建筑垃圾处置', '城乡建设、环境保护\\环境监测、保护与治理'],
  ['生活垃圾分类', '城乡建设、环境保护\\环境监测、保护与治理'],
  ['餐饮油烟污染防治', '城乡建设、环境保护\\环境监测、保护与治理'],
  ['饮用水水源保护', '城乡建设、环境保护\\环境监测、保护与治理'],
  ['城市绿化', '城乡建设、环境保护\\城市规划'],
  ['物业服务', '城乡建设、环境保护\\城乡建设（含住房）'],
  ['既有住宅加装电梯', '城乡建设、环境保护\\城乡建设（含住房）'],
  ['农村宅基地', '国土资源、能源\\土地'],
  ['国有建设用地使用权出让', '国土资源、能源\\土地'],
  ['工业用地弹性出让', '国土资源、能源\\土地'],
  ['集体经营性建设用地入市', '国土资源、能源\\土地'],
  ['政府投资项目', '国民经济管理、国有资产监管\\重大建设项目'],
  ['国有资产处置', '国民经济管理、国有资产监管\\国有资产监管'],
  ['政府采购', '财政、金融、审计\\财政'],
  ['财政专项资金', '财政、金融、审计\\财政'],
  ['企业上市扶持', '财政、金融、审计\\证券'],
  ['中小企业融资担保', '财政、金融、审计\\银行'],
  ['鞋服产业转型升级', '工业、交通\\轻工纺织'],
  ['陶瓷建材产业', '工业、交通\\其他'],
  ['工业企业技术改造', '工业、交通\\其他'],
  ['城市公共交通', '工业、交通\\公路'],
  ['出租汽车经营', '工业、交通\\公路'],
  ['农村公路养护', '工业、交通\\公路'],
  ['电动自行车', '公安、安全、司法\\公安'],
  ['流动人口服务', '公安、安全、司法\\公安'],
  ['养犬', '公安、安全、司法\\公安'],
  ['人民调解', '公安、安全、司法\\司法'],
  ['最低生活保障', '民政、扶贫、救灾\\社会福利'],
  ['临时救助', '民政、扶贫、救灾\\社会福利'],
  ['养老机构', '民政、扶贫、救灾\\社会福利'],
  ['殡葬', '民政、扶贫、救灾\\其他'],
  ['地名', '民政、扶贫、救灾\\行政区划与地名'],
  ['就业创业补贴', '劳动、人事、监察\\劳动就业'],
  ['职业技能培训补贴', '劳动、人事、监察\\劳动就业'],
  ['被征地人员养老保障', '劳动、人事、监察\\社会保障'],
  ['学前教育', '科技、教育\\教育'],
  ['中小学校外培训', '科技、教育\\教育'],
  ['人才引进', '科技、教育\\科技'],
  ['科技创新平台', '科技、教育\\科技'],
  ['知识产权', '科技、教育\\知识产权'],
  ['文物保护', '文化、广电、新闻出版\\文物'],
  ['公共体育设施', '卫生、体育\\体育'],
  ['基层医疗卫生机构', '卫生、体育\\卫生'],
  ['食品小作坊', '市场监管、安全生产监管\\食品药品监管'],
  ['农贸市场', '商贸、海关、旅游\\国内贸易（含供销）'],
  ['旅游景区', '商贸、海关、旅游\\旅游'],
];

const ruleKinds = ['管理规定', '管理办法', '实施办法', '若干规定'];
const normativeKinds = [
  '实施细则',
  '暂行办法',
  '实施意见',
  '服务规范',
  '工作规程',
  '补助办法',
  '操作规程',
  '实施方案',
];

/**
 * The 规章 and 行政规范性文件 behind table 二 (2019 and 2020, as many as the seed counts), each on
 * a matter of its own: title, 文号, 主题分类 and the opening articles differ from one to the next.
 */
export function docs2019and2020(): string[] {
  const out: string[] = [];
  let i = 0;
  const add = (genre: '规章' | '行政规范性文件', year: number, count: number) => {
    const kinds = genre === '规章' ? ruleKinds : normativeKinds;
    for (let k = 0; k < count; k++, i++) {
      const [matter, subject] = matters[i % matters.length]!;
      const kind = kinds[Math.floor(i / matters.length) % kinds.length]!;
      const month = String((k % 11) + 1).padStart(2, '0');
      const day = String(5 + (i % 20)).padStart(2, '0');
      const title = `晋江市${matter}${kind}`;
      out.push(
        JSON.stringify({
          title,
          docNumber: `晋政${genre === '规章' ? '令' : '文'}〔${year}〕${k + 1}号`,
          writtenAt: `${year}-${month}-${day}`,
          publishedAt: `${year}-${month}-${String(Number(day) + 3).padStart(2, '0')} 10:00`,
          subject,
          genre,
          body: [
            `<p>第一条 为规范${matter}工作，根据有关法律、法规和上级规定，结合本市实际，制定本${kind.slice(-2)}。</p>`,
            `<p>第二条 本市行政区域内的${matter}及其监督管理，适用本${kind.slice(-2)}。</p>`,
            `<p>第三条 市人民政府有关部门按照职责分工，做好${matter}相关工作；各镇人民政府、街道办事处做好辖区内的组织实施。</p>`,
          ].join(''),
        }),
      );
    }
  };
  add('规章', 2019, 38);
  add('规章', 2020, 49);
  add('行政规范性文件', 2019, 65);
  add('行政规范性文件', 2020, 61);
  return out;
}

/** Loads the 2020 operations into the demo city unless they are there. */
export async function load2020Once(ctx: Ctx): Promise<boolean> {
  const city = await agencies.root(ctx);
  if (!city) return false;
  if (await requests.receivedAnyBefore(ctx, city.id, '2021-01-01')) return false;
  await load2020(ctx, city);
  return true;
}

/**
 * The city's 2020 report as the seed published it: sections 一 and 五 in the seed's words, with the
 * figures the platform's tables show (the seed's own text counted 264 applications where its table
 * counts 231), then signed off.
 */
export async function publish2020Report(ctx: Ctx, city: Agency): Promise<void> {
  const report = await annualReports.open(ctx, { agencyId: city.id, year: 2020, scope: 'self' });
  const lines = report.narrative.section1.split('\n');
  const filled = lines.map((l) => {
    if (l.startsWith('（一）'))
      return '（一）主动公开。2020年全市制发公文信息2298份，主动公开899份。全年在“中国晋江”政府门户网站发布信息2.7万余条，统筹全市政务新媒体转载推送“六稳六保、防疫抗疫、复产复工、扶持政策”等资讯886条。';
    if (l.startsWith('（三）'))
      return '（三）政府信息管理。全面推进基层政务公开标准化规范化工作，秉持“政府推动、部门联合、专家指导、全员参与”的模式，理清26个试点领域编制思路，对“26+10”本级政务公开事项标准目录进行本地化处理，共梳理出“1537+122”个事项；选择工信局、公安局、新塘街道、磁灶镇作为试点单位，梳理村（社区）自治范围内的事项，形成村（社区）事务公开事项清单。';
    if (l.startsWith('（四）'))
      return '（四）平台建设。依规改版政府门户网站，增设标准化规范化专栏，下设“制度化、标准化、规范化、便民化、信息化”五化并举栏目；起草《晋江市政府门户网站及政务新媒体运营管理规定》（征求意见稿），对全市政府成员单位和镇街开设的53个政务新媒体进行有效管理。';
    if (l.startsWith('（五）'))
      return '（五）监督保障。组织召开工作部署、推进、研讨、验收、培训等各类会议活动近20场，聘用多名政务公开监督员协同监督工作。';
    return l;
  });
  await annualReports.saveNarrative(ctx, report.id, {
    section1: filled.join('\n'),
    section5:
      '随着基层政务公开标准化规范化工作的推进，以及政务新媒体运营管理进一步规范，对相关业务人员综合素质的要求越来越高，而基层政务公开工作人员更迭较快，不利于工作经验积累和水平提升。为此，晋江市于2019年正式设立政务公开中心，增配一名专职工作人员，并聘用多名政务公开监督员协同监督工作。2020年组织多轮政务公开培训、座谈、研讨会，在推进工作的同时，进一步提升全市业务人员工作水平和监督力度，确保政务公开工作依法依规平稳开展。',
    section6: report.narrative.section6,
  });
  // Signed off as an office head does: the review shows what becomes public, then it is confirmed.
  const { reviewedAt } = await annualReports.publishReview(ctx, report.id);
  await annualReports.publish(ctx, report.id, { confirmed: '1', reviewedAt });
  await recordTraining(ctx, city);
}

/**
 * The seed's "多轮政务公开培训" of 2020 and an assessment, recorded as a clerk would; its section 五
 * problem is now tracked (published above), for the office to record its 整改.
 */
async function recordTraining(ctx: Ctx, city: Agency): Promise<void> {
  const sessions = [
    {
      kind: 'training',
      title: '基层政务公开标准化规范化工作培训',
      heldOn: '2020-08-18',
      attendees: 126,
      hours: '3',
    },
    {
      kind: 'training',
      title: '政府信息公开申请答复实务培训',
      heldOn: '2020-10-15',
      attendees: 88,
      hours: '2',
    },
    { kind: 'training', title: '政务新媒体运营管理座谈会', heldOn: '2020-11-20', attendees: 53 },
    { kind: 'assessment', title: '2020年度政务公开工作考核', heldOn: '2020-12-22', attendees: 41 },
  ];
  for (const s of sessions) await trainingSessions.record(ctx, city.id, s);
}

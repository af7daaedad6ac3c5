import type { Ctx } from '../../platform/context.js';
import { agencies, composeCreditCode, type Agency } from '../agencies/index.js';
import { reportFigures } from '../annual-report/index.js';
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

const topics = [
  '道路改造工程立项批复',
  '征地补偿安置方案',
  '学校招生划片范围',
  '企业环评审批文件',
  '拆迁项目规划许可',
  '财政专项资金使用情况',
];

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
          ? `申请人${n + 1}`
          : `晋江某${type === 'legalServiceOrganization' ? '律师事务所' : '单位'}${n + 1}`,
        organizationCode: person
          ? undefined
          : composeCreditCode('91', '350582', String(10000000 + n).slice(-8)),
        idType: person ? 'residentIdCard' : 'other',
        idNumber: person ? idNumber(n) : `营业执照${n + 1}`,
        phone: `1380595${String(n).padStart(4, '0')}`,
        description: `申请公开${topics[n % topics.length]}（2020年）`,
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

  // Table 二: 规章 and 规范性文件 of 2019 and 2020, and the figures of other systems.
  const docs = (genre: string, year: number, count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        title: `晋江市${prefix}管理${genre === '规章' ? '规定' : '办法'}（${year}-${i + 1}）`,
        docNumber: `晋政${genre === '规章' ? '令' : '文'}〔${year}〕${i + 1}号`,
        writtenAt: `${year}-${String((i % 11) + 1).padStart(2, '0')}-10`,
        publishedAt: `${year}-${String((i % 11) + 1).padStart(2, '0')}-15 10:00`,
        subject: '综合政务\\其他',
        genre,
        body: `<p>${genre}正文。</p>`,
      }),
    );
  const archive = [
    ...docs('规章', 2019, 38, '城市'),
    ...docs('规章', 2020, 49, '公共'),
    ...docs('行政规范性文件', 2019, 65, '社会'),
    ...docs('行政规范性文件', 2020, 61, '产业'),
  ];
  await importRecords(ctx, city.id, archive.join('\n'));
  await reportFigures.setFigures(ctx, city.id, 2020, seed2020Figures);
  return { requests: n, appeals: a, records: archive.length };
}

/** Loads the 2020 operations into the demo city unless they are there. */
export async function load2020Once(ctx: Ctx): Promise<boolean> {
  const city = await agencies.root(ctx);
  if (!city) return false;
  if (await requests.receivedAnyBefore(ctx, city.id, '2021-01-01')) return false;
  await load2020(ctx, city);
  return true;
}

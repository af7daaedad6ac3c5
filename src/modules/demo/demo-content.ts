import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Agency } from '../agencies/index.js';
import { catalogs, domainTemplates, type CatalogItem } from '../catalog/index.js';
import { importRecords, records } from '../records/index.js';
import { localDomain, type RecordDraft, type Vars } from './demo-content.data.js';
import { domainPlans1 } from './demo-domains-1.data.js';
import { domainPlans2 } from './demo-domains-2.data.js';

/**
 * The demo's content beyond its skeleton: the city adopts the catalogs of all 26 pilot domains and
 * one of its own, 磁灶镇 and 新塘街道 derive theirs, and each domain gets records written from the
 * templates of demo-domains-1.data.ts and demo-domains-2.data.ts — different towns, years and figures, so no two read alike —
 * filed under the items they fulfil; then the 政策解读, the city's disclosure, website and
 * new-media rules, and 磁灶镇's own records. Everything goes through the modules' services as the
 * demo's system actor; the records arrive by archive import (one transaction per agency).
 */

/** Deterministic figures (mulberry32), so the demo reads the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const towns = [
  '磁灶镇',
  '安海镇',
  '陈埭镇',
  '池店镇',
  '内坑镇',
  '东石镇',
  '英林镇',
  '金井镇',
  '龙湖镇',
  '深沪镇',
  '新塘街道',
  '西园街道',
];
const villages = ['大埔村', '岭畔村', '沙塘社区', '湖光社区', '东山村', '前埔村', '洋埭村', '苏垵村'];

/** The root's pilot domains the skeleton already adopted (demo.service.ts). */
export const skeletonDomains = ['majorProjects', 'publicResourceTrading', 'budgetFinalAccounts'] as const;

interface Planned extends RecordDraft {
  agency: string;
  domain: string | null;
  docNumber?: string;
  writtenAt: string;
  publishedAt: string;
}

/** A Beijing date-time `days` before now, at an office hour. */
function beforeNow(ctx: Ctx, days: number, r: () => number): { date: string; at: string } {
  const t = ctx.clock.now().getTime() + 8 * 3_600_000 - days * 86_400_000;
  let d = new Date(t);
  // Published on working days: a Saturday or Sunday moves back to Friday.
  while ([0, 6].includes(d.getUTCDay())) d = new Date(d.getTime() - 86_400_000);
  const date = d.toISOString().slice(0, 10);
  const hh = String(8 + Math.floor(r() * 9)).padStart(2, '0');
  const mm = String(Math.floor(r() * 60)).padStart(2, '0');
  return { date, at: `${date} ${hh}:${mm}` };
}

const minusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The records of every pilot domain and of the local one, for the city's departments. */
export function plannedRecords(ctx: Ctx): Planned[] {
  const r = random(20201231);
  const out: Planned[] = [];
  const serials = new Map<string, number>();
  const docNumberOf = (code: string, year: number) => {
    const key = `${code}${year}`;
    const n = (serials.get(key) ?? 0) + 1 + Math.floor(r() * 6);
    serials.set(key, n);
    return `${code}〔${year}〕${n}号`;
  };
  let k = 0;
  const plan = (
    drafts: Array<(v: Vars) => RecordDraft>,
    agency: string,
    domain: string | null,
    subject: string,
    docCode: string,
  ) =>
    drafts.forEach((template, t) => {
      for (let n = 0; n < 2; n++, k++) {
        // The two instances a year apart: the same kind of notice, another year, town and figures.
        const days = 3 + ((k * 37 + t * 11) % 330) + n * 365;
        const when = beforeNow(ctx, days, r);
        const v: Vars = {
          year: Number(when.date.slice(0, 4)),
          month: Number(when.date.slice(5, 7)),
          town: towns[(k * 7 + t) % towns.length]!,
          village: villages[(k * 3 + n) % villages.length]!,
          n: n + 1,
          r,
        };
        const d = template(v);
        const writtenAt = minusDays(when.date, 1 + Math.floor(r() * 6));
        out.push({
          ...d,
          agency,
          domain,
          subject: d.subject ?? subject,
          docNumber: d.issued ? docNumberOf(docCode, Number(writtenAt.slice(0, 4))) : undefined,
          writtenAt,
          publishedAt: when.at,
        });
      }
    });
  for (const p of [...domainPlans1, ...domainPlans2])
    plan(p.templates, p.agency, p.code, p.subject, p.docCode);
  plan(localDomain.records, localDomain.agency, null, '工业、交通\\其他', '晋工信');
  // Two instances of one template may still coincide (a template without a town or a year).
  const seen = new Set<string>();
  return out.filter((p) => (seen.has(p.title) ? false : (seen.add(p.title), true)));
}

/** 政策解读 of the city's own documents, by the department that issued each. */
function interpretations(ctx: Ctx, issued: Planned[]): Planned[] {
  const r = random(54);
  return issued
    .filter((d) => ['方案', '计划', '预案', '通知', '行政规范性文件'].includes(d.genre))
    .filter((_, i) => i % 2 === 0)
    .slice(0, 10)
    .map((doc, i) => {
      const when = beforeNow(ctx, 2 + i * 9, r);
      const name = doc.title;
      return {
        item: doc.item,
        agency: doc.agency,
        domain: doc.domain,
        title: i % 3 === 2 ? `图解：《${name}》` : `《${name}》政策解读`,
        genre: '政策解读',
        subject: doc.subject,
        keywords: '政策解读',
        writtenAt: when.date,
        publishedAt: when.at,
        body: [
          `一、起草背景。为贯彻落实上级部署，结合我市实际，${doc.agency.replace('晋江市', '市')}起草了《${name}》（${doc.docNumber ?? '未编文号'}）。`,
          `二、主要内容。${doc.body.join('')}`,
          '三、解读机关及联系方式。本解读由文件起草部门负责，咨询电话见本机关政府信息公开指南。',
        ],
      };
    });
}

/** The city's rules on disclosure, its website and its new media (制度化, 本级). */
function cityRules(ctx: Ctx): Planned[] {
  const r = random(17);
  const rule = (title: string, genre: string, days: number, body: string[], docNumber?: string): Planned => {
    const when = beforeNow(ctx, days, r);
    return {
      item: '',
      agency: '晋江市人民政府办公室',
      domain: null,
      title,
      genre,
      subject: '综合政务\\政务公开',
      docNumber,
      writtenAt: minusDays(when.date, 3),
      publishedAt: when.at,
      body,
    };
  };
  return [
    rule(
      '晋江市政府信息公开申请办理工作规程',
      '政府信息公开制度',
      410,
      [
        '第一条 为规范政府信息公开申请的受理、办理和答复，根据《中华人民共和国政府信息公开条例》，制定本规程。',
        '第二条 申请由市政务公开中心统一登记，受理编号按年度顺序编制；需要补正的，一次性告知。',
        '第三条 答复应当载明依据和救济途径，并在法定期限内送达申请人。',
      ],
      '晋政办〔2024〕41号',
    ),
    rule('晋江市主动公开政府信息发布审核制度', '政府信息公开制度', 380, [
      '拟公开的政府信息实行“起草单位审核、保密审查、分管领导审签”三级审核，未经审核的不得发布。',
    ]),
    rule(
      '晋江市政务公开工作考核办法',
      '政府信息公开制度',
      300,
      ['考核内容包括主动公开、依申请公开、政策解读与回应关切、平台建设和监督保障，考核结果纳入绩效考评。'],
      '晋政办〔2025〕12号',
    ),
    rule(
      '晋江市政府门户网站及政务新媒体运营管理规定',
      '政务新媒体管理制度',
      260,
      [
        '第一条 为加强政府门户网站和政务新媒体的运营管理，根据《政府网站发展指引》和《国务院办公厅关于推进政务新媒体健康有序发展的意见》，制定本规定。',
        '第二条 全市政府成员单位和镇（街道）开设的政务新媒体实行备案管理，更新频率每两周不少于一次。',
      ],
      '晋政办〔2025〕33号',
    ),
    rule('晋江市政府网站内容保障和信息发布管理办法', '政府网站管理制度', 200, [
      '栏目实行责任单位制，“通知公告”“政策文件”等栏目内容应当及时更新，无法保障的栏目应当归并或者关闭。',
    ]),
  ];
}

/** 磁灶镇's own records, under the items of its derived catalogs (乡级). */
function townRecords(ctx: Ctx): Planned[] {
  const r = random(362200);
  const town = '磁灶镇';
  const rec = (
    domain: string | null,
    item: string,
    title: string,
    genre: string,
    subject: string,
    days: number,
    body: string[],
  ): Planned => {
    const when = beforeNow(ctx, days, r);
    return {
      agency: '磁灶镇人民政府',
      domain,
      item,
      title,
      genre,
      subject,
      writtenAt: minusDays(when.date, 2),
      publishedAt: when.at,
      body,
    };
  };
  const year = Number(beforeNow(ctx, 1, r).date.slice(0, 4));
  return [
    rec(
      'socialAssistance',
      '低保对象名单',
      `${town}${year}年第三季度最低生活保障对象名单公示`,
      '公示',
      '民政、扶贫、救灾\\社会福利',
      20,
      [`${town}本季度在保低保对象136户、212人，新增5户，退出3户。名单按村（社区）排列，户主姓名部分隐去。`],
    ),
    rec(
      'socialAssistance',
      '临时救助',
      `${town}${year}年临时救助对象公示`,
      '公示',
      '民政、扶贫、救灾\\社会福利',
      64,
      ['本年度已审批临时救助对象27户，救助金额共计8.6万元。'],
    ),
    rec(
      'urbanRuralPlanning',
      '村庄规划',
      `${town}岭畔村村庄规划（2021—2035年）公示`,
      '公示',
      '城乡建设、环境保护\\城市规划',
      120,
      ['规划明确了岭畔村村庄建设边界、宅基地布局和公共服务设施配置，公示期30日。'],
    ),
    rec(
      'publicResourceTrading',
      '中标（成交）结果公示',
      `${town}大埔村污水管网完善工程中标结果公示`,
      '公示',
      '城乡建设、环境保护\\其他',
      41,
      ['中标人为福建某市政工程有限公司，中标价186.40万元，工期120日历天。'],
    ),
    rec(
      'ruralHousingRenovation',
      '改造对象公示',
      `${town}${year}年农村危房改造对象公示`,
      '公示',
      '城乡建设、环境保护\\城乡建设（含住房）',
      150,
      ['经农户申请、村民评议和镇审核，拟纳入改造对象6户，公示期7日。'],
    ),
    rec(
      'elderlyCare',
      '高龄津贴发放',
      `${town}${year}年上半年高龄津贴发放名单`,
      '公示',
      '民政、扶贫、救灾\\社会福利',
      170,
      ['上半年向全镇80周岁以上老年人1842人发放高龄津贴，共计55.3万元。'],
    ),
    rec(
      'publicCulture',
      '公益性文化活动',
      `${town}“陶都文化节”群众文艺汇演活动公告`,
      '公告',
      '文化、广电、新闻出版\\文化',
      33,
      ['汇演在磁灶镇文化中心举行，展示陶瓷文化和本地南音、高甲戏，群众免费观看。'],
    ),
    rec(
      'disasterRelief',
      '受灾人员救助对象',
      `${town}${year}年台风受灾人员救助对象公示`,
      '公示',
      '民政、扶贫、救灾\\减灾救灾',
      95,
      ['本次台风受灾群众19户，经村评议、镇审核，拟给予过渡期生活救助。'],
    ),
    rec(null, '', `${town}政府信息公开工作制度`, '政府信息公开制度', '综合政务\\政务公开', 300, [
      '磁灶镇党政办公室负责本镇政府信息公开日常工作，拟公开信息经保密审查后在晋江市政府门户网站磁灶镇专栏发布。',
    ]),
    rec(
      null,
      '',
      `${town}人民政府关于${year}年镇村道路提升工程的通知`,
      '通知',
      '城乡建设、环境保护\\城乡建设（含住房）',
      12,
      ['各村（社区）：今年计划提升改造镇村道路14.2公里，请各村配合做好施工期间的交通疏导。'],
    ),
  ];
}

/**
 * A few records of every other town and street, of 市交通运输局, and of the villages and
 * communities (their 村务公开), so that no agency's column opens empty.
 */
function everyAgencyRecords(ctx: Ctx, made: Record<string, Agency>): Planned[] {
  const r = random(350582);
  const out: Planned[] = [];
  const rec = (
    agency: string,
    title: string,
    genre: string,
    subject: string,
    days: number,
    body: string[],
  ) => {
    const when = beforeNow(ctx, days, r);
    out.push({
      agency,
      domain: null,
      item: '',
      title,
      genre,
      subject,
      writtenAt: minusDays(when.date, 2),
      publishedAt: when.at,
      body,
    });
  };
  const year = Number(beforeNow(ctx, 1, r).date.slice(0, 4));
  const townships = Object.values(made).filter(
    (a, i, all) => a.kind === 'townshipStreet' && a.shortName !== '磁灶镇' && all.indexOf(a) === i,
  );
  townships.forEach((a, i) => {
    const name = a.shortName ?? a.name;
    rec(
      a.name,
      `${name}${year}年第${(i % 3) + 1}季度最低生活保障对象名单公示`,
      '公示',
      '民政、扶贫、救灾\\社会福利',
      15 + i * 3,
      [
        `${name}本季度在保低保对象${60 + ((i * 37) % 140)}户，名单按村（社区）排列，户主姓名部分隐去。`,
        `公示期间，如有异议，请向${a.name}社会事务办反映。`,
      ],
    );
    rec(
      a.name,
      `${a.name}关于做好${year}年${['台风防御', '森林防火', '秋冬季安全生产', '人居环境整治'][i % 4]}工作的通知`,
      '通知',
      '综合政务\\应急管理',
      40 + i * 7,
      [
        '各村（社区）、镇直各单位：',
        `为切实做好${['台风防御', '森林防火', '秋冬季安全生产', '人居环境整治'][i % 4]}工作，请各单位落实属地责任，建立工作台账，按周报送进展情况。`,
      ],
    );
  });
  const transport = made['晋江市交通运输局'];
  if (transport) {
    rec(transport.name, `晋江市${year}年农村公路养护计划`, '计划', '工业、交通\\公路', 52, [
      `${year}年计划实施农村公路养护工程${120 + (year % 7) * 3}公里，重点整治路面破损和安全隐患路段。`,
    ]);
    rec(
      transport.name,
      `晋江市城市公交线路优化调整的公告（${year}年第2号）`,
      '公告',
      '工业、交通\\公路',
      27,
      ['为方便群众出行，调整部分公交线路走向并新增站点，详见附件线路图。特此公告。'],
    );
  }
  for (const v of Object.values(made).filter((a) => a.kind === 'villageCommunity')) {
    const name = v.shortName ?? v.name;
    rec(v.name, `${name}${year}年上半年村（居）务和财务收支公开`, '公示', '民政、扶贫、救灾\\其他', 60, [
      `${name}上半年集体经济收入、支出和结余情况，以及公益事业建设、低保评议等村（居）务事项，经民主理财小组审核后公开。`,
    ]);
  }
  return out;
}

const line = (p: Planned) =>
  JSON.stringify({
    title: p.title,
    docNumber: p.docNumber,
    writtenAt: p.writtenAt,
    publishedAt: p.publishedAt,
    subject: p.subject,
    genre: p.genre,
    keywords: p.keywords ?? (p.item || p.genre),
    // Closed as such a notice is, and signed off as a 公文 is: the agency and the 成文日期 (落款).
    body: [...p.body, ...closing(p), p.agency, chineseDate(p.writtenAt)].map((s) => `<p>${s}</p>`).join(''),
  });

/** The closing sentence of a notice, by its 体裁. */
function closing(p: Planned): string[] {
  if (p.genre === '公示') return [`公示期间，如有异议，请以书面形式向${p.agency}反映。`];
  if (p.genre === '公告') return ['特此公告。'];
  if (p.docNumber && ['通知', '方案', '计划', '行政规范性文件', '预案'].includes(p.genre))
    return ['本文件自印发之日起施行。'];
  return [];
}

/** 2026-12-06 → 2026年12月6日. */
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The items of an agency's catalogs by domain code. */
async function itemsByDomain(ctx: Ctx, agencyId: string): Promise<Map<string, CatalogItem[]>> {
  const { catalogs: list } = await catalogs.publicCatalogs(ctx, agencyId);
  return new Map(list.map(({ catalog, items }) => [catalog.domainCode, items]));
}

const findItem = (items: CatalogItem[] | undefined, name: string) =>
  name ? items?.find((i) => i.name.includes(name) && i.level > 1) : undefined;

/**
 * Loads the content in one transaction: a few hundred service calls, each of which would otherwise
 * commit (and on PostgreSQL wait for its log flush) on its own.
 */
export async function loadContent(ctx: Ctx, made: Record<string, Agency>): Promise<{ records: number }> {
  return inTransaction(ctx, (tx) => loadContentIn(tx, made));
}

async function loadContentIn(ctx: Ctx, made: Record<string, Agency>): Promise<{ records: number }> {
  const root = made['晋江市人民政府']!;
  // The 26 pilot domains and the city's own.
  for (const d of domainTemplates)
    if (!(skeletonDomains as readonly string[]).includes(d.code))
      await catalogs.adoptTemplate(ctx, root.id, d.code);
  const local = await catalogs.addLocalDomain(ctx, root.id, { name: localDomain.name });
  const heading = await catalogs.addItem(ctx, local.id, { name: '民营经济发展' });
  for (const it of localDomain.items)
    await catalogs.addItem(ctx, local.id, {
      ...it,
      parentId: heading.id,
      timeLimit: '信息形成（或者变更）之日起20个工作日内',
      subject: localDomain.agency,
      channels: ['政府网站', '两微一端'],
      audience: '全社会',
      method: '主动',
      tiers: ['县级'],
      process: '服务',
    });
  const cityItems = await itemsByDomain(ctx, root.id);
  const rootCatalogs = (await catalogs.publicCatalogs(ctx, root.id)).catalogs;
  // The townships derive theirs from every city catalog with 乡级 items (the skeleton did three for 磁灶镇).
  for (const township of ['磁灶镇', '新塘街道'])
    for (const { catalog, items } of rootCatalogs) {
      if (!items.some((i) => i.tiers.includes('乡级'))) continue;
      if (township === '磁灶镇' && (skeletonDomains as readonly string[]).includes(catalog.domainCode))
        continue;
      await catalogs.deriveTownship(ctx, made[township]!.id, catalog.id);
    }

  const city = plannedRecords(ctx);
  const all = [
    ...city,
    ...interpretations(
      ctx,
      city.filter((p) => p.docNumber),
    ),
    ...cityRules(ctx),
  ];
  const town = townRecords(ctx);
  const others = everyAgencyRecords(ctx, made);
  const byAgency = new Map<string, Planned[]>();
  for (const p of [...all, ...town, ...others])
    byAgency.set(p.agency, [...(byAgency.get(p.agency) ?? []), p]);
  for (const [agency, list] of byAgency) await importRecords(ctx, agency, list.map(line).join('\n'));

  // File each record under its item: the city's under the city's catalog, 磁灶镇's under its own.
  const townItems = await itemsByDomain(ctx, made['磁灶镇']!.id);
  const published = await records.publishedSummaries(ctx, { agencyPath: root.path });
  const idOf = new Map(published.map((r) => [`${r.agencyName}|${r.title}`, r.id]));
  const localCode = local.domainCode;
  for (const p of [...all, ...town]) {
    const items = p.agency === '磁灶镇人民政府' ? townItems : cityItems;
    const item = findItem(items.get(p.domain ?? localCode), p.item);
    const id = idOf.get(`${p.agency}|${p.title}`);
    if (item && id) await catalogs.linkRecord(ctx, item.id, id);
  }
  return { records: all.length + town.length + others.length };
}

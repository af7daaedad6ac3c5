/**
 * What the demo's records are written from: per pilot domain, the department that publishes, its
 * 发文代字 and 主题分类, and templates of the records such a department publishes under the
 * domain's catalog items (titles, bodies, 体裁), each filled in with a town, a year and figures by
 * demo-content.ts. The wording follows the notices and lists the seed's 晋江市 publishes; names of
 * projects, villages and people are illustrative.
 */

export interface Vars {
  year: number;
  /** The month of publication (1–12): a monthly figure is of the month before. */
  month: number;
  /** A town or street of the demo (e.g. 磁灶镇). */
  town: string;
  /** A village or community (e.g. 大埔村). */
  village: string;
  /** 1, 2, … within the template. */
  n: number;
  /** Deterministic figures for the template to use (0 ≤ r < 1). */
  r: () => number;
}

export interface RecordDraft {
  /** The catalog item (its name or part of it) the record is filed under. */
  item: string;
  title: string;
  genre: string;
  body: string[];
  /** Issued as a 公文: the record gets a 文号 with the plan's 发文代字. */
  issued?: boolean;
  keywords?: string;
  subject?: string;
}

export interface DomainPlan {
  code: string;
  agency: string;
  /** 发文代字, e.g. 晋发改 → 晋发改〔2026〕12号. */
  docCode: string;
  subject: string;
  templates: Array<(v: Vars) => RecordDraft>;
}

/** The month before `month`, and its year. */
export const previous = (year: number, month: number) =>
  month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };

export const int = (r: () => number, min: number, max: number) => Math.floor(min + r() * (max - min + 1));
export const money = (r: () => number, min: number, max: number) => (min + r() * (max - min)).toFixed(2);

export const projects = [
  '世纪大道北延伸段改造工程',
  '晋江国际鞋纺城配套道路工程',
  '安海湾南岸生态修复工程',
  '磁灶陶瓷产业园标准厂房',
  '梅岭片区城市更新项目',
  '九十九溪流域综合治理工程',
  '晋江第二体育中心',
  '滨江商务区地下综合管廊',
  '紫帽山森林公园登山步道',
  '深沪湾海洋公园配套设施',
  '市医院晋南分院扩建工程',
  '陈埭镇中心小学新校区',
] as const;

/** The city's own domain (“26+10”'s local part): its items and the records under them. */
export const localDomain = {
  name: '民营经济服务',
  agency: '晋江市工业和信息化局',
  items: [
    {
      name: '惠企政策',
      contentElements: '政策名称、适用对象、扶持标准、申报方式、联系方式',
      basis: '《优化营商环境条例》第十五条',
    },
    {
      name: '企业服务事项',
      contentElements: '服务事项、办理条件、办理时限、联系方式',
      basis: '《优化营商环境条例》第三十五条',
    },
  ],
  records: [
    ({ year, r }: Vars): RecordDraft => ({
      item: '惠企政策',
      title: `晋江市${year}年促进民营经济高质量发展若干措施`,
      genre: '行政规范性文件',
      issued: true,
      body: [
        `对当年新增规模以上工业企业给予一次性奖励${int(r, 10, 30)}万元；对企业技术改造按设备投资额给予补助。`,
      ],
      subject: '工业、交通\\轻工纺织',
    }),
    ({ year, r }: Vars): RecordDraft => ({
      item: '惠企政策',
      title: `晋江市工业和信息化局关于${year}年度技术改造专项资金申报的通知`,
      genre: '通知',
      body: [`申报截止时间为${year}年${int(r, 4, 9)}月30日，申报材料通过“晋江市惠企政策兑现平台”提交。`],
      subject: '工业、交通\\其他',
    }),
  ],
};

/**
 * The fields of the 政府网站工作年度报表 (国办函〔2018〕12号), as DATA: sections from the top, each
 * field with its label, unit and kind, and whether the platform computes it. The national
 * attachment's exact field list was not read (services.md §1.3 [R]); this follows the layout the
 * sites publish each January, so a correction of it is a change of this file, nothing else.
 *
 * Kinds: `count` a whole number ≥ 0; `decimal` a number ≥ 0 with up to two decimals; `yesNo`
 * 是/否; `choice` one of `options`; `text` up to 200 characters; `date` YYYY-MM-DD; `phone` a
 * telephone number; `sum` the sum of the fields `of` (never entered). `computed`: the platform
 * fills it from its data (website-report.sources.ts), the office may override it with a reason.
 * `notMore`: may not exceed that field (办结 ≤ 收到 …). `optional`: may stay empty at publication.
 */

export type FieldKind = 'count' | 'decimal' | 'yesNo' | 'choice' | 'text' | 'date' | 'phone' | 'sum';

export interface FieldDef {
  key: string;
  label: string;
  unit?: string;
  kind: FieldKind;
  /** A sub-heading the field sits under inside its section (留言办理, 征集调查 …). */
  group?: string;
  /** Shown as 其中 under the field before it. */
  part?: true;
  computed?: true;
  options?: readonly string[];
  of?: readonly string[];
  notMore?: string;
  optional?: true;
}

export interface SectionDef {
  key: string;
  /** Empty for the site's own block at the top of the table. */
  label: string;
  unit?: string;
  fields: readonly FieldDef[];
  /** The section lists the 主办单位's new-media accounts, one row per account. */
  accounts?: true;
}

export const siteTypes = ['政府门户网站', '部门网站', '专项网站'] as const;

export const sections: readonly SectionDef[] = [
  {
    key: 'site',
    label: '',
    fields: [
      { key: 'siteName', label: '网站名称', kind: 'text', computed: true },
      { key: 'homeUrl', label: '首页网址', kind: 'text', computed: true },
      { key: 'sponsor', label: '主办单位', kind: 'text', computed: true },
      { key: 'siteType', label: '网站类型', kind: 'choice', options: siteTypes, computed: true },
      { key: 'siteCode', label: '政府网站标识码', kind: 'text', computed: true },
      { key: 'icpNumber', label: 'ICP备案号', kind: 'text', computed: true },
      { key: 'policeNumber', label: '公安机关备案号', kind: 'text', computed: true },
      { key: 'uniqueVisitors', label: '独立用户访问总量', unit: '个', kind: 'count' },
      { key: 'pageViews', label: '网站总访问量', unit: '次', kind: 'count' },
    ],
  },
  {
    key: 'info',
    label: '信息发布',
    unit: '条',
    fields: [
      { key: 'infoTotal', label: '总数', kind: 'count', computed: true },
      { key: 'infoOverview', label: '概况类信息更新量', kind: 'count', computed: true, notMore: 'infoTotal' },
      { key: 'infoNews', label: '政务动态信息更新量', kind: 'count', computed: true, notMore: 'infoTotal' },
      {
        key: 'infoCatalog',
        label: '信息公开目录信息更新量',
        kind: 'count',
        computed: true,
        notMore: 'infoTotal',
      },
    ],
  },
  {
    key: 'columns',
    label: '专栏专题',
    unit: '个',
    fields: [
      { key: 'columnsMaintained', label: '维护数量', kind: 'count' },
      { key: 'columnsNew', label: '新开设数量', kind: 'count', notMore: 'columnsMaintained' },
    ],
  },
  {
    key: 'interpretation',
    label: '解读回应',
    fields: [
      {
        key: 'interpretTotal',
        label: '解读信息发布总数',
        unit: '条',
        kind: 'sum',
        of: ['interpretMaterials', 'interpretProducts', 'interpretComments'],
      },
      {
        key: 'interpretMaterials',
        label: '解读材料数量',
        unit: '条',
        kind: 'count',
        part: true,
        computed: true,
      },
      { key: 'interpretProducts', label: '解读产品数量', unit: '个', kind: 'count', part: true },
      { key: 'interpretComments', label: '媒体评论文章数量', unit: '篇', kind: 'count', part: true },
      { key: 'hotspotResponses', label: '回应公众关注热点或重大舆情数量', unit: '次', kind: 'count' },
    ],
  },
  {
    key: 'service',
    label: '办事服务',
    fields: [
      { key: 'serviceCatalog', label: '是否发布服务事项目录', kind: 'yesNo' },
      { key: 'serviceUsers', label: '注册用户数', unit: '个', kind: 'count' },
      { key: 'serviceItems', label: '政务服务事项数量', unit: '项', kind: 'count' },
      {
        key: 'serviceOnline',
        label: '可全程在线办理政务服务事项数量',
        unit: '项',
        kind: 'count',
        notMore: 'serviceItems',
      },
      { key: 'casesTotal', label: '办件量总数', unit: '件', kind: 'sum', of: ['casesPersons', 'casesLegal'] },
      { key: 'casesPersons', label: '自然人办件量', unit: '件', kind: 'count', part: true },
      { key: 'casesLegal', label: '法人办件量', unit: '件', kind: 'count', part: true },
    ],
  },
  {
    key: 'interaction',
    label: '互动交流',
    fields: [
      { key: 'unifiedPlatform', label: '是否使用统一平台', kind: 'yesNo' },
      {
        key: 'msgReceived',
        label: '收到留言数量',
        unit: '条',
        kind: 'count',
        group: '留言办理',
        computed: true,
      },
      {
        key: 'msgClosed',
        label: '办结留言数量',
        unit: '条',
        kind: 'count',
        group: '留言办理',
        computed: true,
        notMore: 'msgReceived',
      },
      {
        key: 'msgAvgDays',
        label: '平均办理时间',
        unit: '天',
        kind: 'decimal',
        group: '留言办理',
        computed: true,
      },
      {
        key: 'msgPublished',
        label: '公开答复数量',
        unit: '条',
        kind: 'count',
        group: '留言办理',
        computed: true,
        notMore: 'msgClosed',
      },
      { key: 'surveyIssues', label: '征集调查期数', unit: '期', kind: 'count', group: '征集调查' },
      { key: 'surveyOpinions', label: '收到意见数量', unit: '条', kind: 'count', group: '征集调查' },
      {
        key: 'surveyResults',
        label: '公布调查结果期数',
        unit: '期',
        kind: 'count',
        group: '征集调查',
        notMore: 'surveyIssues',
      },
      { key: 'interviewIssues', label: '访谈期数', unit: '期', kind: 'count', group: '在线访谈' },
      { key: 'interviewQuestions', label: '网民留言数量', unit: '条', kind: 'count', group: '在线访谈' },
      {
        key: 'interviewAnswers',
        label: '答复网民提问数量',
        unit: '条',
        kind: 'count',
        group: '在线访谈',
        notMore: 'interviewQuestions',
      },
      { key: 'smartQa', label: '是否提供智能问答功能', kind: 'yesNo' },
    ],
  },
  {
    key: 'security',
    label: '安全防护',
    fields: [
      { key: 'securityChecks', label: '安全检测评估次数', unit: '次', kind: 'count' },
      { key: 'securityIssues', label: '发现问题数量', unit: '个', kind: 'count' },
      { key: 'securityFixed', label: '问题整改数量', unit: '个', kind: 'count', notMore: 'securityIssues' },
      { key: 'securityMonitoring', label: '是否建立安全监测预警机制', kind: 'yesNo' },
      { key: 'securityDrills', label: '是否开展应急演练', kind: 'yesNo' },
      { key: 'securityOfficer', label: '是否明确网站安全责任人', kind: 'yesNo' },
    ],
  },
  {
    key: 'mobile',
    label: '移动新媒体',
    accounts: true,
    fields: [{ key: 'hasMobile', label: '是否有移动新媒体', kind: 'yesNo', computed: true }],
  },
  {
    key: 'innovation',
    label: '创新发展',
    fields: [
      { key: 'searchService', label: '搜索即服务', kind: 'yesNo' },
      { key: 'multilingual', label: '多语言版本', kind: 'yesNo' },
      { key: 'accessibility', label: '无障碍浏览', kind: 'yesNo' },
      { key: 'personalized', label: '千人千网', kind: 'yesNo' },
      { key: 'innovationOther', label: '其他', kind: 'text', optional: true },
    ],
  },
  {
    key: 'footer',
    label: '',
    fields: [
      { key: 'headOfUnit', label: '单位负责人', kind: 'text' },
      { key: 'checkedBy', label: '审核人', kind: 'text' },
      { key: 'filledBy', label: '填报人', kind: 'text' },
      { key: 'contactPhone', label: '联系电话', kind: 'phone' },
      { key: 'filledOn', label: '填报日期', kind: 'date' },
    ],
  },
];

/** The 移动新媒体 block's platforms, in the layout's order, and the columns of each account row. */
export const accountKinds = ['weibo', 'wechat', 'other'] as const;
export type AccountKind = (typeof accountKinds)[number];
export const accountKindLabels: Record<AccountKind, string> = {
  weibo: '微博',
  wechat: '微信',
  other: '其他',
};
/** 微信 counts 订阅数, the others 关注量. */
export const followerLabels: Record<AccountKind, string> = {
  weibo: '关注量（个）',
  wechat: '订阅数（个）',
  other: '关注量（个）',
};

export const allFields: readonly FieldDef[] = sections.flatMap((s) => s.fields);
export const fieldByKey: ReadonlyMap<string, FieldDef> = new Map(allFields.map((f) => [f.key, f]));

/** A field's label with its unit, as the table and the form show it: 网站总访问量（次）. */
export function labelOf(f: FieldDef, section?: SectionDef): string {
  const unit = f.unit ?? (f.kind === 'count' && section?.unit ? section.unit : undefined);
  return unit ? `${f.label}（${unit}）` : f.label;
}

/** The section a field is in. */
export function sectionOf(key: string): SectionDef {
  return sections.find((s) => s.fields.some((f) => f.key === key))!;
}

/** A field as messages name it, with its section where the label alone is ambiguous: 信息发布“总数（条）”. */
export function fieldName(f: FieldDef): string {
  const s = sectionOf(f.key);
  const group = f.group ?? '';
  return s.label ? `${s.label}${group ? `·${group}` : ''}“${labelOf(f, s)}”` : `“${labelOf(f, s)}”`;
}

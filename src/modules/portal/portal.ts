/**
 * The portal's vocabulary: which 体裁 feed which list of the home page, the levels of the rules
 * and guidelines the 标准化规范化专栏 links to, and the five columns of that 专栏 as the seed
 * report describes them (晋江市 2020: “五化并举”).
 */

/** 体裁 of the records listed under 政策文件 (the documents an office issues; not news or notices of events). */
export const policyDocumentGenres = [
  '规章',
  '行政规范性文件',
  '规范性文件',
  '政策文件',
  '决定',
  '命令',
  '意见',
  '通知',
  '通告',
  '办法',
  '规定',
  '方案',
  '规划',
  '计划',
] as const;

/** 体裁 of the records listed under 政策解读. */
export const interpretationGenres = ['政策解读', '解读'] as const;

/** 体裁 of the records listed under 政府信息公开制度 and the 制度化 column's own level. */
export const disclosureRuleGenres = ['政府信息公开制度', '公开制度', '制度'] as const;
export const websiteRuleGenres = ['政府网站管理制度', '政务新媒体管理制度'] as const;

/** The levels whose rules and guidelines the 专栏 shows, from the top. */
export const linkLevels = ['国家', '省级', '市级', '本级'] as const;
export type LinkLevel = (typeof linkLevels)[number];

export interface PortalLink {
  level: LinkLevel;
  title: string;
  /** Empty: shown as a title only (the document is known, its address is not configured). */
  url: string | null;
}

/** The five columns of the 标准化规范化专栏 (“五化并举”). */
export const standardizationColumns = [
  {
    key: 'rules',
    label: '制度化',
    text: '国家、省、市和本级政务公开、政府网站、政务新媒体相关制度。',
  },
  {
    key: 'standards',
    label: '标准化',
    text: '政务公开标准化指引，26 个国家试点领域目录和本级创新领域目录，镇（街道）标准化目录。',
  },
  {
    key: 'norms',
    label: '规范化',
    text: '标准目录的每个公开事项及其下规范发布的政府信息。',
  },
  {
    key: 'convenience',
    label: '便民化',
    text: '服务群众的互动模块：依申请公开、办理进度查询，以及建设中的市长信箱、网上信访、12345 热线和满意度测评。',
  },
  {
    key: 'digital',
    label: '信息化',
    text: '信息检索与订阅，以及建设中的信息公开查阅点地图、政务新媒体矩阵和精准推送。',
  },
] as const;
export type StandardizationColumn = (typeof standardizationColumns)[number]['key'];

/**
 * An entry a later module adds to the 便民化 or 信息化 column (ModuleExtensions
 * `portalColumnEntries`): a service it runs, with its address.
 */
export interface PortalColumnEntry {
  column: 'convenience' | 'digital';
  title: string;
  href: string;
  text: string;
}

/** What 便民化 and 信息化 will hold once the modules that run them are installed (the seed's list). */
export const comingEntries: Record<'convenience' | 'digital', Array<{ title: string; text: string }>> = {
  convenience: [
    { title: '市长信箱', text: '来信提交、办理和答复公开。' },
    { title: '网上信访', text: '在线信访事项的提交和办理进度查询。' },
    { title: '12345 便民服务热线', text: '热线受理事项的办理情况和统计。' },
    { title: '满意度测评', text: '对政务公开和政务服务的评价。' },
  ],
  digital: [
    { title: '信息公开查阅点地图', text: '政府信息公开查阅点、村（社区）公开栏的分布、地址和手机导航。' },
    { title: '政务新媒体矩阵', text: '全市政务新媒体的名称和二维码。' },
    { title: '精准推送', text: '按企业和群众关注的类目订阅、推送政府信息。' },
  ],
};

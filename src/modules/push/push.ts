/**
 * 精准推送 (issue 15): the vocabulary of subscribers, profiles, audience rules and deliveries.
 * Pure code lists and rules; nothing here touches the database. Sources: services.md §4,
 * 个人信息保护法 (PIPL) arts 14–15, 24, 28–29, 44–47; 工信部联企业〔2011〕300号 (enterprise-scale.ts);
 * GB/T 4754-2017 (industry.ts).
 */

export const subscriberKinds = ['enterprise', 'citizen', 'topics'] as const;
export type SubscriberKind = (typeof subscriberKinds)[number];
export const subscriberKindLabels: Record<SubscriberKind, string> = {
  enterprise: '企业',
  citizen: '个人',
  topics: '只关注主题',
};

export const scales = ['large', 'medium', 'small', 'micro'] as const;
export type Scale = (typeof scales)[number];
export const scaleLabels: Record<Scale, string> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** A tag of a profile: its bit in the matching index, and whether it needs 单独同意. */
export interface TagDef {
  code: string;
  label: string;
  bit: number;
  /** 敏感个人信息 (PIPL art 28): held only with the subscriber's own 单独同意 (art 29). */
  sensitive: boolean;
}

/** 企业资质标签 (services.md §4.2): facts about a business, not personal information. */
export const enterpriseTags: readonly TagDef[] = [
  { code: 'highTech', label: '高新技术企业', bit: 0, sensitive: false },
  { code: 'techSme', label: '科技型中小企业', bit: 1, sensitive: false },
  { code: 'specialized', label: '专精特新中小企业', bit: 2, sensitive: false },
  { code: 'littleGiant', label: '专精特新“小巨人”企业', bit: 3, sensitive: false },
  { code: 'aboveScale', label: '规模以上企业', bit: 4, sensitive: false },
  { code: 'foreignTrade', label: '外贸企业', bit: 5, sensitive: false },
  { code: 'foreignInvested', label: '外商投资企业', bit: 6, sensitive: false },
  { code: 'privateEnterprise', label: '民营企业', bit: 7, sensitive: false },
  { code: 'individualBusiness', label: '个体工商户', bit: 8, sensitive: false },
  { code: 'newlyEstablished', label: '新设企业（成立三年内）', bit: 9, sensitive: false },
];

/**
 * 特定身份标签 (services.md §4.3), opt-in. The sensitive ones (PIPL art 28: 特定身份, 医疗健康) are
 * held only while their 单独同意 stands; all of them are stored encrypted.
 */
export const identityTags: readonly TagDef[] = [
  { code: 'minimumLiving', label: '低保、低保边缘或特困供养', bit: 16, sensitive: true },
  { code: 'disabled', label: '残疾人', bit: 17, sensitive: true },
  { code: 'veteran', label: '退役军人', bit: 18, sensitive: true },
  { code: 'unemployed', label: '失业登记人员', bit: 19, sensitive: true },
  { code: 'elderly', label: '老年人', bit: 20, sensitive: false },
  { code: 'student', label: '在校学生或高校毕业生', bit: 21, sensitive: false },
  { code: 'newbornFamily', label: '新生儿家庭', bit: 22, sensitive: false },
  { code: 'flexibleEmployment', label: '灵活就业人员', bit: 23, sensitive: false },
  { code: 'farmer', label: '农业经营主体', bit: 24, sensitive: false },
];

export const allTags: readonly TagDef[] = [...enterpriseTags, ...identityTags];
const tagByCode = new Map(allTags.map((t) => [t.code, t]));
export const tagDef = (code: string): TagDef | undefined => tagByCode.get(code);
export const tagLabel = (code: string): string => tagByCode.get(code)?.label ?? code;

/** The bits of the tags named (unknown codes are ignored; the schemas reject them first). */
export function tagMask(codes: readonly string[]): number {
  let m = 0;
  for (const c of codes) {
    const t = tagByCode.get(c);
    if (t) m |= 1 << t.bit;
  }
  return m >>> 0;
}

/** 年龄段, from the year of birth only (the profile keeps no birth date). */
export const ageBands = ['under18', 'from18to34', 'from35to59', 'from60to79', 'from80'] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBandLabels: Record<AgeBand, string> = {
  under18: '18 岁以下',
  from18to34: '18–34 岁',
  from35to59: '35–59 岁',
  from60to79: '60–79 岁',
  from80: '80 岁及以上',
};

/** The band of a person born in `birthYear`, in `year` (age reached during the year). */
export function ageBandOf(birthYear: number, year: number): AgeBand {
  const age = year - birthYear;
  if (age < 18) return 'under18';
  if (age < 35) return 'from18to34';
  if (age < 60) return 'from35to59';
  if (age < 80) return 'from60to79';
  return 'from80';
}

export const frequencies = ['immediate', 'daily', 'weekly'] as const;
export type Frequency = (typeof frequencies)[number];
export const frequencyLabels: Record<Frequency, string> = {
  immediate: '即时推送',
  daily: '每日汇总',
  weekly: '每周汇总',
};

export const channels = ['email', 'inbox', 'feed', 'webhook'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, string> = {
  email: '电子邮件',
  inbox: '站内信（我的订阅）',
  feed: '个人订阅源（阅读器订阅）',
  webhook: '企业信息系统对接',
};

export const deliveryStates = ['queued', 'sending', 'sent', 'failed', 'bounced'] as const;
export type DeliveryState = (typeof deliveryStates)[number];
export const deliveryStateLabels: Record<DeliveryState, string> = {
  queued: '待发送',
  sending: '发送中',
  sent: '已送达',
  failed: '发送失败',
  bounced: '被退回',
};

export const followKinds = ['agency', 'catalogItem', 'subjectCategory', 'keyword'] as const;
export type FollowKind = (typeof followKinds)[number];
export const followKindLabels: Record<FollowKind, string> = {
  agency: '机构',
  catalogItem: '目录事项',
  subjectCategory: '主题分类',
  keyword: '关键词',
};

export const categoryClasses = ['enterprise', 'citizen', 'group'] as const;
export type CategoryClass = (typeof categoryClasses)[number];
export const categoryClassLabels: Record<CategoryClass, string> = {
  enterprise: '惠企政策',
  citizen: '惠民政策',
  group: '特定群体',
};

/**
 * The default 3 classes and 22 categories, each mapped to the 26 domains of the 标准目录. The
 * seed names "3类22项" without listing them (services.md §4.1: a local taxonomy [R]); this list
 * is a starting point the office edits on /admin/push/categories.
 */
export const defaultCategories: ReadonlyArray<{ class: CategoryClass; name: string; domains: string[] }> = [
  { class: 'enterprise', name: '财政奖补', domains: ['budgetFinalAccounts', 'majorProjects'] },
  { class: 'enterprise', name: '税费优惠', domains: ['taxation'] },
  { class: 'enterprise', name: '金融支持', domains: [] },
  { class: 'enterprise', name: '科技创新', domains: [] },
  { class: 'enterprise', name: '稳岗就业与人才', domains: ['employment', 'socialInsurance'] },
  { class: 'enterprise', name: '外贸外资', domains: [] },
  { class: 'enterprise', name: '市场准入与审批服务', domains: ['publicResourceTrading'] },
  { class: 'enterprise', name: '安全生产与环保', domains: ['workSafety', 'ecologicalEnvironment'] },
  { class: 'citizen', name: '就业创业', domains: ['employment'] },
  { class: 'citizen', name: '社会保险', domains: ['socialInsurance'] },
  { class: 'citizen', name: '教育', domains: ['compulsoryEducation'] },
  { class: 'citizen', name: '医疗卫生', domains: ['healthCare', 'foodDrugSupervision'] },
  { class: 'citizen', name: '住房保障', domains: ['affordableHousing', 'housingExpropriation'] },
  { class: 'citizen', name: '户籍与公共法律服务', domains: ['householdRegistration', 'publicLegalServices'] },
  {
    class: 'citizen',
    name: '农业农村',
    domains: ['agriculturalSubsidies', 'ruralHousingRenovation', 'landExpropriation'],
  },
  {
    class: 'citizen',
    name: '城乡建设与公共服务',
    domains: ['urbanRuralPlanning', 'municipalServices', 'publicCulture', 'urbanLawEnforcement'],
  },
  { class: 'group', name: '社会救助', domains: ['socialAssistance', 'povertyAlleviation', 'disasterRelief'] },
  { class: 'group', name: '残疾人', domains: ['socialAssistance'] },
  { class: 'group', name: '退役军人', domains: [] },
  { class: 'group', name: '老年人', domains: ['elderlyCare'] },
  { class: 'group', name: '学生与毕业生', domains: ['compulsoryEducation', 'employment'] },
  { class: 'group', name: '婴幼儿家庭', domains: ['healthCare'] },
];

/** The wording a subscriber agrees to when giving 单独同意 for a sensitive tag (kept in the ledger). */
export function tagConsentWording(label: string): string {
  return (
    `本人单独同意本平台处理本人“${label}”这一敏感个人信息，仅用于向本人推送与之相关的政策，` +
    '不向任何第三方提供。本人可随时在“我的订阅”撤回同意，撤回后立即停止据此推送并删除该信息。'
  );
}

/** The wording of the subscription itself (PIPL arts 14, 17, 24). */
export const subscriptionWording =
  '本人同意本平台使用本人填写的电子邮箱、手机号和画像信息，按本人选择的方式向本人推送政府政策信息。' +
  '每条推送都注明推送原因；本人可随时一键退订、关闭按画像推送，或查看、导出、删除本人的全部信息。';

// 来信: 领导信箱, 网上信访, 网上留言 and letters staff enter from post, phone or visits (issue 14;
// services.md §3.1–3.2, §3.4). Code lists and their labels; the clocks are in message-clock.ts.
import { satisfactionLabels, ticketTypeLabels, ticketTypes, type TicketType } from '../hotline/index.js';

export { ticketTypes, ticketTypeLabels, type TicketType };

/**
 * 办理制度: the rules a 来信 is handled under. `petition`: 信访工作条例 (2022), calendar-day clocks;
 * `mailbox`: a 信箱 or 留言 under local rules, working-day limits by 诉求类型 (configuration).
 */
export const regimes = ['petition', 'mailbox'] as const;
export type Regime = (typeof regimes)[number];
export const regimeLabels: Record<Regime, string> = { petition: '信访', mailbox: '信箱留言' };

/** 来信渠道. Staff enter the last four from what reached them. */
export const channels = [
  'leaderMailbox',
  'onlinePetition',
  'post',
  'phone',
  'visit',
  'hotline',
  'disclosureRequest',
] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, string> = {
  leaderMailbox: '领导信箱',
  onlinePetition: '网上信访',
  post: '来信',
  phone: '来电',
  visit: '来访',
  hotline: '12345 热线转来',
  disclosureRequest: '政府信息公开申请转来',
};
/** The channels a member of the public uses on the portal; the others are entered by staff. */
export const portalChannels = ['leaderMailbox', 'onlinePetition'] as const satisfies readonly Channel[];
export const staffChannels = ['post', 'phone', 'visit', 'hotline'] as const satisfies readonly Channel[];

/** The regime a portal channel implies. */
export function regimeOfChannel(channel: (typeof portalChannels)[number]): Regime {
  return channel === 'onlinePetition' ? 'petition' : 'mailbox';
}

/** 信访事项的类别 (信访工作条例第二十九至三十一条). */
export const petitionClasses = ['opinion', 'accusation', 'claim'] as const;
export type PetitionClass = (typeof petitionClasses)[number];
export const petitionClassLabels: Record<PetitionClass, string> = {
  opinion: '建议意见类',
  accusation: '检举控告类',
  claim: '申诉求决类',
};

/** 信访处理意见书的处理意见 (第三十二条). */
export const petitionOutcomes = ['support', 'explain', 'notSupport'] as const;
export type PetitionOutcome = (typeof petitionOutcomes)[number];
export const petitionOutcomeLabels: Record<PetitionOutcome, string> = {
  support: '支持',
  explain: '解释说明',
  notSupport: '不予支持',
};

/** 转送 (to an organ that has the matter in its remit) or 交办 (to a lower level, followed up). */
export const dispatchKinds = ['transfer', 'assign'] as const;
export type DispatchKind = (typeof dispatchKinds)[number];
export const dispatchKindLabels: Record<DispatchKind, string> = { transfer: '转送', assign: '交办' };

/** 主办 and 协办 of a dispatched 来信 (66号). */
export const dispatchRoles = ['lead', 'assist'] as const;
export type DispatchRole = (typeof dispatchRoles)[number];
export const dispatchRoleLabels: Record<DispatchRole, string> = { lead: '主办', assist: '协办' };

/** 评价等级: the five grades of 好差评 (services.md §3.4), best first. */
export const grades = [
  'verySatisfied',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'veryDissatisfied',
] as const;
export type Grade = (typeof grades)[number];
export const gradeLabels: Record<Grade, string> = {
  verySatisfied: satisfactionLabels.verySatisfied,
  satisfied: satisfactionLabels.satisfied,
  basicallySatisfied: satisfactionLabels.basicallySatisfied,
  dissatisfied: satisfactionLabels.dissatisfied,
  veryDissatisfied: satisfactionLabels.veryDissatisfied,
};
/** 差评: 不满意 and 非常不满意. */
export function isBadGrade(grade: Grade): boolean {
  return grade === 'dissatisfied' || grade === 'veryDissatisfied';
}

/** Optional dimensions of a rating (online 一事一评, services.md §3.4), each graded 1–5. */
export const ratingDimensions = ['speed', 'quality', 'attitude'] as const;
export type RatingDimension = (typeof ratingDimensions)[number];
export const ratingDimensionLabels: Record<RatingDimension, string> = {
  speed: '办理效率',
  quality: '答复质量',
  attitude: '服务态度',
};

/** 差评整改的处置: 整改 (fixed) or 解释说明 (explained), after the 回访核实. */
export const badRatingActions = ['fix', 'explain'] as const;
export type BadRatingAction = (typeof badRatingActions)[number];
export const badRatingActionLabels: Record<BadRatingAction, string> = { fix: '整改', explain: '解释说明' };

/**
 * The wording the writer agrees to when allowing publication (个人信息保护法第二十五条: 单独同意).
 * Stored with the consent, so a later change of wording never rewrites what someone agreed to.
 */
export const publishConsentWording =
  '我单独同意：本机关可以在政府网站公开我的来信内容和答复。公开前将删去姓名、电话、证件号码、地址等可以识别我的信息。我可以在公开前撤回同意。';

/**
 * The letter or reply as the public list shows it (个人信息保护法第七十三条: 去标识化): ID numbers,
 * telephone numbers, e-mail addresses and the writer's own name and address (`known`) replaced by
 * ＊. The clerk reads and may edit the result before publishing; this is the first draft.
 */
export function deidentify(text: string, known: readonly (string | null | undefined)[] = []): string {
  let out = text
    .replace(
      /(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g,
      '＊＊＊',
    )
    .replace(/[^\s@，。；、]+@[^\s@，。；、]+\.[A-Za-z]{2,}/g, '＊＊＊')
    .replace(/(?<![0-9])1[3-9]\d{9}(?![0-9])/g, '＊＊＊')
    .replace(/(?<![0-9])0\d{2,3}[-－\s]?\d{7,8}(?![0-9])/g, '＊＊＊')
    .replace(/(?<![0-9])\d{7,8}(?![0-9])/g, '＊＊＊');
  for (const k of known) {
    const v = k?.trim();
    if (v && [...v].length >= 2) out = out.split(v).join('＊＊＊');
  }
  return out;
}

/** A name as the public and other staff see it in lists: 张＊＊ (a name of one character stays ＊). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '＊' : `${chars[0]}${'＊'.repeat(Math.min(chars.length - 1, 3))}`;
}

/** Reply templates by 诉求类型, each with the prompts the clerk replaces (说明 in （请…）). */
export const replyTemplates: Record<TicketType, { label: string; text: string }> = {
  consultation: {
    label: '咨询答复',
    text: '您好！您于{date}来信咨询“{subject}”，现答复如下：\n（请填写答复内容）\n感谢您对我们工作的关心和支持。',
  },
  suggestion: {
    label: '建议答复',
    text: '您好！您于{date}提出的“{subject}”的建议收悉。经研究，（请写明采纳、部分采纳或暂不采纳的情况和理由）。\n感谢您对我们工作的关心和支持。',
  },
  complaint: {
    label: '投诉答复',
    text: '您好！您于{date}反映的“{subject}”问题收悉。经核查，（请写明核查认定的事实）。\n处理情况：（请写明处理结果）。\n如对处理结果有异议，可以（请写明救济途径）。',
  },
  help: {
    label: '求助答复',
    text: '您好！您于{date}反映的“{subject}”收悉。我们已（请写明采取的措施和结果）。\n如仍有困难，可以（请写明联系方式）。',
  },
  tipOff: {
    label: '举报答复',
    text: '您好！您于{date}举报的“{subject}”收悉。经调查，（请写明调查情况和处理结果）。\n感谢您的监督。',
  },
  praise: {
    label: '表扬答复',
    text: '您好！您于{date}来信表扬的“{subject}”收悉。感谢您对我们工作的肯定，我们将继续改进作风，提升服务。',
  },
};

/** A template with the letter's day of receipt and subject filled in. */
export function fillTemplate(type: TicketType, facts: { receivedOn: string; subject: string }): string {
  const [y, m, d] = facts.receivedOn.split('-').map(Number);
  return replyTemplates[type].text
    .replace('{date}', `${y}年${m}月${d}日`)
    .replace('{subject}', facts.subject);
}

/** The prompts the templates leave for the clerk, each exactly: a reply still holding one is refused. */
export const templatePrompts: readonly string[] = [
  ...new Set(Object.values(replyTemplates).flatMap((t) => t.text.match(/（请[^）]*）/g) ?? [])),
];

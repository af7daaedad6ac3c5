import type { Outcome } from './request-outcome.js';
import type { ApplicantType } from './request.js';

/**
 * Drafts of the letters (告知书) of each step, written as official letters: the applicant
 * addressed by name (a person as 您, an organisation as 贵单位), dates as 2026年3月2日, one
 * paragraph a line, the legal basis and, where a decision is made, the remedies naming the
 * 复议机关 and the court. The clerk edits a draft before sending; a letter that still holds a
 * prompt (（请写明…）, ____) is refused (`findPrompt`); what is sent is kept as sent.
 */

export const letterKinds = [
  'receipt',
  'supplement',
  'extension',
  'thirdPartyConsultation',
  'agencyConsultation',
  'processingFee',
  'reply',
] as const;
export type LetterKind = (typeof letterKinds)[number];
export const letterTitles: Record<LetterKind, string> = {
  receipt: '政府信息公开申请受理回执',
  supplement: '政府信息公开申请补正告知书',
  extension: '政府信息公开申请延期答复告知书',
  thirdPartyConsultation: '政府信息公开第三方意见征询函',
  // 第三十四条: the organs that made the information with us are asked for their view.
  agencyConsultation: '政府信息公开征求意见函',
  processingFee: '信息处理费收费通知书',
  reply: '政府信息公开申请答复告知书',
};

/** Where a 补正 draft leaves the 补正期限 for the clerk's date (filled in when it is sent). */
export const SUPPLEMENT_DUE_BLANK = '____年__月__日';
/** Where a consultation draft leaves the addressee (filled in from the form when it is sent). */
export const CONSULTEE_BLANK = '________';

/** 2026-03-02 → 2026年3月2日, as official letters date things. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** How the information is delivered (第四十条), as the reply records it. */
export const deliveryModes = ['electronic', 'mail', 'pickup', 'inspection', 'online'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];
export const deliveryModeLabels: Record<DeliveryMode, string> = {
  electronic: '电子文档（随答复附送文件）',
  mail: '纸质，邮寄',
  pickup: '纸质，自行领取',
  inspection: '现场查阅或抄录',
  online: '在线查看已公开的信息',
};

export interface DeliveryFacts {
  mode: DeliveryMode;
  /** 邮寄之日, 可领取之日, 查阅之日 (YYYY-MM-DD). */
  on?: string | null;
  trackingNumber?: string | null;
  record?: { title: string; url: string } | null;
}

export interface LetterFacts {
  agencyName: string;
  applicantName: string;
  /** A person is addressed as 您, an organisation as 贵单位 (naturalPerson when not given). */
  applicantType?: ApplicantType;
  acceptanceNumber: string;
  receivedOn: string;
  description: string;
  /** 答复期限, 补正期限, 缴费期限 … as the step has them. */
  due?: string | null;
  /** The due date falls in a year whose 放假安排 is not yet published (暂定). */
  dueProvisional?: boolean;
  supplementDueDate?: string;
  extensionWorkdays?: number;
  processingFee?: {
    total: number;
    lines: Array<{ band: string; units: number; rate: number; amount: number }>;
    method: 'perRequest' | 'perPage';
  };
  outcome?: Outcome;
  reasons?: string | null;
  /** 部分公开: what is withheld (第三十七条). */
  withheldPart?: string | null;
  delivery?: DeliveryFacts | null;
  /** The 复议机关 the remedies name (the people's government above, or as configured). */
  reviewBody?: string;
  /** The court the remedies name; 人民法院 when not configured. */
  court?: string | null;
  /** The addressee of a consultation (the third party, or the co-making organ). */
  consultee?: string | null;
}

/** The prompt a text still holds — （请写明…）, ____, 【请…】 — or null when there is none. */
export function findPrompt(text: string): string | null {
  const m =
    /（请[^（）]{0,60}）|\(请[^()]{0,60}\)|【[^】]{0,60}】|_{2,}|＿+|[×Ｘ]{2,}|〔请[^〕]{0,60}〕/.exec(text);
  return m ? m[0] : null;
}

const PUNCT = '。，；：、！？';
/** A clause as it goes into a sentence: trimmed, without the punctuation it ended with. */
export function clause(s: string | null | undefined): string {
  return (s ?? '').trim().replace(new RegExp(`[${PUNCT}\\s]+$`), '');
}
/** Doubled punctuation (。。 ，。 ；。 …) collapsed to the stronger mark. */
export function tidy(text: string): string {
  return text.replace(new RegExp(`[${PUNCT}](?:\\s*[${PUNCT}])+`, 'g'), (run) => {
    const marks = run.replace(/\s/g, '');
    for (const strong of ['。', '！', '？', '；', '：']) if (marks.includes(strong)) return strong;
    return marks[0]!;
  });
}

const isPerson = (t: ApplicantType | undefined) => !t || t === 'naturalPerson';

/** The remedies of every decision: 行政复议 to the named organ within 60 days, or 诉讼 in 6 months. */
export function remediesParagraph(
  you: string,
  reviewBody: string | undefined,
  court?: string | null,
): string {
  return `如${you}对本答复不服，可以自收到本告知书之日起六十日内向${reviewBody || '（请填写复议机关）'}申请行政复议，或者自收到本告知书之日起六个月内依法向${court || '人民法院'}提起行政诉讼。`;
}

interface ReplyText {
  /** The articles of the 条例 the decision rests on. */
  basis: string;
  /** 经审查，… (what was found). */
  finding: (you: string, f: LetterFacts) => string;
  /** …的规定，… (what is decided). */
  decision: (you: string) => string;
}

const withheld = (what: string, basis: string): ReplyText => ({
  basis,
  finding: (you) => `${you}申请获取的政府信息${what}`,
  decision: () => '决定不予公开',
});

/** Every reply of 第三十六条, with what it finds, what it decides and the articles it rests on. */
export const replyTexts: Record<Outcome, ReplyText> = {
  granted: {
    basis: '第三十六条第（二）项',
    finding: (you) => `${you}申请获取的政府信息属于可以公开的政府信息`,
    decision: () => '决定予以公开',
  },
  partiallyGranted: {
    basis: '第三十六条第（二）项、第三十六条第（三）项、第三十七条',
    finding: (you, f) =>
      `${you}申请获取的政府信息中，${clause(f.withheldPart) || '（请写明不予公开的部分）'}不予公开，其余部分可以公开`,
    decision: () => '决定对可以公开的部分经区分处理后予以公开',
  },
  'withheld.stateSecret': withheld('属于国家秘密', '第十四条、第三十六条第（三）项'),
  'withheld.lawProhibited': withheld(
    '属于法律、行政法规禁止公开的政府信息',
    '第十四条、第三十六条第（三）项',
  ),
  'withheld.securityStability': withheld(
    '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
    '第十四条、第三十六条第（三）项',
  ),
  'withheld.thirdPartyRights': withheld(
    '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容',
    '第十五条、第三十二条、第三十六条第（三）项',
  ),
  'withheld.internalAffairs': withheld(
    '属于人事管理、后勤管理、内部工作流程等方面的内部事务信息',
    '第十六条第一款、第三十六条第（三）项',
  ),
  'withheld.processInformation': withheld(
    '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
    '第十六条第二款、第三十六条第（三）项',
  ),
  'withheld.enforcementFile': withheld('属于行政执法案卷信息', '第十六条第二款、第三十六条第（三）项'),
  'withheld.administrativeQuery': {
    basis: '第三十六条第（七）项',
    finding: (you) => `${you}申请获取的信息属于行政查询事项，有关法律、行政法规对该信息的获取有特别规定`,
    decision: (you) => `告知${you}依照有关法律、行政法规的规定办理查询`,
  },
  'unavailable.notHeld': {
    basis: '第三十六条第（四）项、第三十六条第（五）项',
    finding: (you) => `经检索查找，本机关不掌握${you}申请获取的政府信息`,
    decision: () => '告知该政府信息本机关无法提供',
  },
  'unavailable.needsCreation': {
    basis: '第三十八条',
    finding: (you) => `${you}申请获取的政府信息需要本机关对现有政府信息进行加工、分析，本机关没有现成信息`,
    decision: () => '不予另行制作，无法提供',
  },
  'unavailable.stillUnclear': {
    basis: '第三十条',
    finding: (you) => `本机关已就${you}的申请发出补正告知，经补正后申请内容仍不明确`,
    decision: () => '告知该政府信息本机关无法提供',
  },
  'notProcessed.petition': {
    basis: '第三十九条第一款',
    finding: (you) => `${you}以政府信息公开申请形式提出的事项属于信访、投诉、举报等诉求`,
    decision: (you) => `本机关不作为政府信息公开申请处理，${you}可以通过相应渠道提出`,
  },
  'notProcessed.repeated': {
    basis: '第三十六条第（六）项',
    finding: (you) => `${you}已就相同政府信息提出过公开申请，本机关已依法作出答复，本次属于重复申请`,
    decision: () => '不予重复处理',
  },
  'notProcessed.publication': {
    basis: '第三十九条第二款',
    finding: (you) => `${you}申请获取的是政府公报、报刊、书籍等公开出版物`,
    decision: (you) => `本机关不作为政府信息公开申请处理，${you}可以通过公开出版物的发行渠道获取`,
  },
  'notProcessed.excessive': {
    basis: '第三十五条',
    finding: (you) => `${you}申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理`,
    decision: () => '不予处理',
  },
  'notProcessed.confirmation': {
    basis: '第二条、第三十九条',
    finding: (you) => `${you}要求本机关确认或者重新出具已经获取的信息，不属于申请获取政府信息`,
    decision: () => '不作为政府信息公开申请处理',
  },
  'other.supplementOverdue': {
    basis: '第三十条',
    finding: (you) => `${you}无正当理由逾期未补正`,
    decision: () => '视为放弃申请，本机关不再处理该政府信息公开申请',
  },
  'other.feeUnpaid': {
    basis: '第四十二条',
    finding: (you) => `${you}逾期未按收费通知的要求缴纳信息处理费`,
    decision: () => '视为放弃申请，本机关不再处理该政府信息公开申请',
  },
  'other.other': {
    basis: '第三十六条',
    finding: () => '（请写明处理情况）',
    decision: () => '作出上述处理',
  },
};

/** The articles a reply rests on: the outcome's, or 第三十六条第（一）项 for what is already public. */
export function replyBasis(outcome: Outcome, delivery?: DeliveryFacts | null): string {
  if (outcome === 'granted' && delivery?.mode === 'online') return '第三十六条第（一）项';
  return replyTexts[outcome].basis;
}

/** 予以公开/部分公开: how the information reaches the applicant, in the applicant's form. */
function deliveryParagraph(you: string, d: DeliveryFacts | null | undefined): string {
  if (!d) return '（请填写提供政府信息的形式和方式）';
  const on = d.on ? chineseDate(d.on) : '（请填写日期）';
  switch (d.mode) {
    case 'electronic':
      // The files are listed after the text as its 附件 when the reply is sent.
      return `所公开的政府信息以电子文档形式提供，随本告知书附送，${you}可以凭受理编号和查询码在本机关政府信息公开平台“查询办理进度”中下载。`;
    case 'mail':
      return `所公开的政府信息以纸质形式提供，本机关已于${on}邮寄至${you}提供的通讯地址（邮件号：${clause(d.trackingNumber) || '（请填写邮件号）'}），请注意查收。`;
    case 'pickup':
      return `所公开的政府信息以纸质形式提供，请${you}自${on}起凭本告知书和身份证明到本机关领取。`;
    case 'inspection':
      return `请${you}自${on}起凭本告知书和身份证明到本机关现场查阅、抄录所公开的政府信息。`;
    case 'online':
      return d.record
        ? `该政府信息已经主动公开（《${clause(d.record.title)}》），${you}可以通过以下网址查看：${d.record.url}。`
        : '该政府信息已经主动公开，（请选择已公开的政府信息）。';
  }
}

function replyParagraphs(you: string, f: LetterFacts): string[] {
  const o = f.outcome;
  if (!o) return ['经审查，现答复如下：（请选择答复结果）。', remediesParagraph(you, f.reviewBody, f.court)];
  const t = replyTexts[o];
  const reasons = clause(f.reasons);
  const needs = o !== 'granted';
  const paragraphs = [
    `经审查，${t.finding(you, f)}。${needs ? `理由如下：${reasons || '（请写明理由）'}。` : ''}根据《中华人民共和国政府信息公开条例》${replyBasis(o, f.delivery)}的规定，${t.decision(you)}。`,
  ];
  if (o === 'granted' || o === 'partiallyGranted') paragraphs.push(deliveryParagraph(you, f.delivery));
  paragraphs.push(remediesParagraph(you, f.reviewBody, f.court));
  return paragraphs;
}

const due = (f: LetterFacts) => (f.due ? `${chineseDate(f.due)}${f.dueProvisional ? '（暂定）' : ''}` : '');

/** The body of a letter, one paragraph a line; title, 落款 and 成文日期 are kept beside it. */
export function draftLetter(kind: LetterKind, f: LetterFacts): { title: string; body: string } {
  const you = isPerson(f.applicantType) ? '您' : '贵单位';
  const salutation = `${f.applicantName.trim()}：`;
  const received = `${f.agencyName}于${chineseDate(f.receivedOn)}收到${you}提出的政府信息公开申请（受理编号：${f.acceptanceNumber}），申请获取“${clause(f.description)}”。`;
  const applicantLetter = (...paragraphs: string[]) => [salutation, received, ...paragraphs];
  const consultation = (name: string | null | undefined, ...paragraphs: string[]) => [
    `${clause(name) || CONSULTEE_BLANK}：`,
    `${f.agencyName}于${chineseDate(f.receivedOn)}收到政府信息公开申请（受理编号：${f.acceptanceNumber}），申请获取“${clause(f.description)}”。`,
    ...paragraphs,
  ];
  const fee = f.processingFee;
  const body: Record<LetterKind, () => string[]> = {
    receipt: () =>
      applicantLetter(
        `根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内${f.due ? `，即${due(f)}前，` : ''}予以答复。`,
        '凭受理编号和提交申请时获得的查询码，即可在本机关政府信息公开网站的“查询办理进度”中查看办理情况和答复。',
      ),
    supplement: () =>
      applicantLetter(
        `经审查，${you}的申请内容不够明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请${you}于${f.supplementDueDate ? chineseDate(f.supplementDueDate) : SUPPLEMENT_DUE_BLANK}前对申请内容作出补正，说明所需政府信息的名称、文号或者便于查询的其他特征性描述。`,
        '答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      ),
    extension: () =>
      applicantLetter(
        `因情况复杂，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长${f.extensionWorkdays ?? 20}个工作日${f.due ? `，至${due(f)}` : ''}。`,
      ),
    thirdPartyConsultation: () =>
      consultation(
        f.consultee,
        '经审查，该申请公开的政府信息可能涉及贵方的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方的意见，请自收到本函之日起15个工作日内提出书面意见。',
        '逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。',
      ),
    agencyConsultation: () =>
      consultation(
        f.consultee,
        '该政府信息由本机关与贵机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关的意见，请自收到本函之日起15个工作日内提出意见。逾期未提出意见的，视为同意公开。',
      ),
    processingFee: () =>
      applicantLetter(
        `根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，${you}的申请需缴纳信息处理费，按${fee?.method === 'perPage' ? '量' : '件'}计收，明细如下：`,
        ...(fee?.lines ?? []).map((l) => `${l.band}：${l.units}×${l.rate}元＝${l.amount}元；`),
        `合计${fee?.total ?? 0}元。请自收到本通知次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
      ),
    reply: () => applicantLetter(...replyParagraphs(you, f)),
  };
  return { title: letterTitles[kind], body: tidy(body[kind]().join('\n')) };
}

/** A letter's paragraphs (letters kept before this version used blank lines between them). */
export function paragraphsOf(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

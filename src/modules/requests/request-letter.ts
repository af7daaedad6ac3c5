import { outcomes, type Outcome } from './request-outcome.js';

/**
 * Drafts of the letters (告知书) of each step, with their legal basis and, where a decision is
 * made, the remedies (行政复议 within 60 days, 行政诉讼 within 6 months). The clerk edits a draft
 * before sending; what is sent is kept as sent.
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
  // 第三十四条: the organs that made the information with us are asked, not a third party.
  agencyConsultation: '政府信息公开征求其他机关意见函',
  processingFee: '信息处理费收费通知书',
  reply: '政府信息公开申请答复告知书',
};

/** Where a 补正 draft leaves the 补正期限 for the clerk's date (filled in when it is sent). */
export const SUPPLEMENT_DUE_BLANK = '____年__月__日';

export interface LetterFacts {
  agencyName: string;
  applicantName: string;
  acceptanceNumber: string;
  receivedOn: string;
  description: string;
  /** 答复期限, 补正期限, 缴费期限 … as the step has them. */
  due?: string | null;
  supplementDueDate?: string;
  extensionWorkdays?: number;
  processingFee?: {
    total: number;
    lines: Array<{ band: string; units: number; rate: number; amount: number }>;
    method: 'perRequest' | 'perPage';
  };
  outcome?: Outcome;
  reasons?: string | null;
}

const remedies = (agency: string) =>
  `如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。（${agency}）`;

export function draftLetter(kind: LetterKind, f: LetterFacts): { title: string; body: string } {
  const head = `${f.applicantName}：\n\n${f.agencyName}于 ${f.receivedOn} 收到您（单位）提出的政府信息公开申请（受理编号：${f.acceptanceNumber}），申请获取“${f.description}”。`;
  const body: Record<LetterKind, () => string> = {
    receipt: () =>
      `${head}\n\n根据《中华人民共和国政府信息公开条例》第三十三条的规定，我机关将自收到申请之日起 20 个工作日内予以答复${f.due ? `（${f.due} 前）` : ''}。\n\n凭受理编号和提交申请时获得的查询码，即可在本机关政府信息公开网站的“查询办理进度”中查看办理情况和答复。`,
    supplement: () =>
      `${head}\n\n经审查，您的申请内容不够明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，请您于 ${f.supplementDueDate ?? SUPPLEMENT_DUE_BLANK} 前对申请内容作出补正，说明所需政府信息的名称、文号或者便于查询的其他特征性描述。答复期限自我机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，我机关不再处理该政府信息公开申请。`,
    extension: () =>
      `${head}\n\n因情况复杂，不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长 ${f.extensionWorkdays ?? 20} 个工作日${f.due ? `，至 ${f.due}` : ''}。`,
    thirdPartyConsultation: () =>
      `${head}\n\n您（单位）的合法权益可能与该申请公开的政府信息有关。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现征求您（单位）的意见，请自收到本函之日起 15 个工作日内提出书面意见。逾期未提出意见的，由我机关依照条例的规定决定是否公开。`,
    agencyConsultation: () =>
      `________：\n\n${f.agencyName}于 ${f.receivedOn} 收到政府信息公开申请（受理编号：${f.acceptanceNumber}），申请获取“${f.description}”。该政府信息由我机关与贵机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关的意见，请自收到本函之日起 15 个工作日内提出意见。逾期未提出意见的，视为同意公开。`,
    processingFee: () =>
      `${head}\n\n根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，您的申请需缴纳信息处理费，按${f.processingFee?.method === 'perPage' ? '量' : '件'}计收：\n${(f.processingFee?.lines ?? []).map((l) => `  ${l.band}：${l.units} × ${l.rate} 元 = ${l.amount} 元`).join('\n')}\n合计 ${f.processingFee?.total ?? 0} 元。请自收到本通知次日起 20 个工作日内缴纳。逾期未缴纳的，视为放弃申请，我机关不再处理该政府信息公开申请。`,
    reply: () => {
      const o = f.outcome ? outcomes[f.outcome] : null;
      return `${head}\n\n经审查，现答复如下：${o ? `${o.label}。` : '（请写明答复结果及提供信息的方式）'}${f.reasons ? `\n\n理由：${f.reasons}` : ''}${o && o.basis !== '—' ? `\n\n依据：《中华人民共和国政府信息公开条例》${o.basis.startsWith('第') ? o.basis : `、${o.basis}`}。` : ''}\n\n${remedies(f.agencyName)}`;
    },
  };
  return { title: letterTitles[kind], body: body[kind]() };
}

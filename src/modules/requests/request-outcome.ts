import type { ReportFormat, RequestRowKey } from '../annual-report/index.js';

/**
 * Every lawful outcome of an application, each mapped to exactly one row of the annual report's
 * table 三 (a 部分公开 case counts only there), with the article it rests on (legal.md §3.3).
 */
export const outcomes = {
  granted: { label: '予以公开', basis: '第三十六条第（一）（二）项' },
  partiallyGranted: { label: '部分公开（区分处理）', basis: '第三十七条' },
  'withheld.stateSecret': { label: '不予公开：属于国家秘密', basis: '第十四条' },
  'withheld.lawProhibited': { label: '不予公开：其他法律行政法规禁止公开', basis: '第十四条' },
  'withheld.securityStability': { label: '不予公开：危及“三安全一稳定”', basis: '第十四条' },
  'withheld.thirdPartyRights': { label: '不予公开：保护第三方合法权益', basis: '第十五条、第三十二条' },
  'withheld.internalAffairs': { label: '不予公开：属于三类内部事务信息', basis: '第十六条第一款' },
  'withheld.processInformation': { label: '不予公开：属于四类过程性信息', basis: '第十六条第二款' },
  'withheld.enforcementFile': { label: '不予公开：属于行政执法案卷', basis: '第十六条第二款' },
  'withheld.administrativeQuery': { label: '不予公开：属于行政查询事项', basis: '第三十六条第（七）项' },
  'unavailable.notHeld': { label: '无法提供：本机关不掌握相关政府信息', basis: '第三十六条第（四）（五）项' },
  'unavailable.needsCreation': { label: '无法提供：没有现成信息需要另行制作', basis: '第三十八条' },
  'unavailable.stillUnclear': { label: '无法提供：补正后申请内容仍不明确', basis: '第三十条' },
  'notProcessed.petition': { label: '不予处理：信访举报投诉类申请', basis: '第三十九条第一款' },
  'notProcessed.repeated': { label: '不予处理：重复申请', basis: '第三十六条第（六）项' },
  'notProcessed.publication': { label: '不予处理：要求提供公开出版物', basis: '第三十九条第二款' },
  'notProcessed.excessive': { label: '不予处理：无正当理由大量反复申请', basis: '第三十五条' },
  'notProcessed.confirmation': { label: '不予处理：要求行政机关确认或重新出具已获取信息', basis: '—' },
  'other.supplementOverdue': { label: '其他处理：申请人逾期不补正', basis: '第三十条' },
  'other.feeUnpaid': { label: '其他处理：申请人逾期未缴纳信息处理费', basis: '国办函〔2020〕109号' },
  'other.other': { label: '其他处理：其他（含申请人撤回）', basis: '—' },
} as const satisfies Partial<Record<RequestRowKey, { label: string; basis: string }>>;

export type Outcome = keyof typeof outcomes;
export const outcomeKeys = Object.keys(outcomes) as Outcome[];

/** Outcomes a reply can record (the other.* ones follow from what the applicant did not do). */
export const replyOutcomes = outcomeKeys.filter((k) => !k.startsWith('other.'));

/** Outcomes that withhold something: the reply must give its reasons (第三十六条第（三）项). */
export function needsReasons(o: Outcome): boolean {
  return o !== 'granted';
}

/** The table-三 row an outcome is counted in, in the report's format. */
export function reportRow(o: Outcome, format: ReportFormat): RequestRowKey {
  return format === '2019' && o.startsWith('other.') ? 'other' : o;
}

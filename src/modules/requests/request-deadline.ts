import {
  addWorkdays,
  workdaysAfter,
  workdaysBetween,
  type DueDate,
  type WorkCalendar,
} from '../calendar/index.js';

/**
 * The reply deadline of an application, derived from its events and never kept in a column
 * (条例 第三十、三十二至三十五条; 国办函〔2020〕109号). Pure: the events, the calendar and
 * today in; the state, the due date and how it was computed out, step by step.
 */

export type CaseEvent =
  | { type: 'received'; date: string }
  /** 第三十条: one consolidated 补正 notice, with the 补正期限 the organ set. */
  | { type: 'supplementRequested'; date: string; supplementDueDate: string }
  | { type: 'supplemented'; date: string }
  /** 第三十二条 (a third party) or 第三十四条 (the other organs that made it): not counted. */
  | { type: 'consultationStarted'; date: string; kind: ConsultationKind }
  | { type: 'consultationEnded'; date: string }
  /** 第三十三条第二款: a clerk asks for more time; only the head of the 公开办 grants it. */
  | { type: 'extensionRequested'; date: string; workdays: number; reason: string }
  | { type: 'extensionRefused'; date: string; reason: string | null }
  /** 第三十三条第二款: at most 20 working days, approved by the head of the 公开办. */
  | { type: 'extensionApproved'; date: string; workdays: number }
  /** 109号: the applicant has 20 working days from the day after receiving the notice to pay. */
  | { type: 'processingFeeNoticeReceived'; date: string }
  | { type: 'processingFeePaid'; date: string }
  | { type: 'replied'; date: string }
  | { type: 'withdrawn'; date: string };

/** 第三十二条 第三方意见征询, or 第三十四条 征求其他机关意见 (the organs that made it with us). */
export const consultationKinds = ['thirdPartyConsultation', 'agencyConsultation'] as const;
export type ConsultationKind = (typeof consultationKinds)[number];

/** A case still being handled: its clock runs or stands (补正, consultation, fee). */
export const openStates = ['open', 'awaitingSupplement', 'inConsultation', 'awaitingFee'] as const;
/** A case that has ended: answered, withdrawn, or deemed abandoned (第三十条; 109号). */
export const terminalStates = ['replied', 'withdrawn', 'supplementOverdue', 'feeUnpaid'] as const;
export type OpenState = (typeof openStates)[number];
export type CaseState = OpenState | (typeof terminalStates)[number];

export function isOpenState(state: CaseState): state is OpenState {
  return (openStates as readonly CaseState[]).includes(state);
}

export interface DeadlineRules {
  /** 第三十三条: working days to reply. */
  replyWorkdays: number;
  /** 第三十三条: the longest extension. */
  maxExtensionWorkdays: number;
  /** 第三十条: the 补正 notice is due within this many working days of receipt. */
  supplementNoticeWorkdays: number;
  /** 109号: days to pay after receiving the fee notice. */
  feePaymentWorkdays: number;
  /** 第三十二、三十四条: days a third party or co-maker has to answer a consultation. */
  consultationWorkdays: number;
  /**
   * Whether the time between the fee notice and the payment is left out of the reply period.
   * [R] not confirmed in the text read for this project: a setting, not a guess.
   */
  feePeriodStopsClock: boolean;
}

export const defaultRules: DeadlineRules = {
  replyWorkdays: 20,
  maxExtensionWorkdays: 20,
  supplementNoticeWorkdays: 7,
  feePaymentWorkdays: 20,
  consultationWorkdays: 15,
  feePeriodStopsClock: true,
};

export interface DeadlineResult {
  state: CaseState;
  /** The reply is due on this day; null while the clock stands (补正, consultation, fee). */
  due: string | null;
  provisional: boolean;
  /** For the clerk and the applicant: each step of the computation, in Chinese. */
  steps: string[];
  /** The calendar computation behind `due`: the days skipped, the make-up days counted. */
  calendar: DueDate | null;
  overdue: boolean;
  /** Working days left until `due` (negative when overdue). */
  remaining: number | null;
  /** A 补正 notice later than 第三十条 allows, for the clerk's attention. */
  warnings: string[];
  /** For a case that ended by time passing: the last day the applicant had (补正 or fee). */
  lapsedOn?: string;
}

export class DeadlineError extends Error {}

/** What （暂定） means, for the pages and letters that show a provisional due date. */
export const provisionalDueNote =
  '期限标注“暂定”的，是因为所跨年度的国务院节假日安排尚未公布：已按周末和法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）计算，安排公布后以重新计算的期限为准。';

/**
 * A due date as people read it, on every page and letter: （暂定） after a date counted through a
 * year whose 放假安排 is not yet entered. `format` writes the date (e.g. 2027年1月5日); null while
 * the clock stands.
 */
export function dueText(
  d: { due: string | null; provisional: boolean },
  format: (date: string) => string = (date) => date,
): string | null {
  return d.due === null ? null : `${format(d.due)}${d.provisional ? '（暂定）' : ''}`;
}

function byDate(a: CaseEvent, b: CaseEvent): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** A result for a case whose clock is not running (stopped, ended, or answered). */
function settled(
  state: CaseState,
  steps: string[],
  warnings: string[],
  due: DueDate | null = null,
  extra: Partial<DeadlineResult> = {},
): DeadlineResult {
  return {
    state,
    due: due?.due ?? null,
    provisional: due?.provisional ?? false,
    steps,
    calendar: due,
    overdue: false,
    remaining: null,
    warnings,
    ...extra,
  };
}

export function computeDeadline(
  events: CaseEvent[],
  cal: WorkCalendar,
  today: string,
  rules: DeadlineRules = defaultRules,
): DeadlineResult {
  const list = [...events].sort(byDate);
  const received = list.find((e) => e.type === 'received');
  if (!received) throw new DeadlineError('an application needs its day of receipt');
  const steps: string[] = [];
  const warnings: string[] = [];
  let start = received.date;
  steps.push(`${received.date} 收到申请，自次日起计算 ${rules.replyWorkdays} 个工作日`);

  // 补正: the clock starts again from the day the supplement arrives.
  const request = list.find((e) => e.type === 'supplementRequested');
  if (request) {
    const noticeBy = workdaysAfter(cal, received.date, rules.supplementNoticeWorkdays);
    if (request.date > noticeBy)
      warnings.push(
        `补正告知书应在收到申请后 ${rules.supplementNoticeWorkdays} 个工作日内（${noticeBy} 前）发出，实际 ${request.date} 发出`,
      );
    const supplemented = list.find((e) => e.type === 'supplemented' && e.date >= request.date);
    if (!supplemented) {
      steps.push(
        `${request.date} 发出补正告知书，补正期限 ${request.supplementDueDate}；补正前不计算答复期限`,
      );
      const state: CaseState = today > request.supplementDueDate ? 'supplementOverdue' : 'awaitingSupplement';
      if (state === 'supplementOverdue')
        steps.push(`${request.supplementDueDate} 补正期限届满未补正，视为放弃申请（第三十条）`);
      return settled(
        state,
        steps,
        warnings,
        null,
        state === 'supplementOverdue' ? { lapsedOn: request.supplementDueDate } : {},
      );
    }
    start = supplemented.date;
    steps.push(
      `${request.date} 发出补正告知书；${supplemented.date} 收到补正，自次日起重新计算 ${rules.replyWorkdays} 个工作日`,
    );
  }

  let add = rules.replyWorkdays;
  let stopped: CaseState | null = null;

  // Consultations: their time is not counted.
  const consultations = list.filter((e) => e.type === 'consultationStarted' && e.date >= start) as Array<
    Extract<CaseEvent, { type: 'consultationStarted' }>
  >;
  for (const c of consultations) {
    const end = list.find((e) => e.type === 'consultationEnded' && e.date >= c.date);
    const who = c.kind === 'thirdPartyConsultation' ? '第三方' : '共同制作机关';
    // 第三十二、三十四条: the other side has 15 working days. Silence ends the consultation:
    // a co-maker's silence is consent, a third party's leaves the decision to the organ.
    const answerBy = workdaysAfter(cal, c.date, rules.consultationWorkdays);
    if (!end && today <= answerBy) {
      steps.push(`${c.date} 向${who}征询意见，${answerBy} 前答复；答复前不计算答复期限`);
      stopped = 'inConsultation';
      continue;
    }
    const endDate = end && end.date <= answerBy ? end.date : answerBy;
    const excluded = workdaysBetween(cal, c.date, endDate);
    add += excluded;
    const how =
      end && end.date <= answerBy
        ? `${end.date} 收到答复`
        : `至 ${answerBy} 未在 ${rules.consultationWorkdays} 个工作日内答复${c.kind === 'agencyConsultation' ? '，视为同意公开（第三十四条）' : '，由本机关依法决定（第三十二条）'}`;
    steps.push(`${c.date} 向${who}征询意见，${how}，期间 ${excluded} 个工作日不计入（第三十三条第三款）`);
  }

  // Extension: only as approved, and never beyond the limit.
  const extensions = list.filter((e) => e.type === 'extensionApproved') as Array<
    Extract<CaseEvent, { type: 'extensionApproved' }>
  >;
  const extended = extensions.reduce((s, e) => s + e.workdays, 0);
  if (extended > rules.maxExtensionWorkdays)
    throw new DeadlineError(`延期合计 ${extended} 个工作日，超过 ${rules.maxExtensionWorkdays} 个工作日`);
  for (const e of extensions) steps.push(`${e.date} 经公开办负责人批准延期 ${e.workdays} 个工作日`);
  add += extended;

  // Fees: the payment window; unpaid in time, the application is taken as abandoned.
  const notice = list.find((e) => e.type === 'processingFeeNoticeReceived');
  if (notice) {
    const payBy = workdaysAfter(cal, notice.date, rules.feePaymentWorkdays);
    const paid = list.find((e) => e.type === 'processingFeePaid' && e.date >= notice.date);
    if (!paid) {
      steps.push(`${notice.date} 申请人收到收费通知，应于 ${payBy} 前缴费`);
      if (today > payBy) {
        steps.push(`${payBy} 缴费期限届满未缴费，视为放弃申请`);
        return settled('feeUnpaid', steps, warnings, null, { lapsedOn: payBy });
      }
      if (rules.feePeriodStopsClock) stopped = stopped ?? 'awaitingFee';
    } else {
      steps.push(`${notice.date} 申请人收到收费通知，${paid.date} 缴费`);
      if (rules.feePeriodStopsClock) {
        const excluded = workdaysBetween(cal, notice.date, paid.date);
        add += excluded;
        steps.push(`收费通知至缴费期间 ${excluded} 个工作日不计入`);
      }
    }
  }

  const withdrawn = list.find((e) => e.type === 'withdrawn');
  const replied = list.find((e) => e.type === 'replied');
  const due = stopped ? null : addWorkdays(cal, start, add);
  if (due)
    steps.push(
      `答复期限：${due.due}${due.provisional ? '（暂定：所跨年度的节假日安排尚未公布，已按法定节假日计算）' : ''}`,
    );
  if (withdrawn && (!replied || withdrawn.date <= replied.date)) {
    steps.push(`${withdrawn.date} 申请人撤回申请`);
    return settled('withdrawn', steps, warnings, due);
  }
  if (replied) {
    const late = due !== null && replied.date > due.due;
    steps.push(`${replied.date} 答复${late ? '（超过期限）' : ''}`);
    return settled('replied', steps, warnings, due, { overdue: late });
  }
  if (!due) return settled(stopped!, steps, warnings);
  const remaining =
    today <= due.due ? workdaysBetween(cal, today, due.due) : -workdaysBetween(cal, due.due, today);
  return {
    state: 'open',
    due: due.due,
    provisional: due.provisional,
    steps,
    calendar: due,
    overdue: today > due.due,
    remaining,
    warnings,
  };
}

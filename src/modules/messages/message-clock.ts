import {
  addDays,
  addWorkdays,
  parseDate,
  workdaysAfter,
  workdaysBetween,
  type DueDate,
  type WorkCalendar,
} from '../calendar/index.js';
import type { Regime, TicketType } from './message.js';

/**
 * The clocks of a 来信, derived from its events and never kept in a column, like an application's
 * (request-deadline.ts). Pure: the events, the calendar and today in; the stage, the due date of
 * the step now awaited and how it was computed out, step by step, in Chinese.
 *
 * Two units (services.md §0.1): 信访 counts 日 (addDays: from the next day, a last day that is not
 * a working day moves to the next working day, 民法典第二百零一、二百零三条) except the 5 个工作日
 * of an objection; a 信箱 counts 工作日 by 诉求类型, as configured.
 */

export type MessageEvent =
  | { type: 'received'; date: string }
  /** 转送/交办 to the 主办 agency (a later one replaces an earlier one after a 退单). */
  | { type: 'dispatched'; date: string; agencyId: string }
  /** 退单: the agency says the matter is not in its remit (信访: 异议, 第二十三条第三款). */
  | { type: 'returned'; date: string }
  /** The dispatcher's review of a 退单: `upheld` takes it back for a new dispatch. */
  | { type: 'returnReviewed'; date: string; upheld: boolean }
  /** 信访: 书面告知受理 (第二十二、二十三条). */
  | { type: 'accepted'; date: string }
  /** 信访: 不予受理 (e.g. the same matter after 复核, 第三十六条), told in writing. */
  | { type: 'notAccepted'; date: string }
  /** 信访: 延长办理期限 with the head's approval, the reason told (第三十四条). */
  | { type: 'extended'; date: string; days: number }
  /** 信箱: a complex matter; the writer is told where it stands, the longer limit applies. */
  | { type: 'interimReplied'; date: string }
  | { type: 'replied'; date: string }
  /** 信访: 复查 asked of the level above (第三十五条), and its 复查意见. */
  | { type: 'recheckRequested'; date: string }
  | { type: 'recheckDecided'; date: string }
  /** 信访: 复核 asked of the next level up (第三十六条), and its 复核意见. */
  | { type: 'reexamineRequested'; date: string }
  | { type: 'reexamineDecided'; date: string }
  /** 并单 into another 来信 on the same matter; 转为依申请公开; 撤回. Each ends this one. */
  | { type: 'merged'; date: string }
  | { type: 'referred'; date: string }
  | { type: 'withdrawn'; date: string };
export type MessageEventType = MessageEvent['type'];

export const openStages = [
  'received',
  'dispatched',
  'returned',
  'handling',
  'inRecheck',
  'inReexamination',
] as const;
/** Answered: a 复查 or 复核 may still be asked while its window is open. */
export const answeredStages = ['replied', 'rechecked', 'reexamined'] as const;
export const endedStages = ['notAccepted', 'merged', 'referred', 'withdrawn'] as const;
export type MessageStage =
  (typeof openStages)[number] | (typeof answeredStages)[number] | (typeof endedStages)[number];

export const stageLabels: Record<MessageStage, string> = {
  received: '待转办',
  dispatched: '已转办',
  returned: '退单待审核',
  handling: '办理中',
  inRecheck: '复查中',
  inReexamination: '复核中',
  replied: '已答复',
  rechecked: '已复查',
  reexamined: '已复核',
  notAccepted: '不予受理',
  merged: '已并单',
  referred: '已转为依申请公开',
  withdrawn: '已撤回',
};

export function isOpenStage(stage: MessageStage): boolean {
  return (openStages as readonly string[]).includes(stage);
}

/** 信访工作条例 (2022): fixed by law [C], kept here so tests and pages read one source. */
export interface PetitionRules {
  /** 第二十二、二十三条: 日 to dispatch, or to tell the person in writing whether it is accepted. */
  noticeDays: number;
  /** 第二十三条第三款: 工作日 for an organ to object to a 转送/交办 item not in its remit. */
  objectionWorkdays: number;
  /** 第三十四条: 日 to handle from 受理, and the longest extension. */
  handleDays: number;
  maxExtensionDays: number;
  /** 第三十五、三十六条: 日 to ask for a 复查 (复核) after the reply, and for the answer. */
  requestDays: number;
  decideDays: number;
}

export const petitionRules: PetitionRules = {
  noticeDays: 15,
  objectionWorkdays: 5,
  handleDays: 60,
  maxExtensionDays: 30,
  requestDays: 30,
  decideDays: 30,
};

/** 信箱 limits: local rules [P], so configuration (message.settings.ts). */
export interface MailboxRules {
  /** 工作日 to reply, by 诉求类型. */
  workdays: Record<TicketType, number>;
  /** 工作日 for a complex matter, with an interim reply. */
  complexWorkdays: number;
  /** 工作日 an agency has to return (退单) a dispatched 来信. */
  returnWorkdays: number;
}

export const defaultMailboxRules: MailboxRules = {
  workdays: { consultation: 5, suggestion: 5, complaint: 7, help: 7, tipOff: 7, praise: 5 },
  complexWorkdays: 15,
  returnWorkdays: 2,
};

export interface ClockInput {
  regime: Regime;
  ticketType: TicketType;
  events: readonly MessageEvent[];
}

export interface MessageClock {
  stage: MessageStage;
  /** The step now awaited (e.g. 书面告知是否受理), null when nothing is awaited of the agency. */
  awaiting: string | null;
  /** Its due date, with the days skipped to reach it. */
  due: DueDate | null;
  overdue: boolean;
  /** Days left until `due` (日 for 信访, 工作日 for a 信箱); negative when overdue. */
  remaining: number | null;
  remainingUnit: '日' | '个工作日';
  /** A dispatched 信访 item may be objected to until this day (第二十三条第三款). */
  objectionUntil: string | null;
  /** A 退单 of a 信箱 item is possible until this day (configuration). */
  returnUntil: string | null;
  /** 复查 (after the reply) or 复核 (after the 复查意见) may be asked until this day. */
  requestUntil: string | null;
  /** 19号: received more than three months ago and still unanswered. */
  unansweredOver3Months: boolean;
  /** Each step of the computation, in Chinese, for the clerk and the writer. */
  steps: string[];
  /** Steps taken after their due date. */
  late: string[];
  provisional: boolean;
}

export class ClockError extends Error {}

/** The day three calendar months after `date` (the 19号 veto): the 31st of a short month is its last day. */
export function threeMonthsAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = m - 1 + 3;
  const year = y + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function calendarDaysBetween(from: string, to: string): number {
  return Math.round((parseDate(to) - parseDate(from)) / 86_400_000);
}

/**
 * The clock of a 来信. Events are taken in the order given (the order they were recorded, which
 * is also date order: the service refuses a step dated before the one it follows).
 */
export function computeClock(
  input: ClockInput,
  cal: WorkCalendar,
  today: string,
  mailbox: MailboxRules = defaultMailboxRules,
  petition: PetitionRules = petitionRules,
): MessageClock {
  const events = input.events;
  const received = events.find((e) => e.type === 'received');
  if (!received) throw new ClockError('a message needs its day of receipt');
  const isPetition = input.regime === 'petition';
  const steps: string[] = [];
  const late: string[] = [];
  let provisional = false;
  const unit = isPetition ? '日' : '个工作日';
  const daysAfter = (from: string, n: number): DueDate => {
    const d = isPetition ? addDays(cal, from, n) : addWorkdays(cal, from, n);
    provisional ||= d.provisional;
    return d;
  };

  let stage: MessageStage = 'received';
  let awaiting: string | null;
  let due: DueDate | null;
  let objectionUntil: string | null = null;
  let returnUntil: string | null = null;
  let requestUntil: string | null = null;
  let replied: string | null = null;

  // The reply limit of a 信箱 item runs from receipt whoever handles it; a complex one gets longer,
  // but only if the interim reply came within the normal limit.
  const mailboxLimit = (): number => mailbox.workdays[input.ticketType];
  let acceptedOn: string | null = null;
  let extension = 0;

  if (isPetition) {
    due = daysAfter(received.date, petition.noticeDays);
    awaiting = '转送、交办或者书面告知是否受理';
    steps.push(
      `${received.date} 收到信访事项，应于 ${petition.noticeDays} 日内（${due.due} 前）转送、交办或者书面告知是否受理（第二十二、二十三条）`,
    );
  } else {
    due = daysAfter(received.date, mailboxLimit());
    awaiting = '答复';
    steps.push(`${received.date} 收到来信，应于 ${mailboxLimit()} 个工作日内（${due.due} 前）答复`);
  }
  const receiptDue = due;
  let dispatchDue: DueDate | null = null;

  for (const e of events) {
    switch (e.type) {
      case 'received':
        break;
      case 'dispatched': {
        if (isPetition) {
          if (stage === 'received' && due && e.date > due.due)
            late.push(`${e.date} 转送、交办（应于 ${due.due} 前）`);
          dispatchDue = daysAfter(e.date, petition.noticeDays);
          objectionUntil = workdaysAfter(cal, e.date, petition.objectionWorkdays);
          due = dispatchDue;
          awaiting = '书面告知是否受理';
          steps.push(
            `${e.date} 转送、交办：承办机关应于 ${petition.noticeDays} 日内（${due.due} 前）书面告知是否受理；不属于其职权范围的，可于 ${petition.objectionWorkdays} 个工作日内（${objectionUntil} 前）提出异议（第二十三条第三款）`,
          );
        } else {
          returnUntil = workdaysAfter(cal, e.date, mailbox.returnWorkdays);
          steps.push(`${e.date} 转办：承办机关认为不属于其职责的，可于 ${returnUntil} 前退单`);
        }
        stage = 'dispatched';
        if (!isPetition) stage = 'handling';
        break;
      }
      case 'returned': {
        const until = isPetition ? objectionUntil : returnUntil;
        if (until && e.date > until) late.push(`${e.date} 退单（应于 ${until} 前）`);
        steps.push(`${e.date} 承办机关退单，待转办机关审核`);
        stage = 'returned';
        awaiting = '审核退单';
        if (isPetition) due = receiptDue;
        break;
      }
      case 'returnReviewed': {
        if (e.upheld) {
          steps.push(`${e.date} 转办机关同意退单，另行转办`);
          stage = 'received';
          awaiting = isPetition ? '重新转送、交办' : '答复';
          objectionUntil = null;
          returnUntil = null;
          if (isPetition) due = daysAfter(e.date, petition.noticeDays);
        } else {
          steps.push(`${e.date} 转办机关不同意退单，仍由原承办机关办理`);
          stage = isPetition ? 'dispatched' : 'handling';
          awaiting = isPetition ? '书面告知是否受理' : '答复';
          if (isPetition) due = dispatchDue;
        }
        break;
      }
      case 'accepted': {
        const noticeDue = due;
        if (noticeDue && e.date > noticeDue.due)
          late.push(`${e.date} 书面告知受理（应于 ${noticeDue.due} 前）`);
        acceptedOn = e.date;
        due = daysAfter(e.date, petition.handleDays);
        stage = 'handling';
        awaiting = '办结并出具信访处理意见书';
        objectionUntil = null;
        steps.push(`${e.date} 受理，应于 ${petition.handleDays} 日内（${due.due} 前）办结（第三十四条）`);
        break;
      }
      case 'extended': {
        // 第三十四条: the period of 60日 is extended, so the whole (60 + the extension) is one
        // period counted from 受理, its last day moved past a day off; an extension granted after
        // the period ended does not save the lateness.
        if (due && e.date > due.due) late.push(`${e.date} 延长办理期限（应于 ${due.due} 前）`);
        extension += e.days;
        if (extension > petition.maxExtensionDays)
          throw new ClockError(`延长期限合计 ${extension} 日，超过 ${petition.maxExtensionDays} 日`);
        due = daysAfter(acceptedOn ?? received.date, petition.handleDays + extension);
        steps.push(
          `${e.date} 经负责人批准延长办理期限 ${e.days} 日，并告知信访人延期理由：自受理之日起 ${petition.handleDays + extension} 日，${due.due} 前办结`,
        );
        break;
      }
      case 'interimReplied': {
        if (due && e.date > due.due) {
          late.push(`${e.date} 阶段性答复（应于 ${due.due} 前）`);
          steps.push(`${e.date} 阶段性答复，但已超过答复期限，期限不延长`);
          break;
        }
        due = daysAfter(received.date, mailbox.complexWorkdays);
        steps.push(
          `${e.date} 情况复杂，已阶段性答复，答复期限延至 ${mailbox.complexWorkdays} 个工作日（${due.due}）`,
        );
        break;
      }
      case 'notAccepted': {
        if (due && e.date > due.due) late.push(`${e.date} 书面告知不予受理（应于 ${due.due} 前）`);
        steps.push(`${e.date} 书面告知不予受理`);
        stage = 'notAccepted';
        break;
      }
      case 'replied': {
        if (due && e.date > due.due) late.push(`${e.date} 答复（应于 ${due.due} 前）`);
        replied = e.date;
        stage = 'replied';
        steps.push(`${e.date} 答复${due && e.date > due.due ? '（超过期限）' : ''}`);
        if (isPetition) {
          requestUntil = addDays(cal, e.date, petition.requestDays).due;
          steps.push(
            `信访人不服的，可于收到答复之日起 ${petition.requestDays} 日内（${requestUntil} 前）请求上一级机关复查（第三十五条）`,
          );
        }
        break;
      }
      case 'recheckRequested': {
        if (requestUntil && e.date > requestUntil) late.push(`${e.date} 请求复查（应于 ${requestUntil} 前）`);
        due = daysAfter(e.date, petition.decideDays);
        stage = 'inRecheck';
        awaiting = '提出复查意见';
        requestUntil = null;
        steps.push(
          `${e.date} 请求复查，上一级机关应于 ${petition.decideDays} 日内（${due.due} 前）提出复查意见（第三十五条）`,
        );
        break;
      }
      case 'recheckDecided': {
        if (due && e.date > due.due) late.push(`${e.date} 复查意见（应于 ${due.due} 前）`);
        stage = 'rechecked';
        requestUntil = addDays(cal, e.date, petition.requestDays).due;
        steps.push(`${e.date} 提出复查意见；不服的，可于 ${requestUntil} 前请求复核（第三十六条）`);
        break;
      }
      case 'reexamineRequested': {
        if (requestUntil && e.date > requestUntil) late.push(`${e.date} 请求复核（应于 ${requestUntil} 前）`);
        due = daysAfter(e.date, petition.decideDays);
        stage = 'inReexamination';
        awaiting = '提出复核意见';
        requestUntil = null;
        steps.push(
          `${e.date} 请求复核，应于 ${petition.decideDays} 日内（${due.due} 前）提出复核意见（第三十六条）`,
        );
        break;
      }
      case 'reexamineDecided': {
        if (due && e.date > due.due) late.push(`${e.date} 复核意见（应于 ${due.due} 前）`);
        stage = 'reexamined';
        requestUntil = null;
        steps.push(`${e.date} 提出复核意见；信访人以同一事实和理由再提出的，不再受理（第三十六条）`);
        break;
      }
      case 'merged':
        stage = 'merged';
        steps.push(`${e.date} 与同一事项的来信并单办理`);
        break;
      case 'referred':
        stage = 'referred';
        steps.push(`${e.date} 转为政府信息公开申请办理，收到申请之日为本件收到之日`);
        break;
      case 'withdrawn':
        stage = 'withdrawn';
        steps.push(`${e.date} 来信人撤回`);
        break;
    }
  }

  const open = isOpenStage(stage);
  if (!open) {
    due = null;
    awaiting = null;
  }
  // Windows close as days pass.
  if (objectionUntil && (today > objectionUntil || stage !== 'dispatched')) objectionUntil = null;
  if (
    returnUntil &&
    (today > returnUntil || stage !== 'handling' || !events.some((e) => e.type === 'dispatched'))
  )
    returnUntil = null;
  if (requestUntil && today > requestUntil) requestUntil = null;

  const overdue = due !== null && today > due.due;
  const remaining =
    due === null
      ? null
      : isPetition
        ? calendarDaysBetween(today, due.due)
        : today <= due.due
          ? workdaysBetween(cal, today, due.due)
          : -workdaysBetween(cal, due.due, today);
  const everReplied = replied !== null;
  const unansweredOver3Months = !everReplied && open && today > threeMonthsAfter(received.date);
  return {
    stage,
    awaiting: due === null && stage !== 'returned' ? null : (awaiting ?? null),
    due,
    overdue,
    remaining,
    remainingUnit: unit,
    objectionUntil,
    returnUntil,
    requestUntil,
    unansweredOver3Months,
    steps,
    late,
    provisional,
  };
}

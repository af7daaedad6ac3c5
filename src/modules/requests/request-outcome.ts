import { outcomeName, rowDef, type ReportFormat, type RequestRowKey } from '../annual-report/index.js';

/**
 * Every lawful outcome of an application, each mapped to exactly one row of the annual report's
 * table 三 (a 部分公开 case counts only there). The label and the article it rests on (legal.md
 * §3.3) are the row's, from the report contract, so a reply, the case page and the report use
 * one vocabulary; `note` adds what a clerk needs to choose it.
 */
const outcomeRows = {
  granted: {},
  partiallyGranted: { note: '区分处理' },
  'withheld.stateSecret': {},
  'withheld.lawProhibited': {},
  'withheld.securityStability': {},
  'withheld.thirdPartyRights': {},
  'withheld.internalAffairs': {},
  'withheld.processInformation': {},
  'withheld.enforcementFile': {},
  'withheld.administrativeQuery': {},
  'unavailable.notHeld': {},
  'unavailable.needsCreation': {},
  'unavailable.stillUnclear': {},
  'notProcessed.petition': {},
  'notProcessed.repeated': {},
  'notProcessed.publication': {},
  'notProcessed.excessive': {},
  'notProcessed.confirmation': {},
  'other.supplementOverdue': {},
  'other.feeUnpaid': {},
  'other.other': { note: '含申请人撤回' },
} as const satisfies Partial<Record<RequestRowKey, { note?: string }>>;

export type Outcome = keyof typeof outcomeRows;
export const outcomeKeys = Object.keys(outcomeRows) as Outcome[];

export const outcomes = Object.fromEntries(
  outcomeKeys.map((o) => {
    const note: string | undefined = (outcomeRows[o] as { note?: string }).note;
    return [o, { label: `${outcomeName(o)}${note ? `（${note}）` : ''}`, basis: rowDef(o).basis ?? '—' }];
  }),
) as Record<Outcome, { label: string; basis: string }>;

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

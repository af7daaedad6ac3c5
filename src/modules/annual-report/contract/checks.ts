import type { GovernmentLevel } from './agency-level.js';
import { runArithmeticChecks } from './arithmetic-checks.js';
import type { ReadInfo } from './read-info.js';
import type { Finding, ReportData, ReportFacts } from './report.js';
import {
  checkBlanks,
  checkCompleteness,
  checkNarrative,
  checkPlausibility,
  checkWritten,
} from './review-checks.js';

/** What the checks may know besides the report itself. */
export interface ReportCheckContext {
  /** Last year's report of the same agency and scope, as the public saw it (year-chain, stock). */
  previous?: ReportData | null;
  /** The agency's level as the platform records it (plausibility); guessed from the name if absent. */
  level?: GovernmentLevel | null;
  /** A report read from its published text: what the reader found missing, unreadable or blank. */
  read?: ReadInfo | null;
  /** A report written on the platform: its sections 一, 五 and 六 are checked for unfinished text. */
  written?: boolean;
  /** What the platform's data says section 六 must state (信息处理费), for a report written on it. */
  facts?: ReportFacts;
}

/**
 * Every check of the contract, in its order, whatever door asks: the checker of published
 * reports, the agency's own report page, `gongkai report build` and the REST API all report these
 * findings, so they cannot disagree about what is wrong with a report.
 */
export function allChecks(data: ReportData, context: ReportCheckContext = {}): Finding[] {
  return [
    ...runArithmeticChecks(data, { previous: context.previous ?? null }),
    ...(context.read ? checkCompleteness(data, context.read) : []),
    ...(context.written ? checkWritten(data, context.facts) : []),
    ...checkNarrative(data),
    ...checkPlausibility(data, context.level),
    ...(context.read ? checkBlanks(context.read) : []),
  ];
}

/** The report with its findings replaced by those of every check. */
export function checked(data: ReportData, context: ReportCheckContext = {}): ReportData {
  return { ...data, findings: allChecks(data, context) };
}

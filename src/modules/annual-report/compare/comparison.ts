import type { ReportFormat } from '../contract/report.js';
import type { ChainFinding } from './chain.js';
import type { IndicatorKey, Rate, ReportIndicators } from './indicators.js';

/** The comparison of annual reports as data: what the service returns and the doors present. */

/** Where a report in a comparison comes from. */
export type ReportSource = 'built' | 'published';
export const sourceLabels: Record<ReportSource, string> = {
  built: '平台生成并发布',
  published: '已发布文本（年报检查记录）',
};

export interface ReportRef {
  id: string;
  source: ReportSource;
  /** What a person calls it: 晋江市人民政府 2020 年年报（平台生成） */
  label: string;
  /** Its page in the back office. */
  href: string;
}

export interface ComparedReport {
  agencyId: string;
  agencyName: string;
  year: number;
  format: ReportFormat;
  report: ReportRef;
  /**
   * The recorded published text of the same agency and year when the platform's own report is
   * used instead (both exist: the platform's own counts, and the page says so).
   */
  setAside: ReportRef | null;
  indicators: ReportIndicators;
  /** 本年新收 of the year before (from its report, in or before the range), if known. */
  previousReceived: number | null;
  receivedChange: Rate | null;
}

export interface Comparison {
  agencies: Array<{ id: string; name: string }>;
  years: number[];
  /** COMPARE_MIN_CASES: a rate over fewer cases is shown, marked, and not ranked. */
  minCases: number;
  /** The indicator the charts show (公开率 unless another is chosen). */
  indicator: IndicatorKey;
  /** One per agency and year that has a report, in the agencies' order, then by year. */
  reports: ComparedReport[];
  /** Agencies and years with no report, neither built nor recorded. */
  missing: Array<{ agencyId: string; agencyName: string; year: number }>;
  /** Cross-year findings between consecutive years of an agency, naming both reports. */
  findings: ChainFinding[];
}

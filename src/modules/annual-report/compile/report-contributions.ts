import type { Ctx } from '../../../platform/context.js';
import '../../../platform/module.js';
import type { Appeals, Proactive, ReportFormat, Requests } from '../contract/report.js';

/** What the build asks a module for: one agency (本级) or its subtree, one year, one format. */
export interface ContributionScope {
  agencyId: string;
  scope: 'self' | 'tree';
  year: number;
  format: ReportFormat;
}

export interface ReportContribution {
  name: string;
  contribute(
    ctx: Ctx,
    scope: ContributionScope,
  ): Promise<{
    proactive?: Partial<Proactive>;
    requests?: Requests;
    appeals?: Partial<Appeals>;
    /** Facts the narrative states that are not cells of the tables (section 六's 信息处理费). */
    facts?: ReportFacts;
  }>;
}

/** 信息处理费 of the year (条例第四十二条; 国办函〔2020〕109号), added in fen, reported in yuan. */
export interface ProcessingFeeFacts {
  /** Cases with a fee notice issued in the year. */
  notices: number;
  /** Total of the notices issued in the year. */
  noticedYuan: number;
  /** Cases paid in the year (a December notice paid in January counts in January's year). */
  paid: number;
  /** Total collected in the year. */
  collectedYuan: number;
}

export interface ReportFacts {
  processingFees?: ProcessingFeeFacts;
}

/**
 * Modules contribute their part of the annual report (requests: section 三; appeals: section 四;
 * records: 规章 and 规范性文件 of section 二) in their manifest, so the report module needs to
 * know none of them; the build asks every installed module (ctx.modules.extensions).
 */
declare module '../../../platform/module.js' {
  interface ModuleExtensions {
    reportContribution?: ReportContribution;
  }
}

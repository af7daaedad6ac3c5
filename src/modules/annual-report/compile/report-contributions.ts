import type { Ctx } from '../../../platform/context.js';
import '../../../platform/module.js';
import type { Appeals, Proactive, ReportFacts, ReportFormat, Requests } from '../contract/report.js';

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

/**
 * Modules contribute their part of the annual report (requests: section 三; appeals: section 四;
 * records: 规章 and 规范性文件 of section 二) in their manifest, so the report module needs to
 * know none of them; the build asks every installed module (ctx.modules.extensions), all at once.
 * A contribution counts in SQL, one grouped query per table, never reading rows one by one: a
 * province's roll-up is held to the floor of a hand-written GROUP BY (`npm run bench -- report`).
 */
declare module '../../../platform/module.js' {
  interface ModuleExtensions {
    reportContribution?: ReportContribution;
  }
}

import { integer, object, oneOf, optional, text } from '../../../platform/schema.js';

/** Shared by the back-office forms, the REST API and the CLI. */

export type Scope = 'self' | 'tree';
export const scopeLabels: Record<Scope, string> = { self: '本级', tree: '含下级机关' };

export const openSchema = object({
  agencyId: text('机构'),
  year: integer('年度', 2019, 2100),
  scope: optional(oneOf('范围', ['self', 'tree'] as const, scopeLabels)),
});

/** `report build` and `/api/v1/annual-reports/build`: an agency by ID or name, a year, a scope. */
export const documentSchema = object({
  agency: text('机构（ID、全称或简称）'),
  year: integer('年度', 2019, 2100),
  scope: optional(oneOf('范围', ['self', 'tree'] as const, scopeLabels)),
});

export const narrativeSchema = object({
  section1: text('一、总体情况', { max: 50_000 }),
  section5: text('五、存在的主要问题及改进情况', { max: 20_000 }),
  section6: text('六、其他需要报告的事项', { max: 20_000 }),
});

export const correctionSchema = object({ reason: text('更正理由', { min: 4, max: 2000 }) });

export const reportIdSchema = object({ id: text('年度报告') });

/**
 * The office head's confirmation on the page that shows what will become public: the version of
 * the text they read (its last change), so a report changed since is shown again, not published.
 */
export const publishSchema = object({
  confirmed: oneOf('确认发布', ['1'] as const, { '1': '已核对将要公开的内容' }),
  reviewedAt: text('核对的版本'),
});

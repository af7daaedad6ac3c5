import { isId } from '../../../platform/ids.js';
import { FieldProblem, integer, object, oneOf, optional, type Field } from '../../../platform/schema.js';
import { indicatorDefs, type IndicatorKey } from './indicators.js';

/** Shared by the comparison page, its downloads and any later door (API, CLI). */

/** At most this many agencies and years side by side: a table a person can still read. */
export const MAX_AGENCIES = 30;
export const MAX_YEARS = 15;

/**
 * Several agencies, as a form's checkboxes send them: one value or a list of IDs. Each ID once;
 * none, too many, or something that is not an ID is the field's error.
 */
function agencyList(label: string): Field<string[]> {
  return {
    label,
    optional: false,
    json: { type: 'array', items: { type: 'string' }, description: label, maxItems: MAX_AGENCIES },
    parse(raw, l) {
      const values = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map((v) =>
        typeof v === 'string' ? v.trim() : '',
      );
      const ids = [...new Set(values.filter((v) => v !== ''))];
      if (ids.length === 0) throw new FieldProblem(`请选择至少一个${l}`);
      if (ids.length > MAX_AGENCIES) throw new FieldProblem(`${l}最多选择 ${MAX_AGENCIES} 个`);
      if (ids.some((id) => !isId(id))) throw new FieldProblem(`${l}中有无法识别的选项，请重新选择`);
      return ids;
    },
  };
}

export const indicatorLabels = Object.fromEntries(indicatorDefs.map((d) => [d.key, d.label])) as Record<
  IndicatorKey,
  string
>;

export const compareSchema = object({
  agencyIds: agencyList('机构'),
  from: integer('起始年度', 2008, 2100),
  to: integer('截止年度', 2008, 2100),
  indicator: optional(
    oneOf(
      '图表指标',
      indicatorDefs.map((d) => d.key),
      indicatorLabels,
    ),
  ),
});

export type CompareInput = ReturnType<typeof compareSchema.parse>;

/** The tables of a comparison that can be downloaded, and their names in file names. */
export const compareTables = ['indicators', 'findings', 'reports'] as const;
export type CompareTable = (typeof compareTables)[number];
export const compareTableLabels: Record<CompareTable, string> = {
  indicators: '指标对比',
  findings: '跨年度检查',
  reports: '报告来源',
};
export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const downloadSchema = object({
  table: oneOf('表格', compareTables, compareTableLabels),
  format: oneOf('格式', exportFormats, { csv: 'CSV', xlsx: 'Excel' }),
});

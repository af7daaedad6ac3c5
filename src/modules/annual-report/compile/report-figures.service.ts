import { recordAudit } from '../../../platform/audit.js';
import { beijingDate } from '../../../platform/clock.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { isDomainError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { columns, readTable, readUploadedSpreadsheet } from '../../../platform/import/index.js';
import { integer, text } from '../../../platform/schema.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { formatForYear, proactiveItems, type ReportFormat } from '../contract/report.js';
import { assertCan } from './annual-report.policy.js';
import * as repo from './report-figures.repository.js';

/**
 * Section 二's figures that live in other systems — 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制
 * decisions, 行政事业性收费, 政府集中采购 — entered per agency and year, by form or CSV. The
 * records module gives 规章 and 规范性文件; everything else comes from here.
 */

const fieldLabels: Record<string, string> = {
  previousYearItems: '上一年项目数量',
  change: '本年增/减',
  decisions: '处理决定数量',
  amountTenThousandYuan: '本年收费金额（万元）',
  projects: '采购项目数量',
  amountYuan: '采购总金额（元）',
};

export interface FigureDef {
  key: string;
  item: string;
  field: string;
  label: string;
  signed: boolean;
  money: boolean;
}

/** The figures entered by hand for a format: every section-二 field but 规章 and 规范性文件. */
export function figureDefs(format: ReportFormat): FigureDef[] {
  const out: FigureDef[] = [];
  for (const [item, def] of Object.entries(proactiveItems[format])) {
    if (item === 'rules' || item === 'normativeDocuments') continue;
    for (const field of def.fields)
      out.push({
        key: `${item}.${field}`,
        item,
        field,
        label: `${def.label}·${fieldLabels[field] ?? field}`,
        signed: def.signed?.includes(field) ?? false,
        money: def.money?.includes(field) ?? false,
      });
  }
  return out;
}

function parseValue(def: FigureDef, raw: string, field: string): string {
  const v = raw
    .trim()
    .replace(/,/g, '')
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const pattern = def.money ? /^\d+(\.\d{1,2})?$/ : def.signed ? /^-?\d+$/ : /^\d+$/;
  if (!pattern.test(v))
    throw ValidationError.one(
      field,
      `${def.label}应为${def.money ? '不小于 0 的金额（最多两位小数）' : def.signed ? '整数（减少用负数，如 -8）' : '不小于 0 的整数'}，而不是“${raw}”`,
    );
  return v;
}

/** The figures of an agency and a year, as numbers by key; those never entered are absent. */
export async function figuresOf(ctx: Ctx, agencyId: string, year: number): Promise<Record<string, number>> {
  const agency = await agencies.get(ctx, agencyId);
  assertCan(ctx.actor, 'read', agency);
  const rows = await repo.figuresOf(ctx.db, agency.id, year);
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
}

/** The figures of an agency and all below it, added up (a 全市 report's section 二). */
export async function treeFiguresOf(
  ctx: Ctx,
  agencyId: string,
  year: number,
): Promise<Record<string, number>> {
  const agency = await agencies.get(ctx, agencyId);
  assertCan(ctx.actor, 'read', agency);
  const rows = await repo.figuresWithin(ctx.db, agency.path, year);
  const out: Record<string, number> = {};
  // Money is added in fen so that 0.1 + 0.2 is 0.3.
  const fen: Record<string, number> = {};
  for (const r of rows) fen[r.key] = (fen[r.key] ?? 0) + Math.round(Number(r.value) * 100);
  for (const [k, v] of Object.entries(fen)) out[k] = v / 100;
  return out;
}

/**
 * Enters (or corrects) an agency's figures for a year. Every bad value is reported at once, named
 * by its label, and nothing is stored unless all are good. An empty value removes the figure.
 */
export async function setFigures(
  ctx: Ctx,
  agencyId: string,
  year: number,
  values: Record<string, string | undefined>,
): Promise<Record<string, number>> {
  if (!Number.isInteger(year) || year < 2008 || year > 2100)
    throw ValidationError.one('year', `年度应在 2008 到 2100 之间`);
  const agency = await agencies.get(ctx, agencyId);
  assertCan(ctx.actor, 'enterFigures', agency);
  const defs = figureDefs(formatForYear(year));
  const errors: FieldError[] = [];
  const parsed = new Map<string, string | null>();
  for (const [key, raw] of Object.entries(values)) {
    const def = defs.find((d) => d.key === key);
    if (!def) {
      errors.push({ field: key, message: `${year}年的报告格式没有“${key}”这一项` });
      continue;
    }
    if (raw === undefined || raw.trim() === '') {
      parsed.set(key, null);
      continue;
    }
    try {
      parsed.set(key, parseValue(def, raw, key));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push(...e.fields);
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return inTransaction(ctx, async (ctx) => {
    const before = await figuresOf(ctx, agency.id, year);
    const now = ctx.clock.now().toISOString();
    for (const [key, value] of parsed) {
      if (value === null) await repo.remove(ctx.db, agency.id, year, key);
      else
        await repo.put(ctx.db, {
          agency_id: agency.id,
          year,
          key,
          value,
          entered_by: ctx.actor.id,
          entered_at: now,
        });
    }
    const after = await figuresOf(ctx, agency.id, year);
    await recordAudit(ctx, {
      action: 'reportFigure.set',
      subjectType: 'agency',
      subjectId: agency.id,
      agencyId: agency.id,
      before: { year, ...before },
      after: { year, ...after },
    });
    return after;
  });
}

/** The columns of a figures file; the headers a clerk may give them besides the names. */
const figureColumns = columns({
  agency: { field: text('机构', { max: 200 }), aliases: ['单位', '机关名称', '机构名称'] },
  year: integer('年度', 2008, 2100),
  item: text('项目'),
  value: text('数值'),
});

/**
 * A file of figures from another system, as Excel or WPS saves it — XLSX, or CSV in UTF-8 (with
 * or without a BOM) or GB18030, quoted fields and all: columns 机构, 年度, 项目, 数值, where 项目 is
 * a key (`licensing.decisions`) or its label (`行政许可·处理决定数量`). All rows or none: every
 * problem is named by row and column (第 N 行 第 X 列（列名）) in one refusal.
 */
export async function importFigures(
  ctx: Ctx,
  bytes: Uint8Array,
): Promise<{ agencies: number; figures: number }> {
  const table = readTable(await readUploadedSpreadsheet(bytes), figureColumns);
  const groups = new Map<string, { agencyId: string; year: number; values: Record<string, string> }>();
  const named = new Map<string, Promise<string>>();
  for (const { row, value: r } of table.rows) {
    let agencyId: string;
    try {
      if (!named.has(r.agency))
        named.set(
          r.agency,
          agencies.resolve(ctx, r.agency).then((a) => a.id),
        );
      agencyId = await named.get(r.agency)!;
    } catch (e) {
      if (!isDomainError(e)) throw e;
      table.problem(row, 'agency', e.message);
      continue;
    }
    const def = figureDefs(formatForYear(r.year)).find((d) => d.key === r.item || d.label === r.item);
    if (!def) {
      table.problem(row, 'item', `${r.year}年的报告格式没有“${r.item}”这一项`);
      continue;
    }
    try {
      parseValue(def, r.value, def.key);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      table.problem(row, 'value', e.fields[0]!.message);
      continue;
    }
    const g = groups.get(`${agencyId}/${r.year}`) ?? { agencyId, year: r.year, values: {} };
    g.values[def.key] = r.value;
    groups.set(`${agencyId}/${r.year}`, g);
  }
  table.finish();
  let figures = 0;
  await inTransaction(ctx, async (ctx) => {
    for (const g of groups.values()) {
      await setFigures(ctx, g.agencyId, g.year, g.values);
      figures += Object.keys(g.values).length;
    }
  });
  return { agencies: new Set([...groups.values()].map((g) => g.agencyId)).size, figures };
}

/**
 * The figure-entry page: the agencies the viewer works for, the agency and year chosen (the first
 * agency and last year by default), the figures the year's format asks for, and those entered.
 */
export async function figuresPage(
  ctx: Ctx,
  query: { agencyId?: string; year?: string },
): Promise<{
  agencies: Agency[];
  agencyId: string;
  year: number;
  defs: FigureDef[];
  current: Record<string, number>;
}> {
  const scope = await agencies.listForStaff(ctx);
  const agencyId = query.agencyId ?? scope[0]?.id ?? '';
  const year = Number(query.year ?? Number(beijingDate(ctx.clock.now()).slice(0, 4)) - 1);
  const defs = Number.isInteger(year) && year >= 2019 ? figureDefs(formatForYear(year)) : [];
  const current = agencyId && defs.length ? await figuresOf(ctx, agencyId, year) : {};
  return { agencies: scope, agencyId, year, defs, current };
}

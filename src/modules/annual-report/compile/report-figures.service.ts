import { holdsRoleOver, type Role } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { ForbiddenError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { agencies } from '../../agencies/index.js';
import { formatForYear, proactiveItems, type ReportFormat } from '../contract/report.js';

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

const writers: readonly Role[] = ['admin', 'officeHead', 'clerk'];
const readers: readonly Role[] = ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'];

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
  if (!holdsRoleOver(ctx.actor, readers, agency.path)) throw new ForbiddenError();
  const rows = await ctx.db
    .selectFrom('report_figure')
    .select(['key', 'value'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
}

/** The figures of an agency and all below it, added up (a 全市 report's section 二). */
export async function treeFiguresOf(
  ctx: Ctx,
  agencyId: string,
  year: number,
): Promise<Record<string, number>> {
  const agency = await agencies.get(ctx, agencyId);
  if (!holdsRoleOver(ctx.actor, readers, agency.path)) throw new ForbiddenError();
  const rows = await ctx.db
    .selectFrom('report_figure as f')
    .innerJoin('agency as a', 'a.id', 'f.agency_id')
    .select(['f.key', 'f.value'])
    .where('a.path', 'like', `${agency.path}%`)
    .where('f.year', '=', year)
    .execute();
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
  if (!holdsRoleOver(ctx.actor, writers, agency.path)) throw new ForbiddenError();
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
      if (value === null)
        await ctx.db
          .deleteFrom('report_figure')
          .where('agency_id', '=', agency.id)
          .where('year', '=', year)
          .where('key', '=', key)
          .execute();
      // An upsert, so two clerks saving at once both succeed and the later value stands.
      else
        await ctx.db
          .insertInto('report_figure')
          .values({ agency_id: agency.id, year, key, value, entered_by: ctx.actor.id, entered_at: now })
          .onConflict((oc) =>
            oc
              .columns(['agency_id', 'year', 'key'])
              .doUpdateSet({ value, entered_by: ctx.actor.id, entered_at: now }),
          )
          .execute();
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

/**
 * A CSV of figures from another system: header `机构,年度,项目,数值`, where 项目 is a key
 * (`licensing.decisions`) or its label (`行政许可·处理决定数量`). All lines or none.
 */
export async function importFiguresCsv(
  ctx: Ctx,
  csv: string,
): Promise<{ agencies: number; figures: number }> {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const header = lines
    .shift()
    ?.split(',')
    .map((c) => c.trim());
  if (!header || header.join(',') !== '机构,年度,项目,数值')
    throw ValidationError.one('file', '第 1 行应为表头“机构,年度,项目,数值”');
  const errors: FieldError[] = [];
  const groups = new Map<string, { agencyId: string; year: number; values: Record<string, string> }>();
  for (const [i, line] of lines.entries()) {
    const n = i + 2;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 4) {
      errors.push({ field: `第 ${n} 行`, message: `应有 4 列，实有 ${cells.length} 列` });
      continue;
    }
    const [agencyName, yearText, item, value] = cells as [string, string, string, string];
    const year = Number(yearText);
    if (!Number.isInteger(year) || year < 2008 || year > 2100) {
      errors.push({ field: `第 ${n} 行 年度`, message: `“${yearText}”不是年份` });
      continue;
    }
    let agencyId: string;
    try {
      agencyId = (await agencies.resolve(ctx, agencyName)).id;
    } catch (e) {
      errors.push({ field: `第 ${n} 行 机构`, message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const def = figureDefs(formatForYear(year)).find((d) => d.key === item || d.label === item);
    if (!def) {
      errors.push({ field: `第 ${n} 行 项目`, message: `${year}年的报告格式没有“${item}”这一项` });
      continue;
    }
    try {
      parseValue(def, value, def.key);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors.push({ field: `第 ${n} 行 数值`, message: e.fields[0]!.message });
      continue;
    }
    const g = groups.get(`${agencyId}/${year}`) ?? { agencyId, year, values: {} };
    g.values[def.key] = value;
    groups.set(`${agencyId}/${year}`, g);
  }
  if (errors.length) throw new ValidationError(errors);
  let figures = 0;
  await inTransaction(ctx, async (ctx) => {
    for (const g of groups.values()) {
      await setFigures(ctx, g.agencyId, g.year, g.values);
      figures += Object.keys(g.values).length;
    }
  });
  return { agencies: new Set([...groups.values()].map((g) => g.agencyId)).size, figures };
}

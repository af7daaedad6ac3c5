import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  columns,
  ImportRefused,
  readJsonLines,
  readTable,
  readUploadedSpreadsheet,
  type Columns,
  type Table,
} from '../../platform/import/index.js';
import { FieldProblem, oneOf, optional, text, type Field } from '../../platform/schema.js';
import { agencies, type Agency } from '../agencies/index.js';
import {
  figureDefinitions,
  hotlineFigures,
  parseTicketTime,
  periodDates,
  sumCounts,
  satisfactionLabels,
  satisfactions,
  ticketTypeLabels,
  ticketTypes,
  type HotlineCounts,
  type HotlineFigures,
} from './hotline.js';
import { assertCan } from './hotline.policy.js';
import * as repo from './hotline.repository.js';
import { hotlineSettings } from './hotline.settings.js';
import type { HotlineTicketTable } from './hotline.tables.js';

/** A time cell of the export (hotline.ts parseTicketTime). */
function ticketTime(label: string): Field<string> {
  return {
    label,
    optional: false,
    json: { type: 'string', description: label },
    parse(raw, l) {
      const v = raw === undefined || raw === null ? '' : String(raw).trim();
      if (!v) throw new FieldProblem(`请填写${l}`);
      const t = parseTicketTime(v);
      if (!t)
        throw new FieldProblem(`${l}“${v}”不是有效时间，应为 YYYY-MM-DD HH:MM:SS，例如 2026-03-05 09:30:00`);
      return t;
    },
  };
}

/** The export's columns, in the order the issue gives them (the header names them, any order reads). */
export const ticketColumns = columns({
  ticketNumber: text('工单编号', { max: 64 }),
  receivedAt: ticketTime('受理时间'),
  ticketType: oneOf('诉求类型', ticketTypes, ticketTypeLabels),
  content: optional(text('诉求内容', { max: 20_000 })),
  agency: text('承办单位', { max: 200 }),
  dueAt: ticketTime('办理时限'),
  closedAt: optional(ticketTime('办结时间')),
  visitedAt: optional(ticketTime('回访时间')),
  satisfaction: oneOf('满意度', satisfactions, satisfactionLabels),
  valid: oneOf('是否有效', ['是', '否'] as const),
});

type TicketRow = typeof ticketColumns extends Columns<infer T> ? T : never;

export interface HotlineImport {
  /** Data rows read. */
  rows: number;
  inserted: number;
  updated: number;
}

/** Agencies by full and short name (a name two agencies share resolves to neither). */
function agencyNames(list: readonly Agency[]): Map<string, Agency[]> {
  const byName = new Map<string, Agency[]>();
  const add = (name: string | null, a: Agency) => {
    if (!name) return;
    const seen = byName.get(name) ?? [];
    if (!seen.includes(a)) seen.push(a);
    byName.set(name, seen);
  };
  for (const a of list) {
    add(a.name, a);
    add(a.shortName, a);
  }
  return byName;
}

/**
 * Imports a 工单 export (CSV in any encoding Excel or WPS saves, or XLSX): all or nothing, every
 * bad cell named by row and column (the header is row 1). A 工单编号 already stored is updated.
 */
export async function importTickets(ctx: Ctx, bytes: Uint8Array): Promise<HotlineImport> {
  const root = await mayImport(ctx);
  const sheet = await readUploadedSpreadsheet(bytes);
  return storeTickets(ctx, root, readTable(sheet, ticketColumns), '行');
}

/** Most 工单 one push may carry. */
export const MAX_PUSHED_TICKETS = 1000;

/**
 * The 12345 platform's push (`POST /api/v1/hotline/tickets`): `{ tickets: [ … ] }`, each 工单 an
 * object of the import's columns, by key (`ticketNumber`) or by header (`工单编号`). Read, checked
 * and stored as the import's rows are: all or nothing, a 工单编号 already stored is updated, and
 * every problem named as 第 N 条 and its field.
 */
export async function pushTickets(ctx: Ctx, body: unknown): Promise<HotlineImport> {
  const root = await mayImport(ctx);
  const list =
    typeof body === 'object' && body !== null ? (body as { tickets?: unknown }).tickets : undefined;
  if (!Array.isArray(list))
    throw ValidationError.one('tickets', '请求体应为 {"tickets": [工单, …]}：tickets 是工单的数组');
  if (list.length === 0) throw ValidationError.one('tickets', 'tickets 是空的，没有工单');
  if (list.length > MAX_PUSHED_TICKETS)
    throw ValidationError.one(
      'tickets',
      `一次最多推送 ${MAX_PUSHED_TICKETS} 张工单（本次 ${list.length} 张），请分批推送`,
    );
  // One JSON line a 工单: the import kit reads each object through the same columns, line N being
  // the N-th 工单, and refuses an unknown or repeated field.
  const lines = list.map((t) => JSON.stringify(t ?? null)).join('\n');
  try {
    return await storeTickets(ctx, root, readJsonLines(lines, ticketColumns, { field: 'tickets' }), '条');
  } catch (e) {
    if (e instanceof ImportRefused) throw pushRefusal(e);
    throw e;
  }
}

/** The import kit's refusal as the API names it: 第 N 条（工单编号 ticketNumber）, field `tickets[N-1].ticketNumber`. */
function pushRefusal(e: ImportRefused): ValidationError {
  const keyOf = new Map(ticketColumns.list.map((c) => [c.header, c.key]));
  const fields = e.problems.slice(0, 100).map((p) => {
    const key = p.columnLabel ? (keyOf.get(p.columnLabel) ?? p.columnLabel) : null;
    const at = p.row === null ? 'tickets' : `tickets[${p.row - 1}]`;
    const label = p.columnLabel ? `（${p.columnLabel === key ? key : `${p.columnLabel} ${key}`}）` : '';
    const where = `${p.row === null ? '' : `第 ${p.row} 条`}${label}`;
    // The kit speaks of the lines (行) of its file; a push counts 工单 (条).
    const message = p.message.replace('之后各行', '之后各条');
    return { field: key ? `${at}.${key}` : at, message: where ? `${where}：${message}` : message };
  });
  if (e.total > fields.length)
    fields.push({ field: 'tickets', message: `另有 ${e.total - fields.length} 处问题未列出` });
  const refusal = new ValidationError(fields);
  const shown = fields.slice(0, 3).map((f) => f.message);
  refusal.message =
    e.total === 1
      ? `${shown[0]}（未导入任何工单）`
      : `${shown.join('；')}${e.total > 3 ? '……' : ''}（共 ${e.total} 处问题，未导入任何工单）`;
  return refusal;
}

/** The root agency, once the actor may import for the whole tree. */
async function mayImport(ctx: Ctx): Promise<Agency | undefined> {
  const root = await agencies.root(ctx);
  assertCan(ctx.actor, 'import', root ?? { path: '/' });
  return root;
}

/**
 * The rows of an import or a push, checked against the platform (承办单位, repeated 工单编号, the
 * order of the times) and stored: all or nothing. `unit` is how the rows are counted (行, 条).
 */
async function storeTickets(
  ctx: Ctx,
  root: Agency | undefined,
  table: Table<TicketRow>,
  unit: '行' | '条',
): Promise<HotlineImport> {
  const names = agencyNames(await agencies.listForStaff(ctx, { includeDissolved: true }));
  const firstRow = new Map<string, number>();
  const resolved: Array<{ row: number; agency: Agency }> = [];
  for (const { row, value: t } of table.rows) {
    const found = names.get(t.agency) ?? [];
    if (found.length === 0) table.problem(row, 'agency', `承办单位“${t.agency}”不是本平台的机构`);
    else if (found.length > 1)
      table.problem(row, 'agency', `有 ${found.length} 个机构名为“${t.agency}”，请写全称`);
    else resolved.push({ row, agency: found[0]! });
    const earlier = firstRow.get(t.ticketNumber);
    if (earlier !== undefined)
      table.problem(row, 'ticketNumber', `工单编号“${t.ticketNumber}”与第 ${earlier} ${unit}重复`);
    else firstRow.set(t.ticketNumber, row);
    if (t.closedAt && t.closedAt < t.receivedAt) table.problem(row, 'closedAt', '办结时间早于受理时间');
    if (t.visitedAt && !t.closedAt) table.problem(row, 'visitedAt', '有回访时间，但没有办结时间');
    if (t.visitedAt && t.closedAt && t.visitedAt < t.closedAt)
      table.problem(row, 'visitedAt', '回访时间早于办结时间');
    if (t.satisfaction !== 'unrated' && !t.visitedAt)
      table.problem(row, 'satisfaction', '有满意度，但没有回访时间');
  }
  const rows = table.finish();
  const agencyOf = new Map(resolved.map((r) => [r.row, r.agency]));
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (ctx) => {
    const existing = await repo.idsByNumber(
      ctx.db,
      rows.map((r) => r.value.ticketNumber),
    );
    const fresh: HotlineTicketTable[] = [];
    for (const { row, value: t } of rows) {
      const fields = {
        agency_id: agencyOf.get(row)!.id,
        received_at: t.receivedAt,
        ticket_type: t.ticketType,
        content_enc: ctx.cipher.encrypt(t.content ?? ''),
        due_at: t.dueAt,
        closed_at: t.closedAt,
        visited_at: t.visitedAt,
        satisfaction: t.satisfaction,
        valid: t.valid === '是' ? 1 : 0,
        updated_at: now,
      };
      const id = existing.get(t.ticketNumber);
      if (id) await repo.update(ctx.db, id, fields);
      else
        fresh.push({
          id: newId(),
          ticket_number: t.ticketNumber,
          created_at: now,
          request_id: null,
          ...fields,
        });
    }
    await repo.insert(ctx.db, fresh);
    const result = { rows: rows.length, inserted: fresh.length, updated: rows.length - fresh.length };
    await recordAudit(ctx, {
      action: 'hotline.import',
      subjectType: 'hotlineImport',
      subjectId: null,
      agencyId: root?.id ?? null,
      after: result,
    });
    return result;
  });
}

export interface HotlineStatsQuery {
  /** An agency id, full name or short name: the figures cover it and its subtree. */
  agency: string;
  year: number;
  month?: number;
}

/** The tickets of a year, or of one month of it, by 受理时间: [from, to). */
function period(year: number, month?: number): [string, string] {
  const [from, to] = periodDates(year, month);
  return [`${from} 00:00:00`, `${to} 00:00:00`];
}

function satisfiedGrades(ctx: Ctx): string[] {
  return hotlineSettings.of(ctx).basicallySatisfiedCounts
    ? ['verySatisfied', 'satisfied', 'basicallySatisfied']
    : ['verySatisfied', 'satisfied'];
}

/**
 * The figures of the tickets received in a year or a month (by 受理时间) by an agency and its
 * subtree. Public figures: anyone may read them.
 */
export async function stats(ctx: Ctx, q: HotlineStatsQuery): Promise<HotlineFigures> {
  const [from, to] = period(q.year, q.month);
  const agency = await agencies.resolvePublic(ctx, q.agency);
  return hotlineFigures(
    sumCounts(await repo.countsByAgency(ctx.db, agency.path, from, to, satisfiedGrades(ctx))),
  );
}

/** How this installation counts each figure (the CLI prints it beside the figures). */
export function definitions(ctx: Ctx): Record<keyof HotlineFigures, string> {
  return figureDefinitions(hotlineSettings.of(ctx).basicallySatisfiedCounts);
}

export interface HotlinePage {
  /** Every agency of the tree, in tree order, for the choice of agency. */
  agencies: Agency[];
  agency: Agency;
  /** Years with tickets, newest first (the current year when there are none). */
  years: number[];
  year: number;
  month: number | undefined;
  figures: HotlineFigures;
  /** The agencies right under it, each with its own subtree's figures. */
  children: Array<{ agency: Agency; figures: HotlineFigures }>;
  lastImportAt: string | null;
  /** Whether 基本满意 counts as satisfied here (HOTLINE_BASICALLY_SATISFIED_COUNTS). */
  basicallySatisfiedCounts: boolean;
}

/** The portal's page: one agency's figures for a year or month, and those of the agencies under it. */
export async function portalPage(
  ctx: Ctx,
  q: { agency?: string; year?: string; month?: string },
): Promise<HotlinePage> {
  const all = (await agencies.listPublic(ctx)).filter((a) => !a.dissolvedAt);
  const agency = q.agency
    ? await agencies.resolvePublic(ctx, q.agency)
    : ((await agencies.root(ctx)) ?? all[0]);
  if (!agency) throw ValidationError.one('agency', '尚未设立机构');
  const { years, lastImportAt } = await repo.overview(ctx.db);
  const thisYear = Number(ctx.clock.now().toISOString().slice(0, 4));
  if (q.year !== undefined && q.year !== '' && !/^\d{4}$/.test(q.year))
    throw ValidationError.one('year', '年份应为四位数字，例如 2020');
  if (q.month !== undefined && q.month !== '' && !/^\d{1,2}$/.test(q.month))
    throw ValidationError.one('month', '月份应为 1–12 之间的整数');
  const year = q.year ? Number(q.year) : (years[0] ?? thisYear);
  const month = q.month ? Number(q.month) : undefined;
  const [from, to] = period(year, month);
  const rows = await repo.countsByAgency(ctx.db, agency.path, from, to, satisfiedGrades(ctx));
  const pathOf = new Map(all.map((a) => [a.id, a.path]));
  const under = (path: string) => rows.filter((r) => pathOf.get(r.agencyId)?.startsWith(path) ?? false);
  return {
    agencies: all,
    agency,
    years: years.length ? years : [thisYear],
    year,
    month,
    figures: hotlineFigures(sumCounts(rows)),
    children: all
      .filter((a) => a.parentId === agency.id)
      .map((a) => ({ agency: a, figures: hotlineFigures(sumCounts(under(a.path))) })),
    lastImportAt,
    basicallySatisfiedCounts: hotlineSettings.of(ctx).basicallySatisfiedCounts,
  };
}

/** The back office's import page: who may import, what is stored, when it was last written. */
export async function importPage(
  ctx: Ctx,
): Promise<{ tickets: number; years: number[]; lastImportAt: string | null }> {
  const root = await agencies.root(ctx);
  assertCan(ctx.actor, 'import', root ?? { path: '/' });
  const [{ years, lastImportAt }, tickets] = await Promise.all([repo.overview(ctx.db), repo.total(ctx.db)]);
  return { tickets, years, lastImportAt };
}

/**
 * The counts of every month with tickets, per agency (its own tickets, not its subtree's), for
 * open data. Public figures, as `stats`: counts only, never a ticket.
 */
export async function openCounts(
  ctx: Ctx,
): Promise<Array<HotlineCounts & { agencyId: string; year: number; month: number }>> {
  const out: Array<HotlineCounts & { agencyId: string; year: number; month: number }> = [];
  const { years } = await repo.overview(ctx.db);
  for (const year of [...years].sort((a, b) => a - b))
    for (let month = 1; month <= 12; month++) {
      const [from, to] = period(year, month);
      for (const c of await repo.countsByAgency(ctx.db, '/', from, to, satisfiedGrades(ctx)))
        out.push({ ...c, year, month });
    }
  return out;
}

/**
 * Per agency (its own tickets, not its subtree's), the counts of the tickets received on the days
 * [from, to] within the subtrees: one grouped query a subtree. Public figures, as `stats`; the
 * supervision dashboard ranks agencies by 按时办结率 with them.
 */
export async function countsWithin(ctx: Ctx, paths: readonly string[], from: string, to: string) {
  const out = new Map<string, Awaited<ReturnType<typeof repo.countsByAgency>>[number]>();
  // 受理时间 is `YYYY-MM-DD HH:MM:SS`: every time of day `to` sorts before `to 24:00:00`.
  for (const path of paths)
    for (const c of await repo.countsByAgency(
      ctx.db,
      path,
      `${from} 00:00:00`,
      `${to} 24:00:00`,
      satisfiedGrades(ctx),
    ))
      out.set(c.agencyId, c);
  return [...out.values()];
}

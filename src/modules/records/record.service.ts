import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { holdsRoleOver, scopesFor, type Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { emit } from '../../platform/events.js';
import type { RecordEventTable, RecordTable } from './record.tables.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { date, object, oneOf, optional, text } from '../../platform/schema.js';
import { agencies, agencyField, withinSubtree } from '../agencies/index.js';
import { addWorkdays, calendar } from '../calendar/index.js';
import {
  documentNumberProblem,
  indexNumber,
  parseDocumentNumber,
  bodyFromInput,
  validities,
  validityLabels,
  type RecordState,
} from './record.js';
import * as repo from './record.repository.js';
import { indexRecords } from './record.search.js';
import { docNumberSpelling } from '../search/index.js';
import { subjectCategoryProblem } from './subject-category.js';

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A record went out on the portal, filed under these catalog items by its drafter. */
    'record.published': { recordId: string; agencyId: string; catalogItemIds: string[] };
  }
}

/**
 * 主动公开 records: drafted by a clerk, passed by a reviewer (保密审查, 条例第十七条), approved by the
 * office head, then published with a 索引号. Nothing reaches the public without the review.
 */

const draftSchema = object({
  agencyId: text('发布机构'),
  title: text('标题', { max: 300 }),
  documentNumber: optional(text('文号', { max: 60, check: documentNumberProblem })),
  writtenDate: optional(date('成文日期')),
  dateFormedOrChanged: date('形成（变更）日期'),
  subjectCategory: optional(text('主题分类', { max: 60, check: subjectCategoryProblem })),
  genre: optional(text('体裁分类', { max: 30 })),
  validity: optional(oneOf('有效性', validities, validityLabels)),
  keywords: optional(text('主题词', { max: 200 })),
  summary: optional(text('内容概述', { max: 1000 })),
  body: text('正文', { max: 2_000_000 }),
  interprets: optional(text('解读的文件（索引号或文号）', { max: 80 })),
  repeals: optional(text('废止的文件（索引号或文号）', { max: 80 })),
  amends: optional(text('修改的文件（索引号或文号）', { max: 80 })),
  catalogItemId: optional(
    text('目录事项', { max: 40, check: (v) => (isId(v) ? null : '请从列表中选择目录事项') }),
  ),
});

const reviewSchema = object({
  result: oneOf('审核结论', ['passed', 'returned'] as const, { passed: '通过', returned: '退回修改' }),
  note: optional(text('审核意见', { max: 2000 })),
});

const writers: readonly Role[] = ['clerk', 'officeHead', 'admin'];
const reviewers: readonly Role[] = ['reviewer', 'admin'];
const approvers: readonly Role[] = ['officeHead', 'admin'];

function stamp(ctx: Ctx, recordId: string, type: string, note: string | null): RecordEventTable {
  return {
    id: newId(),
    record_id: recordId,
    type,
    actor_id: ctx.actor.id,
    actor_label: ctx.actor.label,
    at: ctx.clock.now().toISOString(),
    note,
  };
}

async function load(ctx: Ctx, id: string, roles: readonly Role[]): Promise<RecordTable> {
  const row = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该政府信息');
  if (!holdsRoleOver(ctx.actor, roles, await agencies.pathOf(ctx, row.agency_id))) throw new ForbiddenError();
  return row;
}

function expect(row: RecordTable, states: RecordState[], what: string): void {
  if (!states.includes(row.state as RecordState)) throw new ConflictError(`该信息当前状态不能${what}`);
}

/** A new draft. The body is sanitized on the way in; the form's text is what the public will read. */
export async function createDraft(ctx: Ctx, raw: unknown): Promise<RecordTable> {
  const input = draftSchema.parse(raw);
  const agency = await agencies.get(ctx, input.agencyId);
  if (!holdsRoleOver(ctx.actor, writers, agency.path)) throw new ForbiddenError();
  checkDates(ctx, input);
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    const row: RecordTable = {
      id: newId(),
      agency_id: agency.id,
      state: 'draft',
      index_number: null,
      title: input.title,
      document_number: input.documentNumber,
      written_date: input.writtenDate,
      date_formed_or_changed: input.dateFormedOrChanged,
      published_at: null,
      scheduled_at: null,
      subject_category: input.subjectCategory,
      genre: input.genre,
      validity: input.validity ?? 'inForce',
      validity_date: null,
      keywords: input.keywords,
      summary: input.summary,
      body_html: bodyFromInput(input.body),
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      interprets_record_id: input.interprets
        ? await publishedDocument(ctx, input.interprets, 'interprets')
        : null,
      repeals_record_id: input.repeals ? await publishedDocument(ctx, input.repeals, 'repeals') : null,
      amends_record_id: input.amends ? await publishedDocument(ctx, input.amends, 'amends') : null,
      catalog_item_ids: input.catalogItemId ? JSON.stringify([input.catalogItemId]) : null,
    };
    await repo.insert(ctx.db, row);
    await repo.insertEvent(ctx.db, stamp(ctx, row.id, 'drafted', null));
    await recordAudit(ctx, {
      action: 'record.draft',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: agency.id,
      after: { title: row.title, documentNumber: row.document_number },
    });
    return row;
  });
}

/**
 * A published document named by its 索引号 or its 文号 (any brackets): the one a 政策解读 explains
 * (国办发〔2013〕100号 asks that they go out together and link to each other), or the one a new
 * document repeals or amends.
 */
async function publishedDocument(ctx: Ctx, reference: string, field: string): Promise<string> {
  const ref = reference.trim();
  const byIndex = await ctx.db
    .selectFrom('record')
    .select('id')
    .where('state', '=', 'published')
    .where('index_number', '=', ref.toUpperCase())
    .executeTakeFirst();
  if (byIndex) return byIndex.id;
  const number = docNumberSpelling(ref);
  const byNumber = await ctx.db
    .selectFrom('record')
    .select('id')
    .where('state', '=', 'published')
    .where('document_number', '=', number)
    .orderBy('published_at', 'desc')
    .execute();
  if (byNumber.length === 1) return byNumber[0]!.id;
  if (byNumber.length > 1)
    throw ValidationError.one(field, `文号为“${number}”的已发布文件有 ${byNumber.length} 件，请改填索引号`);
  throw ValidationError.one(field, `未找到索引号或文号为“${ref}”的已发布文件`);
}

/**
 * When a document that repeals or amends an earlier one is published, the earlier one is marked
 * at once — 废止 from this day, or amended — so nobody relies on it unawares.
 */
async function markOriginals(ctx: Ctx, row: RecordTable, day: string): Promise<void> {
  const by = `《${row.title}》${row.document_number ? `（${row.document_number}）` : ''}`;
  if (row.repeals_record_id) {
    const original = await repo.findById(ctx.db, row.repeals_record_id);
    if (original && original.state === 'published' && original.validity !== 'repealed') {
      const patch = { validity: 'repealed', validity_date: day, updated_at: ctx.clock.now().toISOString() };
      await repo.updateIfIn(ctx.db, original.id, ['published'], patch);
      await repo.insertEvent(
        ctx.db,
        stamp(ctx, original.id, 'validityChanged', `废止（${day}）：被${by}废止`),
      );
      await indexRecords(ctx.db, [{ ...original, ...patch }]);
      await recordAudit(ctx, {
        action: 'record.validityChanged',
        subjectType: 'record',
        subjectId: original.id,
        agencyId: original.agency_id,
        before: { validity: original.validity, validityDate: original.validity_date },
        after: { validity: 'repealed', validityDate: day, by: row.id },
      });
    }
  }
  if (row.amends_record_id) {
    const original = await repo.findById(ctx.db, row.amends_record_id);
    if (original && original.state === 'published')
      await repo.insertEvent(ctx.db, stamp(ctx, original.id, 'amended', `被${by}修改`));
  }
}

type Link = { id: string; title: string };
export interface RecordLinks {
  interprets: Link | null;
  interpretations: Link[];
  repeals: Link | null;
  amends: Link | null;
  repealedBy: Link[];
  amendedBy: Link[];
}

/**
 * What links a record to others: the document it interprets and its 政策解读; the document it
 * repeals or amends, and those that repeal or amend it. Only published records are named.
 */
export async function linksOf(ctx: Ctx, row: RecordTable): Promise<RecordLinks> {
  const interprets = row.interprets_record_id
    ? ((await ctx.db
        .selectFrom('record')
        .select(['id', 'title'])
        .where('id', '=', row.interprets_record_id)
        .where('state', '=', 'published')
        .executeTakeFirst()) ?? null)
    : null;
  const interpretations = await ctx.db
    .selectFrom('record')
    .select(['id', 'title'])
    .where('interprets_record_id', '=', row.id)
    .where('state', '=', 'published')
    .orderBy('published_at')
    .execute();
  const target = async (id: string | null) =>
    id
      ? ((await ctx.db
          .selectFrom('record')
          .select(['id', 'title'])
          .where('id', '=', id)
          .where('state', '=', 'published')
          .executeTakeFirst()) ?? null)
      : null;
  const changedBy = await ctx.db
    .selectFrom('record')
    .select(['id', 'title', 'repeals_record_id'])
    .where((eb) => eb.or([eb('repeals_record_id', '=', row.id), eb('amends_record_id', '=', row.id)]))
    .where('state', '=', 'published')
    .orderBy('published_at')
    .execute();
  return {
    interprets,
    interpretations,
    repeals: await target(row.repeals_record_id),
    amends: await target(row.amends_record_id),
    repealedBy: changedBy
      .filter((r) => r.repeals_record_id === row.id)
      .map(({ id, title }) => ({ id, title })),
    amendedBy: changedBy
      .filter((r) => r.repeals_record_id !== row.id)
      .map(({ id, title }) => ({ id, title })),
  };
}

function checkDates(
  ctx: Ctx,
  input: { writtenDate: string | null; dateFormedOrChanged: string; documentNumber: string | null },
): void {
  const today = beijingDate(ctx.clock.now());
  if (input.writtenDate && input.writtenDate > today)
    throw ValidationError.one('writtenDate', `成文日期（${input.writtenDate}）不能晚于今天`);
  if (input.dateFormedOrChanged > today)
    throw ValidationError.one(
      'dateFormedOrChanged',
      `形成（变更）日期（${input.dateFormedOrChanged}）不能晚于今天`,
    );
  const doc = input.documentNumber ? parseDocumentNumber(input.documentNumber) : null;
  if (doc && input.writtenDate && doc.year > Number(input.writtenDate.slice(0, 4)))
    throw ValidationError.one('documentNumber', `文号年份 ${doc.year} 晚于成文日期 ${input.writtenDate}`);
}

/** The clerk sends the draft (or a returned one) to 保密审查. */
export async function submitForReview(ctx: Ctx, id: string): Promise<RecordTable> {
  return transition(ctx, id, writers, ['draft', 'returned'], '送审', 'inReview', 'submitted', null);
}

/** 保密审查 (条例第十七条): a reviewer passes the record or returns it; the drafter cannot review their own. */
export async function review(ctx: Ctx, id: string, raw: unknown): Promise<RecordTable> {
  const input = reviewSchema.parse(raw);
  if (input.result === 'returned' && !input.note)
    throw ValidationError.one('note', '退回修改时请写明审核意见');
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, reviewers);
    if (ctx.actor.kind === 'staff' && ctx.actor.id !== null && row.created_by === ctx.actor.id)
      throw new ForbiddenError('起草人不能审核自己起草的信息');
    return move(
      ctx,
      row,
      ['inReview'],
      '审核',
      input.result === 'passed' ? 'reviewed' : 'returned',
      input.result === 'passed' ? 'reviewPassed' : 'reviewReturned',
      input.note,
    );
  });
}

/** The office head approves a reviewed record for publication. */
export async function approve(ctx: Ctx, id: string): Promise<RecordTable> {
  return transition(ctx, id, approvers, ['reviewed'], '批准', 'approved', 'approved', null);
}

export interface Published extends RecordTable {
  /** 条例第二十六条: within 20 working days of being formed or changed. */
  publishDeadline: string;
  late: boolean;
}

/**
 * Publication: only an approved record (so only one that passed 保密审查). The 索引号 takes the
 * agency's 统一社会信用代码, the year of publication and the next serial of that year.
 */
export async function publish(ctx: Ctx, id: string): Promise<Published> {
  const cal = await calendar.load(ctx);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, writers);
    expect(row, ['approved'], '发布（须先通过保密审查并经批准）');
    const agency = await agencies.get(ctx, row.agency_id);
    if (!agency.creditCode)
      throw ValidationError.one('agencyId', `${agency.name}尚未登记统一社会信用代码，无法生成索引号`);
    const now = ctx.clock.now();
    const day = beijingDate(now);
    const year = Number(day.slice(0, 4));
    const seq = await repo.nextSeq(ctx.db, agency.id, year);
    const patch = {
      state: 'published',
      index_number: indexNumber(agency.creditCode, year, seq),
      published_at: now.toISOString(),
      scheduled_at: null,
      updated_at: now.toISOString(),
    };
    if (!(await repo.updateIfIn(ctx.db, row.id, ['approved'], patch)))
      throw new ConflictError('该信息已由他人发布或状态已改变，请刷新后查看');
    await indexRecords(ctx.db, [{ ...row, ...patch }]);
    // The catalog files it under the items its drafter chose (and may refuse one that does not fit).
    await emit(ctx, 'record.published', {
      recordId: row.id,
      agencyId: row.agency_id,
      catalogItemIds: row.catalog_item_ids ? (JSON.parse(row.catalog_item_ids) as string[]) : [],
    });
    await repo.insertEvent(ctx.db, stamp(ctx, row.id, 'published', patch.index_number));
    await markOriginals(ctx, { ...row, ...patch }, day);
    await recordAudit(ctx, {
      action: 'record.publish',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: agency.id,
      after: { indexNumber: patch.index_number },
    });
    const publishDeadline = addWorkdays(cal, row.date_formed_or_changed, 20).due;
    return { ...row, ...patch, publishDeadline, late: day > publishDeadline };
  });
}

const scheduleSchema = object({
  at: text('定时发布时间', {
    pattern: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/,
    patternMessage: '定时发布时间应为 YYYY-MM-DD HH:MM（北京时间）',
  }),
});

/**
 * An approved record is set to go out at a given Beijing time (a policy that takes effect on a
 * date, a notice embargoed until a press conference); the minute job publishes it then.
 */
export async function schedule(ctx: Ctx, id: string, raw: unknown): Promise<RecordTable> {
  const { at } = scheduleSchema.parse(raw);
  const instant = new Date(`${at.replace(' ', 'T')}:00+08:00`);
  if (Number.isNaN(instant.getTime())) throw ValidationError.one('at', `定时发布时间（${at}）不是有效的时间`);
  const now = ctx.clock.now();
  if (instant.getTime() <= now.getTime())
    throw ValidationError.one('at', `定时发布时间（${at}）应晚于现在；现在发布请用“立即发布”`);
  if (instant.getTime() - now.getTime() > 366 * 86_400_000)
    throw ValidationError.one('at', `定时发布时间（${at}）不能晚于一年之后`);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, writers);
    expect(row, ['approved'], '定时发布（须先经批准）');
    const patch = { scheduled_at: instant.toISOString(), updated_at: now.toISOString() };
    if (!(await repo.updateIfIn(ctx.db, row.id, ['approved'], patch)))
      throw new ConflictError('该信息的状态已被他人改变，请刷新后再试');
    await repo.insertEvent(ctx.db, stamp(ctx, row.id, 'scheduled', `定于 ${at} 发布`));
    await recordAudit(ctx, {
      action: 'record.scheduled',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: row.agency_id,
      before: { scheduledAt: row.scheduled_at },
      after: { scheduledAt: patch.scheduled_at },
    });
    return { ...row, ...patch };
  });
}

/** The set time is cancelled; the record waits, approved, to be published by hand or set again. */
export async function unschedule(ctx: Ctx, id: string): Promise<RecordTable> {
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, writers);
    expect(row, ['approved'], '取消定时发布');
    if (!row.scheduled_at) throw new ConflictError('该信息没有设定定时发布');
    const patch = { scheduled_at: null, updated_at: ctx.clock.now().toISOString() };
    await repo.updateIfIn(ctx.db, row.id, ['approved'], patch);
    await repo.insertEvent(ctx.db, stamp(ctx, row.id, 'unscheduled', null));
    await recordAudit(ctx, {
      action: 'record.unscheduled',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: row.agency_id,
      before: { scheduledAt: row.scheduled_at },
      after: { scheduledAt: null },
    });
    return { ...row, ...patch };
  });
}

/**
 * Publishes every approved record whose set time has come (the minute job). Two processes may
 * run it at once: publication is a conditional update, so each record goes out once.
 */
export async function publishDue(ctx: Ctx): Promise<string> {
  const due = await ctx.db
    .selectFrom('record')
    .select('id')
    .where('state', '=', 'approved')
    .where('scheduled_at', 'is not', null)
    .where('scheduled_at', '<=', ctx.clock.now().toISOString())
    .orderBy('scheduled_at')
    .execute();
  let published = 0;
  for (const { id } of due) {
    try {
      await publish(ctx, id);
      published++;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  return `定时发布 ${published} 条`;
}

/** Taken down from the portal, with the reason kept; its 索引号 is never given to another record. */
export async function withdraw(ctx: Ctx, id: string, reason: string): Promise<RecordTable> {
  const r = object({ reason: text('撤回理由', { max: 2000 }) }).parse({ reason });
  return transition(ctx, id, approvers, ['published'], '撤回', 'withdrawn', 'withdrawn', r.reason);
}

async function transition(
  ctx: Ctx,
  id: string,
  roles: readonly Role[],
  from: RecordState[],
  what: string,
  to: RecordState,
  event: string,
  note: string | null,
): Promise<RecordTable> {
  return inTransaction(ctx, async (ctx) =>
    move(ctx, await load(ctx, id, roles), from, what, to, event, note),
  );
}

async function move(
  ctx: Ctx,
  row: RecordTable,
  from: RecordState[],
  what: string,
  to: RecordState,
  event: string,
  note: string | null,
): Promise<RecordTable> {
  expect(row, from, what);
  const now = ctx.clock.now().toISOString();
  if (!(await repo.updateIfIn(ctx.db, row.id, from, { state: to, updated_at: now })))
    throw new ConflictError('该信息的状态已被他人改变，请刷新后再试');
  // Leaving 'published' (withdrawn) takes the record out of the search index at once.
  if (row.state === 'published') await indexRecords(ctx.db, [{ ...row, state: to }]);
  await repo.insertEvent(ctx.db, stamp(ctx, row.id, event, note));
  await recordAudit(ctx, {
    action: `record.${event}`,
    subjectType: 'record',
    subjectId: row.id,
    agencyId: row.agency_id,
    before: { state: row.state },
    after: { state: to },
  });
  return { ...row, state: to, updated_at: now };
}

/** The record and its workflow history, for staff in its agency's scope. */
export async function get(
  ctx: Ctx,
  id: string,
): Promise<{ record: RecordTable; events: RecordEventTable[] }> {
  const record = await load(ctx, id, [...writers, 'reviewer', 'supervisor']);
  return { record, events: await repo.eventsOf(ctx.db, id) };
}

export interface RecordListItem {
  id: string;
  title: string;
  state: RecordState;
  agencyName: string;
  indexNumber: string | null;
  documentNumber: string | null;
  updatedAt: string;
}

/** Staff listing: every record in the actor's scope, newest first, optionally in one state. */
export async function list(ctx: Ctx, filter: { state?: RecordState } = {}): Promise<RecordListItem[]> {
  const scopes = scopesFor(ctx.actor, [...writers, 'reviewer', 'supervisor']);
  if (scopes.length === 0) throw new ForbiddenError();
  let q = ctx.db
    .selectFrom('record as r')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select([
      'r.id',
      'r.title',
      'r.state',
      'a.name as agencyName',
      'a.path as path',
      'r.index_number as indexNumber',
      'r.document_number as documentNumber',
      'r.updated_at as updatedAt',
    ])
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc');
  if (filter.state) q = q.where('r.state', '=', filter.state);
  const rows = await q.execute();
  return rows
    .filter((r) => scopes.some((p) => r.path.startsWith(p)))
    .map(({ path: _path, ...r }) => ({ ...r, state: r.state as RecordState }));
}

/** What the portal shows: a published record with its issuing agency, or nothing. */
export async function publicView(
  ctx: Ctx,
  id: string,
): Promise<(RecordTable & { agencyName: string }) | null> {
  if (!isId(id)) return null;
  const row = await ctx.db
    .selectFrom('record as r')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .selectAll('r')
    .select('a.name as agencyName')
    .where('r.id', '=', id)
    .where('r.state', '=', 'published')
    .executeTakeFirst();
  return row ?? null;
}

const validitySchema = object({
  validity: oneOf('有效性', validities, validityLabels),
  date: date('失效或废止日期'),
  note: optional(text('说明（如废止它的文件）', { max: 500 })),
});

/**
 * A published document expires or is repealed (or, corrected, is in force again): the record
 * stays on the portal with its new 有效性 and date, so readers are not misled by it.
 */
export async function changeValidity(ctx: Ctx, id: string, raw: unknown): Promise<RecordTable> {
  const input = validitySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, writers);
    expect(row, ['published'], '修改有效性（仅已发布的信息）');
    if (input.validity === row.validity)
      throw ValidationError.one('validity', `该信息已是“${validityLabels[input.validity]}”`);
    if (input.date > beijingDate(ctx.clock.now()))
      throw ValidationError.one('date', `日期（${input.date}）不能晚于今天`);
    if (row.written_date && input.date < row.written_date)
      throw ValidationError.one('date', `日期（${input.date}）不能早于成文日期 ${row.written_date}`);
    const now = ctx.clock.now().toISOString();
    const patch = {
      validity: input.validity,
      validity_date: input.validity === 'inForce' ? null : input.date,
      updated_at: now,
    };
    await repo.updateIfIn(ctx.db, row.id, ['published'], patch);
    await indexRecords(ctx.db, [{ ...row, ...patch }]);
    await repo.insertEvent(
      ctx.db,
      stamp(
        ctx,
        row.id,
        'validityChanged',
        `${validityLabels[input.validity]}（${input.date}）${input.note ? `：${input.note}` : ''}`,
      ),
    );
    await recordAudit(ctx, {
      action: 'record.validityChanged',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: row.agency_id,
      before: { validity: row.validity, validityDate: row.validity_date },
      after: { validity: patch.validity, validityDate: patch.validity_date },
    });
    return { ...row, ...patch };
  });
}

export interface PublicListItem {
  id: string;
  title: string;
  indexNumber: string | null;
  documentNumber: string | null;
  publishedAt: string | null;
  agencyName: string;
  subjectCategory: string | null;
  summary: string | null;
}

/**
 * Published records for the portal's columns and feeds, newest first: of an agency and the
 * agencies under it, optionally of one 主题分类 (a first-level class includes its sub-classes)
 * or of some 体裁.
 */
export async function publicList(
  ctx: Ctx,
  f: {
    agencyPath?: string;
    subjectCategory?: string;
    genres?: readonly string[];
    page?: number;
    pageSize?: number;
  },
): Promise<{ total: number; rows: PublicListItem[] }> {
  const size = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  let q = ctx.db
    .selectFrom('record as r')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .where('r.state', '=', 'published');
  if (f.agencyPath) q = q.where('a.path', 'like', `${f.agencyPath}%`);
  if (f.subjectCategory) {
    const c = f.subjectCategory;
    q = q.where((eb) =>
      c.includes('\\')
        ? eb('r.subject_category', '=', c)
        : eb.or([
            eb('r.subject_category', '=', c),
            // '!' escapes, so the backslash between the classes is literal on both engines.
            sql<SqlBool>`r.subject_category like ${`${c.replace(/[!%_]/g, (x) => `!${x}`)}\\%`} escape '!'`,
          ]),
    );
  }
  if (f.genres?.length) q = q.where('r.genre', 'in', [...f.genres]);
  const count = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'r.id',
      'r.title',
      'r.index_number as indexNumber',
      'r.document_number as documentNumber',
      'r.published_at as publishedAt',
      'a.name as agencyName',
      'r.subject_category as subjectCategory',
      'r.summary',
    ])
    .orderBy('r.published_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(size)
    .offset((page - 1) * size)
    .execute();
  return { total: Number(count.n), rows };
}

/** How many published records of an agency (and those under it) each 主题分类 holds. */
export async function subjectCounts(
  ctx: Ctx,
  agencyPath: string,
): Promise<Array<{ category: string; count: number }>> {
  const rows = await ctx.db
    .selectFrom('record as r')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(['r.subject_category as category', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('r.state', '=', 'published')
    .where('r.subject_category', 'is not', null)
    .where('a.path', 'like', `${agencyPath}%`)
    .groupBy('r.subject_category')
    .execute();
  return rows.map((r) => ({ category: r.category!, count: Number(r.n) }));
}

/** A subquery of record ids written by the module that owns the table it reads (e.g. the catalog's links). */
export type RecordIdQuery = RawBuilder<unknown>;

export interface PublishedRecordSummary {
  id: string;
  title: string;
  indexNumber: string | null;
  documentNumber: string | null;
  publishedAt: string;
  agencyName: string;
}

/**
 * Published records as other modules list them (the catalog's item and domain pages, the
 * records a clerk may file under an item), newest first: those whose id is in `idIn` or `ids`,
 * within an agency's subtree, at most `limit`. Anyone may read them: they are public.
 */
export async function publishedSummaries(
  ctx: Ctx,
  opts: { idIn?: RecordIdQuery; ids?: readonly string[]; agencyPath?: string; limit?: number },
): Promise<PublishedRecordSummary[]> {
  if (opts.ids && opts.ids.length === 0) return [];
  let q = ctx.db
    .selectFrom('record as r')
    .select([
      'r.id as id',
      'r.title as title',
      'r.index_number as indexNumber',
      'r.document_number as documentNumber',
      sql<string>`r.published_at`.as('publishedAt'),
      agencyField('r.agency_id', 'name').as('agencyName'),
    ])
    .where('r.state', '=', 'published');
  if (opts.idIn) q = q.where(sql<SqlBool>`r.id in (${opts.idIn})`);
  if (opts.ids) q = q.where('r.id', 'in', [...opts.ids]);
  if (opts.agencyPath) q = q.where(withinSubtree('r.agency_id', opts.agencyPath));
  q = q.orderBy('r.published_at', 'desc').orderBy('r.id');
  if (opts.limit !== undefined) q = q.limit(Math.max(0, Math.floor(opts.limit)));
  return q.execute();
}

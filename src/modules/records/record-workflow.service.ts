import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies, type Agency } from '../agencies/index.js';
import { docNumberSpelling } from '../search/index.js';
import {
  bodyFromInput,
  parseDocumentNumber,
  stepStates,
  type RecordState,
  type RecordStep,
} from './record.js';
import * as attachmentRepo from './record-attachment.repository.js';
import type { AttachmentInfo } from './record-attachment.repository.js';
import { indexRecords } from './record-search.service.js';
import { allowedSteps, assertCan, reviewsOwnDraft, scopes, type RecordAction } from './record.policy.js';
import * as repo from './record.repository.js';
import type { RecordListItem } from './record.repository.js';
import { draftSchema, reviewSchema, withdrawSchema } from './record.schemas.js';
import type { RecordEventTable, RecordTable } from './record.tables.js';

/**
 * 主动公开 records: drafted by a clerk, passed by a reviewer (保密审查, 条例第十七条), approved by the
 * office head, then published with a 索引号 (record-publication.service.ts). Nothing reaches the
 * public without the review.
 */

/** A line of the record's history, by whoever acts now. */
export function stamp(ctx: Ctx, recordId: string, type: string, note: string | null): RecordEventTable {
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

/** The record, if the actor may take `action` on it. */
export async function load(ctx: Ctx, id: string, action: RecordAction): Promise<RecordTable> {
  const row = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该政府信息');
  assertCan(ctx.actor, action, { path: await agencies.pathOf(ctx, row.agency_id) });
  return row;
}

/** Refuses a step the record's state does not admit; `what` says which, for the clerk. */
export function assertStep(row: RecordTable, step: RecordStep, what: string): void {
  if (!stepStates[step].includes(row.state as RecordState))
    throw new ConflictError(`该信息当前状态不能${what}`);
}

/** A new draft. The body is sanitized on the way in; the form's text is what the public will read. */
export async function createDraft(ctx: Ctx, raw: unknown): Promise<RecordTable> {
  const input = draftSchema.parse(raw);
  const agency = await agencies.get(ctx, input.agencyId);
  assertCan(ctx.actor, 'draft', agency);
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
  const byIndex = await repo.publishedIdByIndexNumber(ctx.db, ref.toUpperCase());
  if (byIndex) return byIndex;
  const number = docNumberSpelling(ref);
  const byNumber = await repo.publishedIdsByDocumentNumber(ctx.db, number);
  if (byNumber.length === 1) return byNumber[0]!;
  if (byNumber.length > 1)
    throw ValidationError.one(field, `文号为“${number}”的已发布文件有 ${byNumber.length} 件，请改填索引号`);
  throw ValidationError.one(field, `未找到索引号或文号为“${ref}”的已发布文件`);
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
  return inTransaction(ctx, async (ctx) =>
    move(ctx, await load(ctx, id, 'submit'), 'submit', '送审', 'inReview', 'submitted', null),
  );
}

/** 保密审查 (条例第十七条): a reviewer passes the record or returns it; the drafter cannot review their own. */
export async function review(ctx: Ctx, id: string, raw: unknown): Promise<RecordTable> {
  const input = reviewSchema.parse(raw);
  if (input.result === 'returned' && !input.note)
    throw ValidationError.one('note', '退回修改时请写明审核意见');
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, 'review');
    if (reviewsOwnDraft(ctx.actor, { createdBy: row.created_by }))
      throw new ForbiddenError('起草人不能审核自己起草的信息');
    const passed = input.result === 'passed';
    return move(
      ctx,
      row,
      'review',
      '审核',
      passed ? 'reviewed' : 'returned',
      passed ? 'reviewPassed' : 'reviewReturned',
      input.note,
    );
  });
}

/** The office head approves a reviewed record for publication. */
export async function approve(ctx: Ctx, id: string): Promise<RecordTable> {
  return inTransaction(ctx, async (ctx) =>
    move(ctx, await load(ctx, id, 'approve'), 'approve', '批准', 'approved', 'approved', null),
  );
}

/** Taken down from the portal, with the reason kept; its 索引号 is never given to another record. */
export async function withdraw(ctx: Ctx, id: string, reason: string): Promise<RecordTable> {
  const r = withdrawSchema.parse({ reason });
  return inTransaction(ctx, async (ctx) =>
    move(ctx, await load(ctx, id, 'withdraw'), 'withdraw', '撤回', 'withdrawn', 'withdrawn', r.reason),
  );
}

/** One step of the workflow: a conditional state change, its history line and its audit event. */
async function move(
  ctx: Ctx,
  row: RecordTable,
  step: RecordStep,
  what: string,
  to: RecordState,
  event: string,
  note: string | null,
): Promise<RecordTable> {
  assertStep(row, step, what);
  const now = ctx.clock.now().toISOString();
  if (!(await repo.updateIfIn(ctx.db, row.id, stepStates[step], { state: to, updated_at: now })))
    throw new ConflictError('该信息的状态已被他人改变，请刷新后再试');
  // Leaving 'published' (withdrawn) takes the record out of the search index at once.
  if (row.state === 'published') await indexRecords(ctx, [{ ...row, state: to }]);
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
  const record = await load(ctx, id, 'read');
  return { record, events: await repo.eventsOf(ctx.db, id) };
}

export type { RecordListItem };

/** Staff listing: every record in the actor's scope, newest first, optionally in one state. */
export async function list(ctx: Ctx, filter: { state?: RecordState } = {}): Promise<RecordListItem[]> {
  const within = scopes(ctx.actor, 'read');
  if (within.length === 0) throw new ForbiddenError();
  return repo.staffList(ctx.db, { scopes: within, state: filter.state });
}

export interface RecordPage {
  record: RecordTable;
  events: RecordEventTable[];
  attachments: AttachmentInfo[];
  /** The steps the viewer may take now (record.policy.ts): the page offers these and no others. */
  allowed: RecordStep[];
  /** Beijing date, the default of the 有效性 form's date. */
  today: string;
  /** What later modules offer for the record (ModuleExtensions.recordLinks). */
  links: Array<{ label: string; href: string; note?: string }>;
}

/** The back office's page of one record: the record, its history, its files and what the viewer may do. */
export async function recordPage(ctx: Ctx, id: string): Promise<RecordPage> {
  const record = await load(ctx, id, 'read');
  const path = await agencies.pathOf(ctx, record.agency_id);
  return {
    record,
    events: await repo.eventsOf(ctx.db, record.id),
    attachments: await attachmentRepo.listOf(ctx.db, record.id),
    allowed: allowedSteps(ctx.actor, {
      path,
      state: record.state as RecordState,
      createdBy: record.created_by,
      scheduledAt: record.scheduled_at,
    }),
    today: beijingDate(ctx.clock.now()),
    links: (await Promise.all(ctx.modules.extensions('recordLinks').map((f) => f(ctx, record.id)))).flat(),
  };
}

export interface DraftPage {
  /** Agencies the actor may draft for; villages publish through their township. */
  agencies: Agency[];
  /** Catalog items to file the record under, per catalog (when a catalog is installed). */
  catalogItems: Array<{ label: string; items: Array<{ id: string; label: string }> }>;
  today: string;
}

/** The form for a new draft. */
export async function draftPage(ctx: Ctx): Promise<DraftPage> {
  const scope = await agencies.listForStaff(ctx);
  return {
    agencies: scope.filter((a) => a.kind !== 'villageCommunity'),
    catalogItems: (await ctx.modules.capabilities.catalogItemChoices?.(ctx)) ?? [],
    today: beijingDate(ctx.clock.now()),
  };
}

import { recordAudit } from '../../platform/audit.js';
import { beijingDate, beijingDayEnd, beijingDayStart } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { emit } from '../../platform/events.js';
import { ConflictError, ValidationError, isDomainError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import { addWorkdays, calendar } from '../calendar/index.js';
import { indexNumber } from './record.js';
import { indexRecords } from './record-search.service.js';
import { markOriginals } from './record-validity.service.js';
import { assertStep, load, stamp } from './record-workflow.service.js';
import { scopes } from './record.policy.js';
import * as repo from './record.repository.js';
import { scheduleSchema } from './record.schemas.js';
import type { RecordTable } from './record.tables.js';

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A record went out on the portal, filed under these catalog items by its drafter. */
    'record.published': { recordId: string; agencyId: string; catalogItemIds: string[] };
  }
}

/**
 * Publication of an approved record, now or at a set time. The 索引号 is taken in the publishing
 * transaction, so serials have no gaps and no duplicates; the conditional state change lets only
 * one of two publishers (clerks, or two workers running the minute job) through.
 */

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
    const row = await load(ctx, id, 'publish');
    assertStep(row, 'publish', '发布（须先通过保密审查并经批准）');
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
    await indexRecords(ctx, [{ ...row, ...patch }]);
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
    const row = await load(ctx, id, 'schedule');
    assertStep(row, 'schedule', '定时发布（须先经批准）');
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
    const row = await load(ctx, id, 'unschedule');
    assertStep(row, 'unschedule', '取消定时发布');
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
  const due = await repo.dueForPublication(ctx.db, ctx.clock.now().toISOString());
  let published = 0;
  const refused: string[] = [];
  for (const id of due) {
    try {
      await publish(ctx, id);
      published++;
    } catch (e) {
      // Published by another process meanwhile: nothing to do. Refused by a rule (e.g. filed under
      // an item that is not its agency's): the others still go out, and the result says which
      // one stays scheduled until its drafter mends it.
      if (e instanceof ConflictError) continue;
      if (!isDomainError(e)) throw e;
      const title = (await repo.findById(ctx.db, id))?.title ?? '（已删除）';
      refused.push(`“${title}”：${e.message}`);
    }
  }
  return refused.length
    ? `定时发布 ${published} 条；${refused.length} 条未能发布（${refused.join('；')}）`
    : `定时发布 ${published} 条`;
}

/** 条例第二十六条: a record is published within 20 working days of being formed or changed. */
export const PUBLISH_WITHIN_WORKDAYS = 20;

/**
 * How timely the records published in [from, to] (Beijing dates) within `paths` (narrowed to what
 * the actor may read) were: per agency, published and published late (after the 20th working day
 * from 形成或者变更日期), and the late ones listed. The calendar gives each formed date its cutoff;
 * the counts are one grouped query.
 */
export async function publicationTimeliness(ctx: Ctx, paths: readonly string[], from: string, to: string) {
  const readable = scopes(ctx.actor, 'read');
  const w = {
    paths: paths.filter((p) => readable.some((r) => p.startsWith(r))),
    since: beijingDayStart(from),
    before: beijingDayEnd(to),
  };
  const formed = await repo.formedDatesPublishedWithin(ctx.db, w);
  if (formed.length === 0) return { byAgency: [], late: [] };
  const cal = await calendar.load(ctx);
  const deadlines = new Map(formed.map((d) => [d, addWorkdays(cal, d, PUBLISH_WITHIN_WORKDAYS).due]));
  const cutoffs = new Map([...deadlines].map(([d, due]) => [d, beijingDayEnd(due)]));
  const byAgency = await repo.publicationTimeliness(ctx.db, w, cutoffs);
  const late = await repo.publishedLate(ctx.db, w, cutoffs);
  return {
    byAgency,
    late: late.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      indexNumber: r.index_number,
      title: r.title,
      formedOn: r.date_formed_or_changed,
      deadline: deadlines.get(r.date_formed_or_changed) ?? '',
      publishedOn: r.published_at ? beijingDate(new Date(r.published_at)) : '',
    })),
  };
}

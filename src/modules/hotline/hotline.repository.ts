import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { withinSubtree } from '../agencies/index.js';
import type { HotlineCounts } from './hotline.js';
import type { HotlineTicketTable } from './hotline.tables.js';

/** The ids of the tickets already stored under these numbers. */
export async function idsByNumber(db: Executor, numbers: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db
      .selectFrom('hotline_ticket')
      .select(['id', 'ticket_number'])
      .where('ticket_number', 'in', numbers.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.ticket_number, r.id);
  }
  return out;
}

export async function insert(db: Executor, rows: readonly HotlineTicketTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('hotline_ticket')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function update(
  db: Executor,
  id: string,
  row: Omit<HotlineTicketTable, 'id' | 'ticket_number' | 'created_at' | 'request_id'>,
): Promise<void> {
  await db.updateTable('hotline_ticket').set(row).where('id', '=', id).execute();
}

/**
 * The counts of the tickets received in [from, to) by an agency and its subtree (hotline.ts: each
 * a subset of the one before it), one row per agency that has tickets then, in one pass.
 */
export async function countsByAgency(
  db: Executor,
  agencyPath: string,
  from: string,
  to: string,
  satisfied: readonly string[],
): Promise<Array<HotlineCounts & { agencyId: string }>> {
  const closed = sql`t.valid = 1 and t.closed_at is not null`;
  const visited = sql`${closed} and t.visited_at is not null`;
  const rated = sql`${visited} and t.satisfaction <> 'unrated'`;
  const n = (cond: ReturnType<typeof sql>) =>
    sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
  const rows = await db
    .selectFrom('hotline_ticket as t')
    .select([
      't.agency_id',
      n(sql`t.valid = 1`).as('valid'),
      n(closed).as('closed'),
      n(sql`${closed} and t.closed_at <= t.due_at`).as('closedOnTime'),
      n(visited).as('visited'),
      n(rated).as('rated'),
      n(sql`${rated} and t.satisfaction in (${sql.join(satisfied)})`).as('satisfied'),
    ])
    .where('t.received_at', '>=', from)
    .where('t.received_at', '<', to)
    .where(withinSubtree('t.agency_id', agencyPath))
    .groupBy('t.agency_id')
    .execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    valid: Number(r.valid),
    closed: Number(r.closed),
    closedOnTime: Number(r.closedOnTime),
    visited: Number(r.visited),
    rated: Number(r.rated),
    satisfied: Number(r.satisfied),
  }));
}

/** The years tickets were received in, newest first, and when the last import was written. */
export async function overview(db: Executor): Promise<{ years: number[]; lastImportAt: string | null }> {
  const years = await db
    .selectFrom('hotline_ticket')
    .select(sql<string>`substr(received_at, 1, 4)`.as('year'))
    .distinct()
    .execute();
  const last = await db
    .selectFrom('hotline_ticket')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .executeTakeFirst();
  return {
    years: years.map((y) => Number(y.year)).sort((a, b) => b - a),
    lastImportAt: (last?.at as string | null | undefined) ?? null,
  };
}

export async function total(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('hotline_ticket')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findByNumber(db: Executor, ticketNumber: string) {
  return db
    .selectFrom('hotline_ticket')
    .selectAll()
    .where('ticket_number', '=', ticketNumber)
    .executeTakeFirst();
}

export async function setRequest(db: Executor, id: string, requestId: string, at: string): Promise<void> {
  await db
    .updateTable('hotline_ticket')
    .set({ request_id: requestId, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function byRequest(db: Executor, requestId: string) {
  return db
    .selectFrom('hotline_ticket')
    .select(['ticket_number'])
    .where('request_id', '=', requestId)
    .execute();
}

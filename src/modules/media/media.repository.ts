import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../agencies/index.js';
import type {
  MediaAccountTable,
  MediaActivityTable,
  MediaEventTable,
  MediaFindingTable,
} from './media.tables.js';

export type AccountRow = MediaAccountTable & { agency_name: string; agency_path: string };

function accounts(db: Executor) {
  return db
    .selectFrom('media_account as m')
    .selectAll('m')
    .select([
      agencyField('m.agency_id', 'name').as('agency_name'),
      agencyField('m.agency_id', 'path').as('agency_path'),
    ]);
}

export async function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return accounts(db).where('m.id', '=', id).executeTakeFirst();
}

/**
 * Accounts within these subtrees ('/' for all), in tree order then platform and name; `statuses`
 * narrows them (the public matrix: open only).
 */
export async function listAccounts(
  db: Executor,
  paths: readonly string[],
  statuses?: readonly string[],
): Promise<AccountRow[]> {
  let q = accounts(db).where(withinSubtrees('m.agency_id', paths));
  if (statuses) q = q.where('m.status', 'in', statuses);
  return q.orderBy(agencyField('m.agency_id', 'path')).orderBy('m.platform').orderBy('m.name').execute();
}

/** The account of this agency in this platform group that is not 注销, other than `exceptId`. */
export async function liveInGroup(
  db: Executor,
  agencyId: string,
  group: string,
  exceptId: string | null,
): Promise<MediaAccountTable | undefined> {
  let q = db
    .selectFrom('media_account')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('platform_group', '=', group)
    .where('status', '<>', 'closed');
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertAccount(db: Executor, row: MediaAccountTable): Promise<void> {
  await db.insertInto('media_account').values(row).execute();
}

export async function updateAccount(
  db: Executor,
  id: string,
  fields: Partial<Omit<MediaAccountTable, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('media_account').set(fields).where('id', '=', id).execute();
}

export async function insertEvent(db: Executor, row: MediaEventTable): Promise<void> {
  await db.insertInto('media_event').values(row).execute();
}

export async function eventsOf(db: Executor, accountId: string): Promise<MediaEventTable[]> {
  return db
    .selectFrom('media_event')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('occurred_on')
    .orderBy('created_at')
    .execute();
}

export async function findActivity(
  db: Executor,
  accountId: string,
  period: string,
  start: string,
): Promise<MediaActivityTable | undefined> {
  return db
    .selectFrom('media_activity')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('period', '=', period)
    .where('period_start', '=', start)
    .executeTakeFirst();
}

export async function insertActivity(db: Executor, rows: readonly MediaActivityTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('media_activity')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function updateActivity(
  db: Executor,
  id: string,
  fields: Partial<Omit<MediaActivityTable, 'id' | 'created_at' | 'account_id' | 'agency_id'>>,
): Promise<void> {
  await db.updateTable('media_activity').set(fields).where('id', '=', id).execute();
}

/**
 * The last post the account's activity tells: the latest 最近发布日期 given, or the latest day with
 * posts (a month without a date tells nothing: the import and the form require one).
 */
export async function lastPostFromActivity(db: Executor, accountId: string): Promise<string | null> {
  const given = await db
    .selectFrom('media_activity')
    .select((eb) => eb.fn.max('last_post_on').as('on'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const day = await db
    .selectFrom('media_activity')
    .select((eb) => eb.fn.max('period_start').as('on'))
    .where('account_id', '=', accountId)
    .where('period', '=', 'day')
    .where('posts', '>', 0)
    .executeTakeFirst();
  const dates = [given?.on, day?.on].filter((d): d is string => typeof d === 'string' && d !== '');
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}

export async function activityOf(
  db: Executor,
  accountId: string,
  limit: number,
): Promise<MediaActivityTable[]> {
  return db
    .selectFrom('media_activity')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('period_start', 'desc')
    .orderBy('period')
    .limit(limit)
    .execute();
}

/** Activity of periods starting on or after `from` and before `to` (YYYY-MM-DD), of these accounts. */
export async function activityBetween(
  db: Executor,
  accountIds: readonly string[],
  from: string,
  to: string,
): Promise<MediaActivityTable[]> {
  const out: MediaActivityTable[] = [];
  for (let i = 0; i < accountIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('media_activity')
        .selectAll()
        .where('account_id', 'in', accountIds.slice(i, i + 500))
        .where('period_start', '>=', from)
        .where('period_start', '<', to)
        .orderBy('period_start')
        .execute()),
    );
  return out;
}

/** Replaces the findings of a day's check (the check may run again the same day). */
export async function replaceFindings(
  db: Executor,
  checkedOn: string,
  rows: readonly MediaFindingTable[],
): Promise<void> {
  await db.deleteFrom('media_finding').where('checked_on', '=', checkedOn).execute();
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('media_finding')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** The veto and warning findings of these accounts checked in [from, to). */
export async function freshnessFindings(
  db: Executor,
  accountIds: readonly string[],
  from: string,
  to: string,
): Promise<Array<Pick<MediaFindingTable, 'account_id' | 'kind' | 'checked_on'>>> {
  const out: Array<Pick<MediaFindingTable, 'account_id' | 'kind' | 'checked_on'>> = [];
  for (let i = 0; i < accountIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('media_finding')
        .select(['account_id', 'kind', 'checked_on'])
        .where('account_id', 'in', accountIds.slice(i, i + 500))
        .where('kind', 'in', ['veto', 'warning'])
        .where('checked_on', '>=', from)
        .where('checked_on', '<', to)
        .execute()),
    );
  return out;
}

/** The day of the last check, and how many findings it made. */
export async function lastCheck(db: Executor): Promise<{ on: string; findings: number } | null> {
  const last = await db
    .selectFrom('media_finding')
    .select((eb) => eb.fn.max('checked_on').as('on'))
    .executeTakeFirst();
  const on = (last?.on as string | null | undefined) ?? null;
  if (!on) return null;
  const n = await db
    .selectFrom('media_finding')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('checked_on', '=', on)
    .executeTakeFirstOrThrow();
  return { on, findings: Number(n.n) };
}

/** Days an account was found 单项否决 by the daily check in [from, to]. */
export async function vetoDays(db: Executor, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('media_finding')
    .select(['account_id', (eb) => eb.fn.countAll().as('n')])
    .where('kind', '=', 'veto')
    .where('checked_on', '>=', from)
    .where('checked_on', '<=', to)
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, Number(r.n)]));
}

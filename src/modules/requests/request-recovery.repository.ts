import type { Executor } from '../../platform/db/database.js';
import type { ContactChannel } from './request-contact.js';
import type { RequestOutboxTable, RequestRecoveryTable } from './request.tables.js';

/** The SQL of 找回受理编号: cases by their contact's blind index, 找回码, the counter, the outbox. */

/** What a message about a case needs of it; the contact still encrypted. */
export interface ContactCase {
  id: string;
  agency_id: string;
  acceptance_number: string;
  received_on: string;
  applicant_name: string;
  phone_enc: string;
  email: string | null;
}

/** The cases whose contact has this blind index, newest first. */
export async function casesByContact(
  db: Executor,
  channel: ContactChannel,
  index: string,
  limit: number,
): Promise<ContactCase[]> {
  return db
    .selectFrom('request')
    .select(['id', 'agency_id', 'acceptance_number', 'received_on', 'applicant_name', 'phone_enc', 'email'])
    .where(channel === 'sms' ? 'phone_index' : 'email_index', '=', index)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function contactCase(db: Executor, id: string): Promise<ContactCase | undefined> {
  return db
    .selectFrom('request')
    .select(['id', 'agency_id', 'acceptance_number', 'received_on', 'applicant_name', 'phone_enc', 'email'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Cases not yet given their contact's blind indexes (stored before 0023, or restored), by id. */
export async function unindexedContacts(
  db: Executor,
  afterId: string,
  limit: number,
): Promise<Array<{ id: string; phone_enc: string; email: string | null }>> {
  return db
    .selectFrom('request')
    .select(['id', 'phone_enc', 'email'])
    .where('phone_index', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function setContactIndexes(
  db: Executor,
  id: string,
  values: { phone_index: string; email_index: string | null; email: string | null },
): Promise<void> {
  await db.updateTable('request').set(values).where('id', '=', id).execute();
}

export async function setLookupHash(db: Executor, id: string, lookupHash: string): Promise<void> {
  await db.updateTable('request').set({ lookup_hash: lookupHash }).where('id', '=', id).execute();
}

/**
 * Counts one request for a 找回码 to the contact on the day and returns the day's count so far.
 * The row lock of the UPDATE serialises concurrent requests (PostgreSQL); SQLite has one writer.
 */
export async function countRecoveryAttempt(db: Executor, contactIndex: string, day: string): Promise<number> {
  await db
    .insertInto('request_recovery_count')
    .values({ contact_index: contactIndex, day, attempts: 0 })
    .onConflict((oc) => oc.columns(['contact_index', 'day']).doNothing())
    .execute();
  const r = await db
    .updateTable('request_recovery_count')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('contact_index', '=', contactIndex)
    .where('day', '=', day)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return Number(r.attempts);
}

export async function recoveryOfJob(db: Executor, jobId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('request_recovery')
    .select('id')
    .where('job_id', '=', jobId)
    .executeTakeFirst());
}

export async function insertRecovery(db: Executor, row: RequestRecoveryTable): Promise<void> {
  await db.insertInto('request_recovery').values(row).execute();
}

/** The unused, unexpired 找回码 with this blind index. */
export async function openRecovery(
  db: Executor,
  codeHash: string,
  now: string,
): Promise<RequestRecoveryTable | undefined> {
  return db
    .selectFrom('request_recovery')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the code used; false when another request used it first. */
export async function useRecovery(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('request_recovery')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertOutbox(db: Executor, row: RequestOutboxTable): Promise<void> {
  await db.insertInto('request_outbox').values(row).execute();
}

/** Messages waiting for the gateway that are still worth sending. */
export async function queuedOutboxCount(db: Executor, now: string): Promise<number> {
  const r = await db
    .selectFrom('request_outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('taken_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Takes every queued message still worth sending, at once: two takers never get the same one. */
export async function takeOutbox(db: Executor, now: string): Promise<RequestOutboxTable[]> {
  const rows = await db
    .updateTable('request_outbox')
    .set({ taken_at: now })
    .where('taken_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** Forgets expired codes and messages (their code no longer opens anything) and past days' counts. */
export async function pruneRecovery(db: Executor, now: string, today: string): Promise<void> {
  await db.deleteFrom('request_recovery').where('expires_at', '<=', now).execute();
  await db.deleteFrom('request_outbox').where('expires_at', '<=', now).execute();
  await db.deleteFrom('request_recovery_count').where('day', '<', today).execute();
}

import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type {
  PushCategoryTable,
  PushConsentTable,
  PushDeliveryTable,
  PushFollowTable,
  PushOutboxTable,
  PushRuleTable,
  PushStateTable,
  PushSubscriberTable,
} from './push.tables.js';

// All of the push module's SQL.

export type SubscriberRow = Selectable<PushSubscriberTable>;
export type DeliveryRow = Selectable<PushDeliveryTable>;
export type RuleRow = Selectable<PushRuleTable>;
export type CategoryRow = Selectable<PushCategoryTable>;
export type FollowRow = Selectable<PushFollowTable>;
export type ConsentRow = Selectable<PushConsentTable>;

export async function state(db: Executor): Promise<PushStateTable> {
  return db.selectFrom('push_state').selectAll().where('id', '=', 'push').executeTakeFirstOrThrow();
}

/**
 * The next version (and, for a new subscriber, the next number), under push_state's row lock:
 * concurrent changes of subscribers commit in version order.
 */
export async function bump(
  db: Executor,
  opts: { newSubscriber?: boolean; deletion?: boolean } = {},
): Promise<{ version: number; seq: number }> {
  const { rows } = await sql<{ version: number | string; last_seq: number | string }>`update push_state
    set version = version + 1,
        last_seq = last_seq + ${opts.newSubscriber ? 1 : 0},
        deletions = deletions + ${opts.deletion ? 1 : 0}
    where id = 'push' returning version, last_seq`.execute(db);
  return { version: Number(rows[0]!.version), seq: Number(rows[0]!.last_seq) };
}

export async function insertSubscriber(db: Executor, row: PushSubscriberTable): Promise<void> {
  await db.insertInto('push_subscriber').values(row).execute();
}

export async function updateSubscriber(
  db: Executor,
  id: string,
  set: Partial<PushSubscriberTable>,
): Promise<void> {
  await db.updateTable('push_subscriber').set(set).where('id', '=', id).execute();
}

export async function subscriber(db: Executor, id: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('push_subscriber').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function subscriberByEmailHash(db: Executor, hash: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('push_subscriber').selectAll().where('email_hash', '=', hash).executeTakeFirst();
}

/** Active, verified subscribers among these numbers (the index's matches, in one batch). */
export async function activeBySeq(db: Executor, seqs: readonly number[]): Promise<SubscriberRow[]> {
  if (seqs.length === 0) return [];
  return db
    .selectFrom('push_subscriber')
    .selectAll()
    .where('seq', 'in', [...seqs])
    .where('state', '=', 'active')
    .where('verified_at', 'is not', null)
    .execute();
}

export async function activeByIds(db: Executor, ids: readonly string[]): Promise<SubscriberRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('push_subscriber')
    .selectAll()
    .where('id', 'in', [...ids])
    .where('state', '=', 'active')
    .where('verified_at', 'is not', null)
    .execute();
}

/**
 * Rows for the matching index changed after `afterVersion`, in (version, seq) order from the
 * cursor `after` (exclusive), a page at a time: the (version, seq) index answers it, so a
 * catch-up after one change reads one row, not all of them.
 */
export async function indexRows(
  db: Executor,
  opts: { afterVersion: number; after: { version: number; seq: number }; limit: number },
): Promise<
  Array<
    Pick<
      SubscriberRow,
      | 'seq'
      | 'version'
      | 'kind'
      | 'state'
      | 'verified_at'
      | 'profiling'
      | 'industry'
      | 'scale'
      | 'region_id'
      | 'enterprise_tags_json'
      | 'identity_tags_enc'
      | 'birth_year'
    >
  >
> {
  return (
    db
      .selectFrom('push_subscriber')
      .select([
        'seq',
        'version',
        'kind',
        'state',
        'verified_at',
        'profiling',
        'industry',
        'scale',
        'region_id',
        'enterprise_tags_json',
        'identity_tags_enc',
        'birth_year',
      ])
      .where('version', '>', opts.afterVersion)
      // A row-value comparison: both engines walk the (version, seq) index from the cursor.
      .where(sql<boolean>`(version, seq) > (${opts.after.version}, ${opts.after.seq})`)
      .orderBy('version')
      .orderBy('seq')
      .limit(opts.limit)
      .execute()
  );
}

export async function deleteSubscriber(
  db: Executor,
  id: string,
  anonymous: string,
  emailHash: string,
): Promise<void> {
  // Deliveries stay for the figures under a random person: no link to the subscriber remains.
  await db
    .updateTable('push_delivery')
    .set({ subscriber_id: null, person: anonymous, reason_enc: '', last_error: null })
    .where('subscriber_id', '=', id)
    .execute();
  await db.deleteFrom('push_outbox').where('to_hash', '=', emailHash).execute();
  await db.deleteFrom('push_follow').where('subscriber_id', '=', id).execute();
  await db.deleteFrom('push_consent').where('subscriber_id', '=', id).execute();
  await db.deleteFrom('push_subscriber').where('id', '=', id).execute();
}

/** Subscriptions never confirmed, made before `before` (purged: an address nobody proved). */
export async function purgeUnconfirmed(db: Executor, before: string): Promise<number> {
  const ids = (
    await db
      .selectFrom('push_subscriber')
      .select('id')
      .where('verified_at', 'is', null)
      .where('created_at', '<', before)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('push_consent').where('subscriber_id', 'in', ids).execute();
  await db.deleteFrom('push_follow').where('subscriber_id', 'in', ids).execute();
  await db.deleteFrom('push_subscriber').where('id', 'in', ids).execute();
  return ids.length;
}

/** Outbox mail older than `before` (kept for a demo, not for ever). */
export async function pruneOutbox(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('push_outbox').where('created_at', '<', before).execute();
}

/** The state row, made anew (after a restore, or if missing): versions and numbers continue from the rows. */
export async function resetState(db: Executor, epoch: string): Promise<void> {
  const top = await db
    .selectFrom('push_subscriber')
    .select((eb) => [eb.fn.max('version').as('version'), eb.fn.max('seq').as('seq')])
    .executeTakeFirst();
  await db.deleteFrom('push_state').execute();
  await db
    .insertInto('push_state')
    .values({
      id: 'push',
      epoch,
      version: Number(top?.version ?? 0),
      last_seq: Number(top?.seq ?? 0),
      deletions: 0,
    })
    .execute();
}

export async function hasState(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('push_state').select('id').where('id', '=', 'push').executeTakeFirst());
}

export async function insertConsent(db: Executor, row: PushConsentTable): Promise<void> {
  await db.insertInto('push_consent').values(row).execute();
}

export async function consents(db: Executor, subscriberId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('push_consent')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('given_at')
    .execute();
}

export async function withdrawConsent(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('push_consent')
    .set({ withdrawn_at: at })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .execute();
}

export async function follows(db: Executor, subscriberId: string): Promise<FollowRow[]> {
  return db
    .selectFrom('push_follow')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at')
    .execute();
}

export async function insertFollow(db: Executor, row: PushFollowTable): Promise<boolean> {
  const r = await db
    .insertInto('push_follow')
    .values(row)
    .onConflict((oc) => oc.columns(['subscriber_id', 'kind', 'value']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteFollow(db: Executor, subscriberId: string, id: string): Promise<void> {
  await db.deleteFrom('push_follow').where('id', '=', id).where('subscriber_id', '=', subscriberId).execute();
}

/** Follows that a publication meets: its agency, its catalog items, its 主题分类, and every keyword. */
export async function followsMeeting(
  db: Executor,
  t: { agencyId: string; catalogItemIds: readonly string[]; subjectCategories: readonly string[] },
): Promise<FollowRow[]> {
  return db
    .selectFrom('push_follow')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('kind', '=', 'agency'), eb('value', '=', t.agencyId)]),
        ...(t.catalogItemIds.length
          ? [eb.and([eb('kind', '=', 'catalogItem'), eb('value', 'in', [...t.catalogItemIds])])]
          : []),
        ...(t.subjectCategories.length
          ? [eb.and([eb('kind', '=', 'subjectCategory'), eb('value', 'in', [...t.subjectCategories])])]
          : []),
        eb('kind', '=', 'keyword'),
      ]),
    )
    .execute();
}

export async function categories(db: Executor): Promise<CategoryRow[]> {
  return db.selectFrom('push_category').selectAll().orderBy('position').execute();
}

export async function insertCategory(db: Executor, row: PushCategoryTable): Promise<void> {
  await db.insertInto('push_category').values(row).execute();
}

export async function updateCategory(
  db: Executor,
  id: string,
  set: Partial<PushCategoryTable>,
): Promise<void> {
  await db.updateTable('push_category').set(set).where('id', '=', id).execute();
}

export async function rule(db: Executor, targetKind: string, targetId: string): Promise<RuleRow | undefined> {
  return db
    .selectFrom('push_rule')
    .selectAll()
    .where('target_kind', '=', targetKind)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
}

export async function rulesFor(db: Executor, targetKind: string, ids: readonly string[]): Promise<RuleRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('push_rule')
    .selectAll()
    .where('target_kind', '=', targetKind)
    .where('target_id', 'in', [...ids])
    .execute();
}

export async function upsertRule(db: Executor, row: PushRuleTable): Promise<void> {
  await db
    .insertInto('push_rule')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['target_kind', 'target_id']).doUpdateSet({
        category_id: row.category_id,
        rule_json: row.rule_json,
        description: row.description,
        created_by: row.created_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteRule(db: Executor, targetKind: string, targetId: string): Promise<void> {
  await db
    .deleteFrom('push_rule')
    .where('target_kind', '=', targetKind)
    .where('target_id', '=', targetId)
    .execute();
}

export async function recentRules(db: Executor, limit: number): Promise<RuleRow[]> {
  return db.selectFrom('push_rule').selectAll().orderBy('updated_at', 'desc').limit(limit).execute();
}

/**
 * Inserts deliveries; one that exists (same subscriber, policy, channel) is left alone. Returns
 * those inserted. In chunks, under both engines' limits on bound parameters.
 */
export async function insertDeliveries(db: Executor, rows: readonly PushDeliveryTable[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('push_delivery')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['subscriber_id', 'target_kind', 'target_id', 'channel']).doNothing())
      .returning('id')
      .execute();
    out.push(...inserted.map((r) => r.id));
  }
  return out;
}

export async function delivery(db: Executor, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('push_delivery').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes a delivery to send: only one caller gets it (queued or failed → sending), or one a
 * worker took more than ten minutes ago and never finished (it died).
 */
export async function claimDelivery(
  db: Executor,
  id: string,
  now: string,
  staleBefore: string,
): Promise<DeliveryRow | undefined> {
  return db
    .updateTable('push_delivery')
    .set((eb) => ({ state: 'sending', claimed_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('digest', '=', 0)
    .where((eb) =>
      eb.or([
        eb('state', 'in', ['queued', 'failed']),
        eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', staleBefore)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Takes a subscriber's waiting digest items (queued → sending), so two runs never mail them twice. */
export async function claimDigest(db: Executor, ids: readonly string[], now: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const r = await db
    .updateTable('push_delivery')
    .set({ state: 'sending', claimed_at: now })
    .where('id', 'in', [...ids])
    .where('state', '=', 'queued')
    .returning('id')
    .execute();
  return r.map((x) => x.id);
}

export async function setDelivery(db: Executor, id: string, set: Partial<PushDeliveryTable>): Promise<void> {
  await db.updateTable('push_delivery').set(set).where('id', '=', id).execute();
}

export async function markOpened(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('push_delivery')
    .set({ opened_at: at })
    .where('id', '=', id)
    .where('opened_at', 'is', null)
    .execute();
}

/** A subscriber's deliveries on a channel, newest first (the inbox, the feed). */
export async function deliveriesOf(
  db: Executor,
  subscriberId: string,
  opts: { channel?: string; limit: number },
): Promise<DeliveryRow[]> {
  let q = db.selectFrom('push_delivery').selectAll().where('subscriber_id', '=', subscriberId);
  if (opts.channel) q = q.where('channel', '=', opts.channel);
  return q.orderBy('matched_at', 'desc').limit(opts.limit).execute();
}

/** Digest e-mail deliveries waiting for their subscriber's next digest. */
export async function pendingDigests(db: Executor, subscriberId: string): Promise<DeliveryRow[]> {
  return db
    .selectFrom('push_delivery')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('channel', '=', 'email')
    .where('digest', '=', 1)
    .where('state', '=', 'queued')
    .orderBy('matched_at')
    .orderBy('id')
    .execute();
}

export async function subscribersWithDigests(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('push_delivery')
    .select('subscriber_id')
    .distinct()
    .where('channel', '=', 'email')
    .where('digest', '=', 1)
    .where('state', '=', 'queued')
    .where('subscriber_id', 'is not', null)
    .execute();
  return rows.map((r) => r.subscriber_id!);
}

export async function markDigestSent(db: Executor, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('push_delivery')
    .set({ state: 'sent', sent_at: at, digest: 0 })
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertOutbox(db: Executor, row: PushOutboxTable): Promise<void> {
  await db.insertInto('push_outbox').values(row).execute();
}

export async function outbox(db: Executor, limit: number): Promise<Array<Selectable<PushOutboxTable>>> {
  return db.selectFrom('push_outbox').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

/** Deliveries a worker took before `staleBefore` and never finished, and transient failures to retry. */
export async function stuckDeliveries(db: Executor, staleBefore: string): Promise<string[]> {
  const rows = await db
    .selectFrom('push_delivery')
    .select('id')
    .where('digest', '=', 0)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', staleBefore)]),
        eb.and([eb('state', '=', 'failed'), eb('attempts', '<', 5), eb('subscriber_id', 'is not', null)]),
      ]),
    )
    .limit(5000)
    .execute();
  return rows.map((r) => r.id);
}

/** A wrong code counted, on its own (the answer that follows must not roll it back). */
export async function countWrongCode(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('push_subscriber')
    .set((eb) => ({ verify_attempts: eb('verify_attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Uses a code once: clears it and applies `set`, only if it is still the code checked. */
export async function takeCode(
  db: Executor,
  id: string,
  codeHash: string,
  set: Partial<PushSubscriberTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('push_subscriber')
    .set({ ...set, verify_code_hash: null, verify_expires_at: null, verify_attempts: 0 })
    .where('id', '=', id)
    .where('verify_code_hash', '=', codeHash)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

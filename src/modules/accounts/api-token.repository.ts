import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../agencies/index.js';
import type { ApiTokenTable, StaffUserTable } from './account.tables.js';

export type ApiTokenRow = ApiTokenTable;

export async function findAccountById(db: Executor, id: string): Promise<StaffUserTable | undefined> {
  return db
    .selectFrom('staff_user')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', 'service')
    .executeTakeFirst();
}

export async function findAccountByName(db: Executor, name: string): Promise<StaffUserTable | undefined> {
  return db
    .selectFrom('staff_user')
    .selectAll()
    .where('display_name', '=', name)
    .where('kind', '=', 'service')
    .executeTakeFirst();
}

/** Service accounts of agencies within the subtrees, with how many tokens are live at `now`. */
export async function accountsWithin(db: Executor, paths: string[], now: string) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('staff_user')
    .select(['staff_user.id', 'staff_user.agency_id', 'staff_user.display_name'])
    .select(['staff_user.disabled_at', 'staff_user.created_at'])
    .select(agencyField<string>('staff_user.agency_id', 'name').as('agency_name'))
    .select((eb) =>
      eb
        .selectFrom('api_token')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('api_token.service_account_id', '=', 'staff_user.id')
        .where('api_token.revoked_at', 'is', null)
        .where('api_token.expires_at', '>', now)
        .as('live_tokens'),
    )
    .where('staff_user.kind', '=', 'service')
    .where(withinSubtrees('staff_user.agency_id', paths))
    .orderBy('staff_user.display_name')
    .execute();
}

export async function insertToken(db: Executor, row: ApiTokenTable): Promise<void> {
  await db.insertInto('api_token').values(row).execute();
}

export async function findToken(db: Executor, id: string): Promise<ApiTokenTable | undefined> {
  return db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function tokensOf(db: Executor, accountId: string): Promise<ApiTokenTable[]> {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('service_account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** The token of a hash, with its account's name and state. */
export async function findByHash(db: Executor, hash: string) {
  return db
    .selectFrom('api_token')
    .innerJoin('staff_user', 'staff_user.id', 'api_token.service_account_id')
    .selectAll('api_token')
    .select([
      'staff_user.display_name as account_name',
      'staff_user.username as account_username',
      'staff_user.disabled_at as account_disabled_at',
    ])
    .where('api_token.token_hash', '=', hash)
    .where('staff_user.kind', '=', 'service')
    .executeTakeFirst();
}

export async function touch(db: Executor, id: string, at: string, ip: string | null): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: at, last_used_ip: ip })
    .where('id', '=', id)
    .execute();
}

export async function revoke(db: Executor, ids: string[], at: string, by: string | null): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('api_token')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', 'in', ids)
    .where('revoked_at', 'is', null)
    .execute();
}

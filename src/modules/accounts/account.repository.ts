import type { Role } from '../../platform/access.js';
import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../agencies/index.js';
import type { StaffNotificationTable, StaffSessionTable, StaffUserTable } from './account.tables.js';
import type { RoleAssignment, StaffUser } from './account.js';

export function toUser(r: StaffUserTable): StaffUser {
  return {
    id: r.id,
    agencyId: r.agency_id,
    username: r.username,
    displayName: r.display_name,
    mustChangePassword: r.must_change_password === 1,
    failedLoginCount: r.failed_login_count,
    lockedUntil: r.locked_until,
    disabledAt: r.disabled_at,
    lastLoginAt: r.last_login_at,
    passwordChangedAt: r.password_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findById(db: Executor, id: string): Promise<StaffUserTable | undefined> {
  return db.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByUsername(db: Executor, username: string): Promise<StaffUserTable | undefined> {
  return db
    .selectFrom('staff_user')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function insert(db: Executor, row: StaffUserTable): Promise<void> {
  await db.insertInto('staff_user').values(row).execute();
}

export async function patch(
  db: Executor,
  id: string,
  set: Partial<Omit<StaffUserTable, 'id'>>,
): Promise<void> {
  await db.updateTable('staff_user').set(set).where('id', '=', id).execute();
}

/**
 * Reserves one password attempt, atomically: refused (0 rows) while the account is locked or
 * `max` attempts are already counted, so parallel guesses cannot outrun the lock.
 */
export async function reserveAttempt(db: Executor, id: string, now: string, max: number): Promise<boolean> {
  const r = await db
    .updateTable('staff_user')
    .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .where('failed_login_count', '<', max)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Locks the account until `until` if its attempts are used up; true when this call locked it. */
export async function lockIfExhausted(
  db: Executor,
  id: string,
  max: number,
  until: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('staff_user')
    .set({ locked_until: until, failed_login_count: 0, updated_at: now })
    .where('id', '=', id)
    .where('failed_login_count', '>=', max)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Clears the attempts after a right password, unless the account got locked meanwhile. */
export async function completeLogin(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('staff_user')
    .set({ failed_login_count: 0, locked_until: null, last_login_at: now, updated_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface UserListRow extends StaffUserTable {
  agency_name: string;
  agency_path: string;
}

/** Accounts of agencies within the subtrees, in tree order (an agency's depth, then its place). */
export async function listWithin(db: Executor, paths: string[]): Promise<UserListRow[]> {
  if (paths.length === 0) return [];
  return (
    db
      .selectFrom('staff_user')
      .selectAll('staff_user')
      .select([
        agencyField('staff_user.agency_id', 'name').as('agency_name'),
        agencyField('staff_user.agency_id', 'path').as('agency_path'),
      ])
      .where(withinSubtrees('staff_user.agency_id', paths))
      // Service accounts have a page of their own (service-account.routes.tsx).
      .where('staff_user.kind', '=', 'person')
      .orderBy(agencyField<number>('staff_user.agency_id', 'depth'))
      .orderBy(agencyField<number>('staff_user.agency_id', 'sort_order'))
      .orderBy('staff_user.username')
      .execute()
  );
}

export async function grantsOf(
  db: Executor,
  userId: string,
): Promise<Array<RoleAssignment & { agencyPath: string; agencyName: string }>> {
  const rows = await db
    .selectFrom('role_assignment')
    .select([
      'role_assignment.id',
      'role_assignment.user_id',
      'role_assignment.role',
      'role_assignment.agency_id',
      agencyField('role_assignment.agency_id', 'path').as('path'),
      agencyField('role_assignment.agency_id', 'name').as('name'),
    ])
    .where('role_assignment.user_id', '=', userId)
    .orderBy(agencyField<number>('role_assignment.agency_id', 'depth'))
    .orderBy('role_assignment.role')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    role: r.role as Role,
    agencyId: r.agency_id,
    agencyPath: r.path,
    agencyName: r.name,
  }));
}

export async function insertGrant(
  db: Executor,
  row: { id: string; user_id: string; role: Role; agency_id: string; created_at: string },
): Promise<void> {
  await db.insertInto('role_assignment').values(row).execute();
}

export async function findGrant(db: Executor, id: string) {
  return db.selectFrom('role_assignment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteGrant(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_assignment').where('id', '=', id).execute();
}

// Sessions

export async function insertSession(db: Executor, row: StaffSessionTable): Promise<void> {
  await db.insertInto('staff_session').values(row).execute();
}

export async function findSession(db: Executor, id: string): Promise<StaffSessionTable | undefined> {
  return db.selectFrom('staff_session').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('staff_session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function revokeSession(db: Executor, id: string, at: string, by: string | null): Promise<void> {
  await db
    .updateTable('staff_session')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeSessionsOf(
  db: Executor,
  userId: string,
  at: string,
  by: string | null,
  except?: string,
): Promise<void> {
  let q = db
    .updateTable('staff_session')
    .set({ revoked_at: at, revoked_by: by })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  await q.execute();
}

export interface SessionListRow extends StaffSessionTable {
  username: string;
  display_name: string;
  agency_name: string;
  agency_path: string;
}

/** Sessions not revoked and not past their absolute expiry; idle ones are filtered by the caller. */
export async function listLiveSessions(
  db: Executor,
  paths: string[],
  now: string,
): Promise<SessionListRow[]> {
  if (paths.length === 0) return [];
  return db
    .selectFrom('staff_session')
    .innerJoin('staff_user', 'staff_user.id', 'staff_session.user_id')
    .selectAll('staff_session')
    .select([
      'staff_user.username',
      'staff_user.display_name',
      agencyField('staff_user.agency_id', 'name').as('agency_name'),
      agencyField('staff_user.agency_id', 'path').as('agency_path'),
    ])
    .where('staff_session.revoked_at', 'is', null)
    .where('staff_session.expires_at', '>', now)
    .where(withinSubtrees('staff_user.agency_id', paths))
    .orderBy('staff_session.last_seen_at', 'desc')
    .execute();
}

// Notices on the 工作台

/** Adds a notice unless the same one (subject, kind, day) exists; true when it was added. */
export async function insertNotice(db: Executor, row: StaffNotificationTable): Promise<boolean> {
  const r = await db
    .insertInto('staff_notification')
    .values(row)
    .onConflict((oc) => oc.columns(['subject_id', 'kind', 'day']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Unread notices addressed to the user, or to no one in an agency within `agencyPaths`. */
export async function unreadNotices(
  db: Executor,
  userId: string,
  agencyPaths: string[],
): Promise<StaffNotificationTable[]> {
  return db
    .selectFrom('staff_notification')
    .selectAll('staff_notification')
    .where('staff_notification.read_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('staff_notification.user_id', '=', userId),
        ...(agencyPaths.length
          ? [
              eb.and([
                eb('staff_notification.user_id', 'is', null),
                withinSubtrees('staff_notification.agency_id', agencyPaths),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('staff_notification.day', 'desc')
    .limit(50)
    .execute();
}

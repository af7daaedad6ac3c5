import type { Ctx } from './context.js';
import type { Executor } from './db/database.js';
import { newId } from './ids.js';

/**
 * The version of what anonymous visitors see. A write that changes a public page (a publication,
 * a withdrawal, a 有效性 change, a published annual report, an agency renamed …) replaces the
 * stamp in the transaction of the change — the modules name those writes by their audit actions
 * (GongkaiModule.publicPageActions), and recordAudit touches the stamp for them. Every process's
 * page cache (http/page-cache.ts) compares the stamp with the one its pages were rendered under,
 * so a page cached in one process goes stale when another process publishes.
 *
 * A stamp is a fresh UUIDv7, never a counter: after a restore it cannot come back to a value some
 * process cached pages under.
 */

const listeners = new Set<() => void>();
/** Transactions that already touched the stamp: an import of a thousand records writes it once. */
const touched = new WeakSet<object>();

/** Called when this process changes the stamp (before the commit); returns the unsubscribe. */
export function onPublicPagesTouched(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Marks every public page stale, in the caller's transaction. */
export async function touchPublicPages(ctx: Ctx): Promise<void> {
  if (touched.has(ctx.db)) return;
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('page_version')
    .values({ id: 1, stamp: newId(), changed_at: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        stamp: eb.ref('excluded.stamp'),
        changed_at: eb.ref('excluded.changed_at'),
      })),
    )
    .execute();
  if (ctx.db.isTransaction) touched.add(ctx.db);
  for (const listener of listeners) listener();
}

/** The current stamp ('' before any public change was recorded). */
export async function readPageVersion(db: Executor): Promise<string> {
  const row = await db.selectFrom('page_version').select('stamp').where('id', '=', 1).executeTakeFirst();
  return row?.stamp ?? '';
}

import type { Actor } from './access.js';
import type { Clock } from './clock.js';
import type { FieldCipher } from './crypto.js';
import type { Executor } from './db/database.js';
import type { Installation } from './module.js';

/**
 * What every service call receives first: who acts, from where, on which database or
 * transaction, and what time it is.
 */
export interface Ctx {
  actor: Actor;
  clock: Clock;
  db: Executor;
  ip: string | null;
  /** Encrypts and decrypts personal data at rest (GONGKAI_DATA_KEY). */
  cipher: FieldCipher;
  /** The installed modules: event handlers, capabilities, extension points (platform/module.ts). */
  modules: Installation;
}

/** Runs `fn` in a transaction, reusing the caller's when there is one. */
export async function inTransaction<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((tx) => fn({ ...ctx, db: tx }));
}

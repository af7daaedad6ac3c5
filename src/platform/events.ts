import type { Ctx } from './context.js';

/**
 * Domain events, delivered synchronously inside the transaction of the change that raised them:
 * a module that must react to another's change (a new holiday notice moves open deadlines)
 * handles the event in its manifest (`on`), and the two stay independent of each other's
 * internals. Work that leaves the database (mail, push, crawling, PDF) is not done in a handler:
 * the handler enqueues a job (platform/jobs), which runs after the transaction commits.
 *
 * The module that emits an event declares it, by declaration merging:
 *
 *   declare module '../../platform/events.js' {
 *     interface DomainEvents { 'record.published': { recordId: string; … } }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export async function emit<K extends keyof DomainEvents>(
  ctx: Ctx,
  name: K,
  payload: DomainEvents[K],
): Promise<void> {
  if (!ctx.db.isTransaction) throw new Error('events are emitted inside the transaction of the change');
  for (const h of ctx.modules.handlersOf(name)) await h(ctx, payload);
}

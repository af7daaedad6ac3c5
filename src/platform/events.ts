import type { Ctx } from './context.js';

/**
 * Domain events, delivered synchronously inside the transaction of the change that raised them:
 * a module that must react to another's change (a new holiday notice moves open deadlines)
 * registers a handler, and the two stay independent of each other's internals.
 */
export interface DomainEvents {
  /** A year's holiday arrangement was entered or corrected; `previous` is the calendar before. */
  'calendar.changed': { years: number[]; previous: unknown };
  /** A record went out on the portal, filed under these catalog items by its drafter. */
  'record.published': { recordId: string; agencyId: string; catalogItemIds: string[] };
}

type Handler<K extends keyof DomainEvents> = (ctx: Ctx, payload: DomainEvents[K]) => Promise<void>;
type AnyHandler = (ctx: Ctx, payload: unknown) => Promise<void>;
const handlers = new Map<keyof DomainEvents, AnyHandler[]>();

export function onEvent<K extends keyof DomainEvents>(name: K, handler: Handler<K>): void {
  handlers.set(name, [...(handlers.get(name) ?? []), handler as AnyHandler]);
}

export async function emit<K extends keyof DomainEvents>(
  ctx: Ctx,
  name: K,
  payload: DomainEvents[K],
): Promise<void> {
  if (!ctx.db.isTransaction) throw new Error('events are emitted inside the transaction of the change');
  for (const h of handlers.get(name) ?? []) await h(ctx, payload);
}

import { createHash, type Hash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Installation } from '../module.js';
import { sendApiError } from './api-auth.js';
import { apiSettings } from './api.settings.js';

/**
 * `Idempotency-Key` on every POST of the API (the IETF httpapi draft's header): a system that
 * sends the same request again after a timeout gets the first answer again, marked
 * `Idempotent-Replayed: true`, and no second record or case is made. The key is the caller's
 * own (a token's, a signed-in person's, or an anonymous address's): two callers never share one.
 * The first request reserves its key in the database before it runs (one insert that only one
 * of two concurrent requests wins, on any number of servers); the other gets 409 until the
 * first has its answer. The same key on another request (other body or address) is refused with
 * 422. Answers of 500 and above are forgotten, so a retry runs again.
 */

const KEY = /^[\x21-\x7e]{1,255}$/;
const PURGE_EVERY_MS = 60_000;
/** A first request still without an answer after this long is taken as lost (its server stopped). */
const ABANDONED_AFTER_MS = 5 * 60_000;

/** Feeds a request body into a hash in a stable form: uploaded files by their bytes. */
function feed(h: Hash, v: unknown): void {
  if (v === null || v === undefined) return void h.update('∅');
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return void h.update('b').update(v);
  if (Array.isArray(v)) {
    h.update('[');
    for (const x of v) {
      feed(h, x);
      h.update(',');
    }
    return void h.update(']');
  }
  if (typeof v === 'object') {
    h.update('{');
    for (const k of Object.keys(v).sort()) {
      h.update(JSON.stringify(k)).update(':');
      feed(h, (v as Record<string, unknown>)[k]);
      h.update(',');
    }
    return void h.update('}');
  }
  h.update(typeof v).update(String(v));
}

function requestHash(req: FastifyRequest): string {
  const h = createHash('sha256').update(req.method).update(' ').update(req.url).update('\n');
  feed(h, req.body);
  return h.digest('hex');
}

function callerOf(req: FastifyRequest): string {
  if (req.auth?.token) return `token:${req.auth.token.id}`;
  if (req.auth) return `user:${req.auth.user.id}`;
  return `ip:${req.ip}`;
}

export function registerIdempotency(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; modules: Installation },
): void {
  const { idempotencyHours } = deps.modules.settingsOf(apiSettings);
  const reserved = new WeakMap<FastifyRequest, string>();
  let purgedAt = 0;

  const purge = async (now: Date) => {
    if (now.getTime() - purgedAt < PURGE_EVERY_MS) return;
    purgedAt = now.getTime();
    await deps.db.deleteFrom('idempotency_key').where('expires_at', '<=', now.toISOString()).execute();
  };

  const reserve = async (id: string, hash: string, now: Date) => {
    const r = await deps.db
      .insertInto('idempotency_key')
      .values({
        id,
        request_hash: hash,
        status: null,
        content_type: null,
        body: null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + idempotencyHours * 3_600_000).toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  };

  // After the token gate (its preHandler is registered first): a refused token reserves nothing.
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || !req.url.startsWith('/api/') || reply.sent) return;
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? '' : raw.trim();
    if (!KEY.test(key))
      return sendApiError(
        reply,
        400,
        'invalid_idempotency_key',
        '请求头 Idempotency-Key 应为 1 至 255 个可见 ASCII 字符（例如一个 UUID）',
      );
    const now = deps.clock.now();
    await purge(now);
    const id = createHash('sha256').update(callerOf(req)).update('\n').update(key).digest('hex');
    const hash = requestHash(req);
    if (await reserve(id, hash, now)) return void reserved.set(req, id);
    const first = await deps.db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    // An expired key, or a first request that never finished (its server stopped): start again.
    const abandoned = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
    if (
      first &&
      (first.expires_at <= now.toISOString() || (first.status === null && first.created_at <= abandoned))
    ) {
      await deps.db.deleteFrom('idempotency_key').where('id', '=', id).execute();
      if (await reserve(id, hash, now)) return void reserved.set(req, id);
    }
    if (!first || first.status === null)
      return sendApiError(
        reply.header('retry-after', 1),
        409,
        'idempotency_in_progress',
        '使用同一 Idempotency-Key 的请求正在处理，请稍后再试',
      );
    if (first.request_hash !== hash)
      return sendApiError(
        reply,
        422,
        'idempotency_key_reused',
        'Idempotency-Key 已用于另一个请求（地址或内容不同），新请求请使用新的键',
      );
    return reply
      .status(first.status)
      .header('idempotent-replayed', 'true')
      .header('cache-control', 'no-store')
      .type(first.content_type ?? 'application/json; charset=utf-8')
      .send(first.body ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const id = reserved.get(req);
    if (!id) return payload;
    reserved.delete(req);
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString() : null;
    if (reply.statusCode >= 500 || body === null) {
      await deps.db.deleteFrom('idempotency_key').where('id', '=', id).execute();
      return payload;
    }
    const type = reply.getHeader('content-type');
    await deps.db
      .updateTable('idempotency_key')
      .set({ status: reply.statusCode, body, content_type: typeof type === 'string' ? type : null })
      .where('id', '=', id)
      .execute();
    return payload;
  });
}

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { describeEachEngine, freshDatabaseUrl, testInstallation } from '../../../test/harness/engines.js';
import { FixedClock } from '../clock.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../db/database.js';
import { databaseRateLimitStore } from './rate-limit-store.js';

/**
 * Two application servers on one database (each with its own connection, as two processes have)
 * meet one limit: the counts live in `rate_limit_counter`, not in either server's memory.
 */
describeEachEngine('rate limits counted in the database', (engine) => {
  const clock = new FixedClock('2026-03-02T01:00:00Z');
  const handles: DatabaseHandle[] = [];
  const servers: FastifyInstance[] = [];
  let cleanup: () => Promise<void>;

  async function server(handle: DatabaseHandle): Promise<FastifyInstance> {
    const app = Fastify({ logger: false });
    await app.register(rateLimit, { global: false, store: databaseRateLimitStore(handle.db, clock) });
    const limited = { config: { rateLimit: { max: 3, timeWindow: '1 minute' } } };
    app.post('/login', limited, async () => 'ok');
    app.post('/apply', limited, async () => 'ok');
    await app.ready();
    servers.push(app);
    return app;
  }

  before(async () => {
    const fresh = freshDatabaseUrl(engine);
    cleanup = fresh.cleanup;
    for (let i = 0; i < 2; i++) handles.push(await openDatabase(fresh.url));
    await migrateToLatest(handles[0]!.db, testInstallation.migrations);
  });

  after(async () => {
    for (const s of servers) await s.close();
    for (const h of handles) await h.close();
    await cleanup();
  });

  it('counts a client’s requests across two servers, per route, and starts again after the window', async () => {
    const [a, b] = [await server(handles[0]!), await server(handles[1]!)];
    const post = (app: FastifyInstance, url: string, ip = '203.0.113.7') =>
      app.inject({ method: 'POST', url, remoteAddress: ip }).then((r) => r.statusCode);

    // Alternating between the servers: 3 allowed in all, not 3 on each.
    assert.deepEqual(
      [await post(a, '/login'), await post(b, '/login'), await post(a, '/login')],
      [200, 200, 200],
    );
    assert.equal(await post(b, '/login'), 429);
    assert.equal(await post(a, '/login'), 429);
    // Another route and another client have counts of their own.
    assert.equal(await post(b, '/apply'), 200);
    assert.equal(await post(a, '/login', '198.51.100.2'), 200);

    // A minute later the window has ended: the client may try again, on either server.
    clock.advance(60_001);
    assert.equal(await post(b, '/login'), 200);
    assert.equal(await post(a, '/login'), 200);
    const row = await handles[0]!.db
      .selectFrom('rate_limit_counter')
      .selectAll()
      .where('key', '=', 'POST /login|203.0.113.7')
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.hits), 2);
    assert.equal(row.window_ends_at, new Date(clock.now().getTime() + 60_000).toISOString());
  });

  it('says how long the client must wait, and deletes counts whose window has ended', async () => {
    const app = servers[0]!;
    const ip = '192.0.2.55';
    for (let i = 0; i < 3; i++) await app.inject({ method: 'POST', url: '/apply', remoteAddress: ip });
    clock.advance(20_000);
    const refused = await app.inject({ method: 'POST', url: '/apply', remoteAddress: ip });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], '40');

    clock.advance(3 * 60_000);
    await app.inject({ method: 'POST', url: '/apply', remoteAddress: '192.0.2.99' });
    const keys = (await handles[0]!.db.selectFrom('rate_limit_counter').select('key').execute()).map(
      (r) => r.key,
    );
    assert.deepEqual(keys, ['POST /apply|192.0.2.99']);
  });
});

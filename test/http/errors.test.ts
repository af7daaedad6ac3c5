import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createContainer, type Container } from '../../src/app/container.js';
import { buildWeb } from '../../src/app/web.js';
import { ANY_SCOPE } from '../../src/platform/http/api-auth.js';
import { createServer } from '../../src/platform/http/server.js';
import { freshDatabaseUrl } from '../harness/engines.js';

/** An unexpected failure answers with a Chinese 500 page that shows nothing of the failure. */
describe('server errors', () => {
  let app: FastifyInstance;
  let container: Container;
  let cleanup: () => Promise<void>;
  before(async () => {
    const db = freshDatabaseUrl('sqlite');
    cleanup = db.cleanup;
    container = await createContainer({
      env: {
        DATABASE_URL: db.url,
        GONGKAI_SECRET: 'errors-test-secret-errors-test-secret-01',
        LOG_LEVEL: 'silent',
      },
    });
    app = await buildWeb(container, { logger: false });
    app.get('/boom', async () => {
      throw new Error('SELECT password_hash FROM staff_user -- /work/main/src/secret.ts:12');
    });
    // Every /api/v1 route names a scope (the server refuses one without): any token may call this.
    app.get('/api/v1/boom', { config: { scope: ANY_SCOPE } }, async () => {
      throw new Error('SELECT password_hash FROM staff_user');
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await container.close();
    await cleanup();
  });

  it('as a page', async () => {
    const res = await app.inject({ method: 'GET', url: '/boom' });
    assert.equal(res.statusCode, 500);
    assert.match(res.body, /系统繁忙，请稍后再试/);
    assert.doesNotMatch(res.body, /SELECT|password_hash|secret\.ts|Error/);
  });

  it('in the API', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(JSON.parse(res.body), {
      error: { status: 500, code: 'internal_error', message: '系统繁忙，请稍后再试' },
    });
  });
});

/**
 * When the error page itself cannot be rendered (the page layout fails: its JSX runtime broken,
 * as when the server was once started from another folder, or the site's details cannot be read
 * from a database that is down), the answer is a fixed Chinese page, and still nothing of the
 * failure reaches the browser.
 */
describe('an error page that itself fails', () => {
  let app: FastifyInstance;
  let container: Container;
  let cleanup: () => Promise<void>;
  const internal = 'React is not defined';
  before(async () => {
    const db = freshDatabaseUrl('sqlite');
    cleanup = db.cleanup;
    container = await createContainer({
      env: {
        DATABASE_URL: db.url,
        GONGKAI_SECRET: 'errors-test-secret-errors-test-secret-01',
        LOG_LEVEL: 'silent',
      },
    });
    app = await createServer({
      config: container.config,
      db: container.database.db,
      clock: container.clock,
      secret: container.secret,
      cipher: container.cipher,
      modules: container.installation,
      logger: false,
      authenticate: container.installation.capabilities.authenticateStaff!,
      // Every page, the error pages included, renders the site's details into its layout.
      site: async () => {
        throw new ReferenceError(internal);
      },
    });
    app.get('/boom', async () => {
      throw new Error('SELECT password_hash FROM staff_user');
    });
    app.get('/page', async (_req, reply) => reply.page({ title: '页面' }, '内容'));
    // Every /api/v1 route names a scope (the server refuses one without): any token may call this.
    app.get('/api/v1/boom', { config: { scope: ANY_SCOPE } }, async () => {
      throw new Error('SELECT password_hash FROM staff_user');
    });
    await app.ready();
  });
  after(async () => {
    await app.close();
    await container.close();
    await cleanup();
  });

  for (const [what, url] of [
    ['a route that fails', '/boom'],
    ['a page whose layout fails', '/page'],
    ['a page not found', '/nowhere'],
  ] as const) {
    it(`${what}: a static Chinese page with status 500`, async () => {
      const res = await app.inject({ method: 'GET', url });
      assert.doesNotMatch(res.body, /React|not defined|SELECT|password_hash|Error|stack/);
      assert.equal(res.statusCode, 500);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.match(res.body, /^<!doctype html>/);
      assert.match(res.body, /<html lang="zh-CN">/);
      assert.match(res.body, /系统繁忙，请稍后再试/);
      assert.doesNotMatch(res.body, /React|not defined|SELECT|password_hash|Error|stack/);
    });
  }

  it('the API still answers JSON with the fixed message', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    assert.equal(res.statusCode, 500);
    assert.deepEqual(JSON.parse(res.body), {
      error: { status: 500, code: 'internal_error', message: '系统繁忙，请稍后再试' },
    });
  });
});

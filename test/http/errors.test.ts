import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createContainer, type Container } from '../../src/app/container.js';
import { buildWeb } from '../../src/app/web.js';
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
    app.get('/api/v1/boom', async () => {
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
    assert.deepEqual(JSON.parse(res.body), { error: { status: 500, message: '系统繁忙，请稍后再试' } });
  });
});

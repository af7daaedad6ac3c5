import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import * as services from '../../src/modules/accounts/service-account.service.js';
import { systemActor } from '../../src/platform/access.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';

// The OpenAPI document describes the API and only the API: it validates as OpenAPI 3.1, lists
// no page, names the scope of every operation and says it in Chinese and English; and the
// answers of the reads match the schemas it gives for them.

type Operation = {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  parameters?: Array<{ in: string; required?: boolean }>;
};

describeEachEngine('the OpenAPI document', (engine) => {
  let t: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
  before(async () => {
    t = await startTestApp(engine, { content: true, operations2020: true });
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  after(async () => t.close());

  it('validates as OpenAPI 3.1', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const result = await new Validator().validate(doc as never);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000));
  });

  it('lists the API and no page, and every operation names its scope in two languages', () => {
    const paths = Object.keys(doc.paths);
    assert.ok(paths.length >= 20, `${paths.length} paths`);
    for (const p of paths) assert.match(p, /^\/api\/v1\//, p);
    for (const route of ['/api/v1/me', '/api/v1/search', '/api/v1/open/action/package_search'])
      assert.ok(paths.includes(route), route);
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        const where = `${method.toUpperCase()} ${path}`;
        assert.match(
          op.summary ?? '',
          /[\u4e00-\u9fff].* · [A-Za-z]/,
          `${where}: summary in Chinese and English`,
        );
        const bearer = op.security?.find((s) => 'bearerAuth' in s)?.bearerAuth;
        assert.ok(bearer, `${where}: bearer security`);
        if (path === '/api/v1/me') assert.deepEqual(bearer, []);
        else assert.equal(bearer.length, 1, `${where}: one scope`);
        assert.ok(op.responses?.['4XX'], `${where}: error shape`);
      }
    }
    assert.ok(operations >= 25, `${operations} operations`);
  });

  it('gives each GET answer the shape its schema says', async () => {
    const ctx = t.container.ctx(systemActor('测试'));
    await services.addServiceAccount(ctx, { name: '省级平台', agency: '晋江市人民政府' });
    const { token } = await services.issueToken(ctx, '省级平台', {
      scopes: [...t.container.installation.apiScopes.keys()].join(','),
    });
    const ajv = new Ajv({ strict: false, validateFormats: false });
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op || path.includes('{')) continue;
      if (op.parameters?.some((p) => p.in === 'query' && p.required)) continue;
      const schema = op.responses?.['200']?.content?.['application/json']?.schema;
      if (!schema) continue;
      const res = await t.app.inject({
        method: 'GET',
        url: path,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.statusCode, 200, `${path}: ${res.body.slice(0, 300)}`);
      const validate = ajv.compile(schema as object);
      assert.ok(validate(res.json()), `${path}: ${JSON.stringify(validate.errors).slice(0, 600)}`);
      checked++;
    }
    assert.ok(checked >= 5, `${checked} reads checked`);
  });

  it('serves its documentation page from the platform itself', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /src="https?:\/\//, 'no script from another host');
    assert.doesNotMatch(page.body, /href="https?:\/\//, 'no stylesheet from another host');
    const scripts = [...page.body.matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1]!);
    assert.ok(scripts.length > 0);
    for (const s of scripts) {
      const url = s.startsWith('/') ? s : `/api/docs/${s.replace(/^\.\//, '')}`;
      assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 200, url);
    }
  });
});

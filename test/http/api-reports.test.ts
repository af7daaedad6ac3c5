import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { Ajv } from 'ajv';
import { systemActor } from '../../src/platform/access.js';
import { addServiceAccount, issueToken } from '../../src/modules/accounts/service-account.service.js';
import { annualReportJsonSchema, publishedReports } from '../../src/modules/annual-report/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';

// Published annual reports over the API (issue 19): the list, filtered by year and agency and
// paged by cursor, and each report's contract document (gongkai.annual-report/1), over the demo
// (the city's 2020 report published) and one report recorded for 磁灶镇 from the shared corpus.

interface Item {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  scope: string;
  source: string;
  format: string;
  publishedAt: string | null;
  contract: string;
}
interface Page {
  data: Item[];
  next: string | null;
}

describeEachEngine('API: published annual reports and their data', (engine) => {
  let t: TestApp;
  let token: string;
  let openToken: string;
  let city: { id: string };
  let cizao: { id: string };
  let recordedId: string;

  const get = (url: string, bearer = token) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
  const page = async (url: string) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, res.body);
    return JSON.parse(res.body) as Page;
  };

  before(async () => {
    t = await startTestApp(engine, { content: true, operations2020: true });
    const db = t.container.database.db;
    city = await db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '晋江市人民政府')
      .executeTakeFirstOrThrow();
    cizao = await db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '磁灶镇人民政府')
      .executeTakeFirstOrThrow();
    const ctx = t.container.ctx(systemActor('测试'));
    const checked = await publishedReports.check(ctx, {
      name: '2021-pingtan.md',
      bytes: readFileSync('test/fixtures/annual-report/corpus/reports/2021-pingtan.md'),
    });
    recordedId = (await publishedReports.attach(ctx, checked.id, { agencyId: cizao.id, year: 2021 })).id;
    await addServiceAccount(ctx, { name: '省级平台', agency: '晋江市人民政府' });
    token = (await issueToken(ctx, '省级平台', { scopes: ['reports:read'] })).token;
    openToken = (await issueToken(ctx, '省级平台', { scopes: ['open:read'] })).token;
  });
  after(async () => t.close());

  it('lists the published reports, newest year first, the platform’s and the recorded ones', async () => {
    const all = await page('/api/v1/annual-reports/published');
    assert.equal(all.next, null);
    const own = all.data.find((r) => r.agencyId === city.id && r.year === 2020);
    assert.ok(own, JSON.stringify(all.data));
    assert.equal(own.agencyName, '晋江市人民政府');
    assert.equal(own.source, 'platform');
    assert.match(own.publishedAt ?? '', /^2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    assert.equal(own.contract, `/api/v1/annual-reports/published/${own.id}`);
    const recorded = all.data.find((r) => r.id === recordedId);
    assert.deepEqual(
      recorded && { agencyId: recorded.agencyId, year: recorded.year, source: recorded.source },
      { agencyId: cizao.id, year: 2021, source: 'recorded' },
    );
    assert.equal(recorded?.publishedAt, null);
    const years = all.data.map((r) => r.year);
    assert.deepEqual(
      years,
      [...years].sort((a, b) => b - a),
    );

    const of2020 = await page('/api/v1/annual-reports/published?year=2020');
    assert.ok(of2020.data.length > 0);
    assert.ok(of2020.data.every((r) => r.year === 2020));
    assert.ok(!of2020.data.some((r) => r.id === recordedId));
    const ofCizao = await page(`/api/v1/annual-reports/published?agency=${cizao.id}`);
    assert.deepEqual(
      ofCizao.data.map((r) => r.id),
      all.data.filter((r) => r.agencyId === cizao.id).map((r) => r.id),
    );
    assert.ok(ofCizao.data.some((r) => r.id === recordedId));
  });

  it('pages the list by cursor, each report once', async () => {
    const all = (await page('/api/v1/annual-reports/published')).data.map((r) => r.id);
    assert.ok(all.length >= 2, 'the demo’s report and the recorded one');
    const seen: string[] = [];
    let url: string | null = '/api/v1/annual-reports/published?limit=1';
    while (url) {
      const p = await page(url);
      assert.ok(p.data.length <= 1);
      seen.push(...p.data.map((r) => r.id));
      url = p.next ? `/api/v1/annual-reports/published?limit=1&cursor=${encodeURIComponent(p.next)}` : null;
    }
    assert.deepEqual(seen, all);
    const bad = await get('/api/v1/annual-reports/published?cursor=not-ours');
    assert.equal(bad.statusCode, 400);
    assert.equal(JSON.parse(bad.body).error.fields[0].field, 'cursor');
    const year = await get('/api/v1/annual-reports/published?year=20x0');
    assert.equal(year.statusCode, 400);
    assert.equal(JSON.parse(year.body).error.fields[0].field, 'year');
  });

  it('gives a report’s contract document, valid against the contract’s JSON Schema', async () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(annualReportJsonSchema);
    const list = (await page('/api/v1/annual-reports/published')).data;
    const own = list.find((r) => r.agencyId === city.id && r.year === 2020)!;
    for (const item of [own, list.find((r) => r.id === recordedId)!]) {
      const res = await get(item.contract);
      assert.equal(res.statusCode, 200, res.body);
      const data = (JSON.parse(res.body) as { data: Record<string, unknown> }).data;
      assert.ok(validate(data), JSON.stringify(validate.errors?.slice(0, 3)));
      assert.equal(data.year, item.year);
      assert.equal(data.format, item.format);
      // The same document open data gives (which is the report's own JSON download).
      const open = await t.app.inject({ method: 'GET', url: `/api/v1/open/annual-reports/${item.id}.json` });
      assert.deepEqual(data, JSON.parse(open.body));
    }
    const own2020 = (JSON.parse((await get(own.contract)).body) as { data: { agency: string } }).data;
    assert.equal(own2020.agency, '晋江市人民政府');

    const missing = await get('/api/v1/annual-reports/published/00000000-0000-7000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal(JSON.parse(missing.body).error.code, 'not_found');
  });

  it('refuses a token without reports:read', async () => {
    for (const url of [
      '/api/v1/annual-reports/published',
      `/api/v1/annual-reports/published/${recordedId}`,
    ]) {
      const res = await get(url, openToken);
      assert.equal(res.statusCode, 403, url);
      const body = JSON.parse(res.body) as { error: { code: string; requiredScope: string } };
      assert.equal(body.error.code, 'insufficient_scope');
      assert.equal(body.error.requiredScope, 'reports:read');
    }
  });
});

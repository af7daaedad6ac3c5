import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { cliActor } from '../../src/app/container.js';
import { publishedReports } from '../../src/modules/annual-report/index.js';
import { hotline } from '../../src/modules/hotline/index.js';
import { messages } from '../../src/modules/messages/index.js';
import { findPersonalData } from '../../src/modules/inspection/personal-data.js';
import { zipEntries } from '../../src/platform/zip/central-directory.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

// 开放数据 (issue 18 deliverable 5) over the demo (its content and its 2020 operations, the 2020
// report published) and one published report recorded for 磁灶镇 from the shared corpus: the CKAN
// catalog's shapes, search and refusals; the annual-report data equal to the report's own JSON; the
// bulk download read back by the Frictionless `datapackage` library; and no personal data in it.

type Ckan<T> = { success: boolean; result: T; error?: { message: string; __type: string } };
interface CkanPackage {
  name: string;
  title: string;
  organization: { id: string; title: string };
  license_id: string;
  metadata_modified: string;
  extras: Array<{ key: string; value: string }>;
  resources: Array<{ url: string; format: string; name: string }>;
}

/** What the test uses of the `datapackage` library (it has no type declarations). */
interface FrictionlessLib {
  Package: {
    load(path: string): Promise<{
      valid: boolean;
      errors: unknown[];
      resources: Array<{
        name: string;
        descriptor: { path: string };
        read(opts: { cast: boolean }): Promise<unknown[][]>;
      }>;
      getResource(name: string): { read(opts: { cast: boolean }): Promise<unknown[][]> };
    }>;
  };
}

/** The CSV's rows as objects (the tables' cells hold no line breaks; quoted commas are handled). */
function parseCsv(text: string): Array<Record<string, string>> {
  const lines = text.trimEnd().split('\r\n');
  const split = (line: string) => {
    const out: string[] = [];
    for (const m of line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g))
      out.push(m[1]?.replaceAll('""', '"') ?? m[2] ?? '');
    return out;
  };
  const head = split(lines[0]!);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [head[i], v])));
}

describeEachEngine('open data: catalog, tables, bulk download', (engine) => {
  let t: TestApp;
  let client: Client;
  let root: { id: string };
  let cizao: { id: string };
  let recordedId: string;
  let bulkDir: string;

  const getJson = async <T>(url: string) => {
    const res = await client.get(url);
    return { res, body: JSON.parse(res.body) as T };
  };

  before(async () => {
    t = await startTestApp(engine, { content: true, operations2020: true });
    client = new Client(t.app);
    const db = t.container.database.db;
    root = await db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '晋江市人民政府')
      .executeTakeFirstOrThrow();
    cizao = await db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '磁灶镇人民政府')
      .executeTakeFirstOrThrow();
    const ctx = t.container.ctx(cliActor());
    const checked = await publishedReports.check(ctx, {
      name: '2021-pingtan.md',
      bytes: readFileSync('test/fixtures/annual-report/corpus/reports/2021-pingtan.md'),
    });
    recordedId = (await publishedReports.attach(ctx, checked.id, { agencyId: cizao.id, year: 2021 })).id;
    bulkDir = mkdtempSync(join(tmpdir(), 'gongkai-open-data-'));
  });
  after(async () => {
    rmSync(bulkDir, { recursive: true, force: true });
    await t.close();
  });

  it('lists, shows and names its datasets and organizations in CKAN’s shapes, without a login', async () => {
    const list = await getJson<Ckan<string[]>>('/api/v1/open/action/package_list');
    assert.equal(list.res.statusCode, 200);
    assert.equal(list.body.success, true);
    for (const name of [
      `annual-report-2020-${root.id}`,
      `annual-report-2021-${cizao.id}`,
      'annual-reports',
      'request-statistics',
      'letter-statistics',
      'rating-statistics',
      'hotline-statistics',
      'records-metadata',
    ])
      assert.ok(list.body.result.includes(name), `package_list names ${name}`);

    const show = await getJson<Ckan<CkanPackage>>(
      `/api/v1/open/action/package_show?id=annual-report-2020-${root.id}`,
    );
    assert.equal(show.body.success, true);
    const p = show.body.result;
    assert.equal(p.name, `annual-report-2020-${root.id}`);
    assert.deepEqual(p.organization, {
      id: root.id,
      name: root.id,
      title: '晋江市人民政府',
      type: 'organization',
    });
    assert.equal(p.license_id, 'CC-BY-4.0');
    assert.match(p.metadata_modified, /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(
      p.extras.find((e) => e.key === 'year'),
      { key: 'year', value: '2020' },
    );
    assert.deepEqual(
      p.resources.map((r) => r.format),
      ['JSON', 'CSV', 'CSV', 'CSV'],
    );
    for (const r of p.resources) {
      const res = await client.get(r.url);
      assert.equal(res.statusCode, 200, r.url);
    }

    const orgs = await getJson<Ckan<string[]>>('/api/v1/open/action/organization_list');
    assert.deepEqual([...orgs.body.result].sort(), [root.id, cizao.id].sort());
    const full = await getJson<Ckan<Array<{ id: string; title: string; package_count: number }>>>(
      '/api/v1/open/action/organization_list?all_fields=true',
    );
    assert.equal(full.body.result.find((o) => o.id === cizao.id)?.title, '磁灶镇人民政府');
    assert.equal(full.body.result.find((o) => o.id === cizao.id)?.package_count, 1);
  });

  it('searches by words and by organization and year, and pages with rows and start', async () => {
    type Search = Ckan<{ count: number; results: CkanPackage[] }>;
    const all = (await getJson<Search>('/api/v1/open/action/package_search?rows=1000')).body.result;
    const names = all.results.map((r) => r.name);
    assert.equal(all.count, names.length);

    const byWord = (
      await getJson<Search>(`/api/v1/open/action/package_search?q=${encodeURIComponent('热线')}`)
    ).body;
    assert.deepEqual(
      byWord.result.results.map((r) => r.name),
      ['hotline-statistics'],
    );
    const fq = encodeURIComponent(`organization:${cizao.id} year:2021`);
    const filtered = (await getJson<Search>(`/api/v1/open/action/package_search?fq=${fq}`)).body.result;
    assert.deepEqual(
      filtered.results.map((r) => r.name),
      [`annual-report-2021-${cizao.id}`],
    );
    const none = (
      await getJson<Search>(
        `/api/v1/open/action/package_search?fq=${encodeURIComponent(`organization:${cizao.id} year:2020`)}`,
      )
    ).body.result;
    assert.equal(none.count, 0);

    const page1 = (await getJson<Search>('/api/v1/open/action/package_search?rows=3&start=0')).body.result;
    const page2 = (await getJson<Search>('/api/v1/open/action/package_search?rows=3&start=3')).body.result;
    assert.equal(page1.count, names.length);
    assert.deepEqual(
      page1.results.map((r) => r.name),
      names.slice(0, 3),
    );
    assert.deepEqual(
      page2.results.map((r) => r.name),
      names.slice(3, 6),
    );
  });

  it('refuses bad parameters with 400 and a Chinese message naming the parameter', async () => {
    for (const [url, param] of [
      ['/api/v1/open/action/package_search?rows=abc', 'rows'],
      ['/api/v1/open/action/package_search?rows=5000', 'rows'],
      ['/api/v1/open/action/package_search?start=-1', 'start'],
      ['/api/v1/open/action/package_search?fq=colour:red', 'fq'],
      ['/api/v1/open/action/package_show', 'id'],
      ['/api/v1/open/action/organization_list?all_fields=maybe', 'all_fields'],
    ] as const) {
      const { res, body } = await getJson<Ckan<unknown>>(url);
      assert.equal(res.statusCode, 400, url);
      assert.equal(body.success, false);
      assert.equal(body.error?.__type, 'Validation Error');
      assert.match(body.error!.message, new RegExp(`参数 ${param}`), url);
      assert.match(body.error!.message, /[\u4e00-\u9fff]/);
    }
    const missing = await getJson<Ckan<unknown>>('/api/v1/open/action/package_show?id=no-such-dataset');
    assert.equal(missing.res.statusCode, 404);
    assert.deepEqual(missing.body, {
      success: false,
      error: { message: '未找到数据集：no-such-dataset', __type: 'Not Found Error' },
    });
  });

  it('is cacheable: an ETag, a 304 for it, public caching and a rate limit', async () => {
    const first = await client.get('/api/v1/open/tables/request_statistics.csv');
    assert.equal(first.statusCode, 200);
    assert.match(String(first.headers['content-type']), /^text\/csv/);
    assert.match(String(first.headers['cache-control']), /^public/);
    assert.ok(first.headers['x-ratelimit-limit'], 'rate-limited');
    const etag = String(first.headers.etag);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/v1/open/tables/request_statistics.csv',
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });

  it('gives each published report as the annual-report module’s own JSON, and its tables cell by cell', async () => {
    const show = await getJson<Ckan<CkanPackage>>(
      `/api/v1/open/action/package_show?id=annual-report-2020-${root.id}`,
    );
    const jsonUrl = show.body.result.resources[0]!.url;
    const id = /annual-reports\/([^/.]+)\.json$/.exec(jsonUrl)![1]!;
    const open = JSON.parse((await client.get(jsonUrl)).body) as Record<string, unknown>;
    const own = JSON.parse((await client.get(`/annual-reports/${id}/download.json`)).body) as Record<
      string,
      unknown
    >;
    assert.deepEqual(open, own);

    // Table 三 as CSV: one row per row key × column, equal to the report's cells.
    const requests = own.requests as Record<string, number[]>;
    const csv = parseCsv(
      (await client.get(`/api/v1/open/tables/annual_report_requests.csv?report_id=${id}`)).body,
    );
    const columns = [
      'naturalPerson',
      'commercialEnterprise',
      'researchInstitution',
      'publicInterestOrganization',
      'legalServiceOrganization',
      'otherOrganization',
      'total',
    ];
    assert.equal(csv.length, Object.keys(requests).length * 7);
    for (const row of csv)
      assert.equal(
        Number(row.value),
        requests[row.row!]![columns.indexOf(row.column!)],
        `${row.row} ${row.column}`,
      );
    assert.equal(
      csv.find((r) => r.row === 'received' && r.column === 'total')?.value,
      String(requests.received![6]),
    );
    const appeals = parseCsv(
      (await client.get(`/api/v1/open/tables/annual_report_appeals.csv?report_id=${id}`)).body,
    );
    const review = (own.appeals as Record<string, Record<string, number>>).review!;
    assert.deepEqual(
      appeals
        .filter((r) => r.group === 'review')
        .map((r) => [r.upheld, r.corrected, r.other, r.pending, r.total].map(Number)),
      [[review.upheld, review.corrected, review.other, review.pending, review.total]],
    );

    // The recorded report: the data the checker read and recorded for 磁灶镇 2021.
    const recorded = await publishedReports.historyOf(t.container.ctx(cliActor()), cizao.id, 2021);
    const openRecorded = JSON.parse(
      (await client.get(`/api/v1/open/annual-reports/${recordedId}.json`)).body,
    ) as unknown;
    assert.deepEqual(openRecorded, JSON.parse(JSON.stringify(recorded!.data)));
  });

  it('counts as the modules count: requests as the report, tickets and letters as their own figures', async () => {
    const ctx = t.container.ctx(cliActor());
    const table = async (name: string) =>
      parseCsv((await client.get(`/api/v1/open/tables/${name}.csv`)).body);
    const sum = (rows: Array<Record<string, string>>, col: string) =>
      rows.reduce((n, r) => n + Number(r[col]), 0);

    // The city's own applications received in 2020 are the published report's 本年新收 total.
    const report = (await table('annual_report_requests')).find(
      (r) => r.agency_id === root.id && r.year === '2020' && r.row === 'received' && r.column === 'total',
    );
    const requests = (await table('request_statistics')).filter(
      (r) => r.agency_id === root.id && r.year === '2020',
    );
    assert.ok(requests.length > 0);
    assert.equal(sum(requests, 'count'), Number(report!.value));

    // Every agency's own tickets of a year add up to the tree's figures the hotline page shows.
    const tickets = await table('hotline_statistics');
    const year = Number(tickets[0]!.year);
    const figures = await hotline.stats(ctx, { agency: root.id, year });
    const ofYear = tickets.filter((r) => Number(r.year) === year);
    assert.deepEqual(
      [sum(ofYear, 'valid'), sum(ofYear, 'closed'), sum(ofYear, 'closed_on_time'), sum(ofYear, 'satisfied')],
      [figures.valid, figures.closed, figures.closedOnTime, figures.satisfied],
    );

    // Letters likewise, against the messages module's own statistics of the tree.
    const letters = await table('letter_statistics');
    const letterYear = Number(letters[0]!.year);
    const own = await messages.stats(ctx, { agency: root.id, year: letterYear });
    const lettersOfYear = letters.filter((r) => Number(r.year) === letterYear);
    assert.equal(sum(lettersOfYear, 'received'), own.figures.received);
    assert.equal(sum(lettersOfYear, 'replied'), own.figures.replied);
    assert.equal(sum(lettersOfYear, 'replied_on_time'), own.figures.repliedOnTime);
  });

  it('bulk-downloads a Frictionless data package whose every resource casts against its schema', async () => {
    const res = await client.get('/api/v1/open/datapackage.zip');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const names: string[] = [];
    for (const e of zipEntries(res.rawPayload)) {
      const bytes = e.method === 8 ? inflateRawSync(e.compressed) : e.compressed;
      mkdirSync(dirname(join(bulkDir, e.name)), { recursive: true });
      writeFileSync(join(bulkDir, e.name), bytes);
      names.push(e.name);
    }
    assert.ok(names.includes('datapackage.json'));
    const descriptor = JSON.parse(readFileSync(join(bulkDir, 'datapackage.json'), 'utf8')) as {
      profile: string;
      licenses: Array<{ name: string }>;
      sources: Array<{ title: string }>;
      created: string;
      resources: Array<{
        name: string;
        path: string;
        schema: { fields: Array<{ name: string; type: string }> };
      }>;
    };
    assert.equal(descriptor.profile, 'tabular-data-package');
    assert.equal(descriptor.licenses[0]!.name, 'CC-BY-4.0');
    assert.equal(descriptor.sources[0]!.title, '晋江市人民政府');
    assert.deepEqual(
      descriptor.resources.map((r) => r.path).sort(),
      names.filter((n) => n !== 'datapackage.json').sort(),
    );

    // @ts-expect-error datapackage 1.1.10 ships no type declarations (the shape used is FrictionlessLib).
    const { Package } = ((await import('datapackage')) as { default: FrictionlessLib }).default;
    const pkg = await Package.load(join(bulkDir, 'datapackage.json'));
    assert.deepEqual(pkg.errors, []);
    assert.equal(pkg.valid, true);
    assert.ok(pkg.resources.length >= 8, 'every table with rows is a resource');
    for (const resource of pkg.resources) {
      const rows = await resource.read({ cast: true });
      const lines = readFileSync(join(bulkDir, resource.descriptor.path), 'utf8').trimEnd().split('\r\n');
      assert.equal(rows.length, lines.length - 1, resource.name);
      assert.ok(rows.length > 0, resource.name);
    }

    // Per county (an agency with its subtree) and year: only their rows; a bad choice is named.
    const scoped = JSON.parse(
      (await client.get(`/api/v1/open/datapackage.json?agency=${cizao.id}&year=2021`)).body,
    ) as { name: string; resources: Array<{ name: string }> };
    assert.equal(scoped.name, `gongkai-open-data-${cizao.id}-2021`);
    assert.ok(scoped.resources.some((r) => r.name === 'annual_report_requests'));
    const scopedReports = parseCsv(
      (await client.get(`/api/v1/open/tables/annual_reports.csv?agency_id=${cizao.id}&year=2021`)).body,
    );
    assert.deepEqual(
      scopedReports.map((r) => [r.report_id, r.source]),
      [[recordedId, 'recorded']],
    );
    const badYear = await client.get('/api/v1/open/datapackage.zip?year=20x1');
    assert.equal(badYear.statusCode, 400);
    assert.match(badYear.body, /参数 year/);

    // The same check fails when a schema no longer fits its file (here: a name declared a number).
    const broken = structuredClone(descriptor);
    const reports = broken.resources.find((r) => r.name === 'annual_reports')!;
    reports.schema.fields.find((f) => f.name === 'agency')!.type = 'integer';
    writeFileSync(join(bulkDir, 'broken.json'), JSON.stringify(broken));
    const bad = await Package.load(join(bulkDir, 'broken.json'));
    await assert.rejects(bad.getResource('annual_reports').read({ cast: true }));
  });

  it('holds no 身份证号, mobile number, applicant or letter writer’s name in any file of the bulk download', async () => {
    const db = t.container.database.db;
    const applicants = (await db.selectFrom('request').select('applicant_name').distinct().execute()).map(
      (r) => r.applicant_name,
    );
    const writers = (
      await db
        .selectFrom('message_case')
        .select('writer_name_enc')
        .where('writer_name_enc', 'is not', null)
        .execute()
    ).map((r) => t.container.cipher.decrypt(r.writer_name_enc!));
    const people = [...new Set([...applicants, ...writers])].filter((n) => n.trim().length > 0);
    assert.ok(applicants.length > 10 && writers.length > 5, 'the demo holds applicants and letter writers');

    const res = await client.get('/api/v1/open/datapackage.zip');
    let files = 0;
    for (const e of zipEntries(res.rawPayload)) {
      files++;
      // Record and agency ids (UUIDs) are machine keys: a run of their hex digits is no phone number.
      const text = (e.method === 8 ? inflateRawSync(e.compressed) : e.compressed)
        .toString('utf8')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ' ');
      assert.deepEqual(findPersonalData(text), [], e.name);
      for (const name of people) assert.ok(!text.includes(name), `${e.name} names ${name}`);
    }
    assert.ok(files >= 9);
  });

  it('has a public page listing the datasets, their downloads, the licence and the fields, linked from 信息化', async () => {
    const column = cheerio.load((await client.get('/standardization/digital')).body);
    assert.equal(column('a[href="/open-data"]').first().text(), '开放数据');
    const res = await client.get('/open-data');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('h1').text(), '开放数据');
    assert.ok($('a[href="/api/v1/open/datapackage.zip"]').length === 1);
    assert.ok($('a[href="https://creativecommons.org/licenses/by/4.0/"]').length === 1);
    assert.ok(
      $('td').filter((_, el) => $(el).text() === '晋江市人民政府2020年政府信息公开工作年度报告数据')
        .length === 1,
    );
    assert.ok($('code').filter((_, el) => $(el).text() === 'applicant_type').length === 1);
    // People read Chinese: the machine words of the field notes (keys, codes) are shown as code.
    $('code, script, style').remove();
    const text = $('body').text();
    assert.deepEqual(text.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g), null);
    const dotted = (text.match(/\b[a-z]\w*(?:[.-][A-Za-z]\w*)+/g) ?? []).filter(
      (w) => !/\.(zip|csv|json)$/.test(w),
    );
    assert.deepEqual(dotted, []);
  });
});

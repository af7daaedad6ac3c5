import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { records } from '../../src/modules/records/index.js';
import { systemActor } from '../../src/platform/access.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describeEachEngine('标准目录 pages', (engine) => {
  let t: TestApp;
  let root: string;
  before(async () => {
    t = await startTestApp(engine);
    root = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  const cookie = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  /** Keeps the cookies a response sets (the flash message), as the client does for its own requests. */
  const keep = (c: Client, res: LightMyRequestResponse) => {
    for (const k of res.cookies as Array<{ name: string; value: string }>)
      if (k.value) c.cookies.set(k.name, k.value);
      else c.cookies.delete(k.name);
    return res;
  };

  /** A form as a browser sends it: a repeated name for each ticked checkbox. */
  const postForm = async (c: Client, url: string, form: Array<[string, string]>) => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(c) },
    });
    return keep(c, res);
  };

  /** An upload as a browser sends it (multipart/form-data with the CSRF field). */
  const upload = async (
    c: Client,
    url: string,
    csrf: string,
    bytes: Buffer,
  ): Promise<LightMyRequestResponse> => {
    const boundary = `----gongkai${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="catalog.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return keep(
      c,
      await t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookie(c) },
      }),
    );
  };

  const sheet = async (bytes: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return { wb, ws: wb.worksheets[0]! };
  };
  const rowNamed = (ws: ExcelJS.Worksheet, name: string) => {
    for (let r = 4; r <= ws.rowCount; r++)
      if (['B', 'C', 'D'].some((c) => ws.getCell(`${c}${r}`).value === name)) return r;
    throw new Error(`no row for ${name}`);
  };

  it('adopts a domain, adds an item, exports and imports the workbook, and the portal lists a linked record', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    let page = await head.get('/admin/catalogs');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /重大建设项目/, 'the demo adopted domains');
    assert.match(page.body, /磁灶镇人民政府/, 'and 磁灶镇 derived its own');

    const missing = await head.post('/admin/catalogs/adopt', {
      _csrf: Client.csrfOf(page.body),
      agencyId: root,
      domainCode: '',
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /请从 26 个试点领域中选择领域/);
    const adopted = await head.post('/admin/catalogs/adopt', {
      _csrf: Client.csrfOf(page.body),
      agencyId: root,
      domainCode: 'workSafety',
    });
    assert.equal(adopted.statusCode, 303, adopted.body.slice(0, 300));
    const path = adopted.headers.location as string;
    const catalogId = path.split('/').at(-1)!;
    page = await head.get(path);
    assert.match(page.body, /晋江市人民政府 · 安全生产/);
    assert.match(page.body, /危险化学品经营许可/);
    assert.match(page.body, /id="catalog-version">1</);

    const db = t.container.database.db;
    const enforcement = await db
      .selectFrom('catalog_item')
      .select('id')
      .where('catalog_id', '=', catalogId)
      .where('name', '=', '监管执法')
      .executeTakeFirstOrThrow();
    const csrf = Client.csrfOf(page.body);
    const bad = await postForm(head, `${path}/items`, [
      ['_csrf', csrf],
      ['parentId', enforcement.id],
      ['name', '危险化学品企业安全生产标准化'],
    ]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /请填写公开内容（要素）/);
    assert.match(bad.body, /请至少选择一项公开渠道和载体/);
    assert.match(bad.body, /value="危险化学品企业安全生产标准化"/, 'nothing typed is lost');
    const added = await postForm(head, `${path}/items`, [
      ['_csrf', csrf],
      ['parentId', enforcement.id],
      ['name', '安全生产标准化达标企业'],
      ['contentElements', '企业名称、达标等级、证书编号、有效期'],
      ['basis', '《中华人民共和国安全生产法》第四条'],
      ['timeLimit', '信息形成（或者变更）之日起20个工作日内'],
      ['subject', '晋江市应急管理局'],
      ['channels', '政府网站'],
      ['channels', '两微一端'],
      ['audience', '全社会'],
      ['method', '主动'],
      ['tiers', '县级'],
      ['tiers', '乡级'],
      ['itemType', '非政务服务事项'],
      ['process', '结果'],
    ]);
    assert.equal(added.statusCode, 303, added.body.slice(0, 500));
    page = await head.get(path);
    assert.match(page.body, /安全生产标准化达标企业/);
    assert.match(page.body, /id="catalog-version">2</);

    // Export, change the time limit of the new item in the workbook, import it back.
    const exported = await head.get(`${path}/export.xlsx`);
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.headers['content-type'], XLSX);
    assert.match(String(exported.headers['content-disposition']), /filename\*=UTF-8''/);
    const { wb, ws } = await sheet(exported.rawPayload);
    assert.equal(ws.getCell('A1').value, '晋江市人民政府安全生产领域基层政务公开标准目录');
    const row = rowNamed(ws, '安全生产标准化达标企业');
    assert.equal(ws.getCell(`C${row}`).value, '安全生产标准化达标企业');
    assert.deepEqual(
      ['I', 'J', 'L', 'N', 'O'].map((c) => ws.getCell(`${c}${row}`).value),
      ['政府网站、两微一端', '✓', '✓', '✓', '✓'],
    );
    ws.getCell(`G${row}`).value = '每年第一季度';
    const changed = Buffer.from(await wb.xlsx.writeBuffer());

    // A bad cell first: both 公开对象 ticked. Nothing is imported; the row and column are named.
    ws.getCell(`K${row}`).value = '✓';
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const refused = await upload(head, `${path}/import`, csrf, broken);
    assert.equal(refused.statusCode, 400);
    assert.match(
      refused.body,
      new RegExp(`第 ${row} 行 第 J 列（公开对象·全社会）：只能勾选一项（全社会或特定群众）`),
    );
    assert.match(refused.body, /未导入任何内容/);
    assert.match((await head.get(path)).body, /id="catalog-version">2</);

    const imported = await upload(head, `${path}/import`, csrf, changed);
    assert.equal(imported.statusCode, 303, imported.body.slice(0, 500));
    page = await head.get(path);
    assert.match(page.body, /已导入：修改 1 项/);
    assert.match(page.body, /每年第一季度/);
    assert.match(page.body, /id="catalog-version">3</);
    const compare = await head.get(`${path}/compare?from=1&to=3`);
    assert.equal(compare.statusCode, 200);
    assert.match(compare.body, /新增事项（1）[\s\S]*安全生产标准化达标企业[\s\S]*修改事项（0）/);

    // A published record of the city filed under the new item, through the item page.
    const ctx = t.container.ctx(systemActor('测试'));
    const draft = await records.createDraft(ctx, {
      agencyId: root,
      title: '晋江市2026年安全生产标准化达标企业名单',
      dateFormedOrChanged: '2026-01-05',
      body: '名单附后。',
    });
    await records.submitForReview(ctx, draft.id);
    await records.review(ctx, draft.id, { result: 'passed' });
    await records.approve(ctx, draft.id);
    await records.publish(ctx, draft.id);
    const item = await db
      .selectFrom('catalog_item')
      .select('id')
      .where('catalog_id', '=', catalogId)
      .where('name', '=', '安全生产标准化达标企业')
      .executeTakeFirstOrThrow();
    const itemPage = await head.get(`/admin/catalogs/items/${item.id}`);
    assert.match(itemPage.body, /晋江市2026年安全生产标准化达标企业名单/, 'offered for linking');
    const linked = await head.post(`/admin/catalogs/items/${item.id}/link`, {
      _csrf: Client.csrfOf(itemPage.body),
      recordId: draft.id,
    });
    assert.equal(linked.statusCode, 303, linked.body.slice(0, 300));

    const citizen = new Client(t.app);
    const portal = await citizen.get(`/catalogs/${root}`);
    assert.equal(portal.statusCode, 200);
    assert.match(portal.body, new RegExp(`href="/catalogs/item/${item.id}"`));
    const itemPortal = await citizen.get(`/catalogs/item/${item.id}`);
    assert.equal(itemPortal.statusCode, 200);
    assert.match(itemPortal.body, /每年第一季度/);
    assert.match(itemPortal.body, /政府网站、两微一端/);
    assert.match(
      itemPortal.body,
      new RegExp(`<a href="/records/${draft.id}">晋江市2026年安全生产标准化达标企业名单</a>`),
    );
    assert.equal((await citizen.get('/catalogs')).statusCode, 200);
  });

  it('keeps a township clerk out of the county’s catalog and a supervisor read-only', async () => {
    const major = await t.container.database.db
      .selectFrom('catalog')
      .select('id')
      .where('agency_id', '=', root)
      .where('domain_code', '=', 'majorProjects')
      .executeTakeFirstOrThrow();
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    assert.equal((await clerk.get(`/admin/catalogs/${major.id}`)).statusCode, 403);
    const own = await clerk.get('/admin/catalogs');
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /磁灶镇人民政府<\/td>\s*<td>\s*<a href="\/admin\/catalogs\/[^"]+">重大建设项目/);
    assert.doesNotMatch(own.body, /晋江市人民政府<\/td>/);

    const supervisor = new Client(t.app);
    await supervisor.login('supervisor', DEMO_PASSWORD);
    const page = await supervisor.get(`/admin/catalogs/${major.id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /新增事项<\/button>/);
    const denied = await supervisor.post(`/admin/catalogs/${major.id}/items`, {
      _csrf: Client.csrfOf(page.body),
      name: '越权新增',
    });
    assert.equal(denied.statusCode, 403);
    // A version beyond the integer column is a 400 naming the field on both engines, not a 500.
    const huge = await supervisor.get(`/admin/catalogs/${major.id}/compare?from=1&to=99999999999`);
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /版本应在 1 到 2147483647 之间/);
  });

  it('sends an anonymous visitor of the back-office catalog pages to the login form, and refuses its posts', async () => {
    const db = t.container.database.db;
    const major = await db
      .selectFrom('catalog')
      .select('id')
      .where('agency_id', '=', root)
      .where('domain_code', '=', 'majorProjects')
      .executeTakeFirstOrThrow();
    const item = await db
      .selectFrom('catalog_item')
      .select('id')
      .where('catalog_id', '=', major.id)
      .executeTakeFirstOrThrow();
    const anonymous = new Client(t.app);
    for (const url of [
      '/admin/catalogs',
      `/admin/catalogs/${major.id}`,
      `/admin/catalogs/${major.id}/export.xlsx`,
      `/admin/catalogs/${major.id}/compare?from=1&to=2`,
      `/admin/catalogs/items/${item.id}`,
    ]) {
      const res = await anonymous.get(url);
      assert.equal(res.statusCode, 302, url);
      assert.match(String(res.headers.location), /^\/admin\/login\?next=/, url);
      assert.notEqual(res.headers['content-type'], XLSX, url);
    }
    const versionBefore = (
      await db.selectFrom('catalog').select('version').where('id', '=', major.id).executeTakeFirstOrThrow()
    ).version;
    for (const [url, form] of [
      ['/admin/catalogs/adopt', { agencyId: root, domainCode: 'taxation' }],
      [`/admin/catalogs/${major.id}/items`, { name: '匿名新增' }],
      [`/admin/catalogs/items/${item.id}/remove`, {}],
      [`/admin/catalogs/items/${item.id}/link`, { recordId: item.id }],
    ] as Array<[string, Record<string, string>]>) {
      const res = await anonymous.post(url, form);
      assert.ok([302, 303, 401, 403, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
      if (res.statusCode === 302 || res.statusCode === 303)
        assert.match(String(res.headers.location), /^\/admin\/login/, url);
    }
    const refused = await upload(
      anonymous,
      `/admin/catalogs/${major.id}/import`,
      'no-token',
      Buffer.from('x'),
    );
    assert.ok([302, 303, 401, 403, 404].includes(refused.statusCode), `import: ${refused.statusCode}`);
    assert.equal(
      (await db.selectFrom('catalog').select('version').where('id', '=', major.id).executeTakeFirstOrThrow())
        .version,
      versionBefore,
      'nothing changed',
    );
    assert.equal(
      (
        await db
          .selectFrom('catalog')
          .select('id')
          .where('agency_id', '=', root)
          .where('domain_code', '=', 'taxation')
          .execute()
      ).length,
      0,
    );
  });
});

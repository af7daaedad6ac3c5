import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Ajv } from 'ajv';
import { cliActor } from '../../src/app/container.js';
import { addServiceAccount, issueToken } from '../../src/modules/accounts/service-account.service.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { withdraw } from '../../src/modules/records/record-workflow.service.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

/** A small PDF with one line of text (a text layer pdf.js reads), its cross-reference table computed. */
function pdfWithText(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

interface ListItem {
  id: string;
  indexNumber: string;
  title: string;
  publishedAt: string;
  url: string;
}

describeEachEngine('API: published records, records pushed, 公文 from the OA system', (engine) => {
  // Monday 2 March 2026, 09:00 in Beijing.
  const clock = new FixedClock('2026-03-02T01:00:00Z');
  let t: TestApp;
  let city: string;
  const tokens = { oa: '', cms: '', reader: '', cizaoOa: '' };

  const call = (
    token: string | null,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  const count = async (table: 'official_document' | 'record') =>
    Number(
      (
        await t.container.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** The answer has the shape the OpenAPI document gives for it. */
  let conforms: (method: string, path: string, status: number, body: unknown) => void;

  before(async () => {
    t = await startTestApp(engine, { clock });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>
      >;
    };
    const ajv = new Ajv({ strict: false, validateFormats: false });
    conforms = (method, path, status, body) => {
      const schema =
        doc.paths[path]?.[method]?.responses[String(status)]?.content['application/json']?.schema;
      assert.ok(schema, `${method} ${path} ${status}: no schema`);
      const validate = ajv.compile(schema);
      assert.ok(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors)}`);
    };
    const system = t.container.ctx(cliActor());
    city = (await addServiceAccount(system, { name: '晋江市协同办公系统', agency: '晋江市人民政府' }))
      .agencyId;
    tokens.oa = (await issueToken(system, '晋江市协同办公系统', { scopes: ['documents:write'] })).token;
    await addServiceAccount(system, { name: '晋江市门户网站', agency: '晋江市人民政府' });
    tokens.cms = (await issueToken(system, '晋江市门户网站', { scopes: ['records:write'] })).token;
    tokens.reader = (await issueToken(system, '晋江市门户网站', { scopes: ['records:read'] })).token;
    await addServiceAccount(system, { name: '磁灶镇协同办公', agency: '磁灶镇人民政府' });
    tokens.cizaoOa = (await issueToken(system, '磁灶镇协同办公', { scopes: ['documents:write'] })).token;
  });
  after(async () => t.close());

  const archive = (year: number, titles: string[]) =>
    titles.map((title, i) => ({
      title,
      body: `${title}的正文。`,
      publishedAt: `${year}-0${i + 1}-1${i} 10:00`,
      subject: '综合政务\\政务公开',
      genre: '通知',
    }));

  it('lists published records newest first, two pages by cursor; a read token cannot push', async () => {
    const pushed = await call(tokens.cms, 'POST', '/api/v1/records', {
      agency: '晋江市人民政府',
      records: archive(2019, ['二〇一九年第一号通知', '二〇一九年第二号通知', '二〇一九年第三号通知']),
    });
    assert.equal(pushed.statusCode, 201, pushed.body);
    conforms('post', '/api/v1/records', 201, pushed.json());
    const result = pushed.json() as { data: { imported: number; first: string; last: string } };
    assert.equal(result.data.imported, 3);
    assert.match(result.data.first, /^[0-9A-Z]{18}\/2019-00001$/);
    assert.match(result.data.last, /^[0-9A-Z]{18}\/2019-00003$/);

    const query = `/api/v1/records?agency=${city}&year=2019&limit=2`;
    const first = await call(tokens.reader, 'GET', query);
    assert.equal(first.statusCode, 200, first.body);
    conforms('get', '/api/v1/records', 200, first.json());
    const p1 = first.json() as { data: ListItem[]; next: string | null };
    assert.equal(p1.data.length, 2);
    assert.ok(p1.next, 'a second page follows');
    const second = await call(tokens.reader, 'GET', `${query}&cursor=${p1.next}`);
    const p2 = second.json() as { data: ListItem[]; next: string | null };
    assert.equal(p2.data.length, 1);
    assert.equal(p2.next, null);
    const all = [...p1.data, ...p2.data];
    assert.deepEqual(
      all.map((r) => r.title),
      ['二〇一九年第三号通知', '二〇一九年第二号通知', '二〇一九年第一号通知'],
      'newest first, no record twice, none left out',
    );
    assert.equal(new Set(all.map((r) => r.id)).size, 3);
    assert.match(all[0]!.publishedAt, /^2019-03-12T10:00:00\.000\+08:00$/, 'Beijing time with its offset');
    assert.equal(all[0]!.url, `/records/${all[0]!.id}`);
    const bad = await call(tokens.reader, 'GET', `${query}&cursor=bm90LWEtY3Vyc29y`);
    assert.equal(bad.statusCode, 400);

    // Public: no token needed. Changed since today: these; since tomorrow: none.
    assert.equal(
      (await call(null, 'GET', `/api/v1/records?year=2019&updatedSince=2026-03-02`)).json().data.length,
      3,
    );
    assert.equal(
      (await call(null, 'GET', `/api/v1/records?year=2019&updatedSince=2026-03-03`)).json().data.length,
      0,
    );

    const one = await call(
      tokens.reader,
      'GET',
      `/api/v1/records/${encodeURIComponent(all[0]!.indexNumber)}`,
    );
    assert.equal(one.statusCode, 200, one.body);
    conforms('get', '/api/v1/records/{indexNumber}', 200, one.json());
    const record = one.json().data as {
      title: string;
      bodyText: string;
      bodyHtml: string;
      attachments: unknown[];
    };
    assert.equal(record.title, '二〇一九年第三号通知');
    assert.equal(record.bodyText, '二〇一九年第三号通知的正文。');
    assert.equal(record.bodyHtml, '<p>二〇一九年第三号通知的正文。</p>');
    assert.deepEqual(record.attachments, []);
    const unknown = await call(tokens.reader, 'GET', `/api/v1/records/${encodeURIComponent('X/2019-00001')}`);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'not_found');

    const refused = await call(tokens.reader, 'POST', '/api/v1/records', {
      agency: '晋江市人民政府',
      records: archive(2019, ['不应导入']),
    });
    assert.equal(refused.statusCode, 403);
    const error = refused.json().error as { code: string; requiredScope: string };
    assert.equal(error.code, 'insufficient_scope');
    assert.equal(error.requiredScope, 'records:write');
  });

  it('pushes once per Idempotency-Key; the key on another body is refused; a bad item is named', async () => {
    const body = { agency: city, records: archive(2018, ['二〇一八年第一号通知', '二〇一八年第二号通知']) };
    const key = { 'idempotency-key': 'cms-push-2018-01' };
    const first = await call(tokens.cms, 'POST', '/api/v1/records', body, key);
    assert.equal(first.statusCode, 201, first.body);
    const again = await call(tokens.cms, 'POST', '/api/v1/records', body, key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);
    const listed = (await call(tokens.reader, 'GET', `/api/v1/records?agency=${city}&year=2018`)).json();
    assert.equal(listed.data.length, 2, 'created once');
    const other = await call(
      tokens.cms,
      'POST',
      '/api/v1/records',
      { ...body, records: body.records.slice(1) },
      key,
    );
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, 'idempotency_key_reused');

    const records = await count('record');
    const wrong = await call(tokens.cms, 'POST', '/api/v1/records', {
      agency: city,
      records: [
        archive(2017, ['好的一条'])[0],
        { body: '没有标题', publishedAt: '2017-13-01', docNumber: '晋政[2017]1号' },
      ],
    });
    assert.equal(wrong.statusCode, 400);
    const fields = wrong.json().error.fields as Array<{ field: string; message: string }>;
    const title = fields.find((f) => f.field === 'records[1].title');
    assert.ok(title, JSON.stringify(fields));
    assert.match(title.message, /^第 2 条（title（标题））：请填写title（标题）/);
    assert.ok(fields.some((f) => f.field === 'records[1].docNumber' && /晋政〔2017〕1号/.test(f.message)));
    assert.match(wrong.json().error.message, /未导入任何内容/);
    assert.equal(await count('record'), records, 'all or nothing');
  });

  it('the OA system registers a 主动公开 公文 with a PDF; after 保密审查, approval and publication it reads back the 索引号', async () => {
    const pdf = pdfWithText('Jinjiang OA attachment');
    const registered = await call(tokens.oa, 'POST', '/api/v1/documents', {
      agencyId: '晋江市人民政府',
      title: '晋江市人民政府关于做好2026年春季防汛工作的通知',
      documentNumber: '晋政文〔2026〕8号',
      writtenDate: '2026-02-27',
      disclosureAttribute: '主动公开',
      record: { subjectCategory: '综合政务\\应急管理', genre: '通知', keywords: '防汛 春季' },
      attachments: [{ filename: '防汛通知.pdf', contentBase64: pdf.toString('base64') }],
    });
    assert.equal(registered.statusCode, 201, registered.body);
    conforms('post', '/api/v1/documents', 201, registered.json());
    const doc = registered.json().data as {
      id: string;
      disclosureAttribute: string;
      record: { id: string; state: string; indexNumber: string | null };
    };
    assert.equal(doc.disclosureAttribute, 'proactiveDisclosure');
    assert.equal(doc.record.state, 'inReview');
    assert.equal(doc.record.indexNumber, null);
    const inReview = (await call(tokens.oa, 'GET', `/api/v1/documents/${doc.id}`)).json();
    conforms('get', '/api/v1/documents/{id}', 200, inReview);
    let status = inReview.data;
    assert.equal(status.record.state, 'inReview');
    assert.equal(status.record.url, null);

    const path = `/admin/records/${doc.record.id}`;
    const reviewer = new Client(t.app);
    await reviewer.login('reviewer', DEMO_PASSWORD);
    let page = await reviewer.get(path);
    assert.match(page.body, /防汛通知\.pdf/, 'the file goes to 保密审查 with the text');
    const passed = await reviewer.post(`${path}/review`, {
      _csrf: Client.csrfOf(page.body),
      result: 'passed',
      note: '',
    });
    assert.equal(passed.statusCode, 303, passed.body.slice(0, 300));
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    page = await head.get(path);
    assert.equal((await head.post(`${path}/approve`, { _csrf: Client.csrfOf(page.body) })).statusCode, 303);
    page = await head.get(path);
    const published = await head.post(`${path}/publish`, { _csrf: Client.csrfOf(page.body) });
    assert.equal(published.statusCode, 303, published.body.slice(0, 300));

    const read = await call(tokens.oa, 'GET', `/api/v1/documents/${doc.id}`);
    assert.equal(read.statusCode, 200);
    conforms('get', '/api/v1/documents/{id}', 200, read.json());
    status = read.json().data;
    assert.equal(status.disclosureAttribute, 'proactiveDisclosure');
    assert.equal(status.record.state, 'published');
    assert.match(status.record.indexNumber, /^[0-9A-Z]{18}\/2026-\d{5}$/);
    assert.equal(status.record.url, `/records/${doc.record.id}`);
    const portal = await new Client(t.app).get(status.record.url);
    assert.match(
      portal.body,
      new RegExp(`<td>${status.record.indexNumber}</td>`),
      'the 索引号 the portal shows',
    );
    const record = (
      await call(tokens.reader, 'GET', `/api/v1/records/${encodeURIComponent(status.record.indexNumber)}`)
    ).json().data as {
      id: string;
      documentNumber: string;
      bodyText: string;
      attachments: Array<{ name: string; size: number; url: string }>;
    };
    assert.equal(record.id, doc.record.id);
    assert.equal(record.documentNumber, '晋政文〔2026〕8号');
    assert.equal(record.bodyText, '详见附件。');
    assert.equal(record.attachments[0]?.name, '防汛通知.pdf');
    assert.equal(record.attachments[0]?.size, pdf.length);
    assert.deepEqual((await new Client(t.app).get(record.attachments[0]!.url)).rawPayload, pdf);
    const text = await t.container.database.db
      .selectFrom('record_attachment')
      .select('text')
      .where('record_id', '=', doc.record.id)
      .executeTakeFirstOrThrow();
    assert.equal(text.text, 'Jinjiang OA attachment', 'the PDF’s text is read for search');
  });

  it('refuses 不予公开 without a reason, another agency’s 公文, and stores nothing of a failed request', async () => {
    const documents = await count('official_document');
    const records = await count('record');
    const base = { title: '磁灶镇党政办会议纪要', writtenDate: '2026-02-26' };
    const noReason = await call(tokens.cizaoOa, 'POST', '/api/v1/documents', {
      ...base,
      disclosureAttribute: 'withheld',
    });
    assert.equal(noReason.statusCode, 400);
    const fields = noReason.json().error.fields as Array<{ field: string; message: string }>;
    assert.ok(
      fields.some((f) => f.field === 'withheldReason' && /不予公开理由/.test(f.message)),
      noReason.body,
    );

    const elsewhere = await call(tokens.cizaoOa, 'POST', '/api/v1/documents', {
      ...base,
      agencyId: city,
      disclosureAttribute: 'disclosureOnRequest',
    });
    assert.equal(elsewhere.statusCode, 403);

    // A file that is not what its name says is refused before anything is stored …
    const fake = await call(tokens.oa, 'POST', '/api/v1/documents', {
      ...base,
      title: '晋江市人民政府关于某事项的通知',
      disclosureAttribute: 'proactiveDisclosure',
      record: { subjectCategory: '综合政务\\政务公开', genre: '通知' },
      attachments: [{ filename: '通知.pdf', contentBase64: Buffer.from('not a pdf').toString('base64') }],
    });
    assert.equal(fake.statusCode, 400);
    assert.equal(fake.json().error.fields[0].field, 'attachments[0]');
    // … and a draft refused inside the transaction (it interprets a document that does not exist)
    // takes the registered 公文 with it.
    const dangling = await call(tokens.oa, 'POST', '/api/v1/documents', {
      ...base,
      title: '关于某事项的政策解读',
      disclosureAttribute: 'proactiveDisclosure',
      record: {
        subjectCategory: '综合政务\\政务公开',
        genre: '政策解读',
        body: '解读正文',
        interprets: '晋政文〔2000〕99号',
      },
    });
    assert.equal(dangling.statusCode, 400, dangling.body);
    assert.equal(dangling.json().error.fields[0].field, 'record.interprets');
    assert.equal(await count('official_document'), documents, 'no 公文 left behind');
    assert.equal(await count('record'), records, 'no record left behind');

    // The account's own agency when none is named; 依申请公开 makes no record.
    const own = await call(tokens.cizaoOa, 'POST', '/api/v1/documents', {
      ...base,
      disclosureAttribute: '依申请公开',
    });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(own.json().data.record, null);
    const status = (await call(tokens.cizaoOa, 'GET', `/api/v1/documents/${own.json().data.id}`)).json().data;
    assert.equal(status.agencyName, '磁灶镇人民政府');
    assert.equal(status.record, null);
    const cityDoc = await call(tokens.oa, 'POST', '/api/v1/documents', {
      ...base,
      title: '晋江市人民政府办公室会议纪要',
      disclosureAttribute: 'disclosureOnRequest',
    });
    assert.equal(cityDoc.statusCode, 201, cityDoc.body);
    const cityDocId = (cityDoc.json().data as { id: string }).id;
    assert.equal((await call(tokens.cizaoOa, 'GET', `/api/v1/documents/${cityDocId}`)).statusCode, 403);
  });

  it('lists withdrawn records for mirrors, oldest withdrawal first, since an instant, by cursor', async () => {
    const pushed = await call(tokens.cms, 'POST', '/api/v1/records', {
      agency: '晋江市人民政府',
      records: archive(2018, ['二〇一八年第一号通知', '二〇一八年第二号通知']),
    });
    assert.equal(pushed.statusCode, 201, pushed.body);
    const { first, last } = (pushed.json() as { data: { first: string; last: string } }).data;
    const system = t.container.ctx(cliActor());
    const idOf = async (indexNumber: string) =>
      (
        await t.container.database.db
          .selectFrom('record')
          .select('id')
          .where('index_number', '=', indexNumber)
          .executeTakeFirstOrThrow()
      ).id;
    const before = (await call(tokens.reader, 'GET', '/api/v1/records/withdrawn?since=2026-03-05')).json();
    assert.deepEqual(before.data, []);
    clock.set('2026-03-05T02:00:00Z');
    await withdraw(system, await idOf(last), '内容有误，重新发布');
    clock.set('2026-03-06T02:00:00Z');
    await withdraw(system, await idOf(first), '已被新文件替代');
    clock.set('2026-03-02T01:00:00Z');

    const page1 = await call(tokens.reader, 'GET', '/api/v1/records/withdrawn?since=2026-03-05&limit=1');
    assert.equal(page1.statusCode, 200, page1.body);
    conforms('get', '/api/v1/records/withdrawn', 200, page1.json());
    const p1 = page1.json() as { data: Array<{ indexNumber: string; withdrawnAt: string }>; next: string };
    assert.equal(p1.data[0]!.indexNumber, last);
    assert.equal(p1.data[0]!.withdrawnAt, '2026-03-05T10:00:00.000+08:00');
    assert.ok(!JSON.stringify(p1).includes('内容有误'), 'the reason stays internal');
    const p2 = (
      await call(tokens.reader, 'GET', `/api/v1/records/withdrawn?since=2026-03-05&limit=1&cursor=${p1.next}`)
    ).json() as { data: Array<{ indexNumber: string }>; next: string | null };
    assert.deepEqual(
      p2.data.map((r) => r.indexNumber),
      [first],
    );
    assert.equal(p2.next, null);
    const later = (
      await call(tokens.reader, 'GET', '/api/v1/records/withdrawn?since=2026-03-06T00:00:00%2B08:00')
    ).json();
    assert.deepEqual(
      (later.data as Array<{ indexNumber: string }>).map((r) => r.indexNumber),
      [first],
    );
    const listed = JSON.stringify((await call(tokens.reader, 'GET', '/api/v1/records?year=2018')).json());
    assert.ok(!listed.includes(first) && !listed.includes(last), 'withdrawn records leave the list');
    const bad = await call(tokens.reader, 'GET', '/api/v1/records/withdrawn?since=三月');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /since（撤回时间起）/);
  });
});

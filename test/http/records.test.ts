import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { beijingDate, FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

describeEachEngine('主动公开 pages', (engine) => {
  // A frozen clock, as in the service tests: Monday 2 March 2026, 09:00 in Beijing.
  const clock = new FixedClock('2026-03-02T01:00:00Z');
  const today = beijingDate(clock.now());
  let t: TestApp;
  let cizao: string;
  before(async () => {
    t = await startTestApp(engine, { clock });
    cizao = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', '磁灶镇')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  it('a clerk drafts, the reviewer passes 保密审查, the office head approves, the clerk publishes; the portal shows it', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const form = await clerk.get('/admin/records/new');
    assert.equal(form.statusCode, 200);
    const fields = {
      _csrf: Client.csrfOf(form.body),
      agencyId: cizao,
      title: '磁灶镇关于2026年陶瓷产业园区道路改造的公告',
      documentNumber: '磁政[2026]5号',
      dateFormedOrChanged: '2026-01-05',
      validity: 'inForce',
      body: '一、改造范围为园区主干道。\n二、施工期间请绕行<script>alert(1)</script>。',
    };
    const bad = await clerk.post('/admin/records', fields);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /磁政〔2026〕5号/, 'the error shows the right form of the 文号');
    assert.match(bad.body, /磁灶镇关于2026年陶瓷产业园区道路改造的公告/, 'nothing typed is lost');
    const saved = await clerk.post('/admin/records', { ...fields, documentNumber: '磁政〔2026〕5号' });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const path = saved.headers.location as string;
    const id = path.split('/').at(-1)!;
    let page = await clerk.get(path);
    assert.match(page.body, /id="record-state">草稿/);
    // Each page offers the viewer the steps they may take now, and no others (record.policy.ts).
    assert.match(page.body, /送保密审查/);
    assert.match(page.body, /上传附件/);
    assert.doesNotMatch(page.body, /提交审核结论|批准发布|立即发布/);
    assert.equal(
      (await new Client(t.app).get(`/records/${id}`)).statusCode,
      404,
      'not public before publication',
    );
    // An attachment goes with the draft through 保密审查; a file that is not what its name says is refused.
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
    const fake = await clerk.upload(
      `${path}/attachments`,
      { _csrf: Client.csrfOf(page.body) },
      {
        field: 'file',
        name: '施工图.pdf',
        type: 'application/pdf',
        bytes: Buffer.from('not a pdf'),
      },
    );
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /“施工图.pdf”的内容不是PDF文件/);
    const uploaded = await clerk.upload(
      `${path}/attachments`,
      { _csrf: Client.csrfOf(page.body) },
      {
        field: 'file',
        name: '施工图.pdf',
        type: 'application/pdf',
        bytes: pdf,
      },
    );
    assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 300));
    page = await clerk.get(path);
    const fileHref = /href="(\/attachments\/[^"]+)">施工图.pdf</.exec(page.body)?.[1];
    assert.ok(fileHref, 'the attachment is listed on the record');
    assert.equal((await new Client(t.app).get(fileHref)).statusCode, 404, 'not public before publication');
    assert.equal((await clerk.post(`${path}/submit`, { _csrf: Client.csrfOf(page.body) })).statusCode, 303);

    const reviewer = new Client(t.app);
    await reviewer.login('reviewer', DEMO_PASSWORD);
    page = await reviewer.get(path);
    assert.match(page.body, /提交审核结论/);
    assert.doesNotMatch(page.body, /送保密审查|批准发布|上传附件/);
    const passed = await reviewer.post(`${path}/review`, {
      _csrf: Client.csrfOf(page.body),
      result: 'passed',
      note: '',
    });
    assert.equal(passed.statusCode, 303);

    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    page = await head.get(path);
    assert.match(page.body, /批准发布/);
    assert.doesNotMatch(page.body, /立即发布|提交审核结论/);
    assert.equal((await head.post(`${path}/approve`, { _csrf: Client.csrfOf(page.body) })).statusCode, 303);

    page = await clerk.get(path);
    const published = await clerk.post(`${path}/publish`, { _csrf: Client.csrfOf(page.body) });
    assert.equal(published.statusCode, 303);
    page = await clerk.get(path);
    assert.match(page.body, /id="record-state">已发布/);
    assert.match(page.body, /修改有效性/);
    assert.doesNotMatch(page.body, /撤回理由/, 'taking a record down is the office head’s');
    assert.match((await head.get(path)).body, /撤回理由/);
    assert.match(page.body, /超过公开时限/, 'formed in January and published later: flagged as late');
    assert.match(page.body, /保密审查通过[\s\S]*林审核|林审核[\s\S]*保密审查通过/);

    const citizen = new Client(t.app);
    const portal = await citizen.get(`/records/${id}`);
    assert.equal(portal.statusCode, 200);
    assert.match(portal.body, /<th>索引号<\/th>\s*<td>[0-9A-Z]{18}\/\d{4}-00001<\/td>/);
    assert.match(portal.body, /磁政〔2026〕5号/);
    assert.match(portal.body, /<p>一、改造范围为园区主干道。<\/p>/);
    assert.doesNotMatch(portal.body, /<script>alert/);
    assert.match(portal.body, /施工图.pdf/);
    const download = await citizen.get(fileHref);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.deepEqual(download.rawPayload, pdf);

    // A citizen finds it by a phrase from its body, highlighted, and by its 文号 typed with [].
    const found = await citizen.get(`/search?q=${encodeURIComponent('园区主干道')}`);
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /共找到 <strong>1<\/strong> 条信息/);
    assert.match(found.body, new RegExp(`href="/records/${id}"`));
    assert.match(found.body, /<mark>园区主干道<\/mark>/);
    const byNumber = await citizen.get(`/api/v1/search?q=${encodeURIComponent('磁政[2026]5号')}`);
    assert.equal(
      (JSON.parse(byNumber.body) as { data: Array<{ title: string }> }).data[0]?.title,
      fields.title,
    );
    const none = await citizen.get(`/search?q=${encodeURIComponent('，')}`);
    assert.equal(none.statusCode, 200);
    assert.match(none.body, /请输入检索词/);

    page = await clerk.get(path);
    const repealed = await clerk.post(`${path}/validity`, {
      _csrf: Client.csrfOf(page.body),
      validity: 'repealed',
      date: today,
      note: '',
    });
    assert.equal(repealed.statusCode, 303, repealed.body.slice(0, 300));
    assert.match((await citizen.get(`/records/${id}`)).body, new RegExp(`废止（废止日期：${today}）`));

    const other = new Client(t.app);
    await other.login('gaclerk', DEMO_PASSWORD);
    assert.equal((await other.get(path)).statusCode, 403);
  });

  it('registers 公文 with their disclosure attribute and counts them', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const page = await clerk.get('/admin/documents');
    const before = Number(/id="documents-total">(\d+)</.exec(page.body)![1]);
    const missing = await clerk.post('/admin/documents', {
      _csrf: Client.csrfOf(page.body),
      agencyId: cizao,
      title: '磁灶镇党政办会议纪要',
      disclosureAttribute: 'withheld',
      writtenDate: today,
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /须选择不予公开理由/);
    const ok = await clerk.post('/admin/documents', {
      _csrf: Client.csrfOf(page.body),
      agencyId: cizao,
      title: '磁灶镇党政办会议纪要',
      disclosureAttribute: 'withheld',
      withheldReason: 'withheld.processInformation',
      writtenDate: today,
    });
    assert.equal(ok.statusCode, 303);
    const after = await clerk.get('/admin/documents');
    assert.equal(Number(/id="documents-total">(\d+)</.exec(after.body)![1]), before + 1);
  });
});

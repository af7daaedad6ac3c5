import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { beijingDate, FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

describeEachEngine('依申请公开 pages', (engine) => {
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

  it('a citizen applies, gets a 受理编号 and a lookup code, and follows the case; the clerk handles it', async () => {
    const citizen = new Client(t.app);
    const form = await citizen.get('/apply');
    assert.equal(form.statusCode, 200);
    const fields = {
      agencyId: cizao,
      applicantType: 'naturalPerson',
      applicantName: '王五',
      idType: 'residentIdCard',
      idNumber: '11010519491231002X',
      phone: '13800595678',
      description: '磁灶镇 2025 年道路硬化工程的验收文件',
      deliveryFormat: 'electronic',
      deliveryMethod: 'online',
    };
    const bad = await citizen.post('/apply', {
      _csrf: Client.csrfOf(form.body),
      ...fields,
      idNumber: '110105194912310021',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /身份证号第 18 位（校验码）应为“X”/);
    const ok = await citizen.post('/apply', { _csrf: Client.csrfOf(form.body), ...fields });
    assert.equal(ok.statusCode, 303);
    const receipt = await citizen.get('/apply/done');
    const number = /id="acceptance-number">([^<]+)</.exec(receipt.body)![1]!;
    const code = /id="lookup-code">([^<]+)</.exec(receipt.body)![1]!;
    assert.match(number, /^〔\d{4}〕第0001号$/);
    assert.match(receipt.body, new RegExp(`收到申请之日[\\s\\S]*?${today}`), "received on the clock's day");
    assert.equal((await citizen.get('/apply/done')).statusCode, 302, 'the code is shown once');

    const lookup = await citizen.get('/cases');
    const found = await citizen.post('/cases', {
      _csrf: Client.csrfOf(lookup.body),
      agencyId: cizao,
      number,
      lookupCode: code,
    });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /1101\*{10}002X/);
    assert.doesNotMatch(found.body, /11010519491231002X/);
    const wrong = await citizen.post('/cases', {
      _csrf: Client.csrfOf(lookup.body),
      agencyId: cizao,
      number,
      lookupCode: 'AAAA-BBBB-CC',
    });
    assert.equal(wrong.statusCode, 404);

    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const queue = await clerk.get('/admin/requests');
    const id = new RegExp(`href="/admin/requests/([0-9a-f-]{36})">${number.replace(/[〔〕]/g, '.')}`).exec(
      queue.body,
    )![1]!;
    // A second application by the same person shows the first on its page.
    const form2 = await citizen.get('/apply');
    await citizen.post('/apply', {
      _csrf: Client.csrfOf(form2.body),
      ...fields,
      description: '磁灶镇 2025 年道路硬化工程的验收文件（再次申请）',
    });
    const queue2 = await clerk.get('/admin/requests');
    const second = /href="\/admin\/requests\/([0-9a-f-]{36})">〔\d{4}〕第0002号/.exec(queue2.body)![1]!;
    assert.match(
      (await clerk.get(`/admin/requests/${second}`)).body,
      new RegExp(`id="same-applicant"[\\s\\S]*${number.replace(/[〔〕]/g, '.')}`),
    );

    const page = await clerk.get(`/admin/requests/${id}`);
    assert.match(page.body, /1101\*{10}002X/, 'masked until the clerk handles it');
    const csrf = Client.csrfOf(page.body);
    assert.equal((await clerk.post(`/admin/requests/${id}/assign`, { _csrf: csrf })).statusCode, 303);
    const personal = await clerk.post(`/admin/requests/${id}/personal`, { _csrf: csrf });
    assert.match(personal.body, /11010519491231002X/);
    const replied = await clerk.post(`/admin/requests/${id}/act`, {
      _csrf: csrf,
      action: 'replied',
      date: today,
      outcome: 'granted',
      reasons: '',
      deliveryMode: 'pickup',
      deliveredOn: today,
    });
    assert.equal(replied.statusCode, 303, replied.body.slice(0, 500));
    assert.match((await clerk.get(`/admin/requests/${id}`)).body, /已答复/);

    const stranger = new Client(t.app);
    assert.equal(
      (await stranger.get('/cases/mine')).statusCode,
      302,
      'a case opens only with its lookup code',
    );
    const letterLink = /href="\/admin\/requests\/[0-9a-f-]{36}\/letters\/([0-9a-f-]{36})\.docx"/.exec(
      (await clerk.get(`/admin/requests/${id}`)).body,
    );
    if (letterLink)
      assert.equal((await stranger.get(`/cases/letters/${letterLink[1]}.docx`)).statusCode, 302);

    const other = new Client(t.app);
    await other.login('gaclerk', DEMO_PASSWORD);
    assert.equal((await other.get(`/admin/requests/${id}`)).statusCode, 403);
  });

  it('the API takes an application and never shows personal data in the clear', async () => {
    const anon = new Client(t.app);
    const form = await anon.get('/apply');
    const csrf = Client.csrfOf(form.body);
    const created = await anon.json(
      'POST',
      '/api/v1/requests',
      {
        agencyId: cizao,
        applicantType: 'naturalPerson',
        applicantName: '赵六',
        idType: 'residentIdCard',
        idNumber: '11010519491231002X',
        phone: '13800595678',
        description: '磁灶镇 2026 年预算公开文件',
        deliveryFormat: 'electronic',
        deliveryMethod: 'online',
      },
      { 'x-csrf-token': csrf },
    );
    assert.equal(created.statusCode, 201, created.body);
    const { data } = JSON.parse(created.body);
    assert.match(data.lookupCode, /^[A-Z2-9]{4}-/);
    const bad = await anon.json('POST', '/api/v1/requests', { agencyId: cizao }, { 'x-csrf-token': csrf });
    assert.equal(bad.statusCode, 400);
    assert.ok(JSON.parse(bad.body).error.fields.some((f: { field: string }) => f.field === 'idNumber'));

    const head = new Client(t.app);
    await head.login('admin', DEMO_PASSWORD);
    const list = await head.get('/api/v1/requests');
    const one = await head.get(`/api/v1/requests/${data.id}`);
    for (const body of [list.body, one.body]) assert.doesNotMatch(body, /11010519491231002X|13800595678/);
    assert.equal(JSON.parse(one.body).data.request.idNumber, '1101**********002X');
    assert.equal((await anon.get(`/api/v1/requests/${data.id}`)).statusCode, 401);
  });

  it('a clerk asks for more time on the case page; the office head grants it from the approvals page', async () => {
    const anon = new Client(t.app);
    const csrf0 = Client.csrfOf((await anon.get('/apply')).body);
    const created = await anon.json(
      'POST',
      '/api/v1/requests',
      {
        agencyId: cizao,
        applicantType: 'commercialEnterprise',
        applicantName: '晋江某陶瓷有限公司',
        idType: 'other',
        idNumber: '91350582MA00000000',
        phone: '0595-85000000',
        description: '磁灶镇 2025 年陶瓷企业排污许可的审批材料',
        deliveryFormat: 'paper',
        deliveryMethod: 'mail',
        address: '福建省晋江市磁灶镇某工业区 1 号',
      },
      { 'x-csrf-token': csrf0 },
    );
    assert.equal(created.statusCode, 201, created.body);
    const { id } = JSON.parse(created.body).data as { id: string };

    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const page = await clerk.get(`/admin/requests/${id}`);
    const due = /<dt>答复期限<\/dt><dd>([0-9-]+)/.exec(page.body)?.[1];
    assert.ok(due, 'the case page shows its due date');
    assert.doesNotMatch(page.body, /name="action" value="extensionApproved"/, 'a clerk cannot approve');
    const noReason = await clerk.post(`/admin/requests/${id}/act`, {
      _csrf: Client.csrfOf(page.body),
      action: 'extensionRequested',
      date: today,
      workdays: '10',
      reason: '',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /延期理由/);
    const asked = await clerk.post(`/admin/requests/${id}/act`, {
      _csrf: Client.csrfOf(page.body),
      action: 'extensionRequested',
      date: today,
      workdays: '10',
      reason: '需调取多年档案',
    });
    assert.equal(asked.statusCode, 303, asked.body.slice(0, 500));
    assert.equal(
      (await clerk.get('/admin/requests/approvals')).body.includes('需调取多年档案'),
      false,
      'the clerk has nothing to approve',
    );

    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const approvals = await head.get('/admin/requests/approvals');
    assert.match(approvals.body, new RegExp(`href="/admin/requests/${id}"[\\s\\S]*需调取多年档案`));
    const casePage = await head.get(`/admin/requests/${id}`);
    assert.match(casePage.body, /批准延期（经办人申请 10 个工作日：需调取多年档案）/);
    const granted = await head.post(`/admin/requests/${id}/act`, {
      _csrf: Client.csrfOf(casePage.body),
      action: 'extensionApproved',
      date: today,
      workdays: '10',
      letter: '',
    });
    assert.equal(granted.statusCode, 303, granted.body.slice(0, 500));
    const after = await head.get(`/admin/requests/${id}`);
    const newDue = /<dt>答复期限<\/dt><dd>([0-9-]+)/.exec(after.body)?.[1];
    assert.ok(newDue && newDue > due!, `the due date moves from ${due} to ${newDue}`);
    assert.doesNotMatch((await head.get('/admin/requests/approvals')).body, /需调取多年档案/);
  });

  it('the applicant proves a case with the 查询码 in one signed cookie, ends it with 结束查看; a forged one proves nothing', async () => {
    const fields = {
      agencyId: cizao,
      applicantType: 'naturalPerson',
      applicantName: '钱七',
      idType: 'residentIdCard',
      idNumber: '11010519491231002X',
      phone: '13800595678',
      description: '磁灶镇 2026 年道路养护的合同',
      deliveryFormat: 'electronic',
      deliveryMethod: 'online',
    };
    const apply = async (client: Client, description: string) => {
      const form = await client.get('/apply');
      const ok = await client.post('/apply', { _csrf: Client.csrfOf(form.body), ...fields, description });
      assert.equal(ok.statusCode, 303);
      const receipt = await client.get('/apply/done');
      const r = {
        number: /id="acceptance-number">([^<]+)</.exec(receipt.body)![1]!,
        code: /id="lookup-code">([^<]+)</.exec(receipt.body)![1]!,
      };
      // Submitting alone opens nothing: on a shared computer (a 查阅点's terminal) the next person
      // must not find the case; the applicant follows it with the 受理编号 and 查询码.
      assert.equal((await client.get('/cases/mine')).statusCode, 302, 'submitting proves nothing');
      const found = await client.post('/cases', {
        _csrf: Client.csrfOf((await client.get('/cases')).body),
        agencyId: cizao,
        number: r.number,
        lookupCode: r.code,
      });
      assert.equal(found.statusCode, 200);
      return r;
    };
    const citizen = new Client(t.app);
    const first = await apply(citizen, '磁灶镇 2026 年道路养护的合同');
    const mine = await citizen.get('/cases/mine');
    assert.equal(mine.statusCode, 200, 'the 查询码 proves the case');
    assert.match(mine.body, new RegExp(first.number.replace(/[〔〕]/g, '.')));
    const letter = /href="\/cases\/letters\/([0-9a-f-]{36})\.docx"/.exec(mine.body)![1]!;
    const docx = await citizen.get(`/cases/letters/${letter}.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);

    // The cookie: signed, httpOnly, SameSite=Lax, for half an hour, as the case cookie was.
    const proofCookie = (
      (
        await citizen.post('/cases', {
          _csrf: Client.csrfOf((await citizen.get('/cases')).body),
          agencyId: cizao,
          number: first.number,
          lookupCode: first.code,
        })
      ).cookies as Array<{
        name: string;
        httpOnly?: boolean;
        sameSite?: string;
        maxAge?: number;
        path?: string;
      }>
    ).find((c) => c.name === 'gk_proof');
    assert.ok(proofCookie, 'the lookup sets the proof cookie');
    assert.equal(proofCookie.httpOnly, true);
    assert.equal(proofCookie.sameSite, 'Lax');
    assert.equal(proofCookie.maxAge, 30 * 60);

    // Someone else's browser: nothing until the 查询码; a forged or altered cookie proves nothing.
    const other = new Client(t.app);
    const second = await apply(other, '磁灶镇 2026 年道路养护的验收记录');
    const stranger = new Client(t.app);
    assert.equal((await stranger.get('/cases/mine')).statusCode, 302, 'nothing proven');
    const caseId = /request:([0-9a-f-]{36})/.exec(decodeURIComponent(other.cookies.get('gk_proof')!))![1]!;
    const forged = JSON.stringify([[`request:${caseId}`, clock.now().getTime() + 3_600_000]]);
    stranger.cookies.set('gk_proof', encodeURIComponent(forged));
    assert.equal((await stranger.get('/cases/mine')).statusCode, 302, 'an unsigned cookie proves nothing');
    const signed = decodeURIComponent(other.cookies.get('gk_proof')!);
    const altered = signed.replace(
      /request:[0-9a-f-]{36}/,
      `request:${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}`,
    );
    stranger.cookies.set('gk_proof', encodeURIComponent(altered));
    assert.equal((await stranger.get('/cases/mine')).statusCode, 302, 'an altered cookie proves nothing');
    stranger.cookies.set('gk_proof', other.cookies.get('gk_proof')!);
    assert.equal(
      (await stranger.get('/cases/mine')).statusCode,
      200,
      'the untouched cookie does (as before)',
    );
    assert.equal(
      (await other.get(`/cases/letters/${letter}.docx`)).statusCode,
      403,
      'a proof of one case opens no letter of another',
    );

    // With the 受理编号 and 查询码, a new browser proves the case too.
    const later = new Client(t.app);
    const found = await later.post('/cases', {
      _csrf: Client.csrfOf((await later.get('/cases')).body),
      agencyId: cizao,
      number: second.number,
      lookupCode: second.code,
    });
    assert.equal(found.statusCode, 200);
    assert.match((await later.get('/cases/mine')).body, new RegExp(second.number.replace(/[〔〕]/g, '.')));

    // 结束查看 forgets every proof of this browser at once.
    const ended = await later.post('/cases/forget', {
      _csrf: Client.csrfOf((await later.get('/cases/mine')).body),
    });
    assert.equal(ended.statusCode, 303);
    assert.equal((await later.get('/cases/mine')).statusCode, 302, 'nothing proven after 结束查看');
    await later.post('/cases', {
      _csrf: Client.csrfOf((await later.get('/cases')).body),
      agencyId: cizao,
      number: second.number,
      lookupCode: second.code,
    });

    // A proof lasts half an hour.
    clock.advance(31 * 60 * 1000);
    try {
      assert.equal((await later.get('/cases/mine')).statusCode, 302, 'an expired proof proves nothing');
    } finally {
      clock.set('2026-03-02T01:00:00Z');
    }
  });
});

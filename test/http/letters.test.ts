import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

// The 来信 pages over HTTP (issue 14 §3, §6): bad input named field by field in Chinese and nothing
// stored, the 查询码 as the only way in, the back office for staff only, the 意见书 as Word.

describeEachEngine('来信 pages: the writer’s forms and the back office', (engine) => {
  let t: TestApp;
  let root: { id: string };
  before(async () => {
    t = await startTestApp(engine);
    root = await t.container.database.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '晋江市人民政府')
      .executeTakeFirstOrThrow();
  });
  after(async () => t.close());

  const write = async (c: Client, fields: Record<string, string>) => {
    const form = await c.get('/letters/write?channel=onlinePetition');
    return c.post('/letters/write', { _csrf: Client.csrfOf(form.body), ...fields });
  };

  it('names every bad field of a 网上信访 in Chinese, keeps what was typed, and stores nothing', async () => {
    const c = new Client(t.app);
    const res = await write(c, {
      channel: 'onlinePetition',
      agencyId: root.id,
      ticketType: 'complaint',
      anonymous: 'on',
      subject: '征地补偿',
      content: '太短',
    });
    assert.equal(res.statusCode, 400);
    const $ = cheerio.load(res.body);
    const summary = $('.gk-error-summary').text();
    assert.match(summary, /来信内容至少 10 个字符/);
    assert.equal($('input[name="subject"]').val(), '征地补偿');
    const count = await t.container.database.db
      .selectFrom('message_case')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
    const again = await write(c, {
      channel: 'onlinePetition',
      agencyId: root.id,
      ticketType: 'complaint',
      anonymous: 'on',
      subject: '征地补偿',
      content: '本人承包地被征收，补偿标准低于周边村。',
    });
    assert.equal(again.statusCode, 400);
    assert.match(cheerio.load(again.body)('.gk-error-summary').text(), /信访事项须署真实姓名/);
  });

  it('shows the receipt once; only the number with its 查询码 opens the letter; 结束查看 forgets it', async () => {
    const c = new Client(t.app);
    // The portal's figures, as an anonymous visitor sees them (cached), change with the letter.
    const figure = async () =>
      cheerio
        .load((await new Client(t.app).get(`/letters/stats?agency=${root.id}`)).body)('#fig-received')
        .text();
    const before = Number(await figure());
    const posted = await write(c, {
      channel: 'leaderMailbox',
      agencyId: root.id,
      ticketType: 'consultation',
      writerName: '王秀英',
      phone: '13905950000',
      subject: '咨询老年人优待证',
      content: '我今年满 65 岁，想咨询老年人优待证在哪里办理。',
    });
    assert.equal(posted.statusCode, 303);
    const receipt = cheerio.load((await c.get('/letters/done')).body);
    const number = receipt('#letter-number').text();
    const code = receipt('#lookup-code').text();
    assert.match(number, /^\d{4}XX\d{5}$/);
    // Shown once.
    assert.equal((await c.get('/letters/done')).statusCode, 302);
    assert.equal(Number(await figure()), before + 1);

    const stranger = new Client(t.app);
    const form = await stranger.get('/letters/track');
    const wrong = await stranger.post('/letters/track', {
      _csrf: Client.csrfOf(form.body),
      number,
      code: 'AAAA-BBBB-CC',
    });
    assert.equal(wrong.statusCode, 404);
    assert.match(cheerio.load(wrong.body)('.gk-error-summary').text(), /来信编号与查询码不相符/);
    const right = await stranger.post('/letters/track', { _csrf: Client.csrfOf(form.body), number, code });
    assert.equal(right.statusCode, 303);
    const page = cheerio.load((await stranger.get('/letters/track')).body);
    assert.equal(page('#stage').text(), '待转办');
    assert.match(page('#letter').text(), /老年人优待证在哪里办理/);
    await stranger.post('/letters/forget', {
      _csrf: Client.csrfOf((await stranger.get('/letters/track')).body),
    });
    assert.equal(cheerio.load((await stranger.get('/letters/track')).body)('#letter').length, 0);
  });

  it('keeps the back office for staff, and the 公安局 clerk out of a letter not sent there', async () => {
    const anon = await new Client(t.app).get('/admin/letters');
    assert.equal(anon.statusCode, 302);
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const queue = cheerio.load((await admin.get('/admin/letters')).body);
    const href = queue('#queue a').first().attr('href')!;
    assert.match(href, /^\/admin\/letters\/.+/);
    const police = new Client(t.app);
    await police.login('gaclerk', DEMO_PASSWORD);
    assert.equal((await police.get(href)).statusCode, 404);
    // Turning it into an application asks for the applicant, not for the agency or the day of receipt.
    const convert = cheerio.load((await admin.get(`${href}/convert`)).body);
    assert.equal(convert('input[name="applicantName"]').length, 1);
    assert.equal(convert('select[name="agencyId"]').length, 0);
    assert.equal(convert('input[name="receivedOn"]').length, 0);
    assert.equal(convert('main button[type="submit"]').last().text().trim(), '转为依申请公开');
    // 监督员: read-only over the subtree — the letter, no step forms, and a step refused.
    const supervisor = new Client(t.app);
    await supervisor.login('supervisor', DEMO_PASSWORD);
    const seen = await supervisor.get(href);
    assert.equal(seen.statusCode, 200);
    assert.equal(cheerio.load(seen.body)('#steps').length, 0);
    const refused = await supervisor.post(`${href}/step/dispatch`, {
      _csrf: Client.csrfOf(seen.body),
      agencyId: root.id,
      kind: 'transfer',
    });
    assert.equal(refused.statusCode, 403);
    const unknownStep = await admin.post(`${href}/step/explode`, {
      _csrf: Client.csrfOf((await admin.get(href)).body),
    });
    assert.equal(unknownStep.statusCode, 404);
  });

  it('lets a disclosure applicant rate the 答复 from their case page, once, and no one else', async () => {
    const { requests, cases } = await import('../../src/modules/requests/index.js');
    const { application } = await import('../harness/requests.js');
    const { systemActor } = await import('../../src/platform/access.js');
    const sys = t.container.ctx(systemActor('测试'));
    const r = await requests.submitOnline(sys, application(root.id));
    await cases.act(sys, r.id, 'replied', {
      date: r.receivedOn,
      outcome: 'unavailable.notHeld',
      reasons: '经检索，本机关未制作或获取该信息',
    });
    const stranger = new Client(t.app);
    assert.equal((await stranger.get(`/cases/rate/${r.id}`)).statusCode, 403);
    const c = new Client(t.app);
    const form = await c.get('/cases');
    await c.post('/cases', {
      _csrf: Client.csrfOf(form.body),
      number: r.acceptanceNumber,
      lookupCode: r.lookupCode,
    });
    const mine = cheerio.load((await c.get('/cases/mine')).body);
    assert.equal(mine('#case-links a').attr('href'), `/cases/rate/${r.id}`);
    const page = await c.get(`/cases/rate/${r.id}`);
    const rated = await c.post(`/cases/rate/${r.id}`, {
      _csrf: Client.csrfOf(page.body),
      grade: 'satisfied',
      quality: '4',
    });
    assert.equal(rated.statusCode, 303);
    assert.match(
      cheerio
        .load((await c.get(`/cases/rate/${r.id}`)).body)('#my-rating')
        .text(),
      /满意/,
    );
    const again = await c.post(`/cases/rate/${r.id}`, {
      _csrf: Client.csrfOf(page.body),
      grade: 'dissatisfied',
    });
    assert.equal(again.statusCode, 409);
  });

  it('takes a photo with the letter, refuses a file that is not what it says, and lets only the writer and staff download it', async () => {
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const c = new Client(t.app);
    const fields = {
      channel: 'leaderMailbox',
      agencyId: root.id,
      ticketType: 'help',
      writerName: '吴建国',
      phone: '13905957777',
      subject: '小区停水',
      content: '青阳街道某小区停水三天，照片见附件。',
    };
    const form = await c.get('/letters/write');
    const bad = await c.upload(
      '/letters/write',
      { _csrf: Client.csrfOf(form.body), ...fields },
      { field: 'files', name: '停水.png', type: 'image/png', bytes: Buffer.from('not a png at all') },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(cheerio.load(bad.body)('.gk-error-summary').text(), /“停水.png”的内容不是/);
    assert.equal(cheerio.load(bad.body)('input[name="subject"]').val(), '小区停水');
    const ok = await c.upload(
      '/letters/write',
      { _csrf: Client.csrfOf(form.body), ...fields },
      { field: 'files', name: '停水.png', type: 'image/png', bytes: PNG },
    );
    assert.equal(ok.statusCode, 303);
    const receipt = cheerio.load((await c.get('/letters/done')).body);
    const number = receipt('#letter-number').text();
    const code = receipt('#lookup-code').text();
    const writer = new Client(t.app);
    const track = await writer.get('/letters/track');
    await writer.post('/letters/track', { _csrf: Client.csrfOf(track.body), number, code });
    const href = cheerio
      .load((await writer.get('/letters/track')).body)('#files a')
      .attr('href')!;
    assert.match(href, /^\/letters\/files\//);
    const got = await writer.get(href);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, PNG);
    assert.equal((await new Client(t.app).get(href)).statusCode, 404);
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const staffHref = href.replace('/letters/files/', '/admin/letters/files/');
    assert.deepEqual((await admin.get(staffHref)).rawPayload, PNG);
    // A letter that came by post, registered with its scan.
    const form2 = await admin.get('/admin/letters/new');
    const registered = await admin.upload(
      '/admin/letters/new',
      {
        _csrf: Client.csrfOf(form2.body),
        channel: 'post',
        regime: 'mailbox',
        agencyId: root.id,
        receivedOn: '2026-03-02',
        ticketType: 'suggestion',
        writerName: '黄志强',
        phone: '13905958888',
        subject: '建议增设公交站点',
        content: '建议在世纪大道增设公交站点，方便市民出行。',
      },
      { field: 'files', name: '来信原件.png', type: 'image/png', bytes: PNG },
    );
    assert.equal(registered.statusCode, 303);
    const letterPage = cheerio.load((await admin.get(registered.headers.location as string)).body);
    assert.match(letterPage('#files').text(), /来信原件\.png/);
  });
});

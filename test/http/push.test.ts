import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createAppWorker } from '../../src/app/worker.js';
import { systemActor } from '../../src/platform/access.js';
import type { Ctx } from '../../src/platform/context.js';
import { composeCreditCode } from '../../src/modules/agencies/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { pushRules, pushSubscribers } from '../../src/modules/push/index.js';
import { stopToken, feedToken } from '../../src/modules/push/subscriber.service.js';
import { records } from '../../src/modules/records/index.js';
import { catalogs } from '../../src/modules/catalog/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';
import { localSmtp } from '../harness/smtp.js';

// 精准推送's doors (issue 15): the column entry, the one-click stop that mail clients POST without a
// form (RFC 8058), the personal feed, the signed webhook, the public list fresh after a push, and
// the office's categories.

describeEachEngine('精准推送 pages: stop link, feed, webhook, public list, categories', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof localSmtp>>;
  let hook: Server;
  const hooks: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
  let ctx: Ctx;
  let citizen: string;
  let firm: string;
  let region: string;

  const publishWithRule = async (title: string, rule: Record<string, unknown>) => {
    const day = ctx.clock.now().toISOString().slice(0, 10);
    const gov = await t.container.database.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '晋江市人力资源和社会保障局')
      .executeTakeFirstOrThrow();
    const r = await records.createDraft(ctx, {
      agencyId: gov.id,
      title,
      documentNumber: null,
      writtenDate: day,
      dateFormedOrChanged: day,
      subjectCategory: '劳动、人事、监察\\劳动就业',
      genre: '通知',
      keywords: '补贴',
      body: '<p>符合条件的，给予一次性补贴。</p>',
    });
    await pushRules.setRecordRule(ctx, r.id, rule);
    await records.submitForReview(ctx, r.id);
    await records.review(ctx, r.id, { result: 'passed' });
    await records.approve(ctx, r.id);
    await records.publish(ctx, r.id);
    await createAppWorker(t.container).drain();
    return r.id;
  };

  before(async () => {
    smtp = await localSmtp();
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const port = (hook.address() as { port: number }).port;
    // The webhook receiver is on this machine: allowed here, refused by default (tested below).
    t = await startTestApp(engine, { env: { PUSH_SMTP_URL: smtp.url, PUSH_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    ctx = t.container.ctx(systemActor('测试'));
    region = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', '磁灶镇人民政府')
        .executeTakeFirstOrThrow()
    ).id;
    citizen = (
      await pushSubscribers.registerConfirmed(ctx, {
        kind: 'citizen',
        email: 'reader@example.test',
        birthYear: '2002',
        identityTags: ['student'],
        regionId: region,
        profiling: '1',
        channels: ['email', 'feed'],
      })
    ).id;
    firm = (
      await pushSubscribers.registerConfirmed(ctx, {
        kind: 'enterprise',
        email: 'it@example.test',
        name: '晋江云帆软件有限公司',
        creditCode: composeCreditCode('91', '350582', 'MA2YHTTP'),
        industry: '6513',
        staff: '40',
        revenue: '900',
        enterpriseTags: ['techSme'],
        regionId: region,
        profiling: '1',
        channels: ['webhook'],
        webhookUrl: `http://127.0.0.1:${port}/gongkai`,
      })
    ).id;
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await new Promise<void>((r) => hook.close(() => r()));
  });

  it('is listed in the 便民化 column', async () => {
    const $ = cheerio.load((await new Client(t.app).get('/standardization/convenience')).body);
    assert.equal($('a[href="/push"]').first().text(), '政策精准推送');
  });

  it('delivers to the feed and to a signed webhook, and the public list shows the policy at once', async () => {
    const visitor = new Client(t.app);
    const before = await visitor.get('/push/policies');
    assert.doesNotMatch(before.body, /就业创业补贴/);
    await publishWithRule('晋江市2026年高校毕业生就业创业补贴申领指南', {
      audience: 'all',
      combine: 'any',
      identityTags: ['student'],
      enterpriseTags: ['techSme'],
    });
    // The anonymous visitor's cached page is stale as soon as the push is made (ADR 0013).
    const list = await visitor.get('/push/policies');
    assert.match(list.body, /就业创业补贴申领指南/);
    // The feed, by its secret link, without signing in.
    const feed = await visitor.get(`/push/feed/${citizen}/${feedToken(ctx, citizen)}.atom`);
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    const $ = cheerio.load(feed.body, { xml: true });
    assert.equal($('entry > title').first().text(), '晋江市2026年高校毕业生就业创业补贴申领指南');
    assert.match($('entry > summary').first().text(), /推送原因：面向：符合下列任一条件的企业和个人/);
    assert.equal((await visitor.get(`/push/feed/${citizen}/not-the-token.atom`)).statusCode, 404);
    // The webhook: one POST, signed over “timestamp.body” with the subscriber's own secret.
    assert.equal(hooks.length, 1);
    const secret = ctx.cipher.decrypt(
      (
        await t.container.database.db
          .selectFrom('push_subscriber')
          .select('webhook_secret_enc')
          .where('id', '=', firm)
          .executeTakeFirstOrThrow()
      ).webhook_secret_enc!,
    );
    const { headers, body } = hooks[0]!;
    const expected = createHmac('sha256', secret)
      .update(`${headers['x-gongkai-timestamp']}.${body}`)
      .digest('hex');
    assert.equal(headers['x-gongkai-signature'], `sha256=${expected}`);
    assert.equal(JSON.parse(body).title, '晋江市2026年高校毕业生就业创业补贴申领指南');
  });

  it('stops by a one-click POST without a form or cookie (RFC 8058), and refuses a wrong token', async () => {
    const mailClient = new Client(t.app);
    const wrong = await mailClient.post(`/push/stop/${citizen}/${'0'.repeat(32)}`, {
      'List-Unsubscribe': 'One-Click',
    });
    assert.equal(wrong.statusCode, 404);
    const res = await mailClient.post(`/push/stop/${citizen}/${stopToken(ctx, citizen)}`, {
      'List-Unsubscribe': 'One-Click',
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /已退订政策推送/);
    const row = await t.container.database.db
      .selectFrom('push_subscriber')
      .select('state')
      .where('id', '=', citizen)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'stopped');
    // Other POSTs still need their CSRF token.
    assert.equal((await mailClient.post('/push/me/stop', {})).statusCode, 403);
  });

  it('lets the office edit the categories, and nobody else', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    assert.equal((await clerk.get('/admin/push/categories')).statusCode, 403);
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const page = await admin.get('/admin/push/categories');
    assert.equal(page.statusCode, 200);
    assert.equal(cheerio.load(page.body)('table tbody tr').length, 22);
    const bad = await admin.post('/admin/push/categories', {
      _csrf: Client.csrfOf(page.body),
      class: 'group',
      name: '',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(cheerio.load(bad.body)('#e-name').text(), /类别名称为 1–30 个字/);
    const ok = await admin.post('/admin/push/categories', {
      _csrf: Client.csrfOf(page.body),
      class: 'enterprise',
      name: '晋江鞋服产业扶持',
      domains: 'employment',
    });
    assert.equal(ok.statusCode, 303);
    const after = cheerio.load((await admin.get('/admin/push/categories')).body);
    assert.equal(after('table tbody tr').length, 23);
    assert.match(after('table tbody').text(), /晋江鞋服产业扶持.*就业/);
  });

  it('answers a sign-in the same way whether or not the address subscribed', async () => {
    const visitor = new Client(t.app);
    const form = await visitor.get('/push/login');
    const known = await visitor.post('/push/login', {
      _csrf: Client.csrfOf(form.body),
      email: 'it@example.test',
    });
    const unknown = await visitor.post('/push/login', {
      _csrf: Client.csrfOf(form.body),
      email: 'nobody@example.test',
    });
    for (const res of [known, unknown]) {
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/push\/verify\/[0-9a-f-]{36}$/);
    }
    const page = await visitor.get(String(unknown.headers.location));
    const tried = await visitor.post(String(unknown.headers.location), {
      _csrf: Client.csrfOf(page.body),
      code: '123456',
    });
    assert.equal(tried.statusCode, 400);
    assert.match(cheerio.load(tried.body)('#e-code').text(), /验证码不正确或已失效/);
  });

  it('follows a 标准目录 item from its public page, after subscribing to topics with the e-mail code', async () => {
    const catalog = await catalogs.adoptTemplate(ctx, region, 'employment');
    const item = (await catalogs.get(ctx, catalog.id)).items[0]!;
    const visitor = new Client(t.app);
    const itemPage = cheerio.load((await visitor.get(`/catalogs/item/${item.id}`)).body);
    const href = itemPage('a:contains("订阅本事项的政策推送")').attr('href')!;
    assert.equal(href, `/push/follow?kind=catalogItem&value=${item.id}`);
    // Not yet a subscriber: the page offers to subscribe first.
    assert.match(
      cheerio
        .load((await visitor.get(href)).body)('main')
        .text(),
      /用邮箱订阅（不填画像）/,
    );
    const form = await visitor.get('/push/subscribe?kind=topics');
    const sent = smtp.received.length;
    const made = await visitor.post('/push/subscribe', {
      _csrf: Client.csrfOf(form.body),
      kind: 'topics',
      email: 'follower@example.test',
      agree: '1',
    });
    assert.equal(made.statusCode, 303);
    await createAppWorker(t.container).drain();
    await smtp.waitFor(sent + 1);
    const codeMail = smtp.received.slice(sent).find((m) => m.to === 'follower@example.test')!;
    const code = /验证码是：(\d{6})/.exec(codeMail.text)![1]!;
    const verifyPage = await visitor.get(String(made.headers.location));
    const verified = await visitor.post(String(made.headers.location), {
      _csrf: Client.csrfOf(verifyPage.body),
      code,
    });
    assert.equal(verified.headers.location, '/push/me');
    const confirm = await visitor.get(href);
    const $ = cheerio.load(confirm.body);
    assert.match($('main').text(), new RegExp(`关注“.*${item.name}”后`));
    const done = await visitor.post('/push/me/follow', {
      _csrf: Client.csrfOf(confirm.body),
      followKind: 'catalogItem',
      followValue: item.id,
    });
    assert.equal(done.statusCode, 303);
    const me = cheerio.load((await visitor.get('/push/me')).body);
    assert.match(me('main').text(), new RegExp(`目录事项：.*${item.name}`));
  });
});

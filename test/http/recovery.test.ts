import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { createAppWorker } from '../../src/app/worker.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { takeMessages } from '../../src/modules/requests/request-recovery.service.js';
import { systemActor } from '../../src/platform/access.js';
import { runCli } from '../../src/app/cli.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

/**
 * 找回受理编号 through the portal: linked from the lookup and the receipt; one answer whether or
 * not the contact gave an application; the 找回码 from the message gives the 受理编号 and a new
 * 查询码 that opens the case; forms with CSRF, labels and errors naming the field; a limit per
 * client address; the operator sees the queued count.
 */
describeEachEngine('找回受理编号 through the portal', (engine) => {
  // The system clock: the operator's CLI below reads the outbox with it.
  const keys = {
    GONGKAI_SECRET: 'test-secret-test-secret-test-secret-0123',
    GONGKAI_DATA_KEY: 'recovery-test-data-key-recovery-test-data-key',
  };
  let t: TestApp;
  let cizao: string;
  before(async () => {
    t = await startTestApp(engine, {
      env: { ...keys, PUBLIC_URL: 'https://gk.example.gov.cn', REQUEST_RECOVERY_PER_IP_PER_HOUR: '8' },
    });
    cizao = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', '磁灶镇')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  const sendQueued = async () => {
    await createAppWorker(t.container).drain();
    return takeMessages(t.container.ctx(systemActor('运维')));
  };
  /** Asks for a 找回码 for `contact`; every request of the test counts against the address's limit. */
  const recover = async (citizen: Client, contact: string, extra: Record<string, string> = {}) => {
    const form = await citizen.get('/cases/recover');
    return citizen.post(
      '/cases/recover',
      { _csrf: Client.csrfOf(form.body), contact, ...extra },
      { host: 'evil.example' },
    );
  };

  it('is linked from the lookup page and the receipt, and asks for the contact with labelled fields', async () => {
    const citizen = new Client(t.app);
    const lookup = await citizen.get('/cases');
    assert.match(lookup.body, /href="\/cases\/recover"/);
    const form = await citizen.get('/apply');
    await citizen.post('/apply', {
      _csrf: Client.csrfOf(form.body),
      agencyId: cizao,
      applicantType: 'naturalPerson',
      applicantName: '王五',
      idType: 'residentIdCard',
      idNumber: '11010519491231002X',
      phone: '13800595678',
      description: '磁灶镇 2025 年道路硬化工程的验收文件',
      deliveryFormat: 'electronic',
      deliveryMethod: 'online',
    });
    const receipt = await citizen.get('/apply/done');
    assert.match(receipt.body, /id="recover-hint"[\s\S]*?href="\/cases\/recover"/);
    const page = await citizen.get('/cases/recover');
    assert.equal(page.statusCode, 200);
    const $ = cheerio.load(page.body);
    for (const name of ['contact', 'applicantName'])
      assert.equal($(`label[for="f-${name}"]`).length, 1, `${name} has a label`);
    assert.match($('label[for="f-contact"]').text(), /手机号码或电子邮箱/);
    assert.equal($('input[name="_csrf"]').length, 1);
    assert.match(page.body, /个人信息处理告知/);
    // Without the form's token the request is refused, as on every public form.
    const forged = await new Client(t.app).post('/cases/recover', { contact: '13800595678' });
    assert.equal(forged.statusCode, 403);
  });

  it('answers a contact with an application and one without alike, and sends the 找回码 to the first only', async () => {
    const known = await recover(new Client(t.app), '138-0059-5678');
    const unknownClient = new Client(t.app);
    const unknown = await recover(unknownClient, '13800595679');
    for (const r of [known, unknown]) {
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, '/cases/recover/code');
    }
    const shown = await unknownClient.get('/cases/recover/code');
    assert.match(shown.body, /如该联系方式提交过申请，受理编号和找回码已发送到该联系方式/);
    const messages = await sendQueued();
    assert.equal(messages.length, 1);
    const m = messages[0]!;
    assert.equal(m.to, '13800595678');
    // The link comes from PUBLIC_URL, never from the request's Host.
    assert.match(m.text, /https:\/\/gk\.example\.gov\.cn\/cases\/recover\/code/);
    assert.doesNotMatch(m.text, /evil\.example/);
    const code = /找回码为 ([A-Z2-9-]{12})/.exec(m.text)![1]!;
    const number = /受理编号：(〔\d{4}〕第\d{4}号)（磁灶镇人民政府）/.exec(m.text)![1]!;

    // The code, typed in lower case, gives the 受理编号 and a new 查询码, shown once.
    const citizen = new Client(t.app);
    const codeForm = await citizen.get('/cases/recover/code');
    assert.match(codeForm.body, /<label class="gk-label" for="f-code">找回码/);
    const redeemed = await citizen.post('/cases/recover/code', {
      _csrf: Client.csrfOf(codeForm.body),
      code: code.toLowerCase(),
    });
    assert.equal(redeemed.statusCode, 303);
    const done = await citizen.get(redeemed.headers.location as string);
    assert.equal(done.statusCode, 200);
    const $ = cheerio.load(done.body);
    assert.equal($('.acceptance-number').text(), number);
    const lookupCode = $('.lookup-code').text();
    assert.match(lookupCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    assert.equal((await citizen.get('/cases/recover/done')).statusCode, 302, 'shown once');
    const lookup = await citizen.get('/cases');
    const opened = await citizen.post('/cases', { _csrf: Client.csrfOf(lookup.body), number, lookupCode });
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /磁灶镇 2025 年道路硬化工程的验收文件/);

    // Used once: the same code again says only that it opens nothing.
    const again = await citizen.post('/cases/recover/code', { _csrf: Client.csrfOf(codeForm.body), code });
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /找回码不正确、已使用或已过期/);
    assert.match(again.body, /aria-invalid="true"/);
  });

  it('names the field when the contact or the code cannot be used', async () => {
    const citizen = new Client(t.app);
    const bad = await recover(citizen, '0595-85612345');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /手机号码或电子邮箱格式不正确/);
    assert.match(bad.body, /value="0595-85612345"/, 'what was typed is kept');
    const codeForm = await citizen.get('/cases/recover/code');
    const malformed = await citizen.post('/cases/recover/code', {
      _csrf: Client.csrfOf(codeForm.body),
      code: 'ABCD-EFGH-J0',
    });
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /找回码格式不正确/);
  });

  it('shows the operator how many messages wait, and hands them to the gateway through the CLI', async () => {
    await recover(new Client(t.app), '13800595678');
    await createAppWorker(t.container).drain();
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const home = await admin.get('/admin');
    assert.match(home.body, /待发送的找回码[\s\S]{0,200}?>1</);
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    assert.doesNotMatch((await clerk.get('/admin')).body, /待发送的找回码/);

    const gongkai = async (...args: string[]) => {
      let out = '';
      await runCli(args, {
        env: { ...keys, DATABASE_URL: t.container.config.databaseUrl, LOG_LEVEL: 'silent' },
        out: (line) => (out += `${line}\n`),
        err: () => undefined,
        setExitCode: () => undefined,
      });
      return out;
    };
    assert.deepEqual(JSON.parse(await gongkai('requests', 'outbox', '--json')), { queued: 1 });
    const taken = (await gongkai('requests', 'outbox', '--take')).trim().split('\n');
    assert.equal(taken.length, 1);
    const message = JSON.parse(taken[0]!) as { channel: string; to: string; text: string };
    assert.equal(message.channel, 'sms');
    assert.equal(message.to, '13800595678');
    assert.match(message.text, /找回码为 [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}/);
    assert.equal((await gongkai('requests', 'outbox', '--take')).trim(), '', 'each message is taken once');
    assert.match(await gongkai('requests', 'outbox'), /待发送的消息：0 条/);
  });

  it('limits requests per client address (REQUEST_RECOVERY_PER_IP_PER_HOUR), in Chinese', async () => {
    // Some requests of the limit of 8 an hour went to the tests above; the rest go here.
    const citizen = new Client(t.app);
    const answers: number[] = [];
    let limited;
    for (let i = 0; i < 9 && !limited; i++) {
      const r = await recover(citizen, '13800595670');
      answers.push(r.statusCode);
      if (r.statusCode === 429) limited = r;
    }
    assert.ok(limited, `no 429 in ${answers.join(', ')}`);
    assert.ok(answers.length >= 2 && answers.slice(0, -1).every((s) => s === 303), answers.join(', '));
    assert.match(limited.body, /操作过于频繁/);
    assert.doesNotMatch(limited.body, /找回码已发送/, 'the limit does not depend on the contact');
  });
});

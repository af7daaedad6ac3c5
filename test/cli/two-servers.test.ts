/**
 * A province runs several application servers behind a load balancer on one PostgreSQL database
 * (docs/deployment.md). Two `gongkai serve` processes here, each with its worker inline, and every
 * person's requests alternating between them: nothing one process keeps in its memory may be
 * needed by the other. A citizen applies on one and looks the case up on the other; a clerk logs
 * in on one and acts on the other (session and CSRF secret travel in signed cookies and the
 * session table); a scheduled publication runs once though both workers run the minute job; a
 * login rate limit counts the attempts made on both servers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContainer } from '../../src/app/container.js';
import { records } from '../../src/modules/records/index.js';
import { systemActor } from '../../src/platform/access.js';
import { FixedClock } from '../../src/platform/clock.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { engines, freshDatabaseUrl } from '../harness/engines.js';
import { application } from '../harness/requests.js';
import {
  Browser,
  seedDemo,
  serverSecrets,
  startServer,
  type ServerProcess,
} from '../reliability/server-process.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';

const LOGIN_LIMIT = 6;
/** Beijing's date and minute `ms` from now, as the forms and the scheduler write them. */
const beijing = (ms = 0) =>
  new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

for (const engine of engines().filter((e) => e === 'postgres')) {
  describe(`two servers on one database [${engine}]`, () => {
    const { url, cleanup } = freshDatabaseUrl(engine);
    let a: ServerProcess;
    let b: ServerProcess;
    let h: DatabaseHandle;
    let cizao = '';
    const scheduled: string[] = [];

    before(async () => {
      await seedDemo(url);
      // Three approved records set to go out five minutes ago (scheduled ten minutes ago): due as
      // soon as the servers' workers look.
      const past = new FixedClock(new Date(Date.now() - 10 * 60_000));
      const c = await createContainer({
        env: { DATABASE_URL: url, LOG_LEVEL: 'silent', ...serverSecrets },
        clock: past,
      });
      try {
        const sys = c.ctx(systemActor('测试数据'));
        cizao = (
          await c.database.db
            .selectFrom('agency')
            .select('id')
            .where('short_name', '=', '磁灶镇')
            .executeTakeFirstOrThrow()
        ).id;
        const day = past.now().toISOString().slice(0, 10);
        for (let i = 1; i <= 3; i++) {
          const r = await records.createDraft(sys, {
            agencyId: cizao,
            title: `关于定时发布的第${i}号通知`,
            documentNumber: null,
            writtenDate: day,
            dateFormedOrChanged: day,
            subjectCategory: '综合政务\\政务公开',
            genre: '通知',
            keywords: '定时发布',
            body: '<p>定时发布的正文。</p>',
          });
          await records.submitForReview(sys, r.id);
          await records.review(sys, r.id, { result: 'passed' });
          await records.approve(sys, r.id);
          await records.schedule(sys, r.id, { at: beijing(-5 * 60_000) });
          scheduled.push(r.id);
        }
      } finally {
        await c.close();
      }
      const env = { GONGKAI_WORKER: 'inline', LOGIN_RATE_LIMIT: String(LOGIN_LIMIT) };
      [a, b] = await Promise.all([startServer(url, env), startServer(url, env)]);
      h = await openDatabase(url);
    });

    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await h?.close();
      await cleanup();
    });

    it('a citizen applies on one server and looks the case up on the other', async () => {
      const onA = new Browser(a.base);
      const onB = new Browser(b.base, onA.cookies);
      const form = await onA.get('/apply');
      const sent = await onB.post('/apply', {
        _csrf: Browser.csrfOf(form.body),
        ...application(cizao, { description: '两台服务器：磁灶镇道路硬化工程的验收文件' }),
      });
      assert.equal(sent.status, 303, sent.body.slice(0, 300));
      const receipt = await onA.get('/apply/done');
      assert.equal(receipt.status, 200);
      const number = /id="acceptance-number">([^<]+)</.exec(receipt.body)![1]!;
      const code = /id="lookup-code">([^<]+)</.exec(receipt.body)![1]!;

      const lookup = await onA.get('/cases');
      const found = await onB.post('/cases', {
        _csrf: Browser.csrfOf(lookup.body),
        agencyId: cizao,
        number,
        lookupCode: code,
      });
      assert.equal(found.status, 200, found.body.slice(0, 300));
      assert.ok(found.body.includes(number));
      // What server B proved for this browser, server A honours.
      const mine = await onA.get('/cases/mine');
      assert.equal(mine.status, 200);
      assert.ok(mine.body.includes(number));
    });

    it('a clerk logs in on one server and handles the case on the other', async () => {
      const onA = new Browser(a.base);
      const onB = new Browser(b.base, onA.cookies);
      const login = await onA.get('/admin/login');
      const done = await onA.post('/admin/login', {
        _csrf: Browser.csrfOf(login.body),
        username: 'clerk',
        password: DEMO_PASSWORD,
      });
      assert.equal(done.status, 303);
      const queue = await onB.get('/admin/requests');
      assert.equal(queue.status, 200);
      const id = /href="\/admin\/requests\/([0-9a-f-]{36})">〔\d{4}〕第0001号/.exec(queue.body)![1]!;
      const page = await onB.get(`/admin/requests/${id}`);
      const csrf = Browser.csrfOf(page.body);
      assert.equal((await onA.post(`/admin/requests/${id}/assign`, { _csrf: csrf })).status, 303);
      const today = beijing().slice(0, 10);
      const replied = await onB.post(`/admin/requests/${id}/act`, {
        _csrf: csrf,
        action: 'replied',
        date: today,
        outcome: 'granted',
        reasons: '',
        deliveryMode: 'pickup',
        deliveredOn: today,
      });
      assert.equal(replied.status, 303, replied.body.slice(0, 500));
      assert.match((await onA.get(`/admin/requests/${id}`)).body, /已答复/);
      // Signed out on B, the session is gone on A too.
      const out = await onB.post('/admin/logout', { _csrf: csrf });
      assert.equal(out.status, 303);
      assert.equal((await onA.get('/admin/requests')).status, 302);
    });

    it('publishes each scheduled record once, though both workers run the minute job', async () => {
      const deadline = Date.now() + 60_000;
      let states: string[] = [];
      while (Date.now() < deadline) {
        states = (await h.db.selectFrom('record').select('state').where('id', 'in', scheduled).execute()).map(
          (r) => r.state,
        );
        if (states.every((s) => s === 'published')) break;
        await new Promise((ok) => setTimeout(ok, 500));
      }
      assert.deepEqual(states, ['published', 'published', 'published']);
      const events = await h.db
        .selectFrom('record_event')
        .select(['record_id', 'type'])
        .where('record_id', 'in', scheduled)
        .where('type', '=', 'published')
        .execute();
      assert.equal(events.length, 3, 'one publication each');
      const audits = await h.db
        .selectFrom('audit_event')
        .select('subject_id')
        .where('action', '=', 'record.publish')
        .where('subject_id', 'in', scheduled)
        .execute();
      assert.equal(audits.length, 3);
      const jobs = await h.db
        .selectFrom('job')
        .select(['dedupe_key', 'locked_by'])
        .where('name', '=', 'records.publishDue')
        .execute();
      const keys = jobs.map((j) => j.dedupe_key);
      assert.equal(new Set(keys).size, keys.length, 'one minute job per minute, however many workers');
      for (const id of scheduled) {
        assert.equal((await new Browser(a.base).get(`/records/${id}`)).status, 200);
        assert.equal((await new Browser(b.base).get(`/records/${id}`)).status, 200);
      }
    });

    it('counts login attempts on both servers against one limit', async () => {
      // One login so far from this address (the clerk's); the limit is per client and route.
      const codes: number[] = [];
      for (let i = 0; i < LOGIN_LIMIT; i++) {
        const browser = new Browser(i % 2 ? b.base : a.base);
        const page = await browser.get('/admin/login');
        const res = await browser.post('/admin/login', {
          _csrf: Browser.csrfOf(page.body),
          username: 'nobody',
          password: 'wrong-password',
        });
        codes.push(res.status);
      }
      assert.deepEqual(
        codes.map((c) => c === 429),
        [false, false, false, false, false, true],
        codes.join(' '),
      );
    });
  });
}

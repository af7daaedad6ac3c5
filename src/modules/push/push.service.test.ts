import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import fc from 'fast-check';
import {
  describeEachEngine,
  installationWith,
  openTestDatabase,
  testCtx,
} from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { localSmtp } from '../../../test/harness/smtp.js';
import { anonymous, systemActor, withProofs } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createWorker } from '../../platform/jobs/index.js';
import { composeCreditCode } from '../agencies/index.js';
import { records } from '../records/index.js';
import { matchesPlain, type AudienceRule } from './audience-rule.js';
import { matchPublication, sendDigests } from './delivery.service.js';
import { catalogs } from '../catalog/index.js';
import { FixedClock } from '../../platform/clock.js';
import { factsOf, matchRule } from './profile-index.service.js';
import { subscriberProof } from './push.policy.js';
import * as repo from './push.repository.js';
import { figures } from './push-stats.service.js';
import * as rules from './rule.service.js';
import * as subscribers from './subscriber.service.js';
import { random, syntheticProfile, syntheticRow } from './synthetic.js';

// 精准推送 on both engines (issue 15): subscription with a code by a real SMTP server, matching
// against the plain filter, consent withdrawal, deletion, delivery exactly once with two workers.

describeEachEngine('精准推送: subscribers, rules, matching and delivery', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let smtp: Awaited<ReturnType<typeof localSmtp>>;
  let ctx: Ctx;
  let tree: JinjiangTree;
  const as = (id: string): Ctx => ({ ...ctx, actor: withProofs(anonymous, [subscriberProof(id)]) });
  const publicCtx = (): Ctx => ({ ...ctx, actor: anonymous });
  const codeIn = (text: string) => /验证码是：(\d{6})/.exec(text)?.[1];
  const runJobs = () =>
    createWorker({
      context: (label) => ({ ...ctx, actor: systemActor(label) }),
      definitions: ctx.modules.jobs,
      pruneAfterDays: null,
    }).drain();

  /** Subscribes as a visitor and confirms with the code that arrives at the SMTP server. */
  const subscribeAndConfirmWith = async (
    c: Ctx,
    server: Awaited<ReturnType<typeof localSmtp>>,
    fields: Record<string, unknown>,
  ) => {
    const before = server.received.length;
    const visitor = { ...c, actor: anonymous };
    const { id } = await subscribers.subscribe(visitor, { agree: '1', profiling: '1', ...fields });
    // The code goes out by a job, after the subscription has committed.
    await createWorker({
      context: (label) => ({ ...c, actor: systemActor(label) }),
      definitions: c.modules.jobs,
      pruneAfterDays: null,
    }).drain();
    const mail = (await server.waitFor(before + 1))[before]!;
    assert.equal(mail.to, fields.email);
    await subscribers.verify(visitor, id, codeIn(mail.text));
    return id;
  };
  const subscribeAndConfirm = (fields: Record<string, unknown>) => subscribeAndConfirmWith(ctx, smtp, fields);
  const enterprise = (email: string, extra: Record<string, unknown> = {}) => ({
    kind: 'enterprise',
    email,
    name: '晋江市磁灶建材有限公司',
    creditCode: composeCreditCode('91', '350582', String(10_000_000 + smtp.received.length).slice(0, 8)),
    industry: 'C3311 金属结构制造',
    staff: '50',
    revenue: '3000',
    regionId: tree.cizao.id,
    ...extra,
  });
  /** A record approved and ready to publish, with its rule set first (the clerk's usual order). */
  const approvedRecord = async (title: string) => {
    const sys: Ctx = { ...ctx, actor: systemActor('测试数据') };
    const day = ctx.clock.now().toISOString().slice(0, 10);
    const r = await records.createDraft(sys, {
      agencyId: tree.gov.id,
      title,
      documentNumber: null,
      writtenDate: day,
      dateFormedOrChanged: day,
      subjectCategory: '工业、交通\\其他',
      genre: '通知',
      keywords: '惠企',
      body: '<p>为支持中小微企业发展，现将有关事项通知如下。</p>',
    });
    await records.submitForReview(sys, r.id);
    await records.review(sys, r.id, { result: 'passed' });
    await records.approve(sys, r.id);
    return r.id;
  };
  const publish = (id: string) => records.publish({ ...ctx, actor: systemActor('测试数据') }, id);

  before(async () => {
    smtp = await localSmtp();
    h = await openTestDatabase(engine);
    ctx = testCtx(h, systemActor('测试'), undefined, installationWith({ PUSH_SMTP_URL: smtp.url }));
    tree = await jinjiangTree(ctx);
  });
  after(async () => {
    await h.cleanup();
    await smtp.close();
  });

  it('an enterprise subscribes with its profile; the code arrives by SMTP and works once; personal data is encrypted', async () => {
    const email = 'factory@example.test';
    const id = await subscribeAndConfirm(enterprise(email));
    const row = (await repo.subscriber(h.db, id))!;
    assert.equal(row.state, 'active');
    assert.equal(row.scale, 'small', '工业：50 人、3000 万元，属小型');
    assert.equal(row.industry, '3311');
    assert.doesNotMatch(JSON.stringify(row), /factory@example|磁灶建材/);
    // The same address again within a minute: no second mail (a form cannot flood a mailbox).
    const sent = smtp.received.length;
    await subscribers.subscribe(publicCtx(), { agree: '1', ...enterprise(email, { name: '别人' }) });
    await runJobs();
    assert.equal(smtp.received.length, sent);
    // A minute later: a sign-in code, not a second subscriber, and the form changed nothing.
    (ctx.clock as FixedClock).advance(61_000);
    await subscribers.subscribe(publicCtx(), { agree: '1', ...enterprise(email, { name: '别人' }) });
    await runJobs();
    const mail = (await smtp.waitFor(sent + 1)).at(-1)!;
    assert.match(mail.subject, /登录/);
    assert.doesNotMatch(mail.subject, /\d{6}/, 'the code is in the body only');
    // Wrong codes count, and five void the code even though each answer is an error.
    for (let i = 0; i < 5; i++)
      await assert.rejects(subscribers.verify(publicCtx(), id, '000000'), ValidationError);
    await assert.rejects(subscribers.verify(publicCtx(), id, codeIn(mail.text)!), ValidationError);
    (ctx.clock as FixedClock).advance(61_000);
    await subscribers.requestSignIn(publicCtx(), { email });
    await runJobs();
    const fresh = (await smtp.waitFor(sent + 2)).at(-1)!;
    assert.equal(
      (await repo.subscriber(h.db, id))!.name_enc &&
        ctx.cipher.decrypt((await repo.subscriber(h.db, id))!.name_enc!),
      '晋江市磁灶建材有限公司',
    );
    const code = codeIn(fresh.text)!;
    await subscribers.verify(publicCtx(), id, code);
    await assert.rejects(
      subscribers.verify(publicCtx(), id, code),
      (e: ValidationError) => e.fields[0]!.field === 'code',
    );
  });

  it('refuses a bad form field by field, in Chinese, and stores nothing', async () => {
    const before = Number(
      (
        await h.db
          .selectFrom('push_subscriber')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await assert.rejects(
      subscribers.subscribe(publicCtx(), {
        agree: '1',
        ...enterprise('bad@example.test', { creditCode: '91350582MA2XXXXXX1', industry: 'C33', staff: '-3' }),
        kind: 'enterprise',
      }),
      (e: ValidationError) => {
        assert.deepEqual(e.fields.map((f) => f.field).sort(), ['creditCode', 'industry', 'staff']);
        assert.match(e.fields.find((f) => f.field === 'industry')!.message, /四位小类/);
        return true;
      },
    );
    await assert.rejects(
      subscribers.subscribe(publicCtx(), {
        agree: '1',
        kind: 'citizen',
        email: 'c@example.test',
        identityTags: ['disabled'],
      }),
      (e: ValidationError) =>
        e.fields[0]!.field === 'consent_disabled' && /单独勾选同意/.test(e.fields[0]!.message),
    );
    const afterCount = Number(
      (
        await h.db
          .selectFrom('push_subscriber')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    assert.equal(afterCount, before);
  });

  it('the index matches exactly the subscribers the plain filter keeps, read from the database', async () => {
    const rnd = random(42);
    const regionIds = [tree.gov.id, tree.cizao.id, tree.village.id];
    const at = ctx.clock.now().toISOString();
    await h.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 80; i++) {
        const { version, seq } = await repo.bump(tx, { newSubscriber: true });
        await repo.insertSubscriber(
          tx,
          syntheticRow(ctx.cipher, syntheticProfile(rnd, regionIds, 2026), seq, version, at, newId()),
        );
      }
    });
    const paths = new Map(
      [tree.gov, tree.cizao, tree.village, tree.police, tree.education].map((a) => [a.id, a.path]),
    );
    const all = await repo.indexRows(h.db, { afterVersion: 0, after: { version: 0, seq: 0 }, limit: 10_000 });
    const people = all.flatMap((r) => {
      const f = factsOf(ctx, r, 2026);
      return f ? [{ seq: r.seq, f }] : [];
    });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          audience: fc.constantFrom('enterprise' as const, 'citizen' as const, 'all' as const),
          combine: fc.constantFrom('all' as const, 'any' as const),
          industries: fc.uniqueArray(fc.constantFrom('C', 'F', 'C33', '3311', 'A'), { maxLength: 2 }),
          scales: fc.uniqueArray(
            fc.constantFrom('large' as const, 'medium' as const, 'small' as const, 'micro' as const),
            { maxLength: 2 },
          ),
          regions: fc.uniqueArray(fc.constantFrom(...regionIds), { maxLength: 2 }),
          enterpriseTags: fc.uniqueArray(fc.constantFrom('highTech', 'aboveScale'), { maxLength: 1 }),
          identityTags: fc.uniqueArray(fc.constantFrom('disabled', 'veteran', 'student'), { maxLength: 2 }),
          ageBands: fc.uniqueArray(fc.constantFrom('from18to34' as const, 'from60to79' as const), {
            maxLength: 1,
          }),
        }),
        async (rule: AudienceRule) => {
          const got = [...(await matchRule(ctx, rule))].sort((a, b) => a - b);
          const rulePaths = rule.regions.map((id) => paths.get(id)!);
          const want = people
            .filter((p) => matchesPlain(rule, rulePaths, p.f, (id) => paths.get(id)))
            .map((p) => p.seq)
            .sort((a, b) => a - b);
          assert.deepEqual(got, want);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a withdrawn consent stops matching at once, and the ledger keeps when it was given and withdrawn', async () => {
    const id = await subscribeAndConfirm({
      kind: 'citizen',
      email: 'elder@example.test',
      birthYear: '1950',
      regionId: tree.village.id,
      identityTags: ['disabled', 'elderly'],
      consent_disabled: '1',
    });
    const rule: AudienceRule = {
      audience: 'citizen',
      combine: 'all',
      industries: [],
      scales: [],
      regions: [tree.cizao.id],
      enterpriseTags: [],
      identityTags: ['disabled'],
      ageBands: [],
    };
    const seq = (await repo.subscriber(h.db, id))!.seq;
    assert.ok((await matchRule(ctx, rule)).includes(seq));
    await subscribers.withdrawTag(as(id), id, 'disabled');
    assert.ok(!(await matchRule(ctx, rule)).includes(seq), 'no longer matched, without a restart');
    const ledger = await repo.consents(h.db, id);
    assert.equal(ledger.length, 1);
    assert.ok(ledger[0]!.withdrawn_at);
    assert.match(JSON.parse(ctx.cipher.decrypt(ledger[0]!.subject_enc)).wording, /单独同意/);
    // Still an 老年人 (not sensitive): a rule on it still reaches them.
    assert.ok((await matchRule(ctx, { ...rule, identityTags: ['elderly'] })).includes(seq));
  });

  it('a policy reaches exactly its audience once per channel, with the reason and a working stop link, even with two workers', async () => {
    const yes = await subscribeAndConfirm(enterprise('yes@example.test'));
    const large = await subscribeAndConfirm(
      enterprise('large@example.test', { staff: '2000', revenue: '90000' }),
    );
    const citizen = await subscribeAndConfirm({
      kind: 'citizen',
      email: 'person@example.test',
      regionId: tree.cizao.id,
      birthYear: '1990',
    });
    const recordId = await approvedRecord('关于支持中小微制造业企业稳岗扩岗的通知');
    const reply = await rules.setRecordRule(ctx, recordId, {
      audience: 'enterprise',
      industries: ['C'],
      scales: ['small', 'micro'],
      regions: [tree.gov.id],
    });
    assert.equal(reply.description, '面向：制造业（C）中的小型、微型企业，晋江市');
    const mailsBefore = smtp.received.length;
    await publish(recordId);
    // Two workers drain at once, and the match runs once more by hand beside them.
    await Promise.all([
      runJobs(),
      runJobs(),
      matchPublication(ctx, { targetKind: 'record', targetId: recordId, catalogItemIds: [] }),
    ]);
    await runJobs();
    const deliveries = await h.db
      .selectFrom('push_delivery')
      .selectAll()
      .where('target_id', '=', recordId)
      .execute();
    const mine = deliveries
      .filter((d) => d.subscriber_id === yes)
      .map((d) => d.channel)
      .sort();
    assert.deepEqual(
      mine,
      ['email', 'inbox'],
      'the small enterprise (C3311, 磁灶镇 in 晋江市), once per channel',
    );
    assert.ok(
      !deliveries.some((d) => d.subscriber_id === large || d.subscriber_id === citizen),
      'not the large one, not the citizen',
    );
    // Exactly the rule's audience (the earlier tests' subscribers included), each once per channel.
    const audience = new Set(
      (
        await repo.activeBySeq(h.db, [
          ...(await matchRule(ctx, {
            audience: 'enterprise',
            combine: 'all',
            industries: ['C'],
            scales: ['small', 'micro'],
            regions: [tree.gov.id],
            enterpriseTags: [],
            identityTags: [],
            ageBands: [],
          })),
        ])
      ).map((s) => s.id),
    );
    assert.deepEqual(new Set(deliveries.map((d) => d.subscriber_id)), audience);
    const emails = deliveries.filter((d) => d.channel === 'email');
    assert.equal(new Set(emails.map((d) => d.subscriber_id)).size, emails.length);
    await smtp.waitFor(mailsBefore + emails.length);
    await new Promise((r) => setTimeout(r, 300));
    const policyMails = smtp.received.slice(mailsBefore).filter((m) => m.subject.includes('稳岗扩岗'));
    assert.equal(policyMails.length, emails.length, 'each e-mail sent once, not twice');
    const mail = policyMails.find((m) => m.to === 'yes@example.test')!;
    assert.match(mail.text, /推送原因：面向：制造业（C）中的小型、微型企业/);
    assert.ok(
      mail.headerLines.some((l) => /^List-Unsubscribe:\s*<http[^>]+\/push\/stop\//i.test(l)),
      'one-click unsubscribe header',
    );
    // The stop link works without signing in; the next policy does not reach them.
    const stop = /退订，无需登录：(\S+)/.exec(mail.text)![1]!;
    const [, sid, token] = /\/push\/stop\/([^/]+)\/([^?]+)\?d=(.+)$/.exec(stop)!;
    await subscribers.stop(publicCtx(), sid!, token!, /\?d=(.+)$/.exec(stop)![1]);
    assert.equal((await repo.subscriber(h.db, yes))!.state, 'stopped');
    const second = await approvedRecord('关于中小微制造业企业技术改造补助的通知');
    await rules.setRecordRule(ctx, second, { audience: 'enterprise', industries: ['C'] });
    await publish(second);
    await runJobs();
    assert.equal(
      (
        await h.db
          .selectFrom('push_delivery')
          .selectAll()
          .where('target_id', '=', second)
          .where('subscriber_id', '=', yes)
          .execute()
      ).length,
      0,
    );
    const f = await figures(ctx, 2026);
    const first = f.policies.find((p) => p.title.includes('稳岗扩岗'))!;
    // In people, not in deliveries: each of the audience once, one of them stopped.
    assert.deepEqual([first.matched, first.delivered, first.stopped], [audience.size, audience.size, 1]);
    assert.match(f.sentence, /推送政策 \d+ 条，送达 \d+ 人次/);
  });

  it('deleting a subscriber leaves nothing of them behind', async () => {
    const id = await subscribeAndConfirm({
      kind: 'citizen',
      email: 'gone@example.test',
      mobile: '13900001111',
      regionId: tree.cizao.id,
      identityTags: ['veteran'],
      consent_veteran: '1',
    });
    await h.db
      .insertInto('push_follow')
      .values({
        id: newId(),
        subscriber_id: id,
        kind: 'keyword',
        value: '退役',
        label: '退役',
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    const recordId = await approvedRecord('关于退役军人创业扶持的通知');
    await publish(recordId);
    await runJobs();
    assert.ok(
      (await h.db.selectFrom('push_delivery').selectAll().where('subscriber_id', '=', id).execute()).length >
        0,
    );
    const hash = ctx.cipher.blindIndex('push-email:gone@example.test');
    await subscribers.remove(as(id), id);
    for (const table of [
      'push_subscriber',
      'push_consent',
      'push_follow',
      'push_delivery',
      'audit_event',
    ] as const) {
      const rows = await h.db.selectFrom(table).selectAll().execute();
      const text = JSON.stringify(rows);
      assert.ok(!text.includes(id) || table === 'audit_event', `${table} still names the subscriber`);
      assert.ok(!text.includes(hash), `${table} still holds the e-mail's index`);
    }
    const audit = await h.db.selectFrom('audit_event').selectAll().where('subject_id', '=', id).execute();
    assert.ok(audit.every((a) => !JSON.stringify(a).includes('gone@')));
    // The figures keep the delivery, anonymous.
    const anon = await h.db
      .selectFrom('push_delivery')
      .selectAll()
      .where('target_id', '=', recordId)
      .execute();
    assert.ok(anon.some((d) => d.subscriber_id === null && d.reason_enc === ''));
  });

  it('a record filed under a 标准目录 item with a rule takes the item’s rule', async () => {
    const id = await subscribeAndConfirm({
      kind: 'citizen',
      email: 'jobseeker@example.test',
      birthYear: '2003',
      identityTags: ['student'],
    });
    const catalog = await catalogs.adoptTemplate(ctx, tree.gov.id, 'employment');
    const item = (await catalogs.get(ctx, catalog.id)).items[0]!;
    const r = await rules.setRule(ctx, 'catalogItem', item.id, {
      audience: 'citizen',
      identityTags: ['student'],
    });
    assert.equal(r.description, '面向：在校学生或高校毕业生');
    const sys: Ctx = { ...ctx, actor: systemActor('测试数据') };
    const day = ctx.clock.now().toISOString().slice(0, 10);
    const rec = await records.createDraft(sys, {
      agencyId: tree.gov.id,
      title: '晋江市2026年高校毕业生见习岗位公告',
      documentNumber: null,
      writtenDate: day,
      dateFormedOrChanged: day,
      subjectCategory: '劳动、人事、监察\\劳动就业',
      genre: '公告',
      keywords: '见习',
      body: '<p>现公布见习岗位。</p>',
      catalogItemId: item.id,
    });
    await records.submitForReview(sys, rec.id);
    await records.review(sys, rec.id, { result: 'passed' });
    await records.approve(sys, rec.id);
    await publish(rec.id);
    await runJobs();
    const got = await h.db
      .selectFrom('push_delivery')
      .selectAll()
      .where('target_id', '=', rec.id)
      .where('subscriber_id', '=', id)
      .execute();
    assert.deepEqual(got.map((d) => d.channel).sort(), ['email', 'inbox']);
    assert.match(ctx.cipher.decrypt(got[0]!.reason_enc), /面向：在校学生或高校毕业生/);
  });

  it('a daily digest waits for its hour, sends one e-mail with every policy, once a day; a refused address is a bounce', async () => {
    const id = await subscribeAndConfirm({
      kind: 'citizen',
      email: 'digest@example.test',
      regionId: tree.village.id,
      frequency: 'daily',
    });
    const before = smtp.received.length;
    for (const title of ['关于大埔村道路改造的通告', '关于大埔村自来水管网改造的通告']) {
      const rid = await approvedRecord(title);
      await rules.setRecordRule(ctx, rid, { audience: 'citizen', regions: [tree.village.id] });
      await publish(rid);
    }
    await runJobs();
    const waiting = await h.db
      .selectFrom('push_delivery')
      .selectAll()
      .where('subscriber_id', '=', id)
      .where('channel', '=', 'email')
      .execute();
    assert.deepEqual(
      waiting.map((d) => [d.state, d.digest]),
      [
        ['queued', 1],
        ['queued', 1],
      ],
    );
    const toDigest = () => smtp.received.slice(before).filter((m) => m.to === 'digest@example.test');
    assert.equal(toDigest().length, 0, 'nothing sent to them before the digest');
    const early: Ctx = { ...ctx, clock: new FixedClock('2026-03-01T22:00:00Z') }; // 06:00 in Beijing
    assert.equal(await sendDigests(early, 8), '未到汇总推送时间');
    assert.match(await sendDigests(ctx, 8), /发送汇总邮件 1 封/); // 09:00 in Beijing
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(toDigest().length, 1);
    const mail = toDigest()[0]!;
    assert.match(mail.subject, /每日汇总（2 条）/);
    assert.match(mail.text, /道路改造/);
    assert.match(mail.text, /自来水管网改造/);
    assert.match(await sendDigests(ctx, 8), /发送汇总邮件 0 封/);
    // A mail server that refuses the address: recorded as a bounce, not retried for ever.
    const refusing = await localSmtp({ reject: /^bounce@/ });
    try {
      const bctx = { ...ctx, modules: installationWith({ PUSH_SMTP_URL: refusing.url }) };
      const bid = await subscribeAndConfirmWith(bctx, refusing, {
        kind: 'citizen',
        email: 'other@example.test',
        regionId: tree.village.id,
      });
      await h.db
        .updateTable('push_subscriber')
        .set({ email_enc: ctx.cipher.encrypt('bounce@example.test') })
        .where('id', '=', bid)
        .execute();
      const rid = await approvedRecord('关于大埔村停水的通知');
      await rules.setRecordRule(ctx, rid, { audience: 'citizen', regions: [tree.village.id] });
      await publish(rid);
      await createWorker({
        context: (label) => ({ ...bctx, actor: systemActor(label) }),
        definitions: bctx.modules.jobs,
        pruneAfterDays: null,
      }).drain();
      const d = await h.db
        .selectFrom('push_delivery')
        .selectAll()
        .where('subscriber_id', '=', bid)
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      assert.equal(d.state, 'bounced');
      assert.match(d.last_error!, /550/);
    } finally {
      await refusing.close();
    }
  });
});

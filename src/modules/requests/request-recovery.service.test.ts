import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import {
  describeEachEngine,
  openTestDatabase,
  testCipher,
  testCtx,
  testInstallation,
} from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { application } from '../../../test/harness/requests.js';
import { anonymous, systemActor, type Actor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { createWorker } from '../../platform/jobs/index.js';
import { install } from '../../platform/module.js';
import {
  indexContacts,
  pruneRecovery,
  queuedMessages,
  RECOVERY_CODE_MISMATCH,
  redeemRecovery,
  requestRecovery,
  sendRecoveryCode,
  takeMessages,
  type OutboxMessage,
} from './request-recovery.service.js';
import { requestsModule } from './module.js';
import { contactKey } from './request-contact.js';
import * as requests from './request.service.js';

/**
 * 找回受理编号 on both engines: the same answer and the same work whether or not a contact gave
 * any application; a message with a 找回码 only where one did; the code gives new 查询码 that open
 * the cases (the old ones no longer do), once; limits per contact and day that hold in the
 * database; rows stored before the contact index get it.
 */
describeEachEngine('找回受理编号 (lost receipts)', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  const queries: string[] = [];
  let counting = false;
  before(async () => {
    h = await openTestDatabase(engine, { onQuery: (sql) => void (counting && queries.push(sql)) });
    tree = await jinjiangTree(testCtx(h, systemActor('测试')));
  });
  after(async () => h.cleanup());

  // Each test works on its own day, so the per-day counters of one do not touch another.
  const at = (instant: string, actor: Actor = anonymous, installation = testInstallation) => {
    const ctx = testCtx(h, actor, undefined, installation);
    ctx.clock.set(instant);
    return ctx;
  };
  const system = (instant: string) => at(instant, systemActor('运维'));
  /** Runs the queued jobs (the 找回码 is sent after the answer), as the worker would. */
  const runJobs = (instant: string) =>
    createWorker({
      context: (label) => at(instant, systemActor(label)),
      definitions: testInstallation.jobs,
      pruneAfterDays: null,
    }).drain();
  const sent = (instant: string): Promise<OutboxMessage[]> => takeMessages(system(instant));
  const codeIn = (m: OutboxMessage) => /找回码为 ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2})/.exec(m.text)?.[1];
  const fieldsOf = (e: unknown) => (e instanceof ValidationError ? e.fields : []);
  const jobCount = async () =>
    Number(
      (
        await h.db
          .selectFrom('job')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('name', '=', 'requests.sendRecoveryCode')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers and works the same for a contact with applications and one without; only the first gets a message', async () => {
    const day = '2026-03-02T02:00:00Z';
    const phone = '13900000001';
    const first = await requests.submitOnline(at(day), application(tree.gov.id, { phone }));
    const second = await requests.submitOnline(
      at(day),
      application(tree.police.id, { phone: `+86 139-0000-0001`, applicantName: '李四' }),
    );
    const ask = async (contact: string) => {
      queries.length = 0;
      counting = true;
      const answer = await requestRecovery(
        at(day),
        { contact },
        { pageUrl: 'https://gk.example.gov.cn/cases/recover/code' },
      );
      counting = false;
      return { answer, statements: [...queries] };
    };
    const known = await ask('139 0000 0001');
    const unknown = await ask('13900000002');
    assert.deepEqual(known.answer, unknown.answer);
    // The same statements in the same order: whether the contact has cases is looked up after the
    // answer, by the job.
    assert.deepEqual(known.statements, unknown.statements);
    assert.ok(known.statements.length > 0);

    assert.equal((await sent(day)).length, 0, 'nothing is sent before the job runs');
    await runJobs(day);
    const messages = await sent(day);
    assert.equal(messages.length, 1, 'one message, for the contact with applications');
    const m = messages[0]!;
    assert.equal(m.channel, 'sms');
    assert.equal(m.to, phone, 'to the number as the application gave it');
    // Both applications of the number in one message, with their agencies, and no 查询码.
    assert.match(m.text, new RegExp(`${first.acceptanceNumber}（晋江市人民政府）`));
    assert.match(m.text, new RegExp(`${second.acceptanceNumber}（晋江市公安局）`));
    assert.match(m.text, /https:\/\/gk\.example\.gov\.cn\/cases\/recover\/code/);
    assert.ok(codeIn(m));
    for (const lookup of [first.lookupCode, second.lookupCode]) assert.ok(!m.text.includes(lookup));
    assert.match(m.text, /[\u4e00-\u9fff]/);
    assert.doesNotMatch(m.text, /undefined|null|NaN|request\.|\bsms\b/);

    // The message is recorded on each case; nothing else carries the contact in the clear.
    const audit = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'request.recoveryCodeSent')
      .execute();
    assert.deepEqual(audit.map((a) => a.subject_id).sort(), [first.id, second.id].sort());
    assert.deepEqual(JSON.parse(audit[0]!.after_json!), { channel: 'sms' });
    for (const table of [
      'audit_event',
      'job',
      'request_outbox',
      'request_recovery',
      'request_recovery_count',
    ] as const) {
      const rows = JSON.stringify(await h.db.selectFrom(table).selectAll().execute());
      assert.ok(
        !rows.includes('13900000001') && !rows.includes('13900000002'),
        `${table} holds no phone number`,
      );
      assert.ok(!rows.includes(codeIn(m)!), `${table} holds no 找回码 in the clear`);
    }
  });

  it('gives new 查询码 for the code once; they open the cases and the old ones no longer do', async () => {
    const day = '2026-03-03T02:00:00Z';
    const a = await requests.submitOnline(at(day), application(tree.gov.id, { phone: '13900000011' }));
    const b = await requests.submitOnline(at(day), application(tree.education.id, { phone: '13900000011' }));
    await requestRecovery(at(day), { contact: '13900000011' }, { pageUrl: null });
    await runJobs(day);
    const [m] = await sent(day);
    assert.match(
      m!.text,
      /请在政府信息公开网站“依申请公开—找回受理编号”页面输入找回码/,
      'no address without PUBLIC_URL',
    );
    const later = '2026-03-03T05:00:00Z';
    // Typed in lower case with spaces: read like the 查询码.
    const receipts = await redeemRecovery(at(later), { code: codeIn(m!)!.toLowerCase().replace(/-/g, ' ') });
    assert.deepEqual(
      receipts.map((r) => [r.acceptanceNumber, r.agencyName]).sort(),
      [
        [a.acceptanceNumber, '晋江市人民政府'],
        [b.acceptanceNumber, '晋江市教育局'],
      ].sort(),
    );
    for (const [submitted, receipt] of [
      [a, receipts.find((r) => r.agencyName === '晋江市人民政府')!],
      [b, receipts.find((r) => r.agencyName === '晋江市教育局')!],
    ] as const) {
      assert.notEqual(receipt.lookupCode, submitted.lookupCode);
      const opened = await requests.findForApplicant(at(later), {
        number: submitted.acceptanceNumber,
        lookupCode: receipt.lookupCode,
      });
      assert.equal(opened.page.case.id, submitted.id);
      await assert.rejects(
        requests.findForApplicant(at(later), {
          number: submitted.acceptanceNumber,
          lookupCode: submitted.lookupCode,
        }),
        NotFoundError,
        'the old 查询码 no longer opens the case',
      );
    }
    const reissued = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'request.lookupCodeReissued')
      .where('subject_id', 'in', [a.id, b.id])
      .execute();
    assert.equal(reissued.length, 2);
    assert.equal(reissued[0]!.ip, '127.0.0.1', 'the audit names where the code came from');
    await assert.rejects(redeemRecovery(at(later), { code: codeIn(m!)! }), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.message, RECOVERY_CODE_MISMATCH);
      return true;
    });
  });

  it('finds a case by its e-mail however typed, keeps the address encrypted, and lets the name narrow it', async () => {
    const day = '2026-03-04T02:00:00Z';
    const mine = await requests.submitOnline(
      at(day),
      application(tree.gov.id, {
        phone: '0595-85612345',
        email: 'Wang.Wu@Example.cn',
        applicantName: '王五',
      }),
    );
    await requests.submitOnline(
      at(day),
      application(tree.police.id, {
        phone: '0595-85612345',
        email: 'wang.wu@example.cn',
        applicantName: '王六',
      }),
    );
    const row = await h.db
      .selectFrom('request')
      .select(['email', 'phone_index'])
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.email && !row.email.includes('@'), 'the e-mail address is stored encrypted');
    assert.equal(row.phone_index, '', 'a landline is indexed as none: it cannot receive a text');

    await requestRecovery(
      at(day),
      { contact: ' WANG.WU@example.CN ', applicantName: '王 五' },
      { pageUrl: null },
    );
    await requestRecovery(
      at(day),
      { contact: 'wang.wu@example.cn', applicantName: '赵七' },
      { pageUrl: null },
    );
    await runJobs(day);
    const messages = await sent(day);
    assert.equal(messages.length, 1, 'a name that gave no application there sends nothing');
    assert.equal(messages[0]!.channel, 'email');
    assert.equal(messages[0]!.to, 'Wang.Wu@Example.cn');
    assert.match(messages[0]!.subject, /找回/);
    assert.match(messages[0]!.text, new RegExp(mine.acceptanceNumber));
    assert.doesNotMatch(messages[0]!.text, /晋江市公安局/, 'only the applications made under that name');
  });

  it('limits messages per contact and day, in the database, with the same answer whether or not it has cases', async () => {
    const day = '2026-03-05T02:00:00Z';
    await requests.submitOnline(at(day), application(tree.gov.id, { phone: '13900000021' }));
    const before = await jobCount();
    for (const contact of ['13900000021', '13900000022']) {
      for (let i = 0; i < 5; i++) await requestRecovery(at(day), { contact }, { pageUrl: null });
    }
    // Three a day each (REQUEST_RECOVERY_PER_CONTACT_PER_DAY), the contact without cases counted
    // alike; the fourth and later answer the same and queue nothing.
    assert.equal((await jobCount()) - before, 6);
    await runJobs(day);
    assert.equal((await sent(day)).length, 3, 'messages only for the contact with a case, within its limit');
    // The next (Beijing) day counts afresh: 00:30 on 6 March in Beijing.
    await requestRecovery(at('2026-03-05T16:30:00Z'), { contact: '13900000021' }, { pageUrl: null });
    assert.equal((await jobCount()) - before, 7);
    await runJobs('2026-03-05T16:30:00Z');
    assert.equal((await sent('2026-03-05T16:30:00Z')).length, 1);
  });

  it('names an unusable contact or code in Chinese, and sends nothing when the channel is off', async () => {
    const day = '2026-03-06T02:00:00Z';
    for (const contact of ['', '0595-85612345', '13900000031、13900000032', 'not-an-address@', '12345']) {
      const e = await requestRecovery(at(day), { contact }, { pageUrl: null }).catch((x: unknown) => x);
      assert.deepEqual(
        fieldsOf(e).map((f) => f.field),
        ['contact'],
        contact,
      );
      assert.match(fieldsOf(e)[0]!.message, /^(请填写手机号码或电子邮箱|手机号码或电子邮箱格式不正确)/);
    }
    for (const code of ['', 'ABCD-EFGH-J0', '123']) {
      const e = await redeemRecovery(at(day), { code }).catch((x: unknown) => x);
      assert.deepEqual(
        fieldsOf(e).map((f) => f.field),
        ['code'],
        code,
      );
      assert.match(fieldsOf(e)[0]!.message, /找回码/);
    }
    // The step refuses before reading anything: the requests module alone will do.
    const off = install([requestsModule], undefined, { REQUEST_NOTICE_CHANNEL: 'off' });
    const e = await requestRecovery(
      at(day, anonymous, off),
      { contact: '13900000031' },
      { pageUrl: null },
    ).catch((x: unknown) => x);
    assert.match(fieldsOf(e)[0]?.message ?? '', /未开通找回受理编号/);
  });

  it('expires the code, and sends one message when the job runs twice', async () => {
    const day = '2026-03-09T02:00:00Z';
    await requests.submitOnline(at(day), application(tree.gov.id, { phone: '13900000041' }));
    const payload = {
      channel: 'sms' as const,
      contactIndex: testCipher.blindIndex(contactKey({ channel: 'sms', value: '13900000041' })),
      nameIndex: null,
      pageUrl: null,
    };
    const info = { id: 'job-run-twice', attempt: 1, signal: new AbortController().signal };
    await sendRecoveryCode(system(day), payload, info);
    await sendRecoveryCode(system(day), payload, { ...info, attempt: 2 });
    const messages = await sent(day);
    assert.equal(messages.length, 1);
    // 24 hours by default (REQUEST_RECOVERY_CODE_HOURS).
    await assert.rejects(
      redeemRecovery(at('2026-03-10T02:00:01Z'), { code: codeIn(messages[0]!)! }),
      NotFoundError,
    );
    // The daily clean-up forgets the expired code and past days' counts.
    const count = async (table: 'request_recovery' | 'request_recovery_count') =>
      (await h.db.selectFrom(table).selectAll().execute()).length;
    assert.ok((await count('request_recovery')) > 0 && (await count('request_recovery_count')) > 0);
    await pruneRecovery(system('2026-03-10T02:00:01Z'));
    const left = await h.db.selectFrom('request_recovery').select('expires_at').execute();
    assert.ok(
      left.every((r) => r.expires_at > '2026-03-10T02:00:01Z'),
      'no expired code is kept',
    );
    const days = await h.db.selectFrom('request_recovery_count').select('day').execute();
    assert.ok(
      days.every((d) => d.day >= '2026-03-10'),
      'no count of a past day is kept',
    );
  });

  it('shows the queued count to the operator only, and hands each message out once', async () => {
    const day = '2026-03-10T02:00:00Z';
    await requests.submitOnline(at(day), application(tree.gov.id, { phone: '13900000051' }));
    await requestRecovery(at(day), { contact: '13900000051' }, { pageUrl: null });
    await runJobs(day);
    const admin = at(day, staffActor('admin', tree.gov));
    assert.equal(await queuedMessages(admin), 1);
    await assert.rejects(queuedMessages(at(day, staffActor('clerk', tree.gov))), ForbiddenError);
    await assert.rejects(
      takeMessages(admin),
      ForbiddenError,
      'only the operator at the shell takes messages',
    );
    assert.equal((await sent(day)).length, 1);
    assert.equal((await sent(day)).length, 0);
    assert.equal(await queuedMessages(admin), 0);
  });

  it('indexes the contacts of cases stored before the index, and encrypts their e-mail', async () => {
    const day = '2026-03-11T02:00:00Z';
    const old = await requests.submitOnline(at(day), application(tree.gov.id, { phone: '13900000061' }));
    // As 0023 found it: no index, the e-mail in the clear.
    await h.db
      .updateTable('request')
      .set({ phone_index: null, email_index: null, email: 'Old@Example.cn' })
      .where('id', '=', old.id)
      .execute();
    const r = await indexContacts(system(day));
    assert.ok(r.indexed >= 1);
    assert.equal(r.failed, 0);
    const row = await h.db
      .selectFrom('request')
      .selectAll()
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.phone_index && row.email_index && !row.email!.includes('@'));
    assert.deepEqual(await indexContacts(system(day)), { indexed: 0, failed: 0 }, 'once');
    await requestRecovery(at(day), { contact: 'old@example.cn' }, { pageUrl: null });
    await runJobs(day);
    const [m] = await sent(day);
    assert.equal(m?.to, 'Old@Example.cn');
  });
});

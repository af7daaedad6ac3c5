import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { application } from '../../../test/harness/requests.js';
import { anonymous, systemActor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { agencies, type Agency } from '../agencies/index.js';
import { cases } from './index.js';
import { addWorkdays, calendarOf, shippedNotices } from '../calendar/index.js';
import * as requests from './request.service.js';
import { section3 } from './request.stats.js';
import { chineseDate } from './request-letter.js';

describeEachEngine('application cases: steps, outcomes, statistics', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, dept: Agency, other: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, police: dept, education: other } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  const at = (day: string, actor = staffActor('clerk', dept)) => {
    const ctx = testCtx(h, actor);
    ctx.clock.set(`${day}T02:00:00Z`);
    return ctx;
  };

  it('补正 then reply 部分公开: the clock restarts, the reply closes the case with its outcome and basis', async () => {
    const r = await requests.submitOnline(at('2026-03-02', anonymous), application(dept.id));
    await cases.act(at('2026-03-04'), r.id, 'supplementRequested', {
      date: '2026-03-04',
      supplementDueDate: '2026-03-18',
    });
    const restarted = await cases.act(at('2026-03-16'), r.id, 'supplemented', { date: '2026-03-16' });
    assert.equal(restarted.due, '2026-04-14');
    await assert.rejects(
      cases.act(at('2026-03-20'), r.id, 'replied', { date: '2026-03-20', outcome: 'partiallyGranted' }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'reasons',
    );
    await assert.rejects(
      cases.act(at('2026-03-20'), r.id, 'replied', {
        date: '2026-03-20',
        outcome: 'partiallyGranted',
        reasons: '含第三方个人信息，已作区分处理',
      }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'withheldPart',
    );
    const done = await cases.act(at('2026-03-20'), r.id, 'replied', {
      date: '2026-03-20',
      outcome: 'partiallyGranted',
      reasons: '含第三方个人信息，已作区分处理',
      withheldPart: '第三方的姓名和身份证号码',
      deliveryMode: 'mail',
      deliveredOn: '2026-03-20',
      trackingNumber: 'EMS1234567890',
    });
    assert.equal(done.state, 'replied');
    const s = await cases.state(at('2026-03-21'), r.id);
    assert.equal(s.request.outcome, 'partiallyGranted');
    assert.equal(s.request.closedOn, '2026-03-20');
    await assert.rejects(cases.act(at('2026-03-22'), r.id, 'withdrawn', { date: '2026-03-22' }), /已办结/);
  });

  it('an extension needs the office head; a clerk of another agency can do nothing', async () => {
    const r = await requests.submitOnline(at('2026-03-02', anonymous), application(dept.id));
    await assert.rejects(
      cases.act(at('2026-03-20'), r.id, 'extensionApproved', { date: '2026-03-20', workdays: 20 }),
      ForbiddenError,
    );
    const extended = await cases.act(
      at('2026-03-20', staffActor('officeHead', dept)),
      r.id,
      'extensionApproved',
      { date: '2026-03-20', workdays: 20 },
    );
    assert.equal(extended.due, '2026-04-28');
    await assert.rejects(cases.state(at('2026-03-20', staffActor('clerk', other)), r.id), ForbiddenError);
    await assert.rejects(
      cases.act(at('2026-03-20', staffActor('officeHead', dept)), r.id, 'extensionApproved', {
        date: '2026-03-20',
        workdays: 21,
      }),
      /1 到 20/,
    );
  });

  it('a fee notice computed by count, then paid; another unpaid lapses and is closed by the daily job', async () => {
    const paid = await requests.submitOnline(at('2026-03-02', anonymous), application(dept.id));
    await assert.rejects(
      cases.act(at('2026-03-05'), paid.id, 'processingFeeNoticeReceived', {
        date: '2026-03-05',
        method: 'perRequest',
        quantity: 3,
      }),
      /免费/,
    );
    const waiting = await cases.act(at('2026-03-05'), paid.id, 'processingFeeNoticeReceived', {
      date: '2026-03-05',
      method: 'perPage',
      quantity: 250,
    });
    assert.equal(waiting.state, 'awaitingFee');
    const events = await h.db
      .selectFrom('request_event')
      .selectAll()
      .where('request_id', '=', paid.id)
      .where('type', '=', 'processingFeeNoticeReceived')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(events.data_json!).processingFee.total, 4700);
    assert.equal(
      (await cases.act(at('2026-03-09'), paid.id, 'processingFeePaid', { date: '2026-03-09' })).state,
      'open',
    );

    const unpaid = await requests.submitOnline(at('2026-03-02', anonymous), application(dept.id));
    await cases.act(at('2026-03-05'), unpaid.id, 'processingFeeNoticeReceived', {
      date: '2026-03-05',
      method: 'perPage',
      quantity: 40,
    });
    const later = at('2026-04-20', systemActor('每日任务'));
    assert.ok((await cases.closeExpired(later)) >= 1);
    const s = await cases.state(at('2026-04-20'), unpaid.id);
    assert.equal(s.request.outcome, 'other.feeUnpaid');
    assert.equal(s.request.closedOn, '2026-04-03');
    assert.equal(await cases.closeExpired(later), 0, 'idempotent');
  });

  it('counts a case received 2020-12-28 and answered 2021-01-15 in both years, as the report requires', async () => {
    const ctx = testCtx(h, systemActor('测试'));
    const office = await agencies.create(ctx, {
      parentId: gov.id,
      name: '晋江市统计局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    const r = await requests.submitOnline(
      at('2020-12-28', anonymous),
      application(office.id, { applicantType: 'commercialEnterprise', applicantName: '某公司' }),
    );
    await cases.act(
      at('2021-01-15', staffActor('clerk', office)),
      r.id,
      'replied',
      { date: '2021-01-15', outcome: 'granted' },
      [{ name: '批复.pdf', bytes: Buffer.from('%PDF-1.4 批复') }],
    );
    const reader = testCtx(h, staffActor('supervisor', gov));
    const y2020 = await section3(reader, { agencyId: office.id, scope: 'self', year: 2020, format: '2019' });
    assert.deepEqual(y2020.received, [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(y2020.total, [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(y2020.carriedForward, [0, 1, 0, 0, 0, 0, 1]);
    const y2021 = await section3(reader, { agencyId: office.id, scope: 'self', year: 2021, format: '2021' });
    assert.deepEqual(y2021.received, [0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(y2021.carriedOver, [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(y2021.granted, [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(y2021.carriedForward, [0, 0, 0, 0, 0, 0, 0]);
    // The subtree sums its agencies.
    const tree = await section3(reader, { agencyId: gov.id, scope: 'tree', year: 2026, format: '2021' });
    const own = await section3(reader, { agencyId: dept.id, scope: 'self', year: 2026, format: '2021' });
    assert.deepEqual(tree.received, own.received, 'all 2026 cases of this test are the department’s');
    assert.equal(own.received![6], 4);
    assert.deepEqual(own['other.feeUnpaid'], [1, 0, 0, 0, 0, 0, 1]);
    await assert.rejects(
      section3(testCtx(h, staffActor('clerk', other)), {
        agencyId: dept.id,
        scope: 'self',
        year: 2026,
        format: '2021',
      }),
      ForbiddenError,
    );
  });

  it('lists the queue soonest first, finds the overdue and those due soon, and shows personal data to the handler only', async () => {
    const q = testCtx(h, staffActor('officeHead', dept));
    q.clock.set('2026-03-27T02:00:00Z');
    const items = await cases.queue(q);
    assert.ok(items.length >= 2);
    const dues = items.map((i) => i.deadline.due ?? '9999');
    assert.deepEqual(dues, [...dues].sort());
    const soon = await cases.findDueWithin(q, 5);
    assert.ok(soon.every((i) => i.deadline.remaining! <= 5));
    q.clock.set('2026-05-06T02:00:00Z');
    const overdue = await cases.findOverdue(q);
    assert.ok(overdue.length >= 1 && overdue.every((i) => i.deadline.overdue));

    const target = items[0]!;
    const { accounts } = await import('../accounts/index.js');
    const clerkId = (
      await accounts.create(testCtx(h, systemActor('测试')), {
        agencyId: dept.id,
        username: 'handler',
        displayName: '承办人',
        password: 'Chengban#2026',
        role: 'clerk',
      })
    ).id;
    const clerk = testCtx(h, staffActor('clerk', dept, clerkId));
    await assert.rejects(cases.personalData(clerk, target.id), /只有承办人/);
    await assert.rejects(
      cases.assign(testCtx(h, staffActor('clerk', dept, 'someone-else')), target.id, clerkId),
      ForbiddenError,
    );
    await cases.assign(testCtx(h, staffActor('officeHead', dept)), target.id, clerkId);
    assert.deepEqual(await cases.personalData(clerk, target.id), {
      idNumber: '11010519491231002X',
      phone: '13800595678',
      address: '福建省晋江市青阳街道某路 1 号',
    });
    const seen = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'request.viewPersonalData')
      .execute();
    assert.equal(seen.length, 1);
    assert.ok(!JSON.stringify(seen).includes('1101051949'));
  });

  it('records the new due date of open cases when a holiday notice moves it', async () => {
    const { calendar } = await import('../calendar/index.js');
    const r = await requests.submitOnline(at('2026-12-21', anonymous), application(dept.id));
    const before = await cases.state(at('2026-12-22'), r.id);
    assert.equal(before.deadline.provisional, true);
    assert.ok(
      before.deadline.calendar!.skipped.some((s) => s.date === '2027-01-01'),
      'before the notice, 元旦 is skipped by law',
    );
    // A (made-up) notice that joins Monday 4 January to the break: a day the law does not give.
    await calendar.enterNotice(at('2026-12-22', systemActor('测试')), {
      year: 2027,
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }],
      makeupWorkdays: [],
    });
    const after = await cases.state(at('2026-12-22'), r.id);
    assert.ok(after.deadline.due! > before.deadline.due!);
    const change = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'request.dueChanged')
      .where('subject_id', '=', r.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(change.before_json!), { due: before.deadline.due });
    assert.equal(JSON.parse(change.after_json!).due, after.deadline.due);
  });

  it('the daily job runs once a day, closes lapsed cases and tells handlers of overdue cases', async () => {
    const { createWorker } = await import('../../platform/jobs/index.js');
    const ctx = at('2026-05-06', systemActor('每日任务'));
    const runDay = () =>
      createWorker({
        context: (label) => at('2026-05-06', systemActor(label)),
        definitions: ctx.modules.jobs,
        schedules: ctx.modules.schedules,
      }).drain();
    const first = await runDay();
    const mine = first.find((j) => j.name === 'requests.dailyCheck');
    assert.equal(mine?.state, 'done');
    assert.match(mine!.result!, /超期提醒 [1-9]\d* 件/);
    assert.deepEqual(
      (await runDay()).filter((j) => j.name === 'requests.dailyCheck'),
      [],
      'once a day',
    );
    const notes = await h.db
      .selectFrom('staff_notification')
      .selectAll()
      .where('kind', '=', 'overdue')
      .execute();
    assert.ok(notes.length >= 1);
    for (const n of notes) {
      const r = await h.db
        .selectFrom('request')
        .select('handler_id')
        .where('id', '=', n.subject_id)
        .executeTakeFirstOrThrow();
      assert.equal(
        n.user_id,
        r.handler_id,
        'addressed to the handler, or to the office heads when none is assigned',
      );
    }
  });

  it('every outcome, withdrawal, a missed 补正 and a consultation, counted in their rows', async () => {
    const { outcomeKeys, reportRow } = await import('./request-outcome.js');
    const ctxSys = testCtx(h, systemActor('测试'));
    const office = await agencies.create(ctxSys, {
      parentId: gov.id,
      name: '晋江市审计局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    const clerk = (day: string) => at(day, staffActor('clerk', office));
    const replyOutcomes = outcomeKeys.filter((o) => !o.startsWith('other.'));
    for (const outcome of replyOutcomes) {
      const r = await requests.submitOnline(at('2025-03-03', anonymous), application(office.id));
      await cases.act(clerk('2025-03-10'), r.id, 'replied', {
        date: '2025-03-10',
        outcome,
        reasons: outcome === 'granted' ? '' : '依法说明的理由',
        withheldPart: '第三方个人信息',
        deliveryMode: 'pickup',
        deliveredOn: '2025-03-10',
      });
    }
    const withdrawn = await requests.submitOnline(at('2025-03-03', anonymous), application(office.id));
    assert.equal(
      (await cases.act(clerk('2025-03-04'), withdrawn.id, 'withdrawn', { date: '2025-03-04' })).state,
      'withdrawn',
    );
    const missed = await requests.submitOnline(at('2025-03-03', anonymous), application(office.id));
    await cases.act(clerk('2025-03-05'), missed.id, 'supplementRequested', {
      date: '2025-03-05',
      supplementDueDate: '2025-03-19',
    });
    const consulted = await requests.submitOnline(at('2025-03-03', anonymous), application(office.id));
    await cases.act(clerk('2025-03-04'), consulted.id, 'consultationStarted', {
      date: '2025-03-04',
      kind: 'thirdPartyConsultation',
      consultee: '晋江某建材有限公司',
    });
    assert.equal((await cases.state(clerk('2025-03-10'), consulted.id)).deadline.state, 'inConsultation');
    const ended = await cases.act(clerk('2025-03-18'), consulted.id, 'consultationEnded', {
      date: '2025-03-18',
    });
    assert.equal(ended.due, '2025-04-15', '10 working days of consultation not counted');
    await cases.closeExpired(at('2025-03-20', systemActor('每日任务')));

    const stats = await section3(testCtx(h, staffActor('supervisor', gov)), {
      agencyId: office.id,
      scope: 'self',
      year: 2025,
      format: '2021',
    });
    for (const o of replyOutcomes) assert.deepEqual(stats[reportRow(o, '2021')], [1, 0, 0, 0, 0, 0, 1], o);
    assert.deepEqual(stats['other.other'], [1, 0, 0, 0, 0, 0, 1], 'withdrawn');
    assert.deepEqual(stats['other.supplementOverdue'], [1, 0, 0, 0, 0, 0, 1], 'missed 补正');
    assert.equal(stats.received![6], replyOutcomes.length + 3);
    assert.equal(stats.total![6], replyOutcomes.length + 2);
    assert.deepEqual(
      stats.carriedForward,
      [1, 0, 0, 0, 0, 0, 1],
      'the consulted case is still open at the year end',
    );
    const old = await section3(testCtx(h, staffActor('supervisor', gov)), {
      agencyId: office.id,
      scope: 'self',
      year: 2025,
      format: '2019',
    });
    assert.deepEqual(
      old.other,
      [3 - 1, 0, 0, 0, 0, 0, 2],
      'in the 2019 format the other.* outcomes share one row',
    );
  });

  it('a clerk asks for an extension; the office head sees it among the approvals and grants or refuses it', async () => {
    const r = await requests.submitOnline(at('2026-03-02', anonymous), application(dept.id));
    await cases.act(at('2026-03-20'), r.id, 'extensionRequested', {
      date: '2026-03-20',
      workdays: 15,
      reason: '涉及多个部门，需汇总核实',
    });
    const head = at('2026-03-20', staffActor('officeHead', dept));
    const list = await cases.approvals(head);
    const mine = list.find((i) => i.id === r.id);
    assert.deepEqual(mine?.request, { workdays: 15, reason: '涉及多个部门，需汇总核实', date: '2026-03-20' });
    assert.deepEqual(await cases.approvals(at('2026-03-20')), [], 'a clerk has no approvals');
    assert.equal((await cases.state(head, r.id)).deadline.due, '2026-03-30', 'asking alone changes nothing');
    await assert.rejects(
      cases.act(at('2026-03-20'), r.id, 'extensionRefused', { date: '2026-03-20' }),
      ForbiddenError,
    );
    const granted = await cases.act(head, r.id, 'extensionApproved', { date: '2026-03-20', workdays: 15 });
    assert.equal(granted.due, addWorkdays(calendarOf(shippedNotices), '2026-03-02', 35).due);
    assert.ok(!(await cases.approvals(head)).some((i) => i.id === r.id));
  });

  it('the case page: loaded once with what the viewer may do; the 第三十四条 consultation has its own letter', async () => {
    const r = await requests.submitOnline(at('2026-03-02', anonymous), application(dept.id));
    const clerkPage = await cases.casePage(at('2026-03-03'), r.id);
    assert.equal(clerkPage.case.acceptanceNumber, r.acceptanceNumber);
    assert.equal(clerkPage.case.idNumber, '1101**********002X', 'masked: no one handles it yet');
    assert.ok(clerkPage.allowed.includes('handle') && !clerkPage.allowed.includes('decideExtension'));
    assert.ok(
      (await cases.casePage(at('2026-03-03', staffActor('officeHead', dept)), r.id)).allowed.includes(
        'decideExtension',
      ),
    );
    assert.deepEqual((await cases.casePage(at('2026-03-03', staffActor('supervisor', gov)), r.id)).allowed, [
      'read',
      'readStatistics',
    ]);
    assert.match(clerkPage.drafts.agencyConsultation!, /第三十四条/);
    assert.match(clerkPage.drafts.thirdPartyConsultation!, /第三十二条/);
    assert.deepEqual(clerkPage.events, [{ date: '2026-03-02', label: '收到申请', detail: null }]);
    await assert.rejects(
      cases.startConsultation(at('2026-03-04'), r.id, {
        date: '2026-03-04',
        kind: 'agencyConsultation',
        letter: clerkPage.drafts.agencyConsultation,
      }),
      /征求意见函中还有待填写的内容“________”/,
      'the co-making organ must be named',
    );
    await cases.startConsultation(at('2026-03-04'), r.id, {
      date: '2026-03-04',
      kind: 'agencyConsultation',
      consultee: '晋江市住房和城乡建设局',
      letter: clerkPage.drafts.agencyConsultation,
    });
    const page = await cases.casePage(at('2026-03-05'), r.id);
    assert.equal(page.deadline.state, 'inConsultation');
    assert.deepEqual(
      page.letters.map((l) => [l.kind, l.title]),
      [
        ['receipt', '政府信息公开申请受理回执'],
        ['agencyConsultation', '政府信息公开征求意见函'],
      ],
    );
    assert.match(page.deadline.steps.join('\n'), /向共同制作机关征询意见/);
    assert.deepEqual(page.events.at(-1), {
      date: '2026-03-04',
      label: '发出征询意见函',
      detail: '共同制作机关（第三十四条）；晋江市住房和城乡建设局',
    });
    assert.equal(
      page.letters[1]!.paragraphs[0],
      '晋江市住房和城乡建设局：',
      'addressed to the co-making organ',
    );
    assert.deepEqual(page.drafts, {}, 'no drafts while the clock stands');
    await assert.rejects(cases.casePage(at('2026-03-05', staffActor('clerk', other)), r.id), ForbiddenError);
    // The receipt promises the reply period of 第三十三条, as the deadline rules compute it.
    const due = addWorkdays(calendarOf(shippedNotices), '2026-03-02', 20).due;
    assert.match(
      page.letters[0]!.paragraphs.join('\n'),
      new RegExp(`即${chineseDate(due)}(（暂定）)?前，予以答复`),
    );
  });
});

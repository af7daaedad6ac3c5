import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { staffActor } from '../../../test/harness/actors.js';
import { application } from '../../../test/harness/requests.js';
import { fieldOf, letter } from '../../../test/harness/letters.js';
import { anonymous, withProofs, type Actor } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { cases, requests } from '../requests/index.js';
import { messages, ratings } from './index.js';

// 来信 on their clocks through the services (issue 14 §1–4, §7): intake, routing, replies, 复查 and
// 复核, 好差评 and its closed loop, publication and the figures, on both engines.

describeEachEngine('来信: intake, routing, clocks, ratings and figures', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  /** A context for `actor` on Beijing day `day`. */
  const on = (day: string, actor: Actor): Ctx => {
    const c = testCtx(h, actor);
    c.clock.set(`${day}T02:00:00Z`);
    return c;
  };
  const writer = (id: string) => withProofs(anonymous, [`message:${id}`]);
  let office: Actor;
  let officeHead: Actor;
  let cizaoClerk: Actor;
  let cizaoHead: Actor;
  let policeClerk: Actor;

  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h));
    office = staffActor('clerk', tree.gov);
    officeHead = staffActor('officeHead', tree.gov);
    cizaoClerk = staffActor('clerk', tree.cizao);
    cizaoHead = staffActor('officeHead', tree.cizao);
    policeClerk = staffActor('clerk', tree.police);
  });
  after(async () => h.cleanup());

  it('市长信箱: written with consent, dispatched to 磁灶镇, replied, rated 不满意, 回访 and 整改, published de-identified, counted', async () => {
    const w = await messages.write(on('2026-09-21', anonymous), letter(tree.gov.id));
    assert.match(w.number, /^2026XX\d{5}$/);
    assert.match(w.lookupCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    // 投诉: 7 个工作日 from 9月21日, past 中秋 (9月25日至27日) and 国庆 (10月1日至7日).
    assert.equal(w.clock.due?.due, '2026-10-08');
    // The writer opens it again with the number and the code, and only with both.
    const found = await messages.findForWriter(on('2026-09-22', anonymous), {
      number: w.number,
      code: w.lookupCode.toLowerCase(),
    });
    assert.equal(found.id, w.id);
    await assert.rejects(
      messages.findForWriter(on('2026-09-22', anonymous), { number: w.number, code: 'AAAA-AAAA-AA' }),
      fieldOf('code'),
    );

    // The office dispatches to 磁灶镇 with 教育局 assisting; the clock of the writer does not restart.
    const d = await messages.step(on('2026-09-22', office), w.id, 'dispatch', {
      agencyId: '磁灶镇人民政府',
      kind: 'transfer',
      assistAgencyIds: '晋江市教育局',
    });
    assert.equal(d.stage, 'handling');
    assert.equal(d.clock.due?.due, '2026-10-08');
    // 磁灶镇's clerk sees it, the writer's phone masked (no one has taken it yet).
    const page = await messages.staffPage(on('2026-09-22', cizaoClerk), w.id);
    assert.equal(page.message.phone, '139****1234');
    assert.equal(page.message.writerName, '李＊＊');
    assert.deepEqual(page.message.assistNames, ['晋江市教育局']);
    // 公安局 neither handles nor received it.
    await assert.rejects(messages.staffPage(on('2026-09-22', policeClerk), w.id), NotFoundError);

    // A reply still holding a template's prompt is refused, naming it.
    const template = page.templates.find((t) => t.key === 'complaint')!.text;
    assert.match(template, /^您好！您于2026年9月21日反映的“大埔村路灯损坏”问题收悉。/);
    await assert.rejects(
      messages.step(on('2026-09-28', cizaoClerk), w.id, 'replied', { text: template }),
      (e: unknown) => e instanceof ValidationError && /（请写明核查认定的事实）/.test(e.message),
    );
    await messages.step(on('2026-09-28', cizaoClerk), w.id, 'replied', {
      text: '经核查，李明华反映的大埔村路段路灯线路老化，镇政府已安排维修，预计 10 月 10 日前修复。',
    });
    // The writer rates it 不满意: the 整改 is due in 15 个工作日.
    const rating = await ratings.rateMessage(on('2026-09-29', writer(w.id)), w.id, {
      grade: '不满意',
      speed: '2',
      comment: '修得太慢',
    });
    assert.equal(rating.bad, true);
    assert.equal(rating.fixDue, '2026-10-26');
    await assert.rejects(
      ratings.rateMessage(on('2026-09-29', writer(w.id)), w.id, { grade: '满意' }),
      ConflictError,
    );
    // The loop: 回访 first, then 整改; another agency cannot do it.
    await assert.rejects(
      ratings.resolve(on('2026-09-30', cizaoClerk), rating.id, { action: 'fix', note: '已修复全部路灯' }),
      ConflictError,
    );
    await assert.rejects(
      ratings.visit(on('2026-09-30', policeClerk), rating.id, { note: '电话回访' }),
      ForbiddenError,
    );
    await ratings.visit(on('2026-09-30', cizaoClerk), rating.id, { note: '电话回访，来信人反映维修进度慢' });
    const fixed = await ratings.resolve(on('2026-10-09', cizaoClerk), rating.id, {
      action: 'fix',
      note: '10 月 9 日全部路灯修复，来信人确认',
    });
    assert.equal(fixed.action, 'fix');
    assert.equal(fixed.fixOverdue, false);

    // Publication: the draft is de-identified; text still naming the writer is refused.
    const draft = await messages.publicationDraft(on('2026-10-09', cizaoClerk), w.id);
    assert.equal(draft.consented, true);
    assert.doesNotMatch(draft.publicContent, /13905951234|李明华/);
    assert.doesNotMatch(draft.publicReply, /李明华/);
    await assert.rejects(
      messages.publish(on('2026-10-09', cizaoClerk), w.id, {
        ...draft,
        publicReply: `${draft.publicReply}李明华`,
      }),
      fieldOf('publicReply'),
    );
    await messages.publish(on('2026-10-09', cizaoClerk), w.id, draft);
    const list = await messages.publicList(on('2026-10-10', anonymous), '磁灶镇人民政府');
    assert.equal(list.total, 1);
    assert.equal(list.items[0]!.number, w.number);
    assert.doesNotMatch(JSON.stringify(list), /李明华|13905951234|大埔村 8 号/);

    const s = await messages.stats(on('2026-10-10', anonymous), { agency: '磁灶镇人民政府', year: 2026 });
    assert.equal(s.figures.received, 1);
    assert.equal(s.figures.replied, 1);
    assert.equal(s.figures.repliedOnTime, 1);
    assert.equal(s.figures.averageDays, 7);
    assert.equal(s.figures.badRatings, 1);
    assert.equal(s.figures.badVisited, 1);
    assert.equal(s.figures.badResolved, 1);
    assert.equal(s.figures.satisfactionRate, 0);
    // Counted where handled: the city's figures include 磁灶镇's.
    const city = await messages.stats(on('2026-10-10', anonymous), { agency: tree.gov.id, year: 2026 });
    assert.equal(city.figures.received, 1);
    // The monthly 通报 as a workbook: the city's figures, and each agency under it side by side.
    const report = await messages.statsReport(on('2026-10-10', office), {
      agency: tree.gov.id,
      year: '2026',
      month: '9',
    });
    assert.equal(report.filename, '晋江市人民政府2026年9月来信办理情况通报.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.bytes as unknown as ArrayBuffer);
    const byAgency = wb.getWorksheet('各机构')!;
    const rows = byAgency.getSheetValues().filter(Boolean) as unknown[][];
    const cizaoRow = rows.find((r) => r[1] === '磁灶镇人民政府')!;
    assert.equal(cizaoRow[2], '1');
    assert.equal(wb.getWorksheet('办理情况')!.getCell('B3').value, '1');
  });

  it('信访 clocks through the steps: 15日 past 国庆, 5 个工作日 objection, 60日 + 30日 with the head, 复查 and 复核 by the levels above', async () => {
    await assert.rejects(
      messages.write(
        on('2026-09-20', anonymous),
        letter(tree.gov.id, { channel: 'onlinePetition', anonymous: 'on' }),
      ),
      fieldOf('anonymous'),
    );
    await assert.rejects(
      messages.write(
        on('2026-09-20', anonymous),
        letter(tree.gov.id, { channel: 'onlinePetition', address: '' }),
      ),
      fieldOf('address'),
    );
    const w = await messages.register(on('2026-09-20', office), {
      ...letter(tree.gov.id, {
        channel: 'visit',
        regime: 'petition',
        receivedOn: '2026-09-20',
        ticketType: 'help',
      }),
    });
    assert.match(w.number, /^2026XF\d{5}$/);
    assert.equal(w.clock.due?.due, '2026-10-08');
    // …and one whose 15日 end on a 调休 Saturday, a working day: not moved.
    const saturday = await messages.register(on('2026-09-25', office), {
      ...letter(tree.gov.id, { channel: 'post', regime: 'petition', receivedOn: '2026-09-25' }),
    });
    assert.equal(saturday.clock.due?.due, '2026-10-10');
    assert.deepEqual(saturday.clock.due?.skipped, []);
    const d = await messages.step(on('2026-09-29', office), w.id, 'dispatch', {
      agencyId: tree.cizao.id,
      kind: 'assign',
    });
    assert.equal(d.clock.objectionUntil, '2026-10-12');
    assert.equal(d.clock.due?.due, '2026-10-14');
    await assert.rejects(
      messages.step(on('2026-10-13', cizaoClerk), w.id, 'returned', { reason: '不属于本镇职权范围' }),
      (e: unknown) => e instanceof ConflictError && /5 个工作日/.test(e.message),
    );
    const accepted = await messages.step(on('2026-10-09', cizaoClerk), w.id, 'accepted', {
      petitionClass: 'claim',
    });
    assert.equal(accepted.clock.due?.due, '2026-12-08');
    await assert.rejects(
      messages.step(on('2026-11-20', cizaoClerk), w.id, 'extended', {
        days: '30',
        reason: '涉及多个部门，需要现场核查',
      }),
      ForbiddenError,
    );
    const ext = await messages.step(on('2026-11-20', cizaoHead), w.id, 'extended', {
      days: '20',
      reason: '涉及多个部门，需要现场核查',
    });
    assert.equal(ext.clock.due?.due, '2026-12-28');
    await assert.rejects(
      messages.step(on('2026-11-21', cizaoHead), w.id, 'extended', { days: '11', reason: '仍需进一步核查' }),
      fieldOf('days'),
    );
    // 申诉求决类 needs a 信访处理意见书 outcome.
    await assert.rejects(
      messages.step(on('2026-12-01', cizaoClerk), w.id, 'replied', {
        text: '经调查，您反映的问题已处理完毕，特此答复。',
      }),
      fieldOf('outcome'),
    );
    const replied = await messages.step(on('2026-12-01', cizaoClerk), w.id, 'replied', {
      text: '经调查，您反映的问题部分属实，现出具信访处理意见书如下。',
      outcome: 'explain',
    });
    assert.equal(replied.clock.requestUntil, '2026-12-31');
    // The 信访处理意见书 as Word: the request, the reply, the 处理意见 and where to ask for a 复查.
    const opinion = await messages.opinionLetter(on('2026-12-01', cizaoClerk), w.id);
    const mammoth = await import('mammoth');
    const docText = (await mammoth.extractRawText({ buffer: opinion.docx })).value;
    assert.match(docText, /信访处理意见书/);
    assert.match(docText, /^李明华：/m);
    assert.match(docText, /处理意见：解释说明。/);
    assert.match(docText, /30 日内，向晋江市人民政府请求复查/);
    // 复查: asked by the writer, decided by the level above (the city), not by 磁灶镇.
    await messages.step(on('2026-12-10', writer(w.id)), w.id, 'recheckRequested', {
      reason: '对处理意见不服，请求复查',
    });
    await assert.rejects(
      messages.step(on('2026-12-15', cizaoClerk), w.id, 'recheckDecided', {
        text: '维持原处理意见，理由如下。',
        outcome: 'explain',
      }),
      ForbiddenError,
    );
    const rechecked = await messages.step(on('2026-12-15', office), w.id, 'recheckDecided', {
      text: '经复查，维持原处理意见，理由如下。',
      outcome: 'explain',
    });
    assert.equal(rechecked.stage, 'rechecked');
    // 复核 belongs two levels up: above the city, outside this platform, so it is refused with where to go.
    await assert.rejects(
      messages.step(on('2026-12-20', writer(w.id)), w.id, 'reexamineRequested', {
        reason: '对复查意见不服，请求复核',
      }),
      (e: unknown) => e instanceof ConflictError && /上一级机关不在本平台/.test(e.message),
    );
    // A village's item: 复查 by the township, 复核 by the city; after it, nothing more is accepted.
    const v = await messages.register(on('2026-09-01', office), {
      ...letter(tree.gov.id, {
        channel: 'visit',
        regime: 'petition',
        receivedOn: '2026-09-01',
        ticketType: 'help',
      }),
    });
    await messages.step(on('2026-09-02', office), v.id, 'dispatch', {
      agencyId: tree.village.id,
      kind: 'assign',
    });
    await messages.step(on('2026-09-03', cizaoClerk), v.id, 'accepted', { petitionClass: 'claim' });
    await messages.step(on('2026-09-20', cizaoClerk), v.id, 'replied', {
      text: '经调查，处理意见如下，请知悉。',
      outcome: 'notSupport',
    });
    await messages.step(on('2026-09-22', writer(v.id)), v.id, 'recheckRequested', {
      reason: '对处理意见不服，请求复查',
    });
    await assert.rejects(
      messages.step(on('2026-09-25', policeClerk), v.id, 'recheckDecided', {
        text: '维持原处理意见，理由如下。',
        outcome: 'notSupport',
      }),
      NotFoundError,
    );
    await messages.step(on('2026-09-28', cizaoHead), v.id, 'recheckDecided', {
      text: '经复查，维持原处理意见。',
      outcome: 'notSupport',
    });
    await messages.step(on('2026-09-29', writer(v.id)), v.id, 'reexamineRequested', {
      reason: '对复查意见不服，请求复核',
    });
    await assert.rejects(
      messages.step(on('2026-09-30', cizaoHead), v.id, 'reexamineDecided', {
        text: '经复核，维持复查意见。',
        outcome: 'notSupport',
      }),
      ForbiddenError,
    );
    const done = await messages.step(on('2026-10-09', officeHead), v.id, 'reexamineDecided', {
      text: '经复核，维持复查意见。同一事实和理由不再受理。',
      outcome: 'notSupport',
    });
    assert.equal(done.stage, 'reexamined');
    await assert.rejects(
      messages.step(on('2026-10-10', writer(v.id)), v.id, 'reexamineRequested', { reason: '再次请求复核' }),
      ConflictError,
    );
    const page = await messages.writerPage(on('2026-12-21', writer(w.id)), w.id);
    assert.deepEqual(
      page!.history.map((e) => e.type),
      ['received', 'dispatched', 'accepted', 'extended', 'replied', 'recheckRequested', 'recheckDecided'],
    );
    // The writer is told why the period was extended (第三十四条).
    assert.match(
      page!.history.find((e) => e.type === 'extended')!.detail!,
      /理由：涉及多个部门，需要现场核查/,
    );
    assert.equal(
      page!.history.find((e) => e.type === 'recheckDecided')!.text,
      '经复查，维持原处理意见，理由如下。',
    );
  });

  it('差评 申诉复核 by the level above leaves the rating out of the figures; a disclosure applicant rates an answer', async () => {
    const w = await messages.write(
      on('2026-05-06', anonymous),
      letter(tree.cizao.id, { ticketType: 'suggestion' }),
    );
    await messages.step(on('2026-05-07', cizaoClerk), w.id, 'replied', {
      text: '感谢您的建议，镇政府将研究采纳。',
    });
    const r = await ratings.rateMessage(on('2026-05-08', writer(w.id)), w.id, { grade: '非常不满意' });
    await ratings.dispute(on('2026-05-09', cizaoClerk), r.id, {
      reason: '来信人反映的是其他镇的事项，属于误评',
    });
    await assert.rejects(
      ratings.decideDispute(on('2026-05-10', cizaoHead), r.id, { upheld: 'yes' }),
      ForbiddenError,
    );
    const decided = await ratings.decideDispute(on('2026-05-10', officeHead), r.id, { upheld: 'yes' });
    assert.equal(decided.disputeUpheld, true);
    const s = await messages.stats(on('2026-05-11', anonymous), {
      agency: tree.cizao.id,
      year: 2026,
      month: 5,
    });
    assert.equal(s.figures.rated, 0);
    assert.equal(s.figures.badRatings, 0);
    assert.equal(s.figures.disputesUpheld, 1);

    const req = await requests.submitOnline(on('2026-05-06', anonymous), application(tree.cizao.id));
    const applicant = withProofs(anonymous, [`request:${req.id}`]);
    await assert.rejects(
      ratings.rateRequest(on('2026-05-07', applicant), req.id, { grade: '满意' }),
      ConflictError,
    );
    await cases.act(on('2026-05-08', staffActor('clerk', tree.cizao)), req.id, 'replied', {
      date: '2026-05-08',
      outcome: 'unavailable.notHeld',
      reasons: '经检索，本机关未制作或获取该信息',
    });
    const rr = await ratings.rateRequest(on('2026-05-09', applicant), req.id, {
      grade: '满意',
      quality: '5',
    });
    assert.equal(rr.gradeLabel, '满意');
    assert.deepEqual(rr.dimensions, { quality: 5 });
  });

  it('guards: who takes, withdraws, publishes; no 复查 without a level above; consent withdrawn before publication', async () => {
    const w = await messages.write(
      on('2026-08-03', anonymous),
      letter(tree.gov.id, { ticketType: 'consultation' }),
    );
    await messages.step(on('2026-08-03', office), w.id, 'dispatch', {
      agencyId: tree.cizao.id,
      kind: 'transfer',
    });
    // The city's clerk is not 磁灶镇's: they may read it but not take it (and so unmask the writer).
    await assert.rejects(messages.take(on('2026-08-04', office), w.id), ForbiddenError);
    // Staff record a withdrawal only with how it was made; the handling clerk cannot at all.
    await assert.rejects(messages.step(on('2026-08-04', cizaoClerk), w.id, 'withdrawn', {}), ForbiddenError);
    await assert.rejects(messages.step(on('2026-08-04', office), w.id, 'withdrawn', {}), fieldOf('reason'));
    // Consent withdrawn by the writer before publication: no longer publishable.
    await messages.withdrawConsent(on('2026-08-04', writer(w.id)), w.id);
    await messages.step(on('2026-08-05', cizaoClerk), w.id, 'replied', {
      text: '您好！老年人优待证在各镇便民服务中心办理。',
    });
    await assert.rejects(
      messages.publish(on('2026-08-05', cizaoClerk), w.id, {
        publicSubject: '咨询',
        publicContent: '咨询老年人优待证办理地点。',
        publicReply: '在各镇便民服务中心办理。请携带身份证。',
      }),
      (e: unknown) => e instanceof ConflictError && /单独同意/.test(e.message),
    );
    // A merge only into a letter still being handled.
    const other = await messages.write(
      on('2026-08-05', anonymous),
      letter(tree.gov.id, { ticketType: 'consultation' }),
    );
    await assert.rejects(
      messages.step(on('2026-08-05', office), other.id, 'merged', { intoNumber: w.number }),
      fieldOf('intoNumber'),
    );
    // A 信访 item handled by the top agency itself: its 复查 belongs to an organ outside the platform.
    const top = await messages.write(
      on('2026-08-03', anonymous),
      letter(tree.gov.id, { channel: 'onlinePetition' }),
    );
    await messages.step(on('2026-08-04', office), top.id, 'accepted', { petitionClass: 'claim' });
    await messages.step(on('2026-08-10', office), top.id, 'replied', {
      text: '经调查，处理意见如下，请知悉。',
      outcome: 'support',
    });
    await assert.rejects(
      messages.step(on('2026-08-12', writer(top.id)), top.id, 'recheckRequested', {
        reason: '对处理意见不服，请求复查',
      }),
      (e: unknown) => e instanceof ConflictError && /上一级机关不在本平台/.test(e.message),
    );
    // 检举控告 letters are never published, consent or not.
    const tip = await messages.write(
      on('2026-08-03', anonymous),
      letter(tree.gov.id, { channel: 'onlinePetition', ticketType: 'tipOff' }),
    );
    await messages.step(on('2026-08-04', office), tip.id, 'accepted', { petitionClass: 'accusation' });
    await messages.step(on('2026-08-10', office), tip.id, 'replied', {
      text: '您的举报已收悉，已转有关部门依法处理。',
    });
    await assert.rejects(
      messages.publish(on('2026-08-12', office), tip.id, {
        publicSubject: '举报',
        publicContent: '某某事项的举报内容。',
        publicReply: '经查，某某事项已经处理。',
      }),
      (e: unknown) => e instanceof ConflictError && /第三十条/.test(e.message),
    );
  });

  it('numbers 来信 without duplicates under concurrent writes', async () => {
    const many = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        messages.write(on('2026-06-01', anonymous), letter(tree.education.id, { subject: `来信 ${i}` })),
      ),
    );
    const numbers = many.map((m) => m.number);
    assert.equal(new Set(numbers).size, 12);
  });
});

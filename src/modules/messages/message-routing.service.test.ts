import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { staffActor } from '../../../test/harness/actors.js';
import { application } from '../../../test/harness/requests.js';
import { fieldOf, letter } from '../../../test/harness/letters.js';
import { anonymous, type Actor } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { cases, requests } from '../requests/index.js';
import { messages } from './index.js';

// Routing of 来信 through the services (issue 14 §2): 退单 and its review, 并单, conversion into a
// 依申请公开 application and back (条例第三十九条), and 检举控告 kept from the accused, on both engines.

describeEachEngine('来信: routing, conversion and 检举控告', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  /** A context for `actor` on Beijing day `day`. */
  const on = (day: string, actor: Actor): Ctx => {
    const c = testCtx(h, actor);
    c.clock.set(`${day}T02:00:00Z`);
    return c;
  };
  let office: Actor;
  let cizaoClerk: Actor;
  let policeClerk: Actor;

  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h));
    office = staffActor('clerk', tree.gov);
    cizaoClerk = staffActor('clerk', tree.cizao);
    policeClerk = staffActor('clerk', tree.police);
  });
  after(async () => h.cleanup());

  it('退单 within its window and its review, 并单, and the conversion into a 依申请公开 application with both links', async () => {
    const a = await messages.write(
      on('2026-03-02', anonymous),
      letter(tree.gov.id, { ticketType: 'consultation' }),
    );
    await messages.step(on('2026-03-02', office), a.id, 'dispatch', {
      agencyId: tree.police.id,
      kind: 'transfer',
    });
    const returned = await messages.step(on('2026-03-03', policeClerk), a.id, 'returned', {
      reason: '路灯维修不属于公安局职责',
    });
    assert.equal(returned.stage, 'returned');
    // Only the dispatcher reviews a return.
    await assert.rejects(
      messages.step(on('2026-03-03', policeClerk), a.id, 'returnReviewed', { upheld: 'yes' }),
      ForbiddenError,
    );
    const back = await messages.step(on('2026-03-03', office), a.id, 'returnReviewed', {
      upheld: 'yes',
      note: '改派磁灶镇',
    });
    assert.equal(back.stage, 'received');
    // Once returned, 公安局 no longer sees it.
    await assert.rejects(messages.staffPage(on('2026-03-03', policeClerk), a.id), NotFoundError);
    await messages.step(on('2026-03-03', office), a.id, 'dispatch', {
      agencyId: tree.cizao.id,
      kind: 'transfer',
    });

    const b = await messages.write(
      on('2026-03-03', anonymous),
      letter(tree.gov.id, { ticketType: 'consultation', writerName: '王芳' }),
    );
    const merged = await messages.step(on('2026-03-04', office), b.id, 'merged', { intoNumber: a.number });
    assert.equal(merged.stage, 'merged');
    const c = await messages.write(
      on('2026-03-04', anonymous),
      letter(tree.gov.id, { ticketType: 'consultation' }),
    );
    await assert.rejects(
      messages.step(on('2026-03-04', office), c.id, 'merged', { intoNumber: b.number }),
      fieldOf('intoNumber'),
    );

    // A letter asking for a government document becomes an application, received the same day.
    const d = await messages.write(
      on('2026-03-05', anonymous),
      letter(tree.gov.id, {
        ticketType: 'consultation',
        subject: '申请公开道路改造批复',
        content: '请公开 2020 年本市道路改造工程的立项批复文件，谢谢。',
      }),
    );
    await messages.step(on('2026-03-06', office), d.id, 'dispatch', {
      agencyId: tree.cizao.id,
      kind: 'transfer',
    });
    const { agencyId: _ignored, ...fields } = application(tree.cizao.id);
    void _ignored;
    const submitted = await messages.convertToRequest(on('2026-03-09', cizaoClerk), d.id, fields);
    assert.equal(submitted.receivedOn, '2026-03-05');
    assert.equal(await requests.agencyOf(on('2026-03-09', cizaoClerk), submitted.id), tree.cizao.id);
    const page = await messages.staffPage(on('2026-03-09', cizaoClerk), d.id);
    assert.equal(page.message.stage, 'referred');
    assert.equal(page.message.requestId, submitted.id);
    assert.match(page.history.at(-1)!.detail!, new RegExp(submitted.acceptanceNumber));
    const requestPage = await cases.casePage(on('2026-03-09', cizaoClerk), submitted.id);
    assert.ok(
      requestPage.links.some(
        (l) => l.label === `由来信 ${d.number} 转来` && l.href === `/admin/letters/${d.id}`,
      ),
    );
    const s = await messages.stats(on('2026-03-10', anonymous), {
      agency: tree.gov.id,
      year: 2026,
      month: 3,
    });
    assert.equal(s.figures.merged, 1);
    assert.equal(s.figures.referred, 1);
  });

  it('条例第三十九条: an application that is a 投诉 is passed to 来信 handling; both pages show the link', async () => {
    const req = await requests.submitOnline(
      on('2026-07-01', anonymous),
      application(tree.cizao.id, { description: '投诉磁灶镇某村干部优亲厚友，要求查处' }),
    );
    const clerk = on('2026-07-02', cizaoClerk);
    const before = await cases.casePage(clerk, req.id);
    assert.ok(before.links.some((l) => l.href === `/admin/letters/from-request/${req.id}`));
    await assert.rejects(
      messages.passFromRequest(on('2026-07-02', policeClerk), req.id, {
        regime: 'petition',
        ticketType: 'complaint',
        subject: '投诉村干部',
      }),
      ForbiddenError,
    );
    const w = await messages.passFromRequest(clerk, req.id, {
      regime: 'petition',
      ticketType: 'complaint',
      subject: '投诉村干部',
    });
    assert.equal(w.receivedOn, '2026-07-01');
    await assert.rejects(
      messages.passFromRequest(clerk, req.id, {
        regime: 'petition',
        ticketType: 'complaint',
        subject: '再转一次',
      }),
      fieldOf('requestId'),
    );
    const page = await messages.staffPage(clerk, w.id);
    assert.equal(page.message.fromRequestId, req.id);
    assert.equal(page.message.channelLabel, '政府信息公开申请转来');
    assert.equal(page.message.writerName, '张＊');
    const after = await cases.casePage(clerk, req.id);
    assert.deepEqual(after.links, [{ label: `已转来信办理：${w.number}`, href: `/admin/letters/${w.id}` }]);
  });

  it('检举控告: never dispatched to the accused agency, never shown to its staff', async () => {
    const w = await messages.write(
      on('2026-04-01', anonymous),
      letter(tree.gov.id, {
        channel: 'onlinePetition',
        ticketType: 'tipOff',
        subject: '举报某派出所民警',
        content: '举报某派出所民警在办理户籍时索要好处费，时间地点如下。',
      }),
    );
    await messages.step(on('2026-04-01', office), w.id, 'classify', {
      petitionClass: 'accusation',
      accusedAgencyId: '晋江市公安局',
    });
    await assert.rejects(
      messages.step(on('2026-04-01', office), w.id, 'dispatch', {
        agencyId: tree.police.id,
        kind: 'transfer',
      }),
      fieldOf('agencyId'),
    );
    // Even an administrator of 公安局 neither reads it nor finds it in the queue.
    const policeAdmin = staffActor('admin', tree.police);
    await assert.rejects(messages.staffPage(on('2026-04-01', policeAdmin), w.id), NotFoundError);
    assert.ok(!(await messages.queue(on('2026-04-01', policeAdmin))).items.some((i) => i.id === w.id));
    assert.ok((await messages.queue(on('2026-04-01', office))).items.some((i) => i.id === w.id));
  });
});

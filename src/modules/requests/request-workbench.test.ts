import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { application } from '../../../test/harness/requests.js';
import { anonymous, systemActor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { workbenchPanels, type WorkbenchPanel } from '../accounts/index.js';
import type { Agency } from '../agencies/index.js';
import { cases, requests } from './index.js';
import { queuePage } from './request-queue.service.js';

describeEachEngine('the 工作台’s 依申请公开 panel', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, cizao: Agency, police: Agency;
  const at = (day: string, actor = staffActor('clerk', cizao, 'clerk-1')) => {
    const ctx = testCtx(h, actor);
    ctx.clock.set(`${day}T02:00:00Z`);
    return ctx;
  };
  const counts = (panel: WorkbenchPanel | undefined) =>
    Object.fromEntries((panel?.items ?? []).map((i) => [i.label, i.count]));

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, cizao, police } = await jinjiangTree(testCtx(h, systemActor('测试'))));
    const submit = async (agency: Agency, day: string) =>
      requests.submitOnline(at(day, anonymous), application(agency.id));
    // 磁灶镇: one received today, one taken by the clerk and due within 5 working days (03-06), one
    // overdue, one waiting for 补正, one in consultation. 公安局: one, which the township's clerk must not count.
    await submit(cizao, '2026-03-02');
    const mine = await submit(cizao, '2026-02-02');
    await cases.assign(at('2026-02-03', staffActor('officeHead', cizao)), mine.id, 'clerk-1');
    await submit(cizao, '2026-01-05');
    const supplement = await submit(cizao, '2026-02-25');
    await cases.act(at('2026-02-26'), supplement.id, 'supplementRequested', {
      date: '2026-02-26',
      supplementDueDate: '2026-03-12',
    });
    const consulted = await submit(cizao, '2026-02-25');
    await cases.act(at('2026-02-26'), consulted.id, 'consultationStarted', {
      date: '2026-02-26',
      kind: 'thirdPartyConsultation',
    });
    await submit(police, '2026-01-05');
  });
  after(async () => h.cleanup());

  it('gives the clerk the counts of their agency’s open cases, each opening the queue filtered the same way', async () => {
    const ctx = at('2026-03-02');
    const panel = (await workbenchPanels(ctx)).find((p) => p.key === 'requests');
    assert.ok(panel, 'a clerk has the panel');
    assert.deepEqual(counts(panel), {
      新收未指定承办人: 4,
      我承办的: 1,
      '5 个工作日内到期': 1,
      已超期: 1,
      等待申请人补正: 1,
      征求意见中: 1,
    });
    assert.equal(panel.note, '办理中 5 件', 'the 公安局’s case is not in the township’s scope');
    // Every count is the length of the list its link opens.
    for (const item of panel.items) {
      const query = Object.fromEntries(new URL(item.href!, 'http://x').searchParams);
      assert.equal((await queuePage(ctx, query)).total, item.count, item.label);
    }
  });

  it('adds the extensions waiting for the office head, and counts the whole city for the city’s head', async () => {
    const head = at('2026-03-02', staffActor('officeHead', gov, 'head-1'));
    const panel = (await workbenchPanels(head)).find((p) => p.key === 'requests')!;
    assert.equal(counts(panel)['延期申请待审批'], 0);
    assert.equal(panel.note, '办理中 6 件');
    assert.equal(counts(panel)['已超期'], 2);
  });

  it('gives no 依申请公开 panel to those who do not handle applications', async () => {
    for (const role of ['supervisor', 'reviewer'] as const) {
      const panels = await workbenchPanels(at('2026-03-02', staffActor(role, gov)));
      assert.ok(!panels.some((p) => p.key === 'requests'), role);
    }
  });
});

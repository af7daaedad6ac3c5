import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../../test/harness/factories.js';
import { systemActor } from '../../../platform/access.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { newId } from '../../../platform/ids.js';
import { workbenchPanels } from '../../accounts/index.js';
import { REPORT_SCHEMA_ID, type ReportData } from '../contract/report.js';
import * as reports from './annual-report.service.js';
import { reportStatuses } from './report-status.service.js';

describeEachEngine('the office head’s 工作台: the annual report of every agency in scope', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let t: JinjiangTree;
  const on = (actor = staffActor('officeHead', t.gov, 'head-1')) => {
    const ctx = testCtx(h, actor);
    ctx.clock.set('2026-02-05T02:00:00Z');
    return ctx;
  };

  before(async () => {
    h = await openTestDatabase(engine);
    t = await jinjiangTree(testCtx(h, systemActor('测试')));
    // 教育局 published its 2025 report; 公安局 is writing it; the city's draft has an error (its
    // 2024 report, published before the platform, carried 2 forward; the data carries over none);
    // 磁灶镇 has not started.
    const head = on();
    const education = await reports.open(head, { agencyId: t.education.id, year: 2025 });
    await reports.saveNarrative(head, education.id, {
      ...education.narrative,
      section1: education.narrative.section1.replace(/（请[^）]*）/g, '已按要求开展。'),
      section5: '无。',
    });
    const review = await reports.publishReview(head, education.id);
    await reports.publish(head, education.id, { confirmed: '1', reviewedAt: review.reviewedAt });
    await reports.open(head, { agencyId: t.police.id, year: 2025 });
    const recorded: ReportData = {
      schema: REPORT_SCHEMA_ID,
      format: '2021',
      year: 2024,
      agency: '晋江市人民政府',
      source: { kind: 'markdown' },
      proactive: {},
      requests: { carriedForward: [2, 0, 0, 0, 0, 0, 2] },
      appeals: {},
      narrative: {},
      findings: [],
    };
    await h.db
      .insertInto('published_report')
      .values({
        id: newId(),
        agency_id: t.gov.id,
        uploaded_by: null,
        uploaded_at: '2025-03-01T00:00:00.000Z',
        source_name: '2024年报.md',
        source_kind: 'markdown',
        read_status: 'full',
        report_year: 2024,
        report_agency: '晋江市人民政府',
        error_count: 0,
        warning_count: 0,
        data_json: JSON.stringify(recorded),
        info_json: null,
        error: null,
        history_agency_id: t.gov.id,
        history_year: 2024,
      })
      .execute();
    await reports.open(head, { agencyId: t.gov.id, year: 2025 });
  });
  after(async () => h.cleanup());

  it('states each agency’s report on last year — not started, being written, with errors, published — and its legal deadline', async () => {
    const byName = Object.fromEntries(
      (await reportStatuses(on())).map((s) => [s.agencyName, [s.status, s.deadline, s.daysLeft]]),
    );
    assert.deepEqual(byName, {
      晋江市人民政府: ['findings', '2026-03-31', 54],
      晋江市公安局: ['drafting', '2026-01-31', -5],
      晋江市教育局: ['published', '2026-01-31', -5],
      磁灶镇人民政府: ['notStarted', '2026-03-31', 54],
    });
    const panel = (await workbenchPanels(on())).find((p) => p.key === 'annual-report');
    assert.ok(panel);
    assert.equal(panel.title, '2025年政府信息公开工作年度报告');
    assert.equal(panel.note, '已发布 1 / 4 个机构（未开始 1，编写中 1，检查有错误 1）');
    const lines = Object.fromEntries(panel.items.map((i) => [i.label, [i.detail, i.urgent]]));
    assert.deepEqual(lines['晋江市公安局'], [
      '编写中 · 应于 2026-01-31 前公布（条例第五十条） · 已逾期 5 天',
      true,
    ]);
    assert.match(
      String(lines['晋江市人民政府']![0]),
      /^检查有错误（\d+ 处错误） · 应于 2026-03-31 前公布（条例第五十条） · 还有 54 天$/,
    );
    assert.deepEqual(lines['晋江市教育局'], ['已发布 · 应于 2026-01-31 前公布（条例第五十条）', false]);
    assert.deepEqual(lines['磁灶镇人民政府'], [
      '未开始 · 应于 2026-03-31 前公布（条例第五十条） · 还有 54 天',
      false,
    ]);
  });

  it('gives a township’s head its own report only, and clerks and supervisors no report panel', async () => {
    const township = await reportStatuses(on(staffActor('officeHead', t.cizao)));
    assert.deepEqual(
      township.map((s) => [s.agencyName, s.status]),
      [['磁灶镇人民政府', 'notStarted']],
      'the village has no report under the 条例',
    );
    for (const role of ['clerk', 'supervisor', 'reviewer'] as const) {
      const panels = await workbenchPanels(on(staffActor(role, t.gov)));
      assert.ok(!panels.some((p) => p.key === 'annual-report'), role);
    }
  });
});

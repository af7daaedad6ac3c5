import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { systemActor } from '../../../platform/access.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { agencies, type Agency } from '../../agencies/index.js';
import * as reports from './annual-report.service.js';
import { remindReportDeadlines, reportDeadline, reportSettings } from './report-deadline.js';
import { annualReportModule } from '../module.js';
import { install } from '../../../platform/module.js';
import { ConfigError } from '../../../platform/config/config.js';

it('puts the deadline of 条例第五十条 by kind of agency, the township one as configured', () => {
  assert.equal(reportDeadline({ kind: 'governmentDepartment', level: 'county' }, 2025), '2026-01-31');
  assert.equal(reportDeadline({ kind: 'peoplesGovernment', level: 'county' }, 2025), '2026-03-31');
  assert.equal(reportDeadline({ kind: 'townshipStreet', level: 'township' }, 2025), '2026-03-31');
  assert.equal(reportDeadline({ kind: 'villageCommunity', level: 'village' }, 2025), null);
  // TOWNSHIP_REPORT_DEADLINE, a setting of this module, read once at install.
  const configured = install([annualReportModule], undefined, { TOWNSHIP_REPORT_DEADLINE: '02-15' });
  const township = reportSettings.of({ modules: configured }).townshipReportDeadline;
  assert.equal(township, '02-15');
  assert.equal(reportDeadline({ kind: 'townshipStreet', level: 'township' }, 2025, township), '2026-02-15');
  assert.equal(reportSettings.of({ modules: install([annualReportModule]) }).townshipReportDeadline, '03-31');
  assert.throws(
    () => install([annualReportModule], undefined, { TOWNSHIP_REPORT_DEADLINE: '2-30' }),
    (e: unknown) =>
      e instanceof ConfigError && /^TOWNSHIP_REPORT_DEADLINE="2-30"：应为 MM-DD/.test(e.problems[0] ?? ''),
  );
});

describeEachEngine('reminding agencies of their annual report', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, dept: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    const ctx = testCtx(h, systemActor('测试'));
    gov = await agencies.create(ctx, { name: '晋江市人民政府', level: 'county', kind: 'peoplesGovernment' });
    dept = await agencies.create(ctx, {
      parentId: gov.id,
      name: '晋江市财政局',
      level: 'county',
      kind: 'governmentDepartment',
    });
  });
  after(async () => h.cleanup());
  const at = (day: string) => {
    const c = testCtx(h, systemActor('每日任务'));
    c.clock.set(`${day}T01:00:00Z`);
    return c;
  };
  const notices = () =>
    h.db.selectFrom('staff_notification').select(['agency_id', 'day', 'message']).orderBy('day').execute();

  it('reminds 14, 7, 3 and 1 days before and on the day, then weekly while late, until the report is published', async () => {
    assert.equal(
      await remindReportDeadlines(at('2026-01-16')),
      '年报提醒 0 条',
      '15 days before: nothing yet',
    );
    assert.equal(await remindReportDeadlines(at('2026-01-17')), '年报提醒 1 条');
    assert.equal(await remindReportDeadlines(at('2026-01-17')), '年报提醒 0 条', 'once a day');
    let all = await notices();
    assert.equal(all[0]!.agency_id, dept.id);
    assert.match(
      all[0]!.message,
      /晋江市财政局2025年政府信息公开工作年度报告应于 2026-01-31 前向社会公布（条例第五十条），还有 14 天/,
    );
    assert.equal(await remindReportDeadlines(at('2026-01-31')), '年报提醒 1 条');
    assert.equal(await remindReportDeadlines(at('2026-02-02')), '年报提醒 1 条', 'a Monday while late');
    all = await notices();
    assert.match(all.at(-1)!.message, /已逾期 2 天/);
    assert.equal(await remindReportDeadlines(at('2026-02-03')), '年报提醒 0 条', 'not every day while late');
    // The department publishes; the reminders stop. The city's own deadline is 31 March.
    const head = testCtx(h, staffActor('officeHead', dept));
    head.clock.set('2026-02-05T01:00:00Z');
    const draft = await reports.open(head, { agencyId: dept.id, year: 2025 });
    await reports.saveNarrative(head, draft.id, {
      section1: draft.narrative.section1.replace(/（请[^）]*）/g, '已按要求开展。'),
      section5: '无。',
      section6: draft.narrative.section6,
    });
    const review = await reports.publishReview(head, draft.id);
    await reports.publish(head, draft.id, { confirmed: '1', reviewedAt: review.reviewedAt });
    assert.equal(await remindReportDeadlines(at('2026-02-09')), '年报提醒 0 条');
    assert.equal(await remindReportDeadlines(at('2026-03-17')), '年报提醒 1 条');
    assert.equal((await notices()).at(-1)!.agency_id, gov.id);
  });
});

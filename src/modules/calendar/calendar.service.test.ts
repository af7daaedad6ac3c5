import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { Agency } from '../agencies/index.js';
import { addWorkdays } from './calendar.js';
import * as calendar from './calendar.service.js';
import { indexOf } from './workday-index.js';

describeEachEngine('the working-day calendar', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, cizao: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, cizao } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  it('comes with the official arrangements of 2019–2026', async () => {
    const years = await calendar.years(testCtx(h));
    assert.deepEqual(
      years.map((y) => y.year),
      [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026],
    );
    const n2026 = await calendar.noticeOf(testCtx(h), 2026);
    assert.deepEqual(
      n2026!.holidays.find((x) => x.name === '春节'),
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    );
    assert.equal((await calendar.workdays(testCtx(h), '2026-02-10', 20)).due, '2026-03-16');
  });

  it('lets an administrator enter 2027, after which 2027 deadlines are no longer provisional', async () => {
    const before = await calendar.workdays(testCtx(h), '2026-12-20', 20);
    assert.equal(before.provisional, true);
    const notice = {
      year: 2027,
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      makeupWorkdays: [],
    };
    await assert.rejects(
      calendar.enterNotice(testCtx(h, staffActor('admin', cizao)), notice),
      ForbiddenError,
    );
    await assert.rejects(
      calendar.enterNotice(testCtx(h, staffActor('officeHead', gov)), notice),
      ForbiddenError,
    );
    const r = await calendar.enterNotice(testCtx(h, staffActor('admin', gov)), notice);
    assert.deepEqual(r, { year: 2027, replaced: false });
    const after = await calendar.workdays(testCtx(h), '2026-12-20', 20);
    assert.equal(after.provisional, false);
    assert.ok(after.skipped.some((s) => s.date === '2027-01-01' && s.reason === '元旦'));
    assert.ok(
      before.skipped.some((s) => s.date === '2027-01-01' && s.reason.startsWith('元旦（法定节假日')),
      'before the notice, 元旦 was already skipped by law',
    );
    assert.equal(after.due, before.due, 'the notice adds no working day and no rest day in that span');
    const events = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'calendar.enterNotice')
      .execute();
    assert.equal(events.length, 1);
  });

  it('reuses the loaded calendar and its working-day index until a notice changes them', async () => {
    const ctx = testCtx(h);
    const loaded = await calendar.load(ctx);
    assert.equal(await calendar.load(ctx), loaded, 'the same stored notices give the same calendar');
    assert.equal(indexOf(await calendar.load(ctx)), indexOf(loaded));
    // 2028 has no notice yet: 1 January is a Saturday, so 3 January (a Monday) counts.
    assert.equal(addWorkdays(loaded, '2027-12-30', 3).due, '2028-01-04');
    await calendar.enterNotice(testCtx(h, staffActor('admin', gov)), {
      year: 2028,
      notice: '国务院办公厅关于2028年部分节假日安排的通知',
      holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }],
      makeupWorkdays: [],
    });
    const entered = await calendar.load(ctx);
    assert.notEqual(entered, loaded);
    assert.notEqual(indexOf(entered), indexOf(loaded));
    const due = await calendar.workdays(ctx, '2027-12-30', 3);
    assert.equal(due.due, '2028-01-05', 'the notice makes 3 January a holiday');
    assert.equal(due.provisional, false);
    assert.ok(due.skipped.some((s) => s.date === '2028-01-03' && s.reason === '元旦'));
    assert.equal(addWorkdays(loaded, '2027-12-30', 3).due, '2028-01-04', 'a calendar is never changed');
  });

  it('refuses a bad notice and keeps the year as it was', async () => {
    const bad = {
      year: 2026,
      notice: 'x',
      holidays: [{ name: '春节', from: '2026-02-15', to: '2026-02-23' }],
      makeupWorkdays: [{ date: '2026-02-16', name: '春节' }],
    };
    await assert.rejects(calendar.enterNotice(testCtx(h, systemActor('测试')), bad), ValidationError);
    assert.equal((await calendar.noticeOf(testCtx(h), 2026))!.makeupWorkdays.length, 6);
  });

  it('refuses a township administrator before reading the notice, with the reason in Chinese', async () => {
    await assert.rejects(
      calendar.enterNotice(testCtx(h, staffActor('admin', cizao)), {
        year: 2028,
        notice: 'x',
        holidays: [],
        makeupWorkdays: [{ date: 'not a date', name: '' }],
      }),
      (e: unknown) => e instanceof ForbiddenError && e.message === '只有系统管理员可以录入节假日安排',
    );
  });

  it('offers the entry of a new year on its page to an administrator of the top agency only', async () => {
    const page = (actor: Parameters<typeof testCtx>[1]) => calendar.adminPage(testCtx(h, actor), {});
    assert.deepEqual((await page(staffActor('admin', gov))).allowed, ['enterNotice']);
    assert.deepEqual((await page(staffActor('admin', cizao))).allowed, []);
    assert.deepEqual((await page(staffActor('officeHead', gov))).allowed, []);
    const admin = await page(staffActor('admin', gov));
    assert.equal(admin.nextYear, 2027, 'the clock stands in 2026');
    assert.match(admin.nextYearLegal.law!, /国务院令第798号/);
    assert.deepEqual(
      admin.nextYearLegal.days.filter((d) => d.name === '国庆节').map((d) => d.date),
      ['2027-10-01', '2027-10-02', '2027-10-03'],
    );
    assert.equal(admin.due, null);
  });

  it('computes a due date on the page, and shows a bad request on its form', async () => {
    const ctx = testCtx(h, staffActor('clerk', cizao));
    const ok = await calendar.adminPage(ctx, { from: '2026-02-10', add: ' 20 ' });
    assert.equal(ok.due?.due, '2026-03-16');
    assert.deepEqual(ok.dueErrors, []);
    const bad = await calendar.adminPage(ctx, { from: '2026-02-30', add: 'x' });
    assert.equal(bad.due, null);
    assert.deepEqual(
      bad.dueErrors.map((e) => e.field),
      ['from'],
    );
    const badCount = await calendar.adminPage(ctx, { from: '2026-02-10', add: 'x' });
    assert.deepEqual(
      badCount.dueErrors.map((e) => e.field),
      ['add'],
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import {
  describeEachEngine,
  installationWith,
  openTestDatabase,
  testCtx,
} from '../../../test/harness/engines.js';
import {
  aPublishedRecord,
  aRequest,
  jinjiangTree,
  type JinjiangTree,
} from '../../../test/harness/factories.js';
import { letter } from '../../../test/harness/letters.js';
import { anonymous, systemActor, withProofs, type Actor } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { agencies, composeCreditCode, type Agency } from '../agencies/index.js';
import { annualReports } from '../annual-report/index.js';
import { addWorkdays, calendar, type WorkCalendar } from '../calendar/index.js';
import { hotline } from '../hotline/index.js';
import { createSite } from '../inspection/index.js';
import { media, mediaActivity } from '../media/index.js';
import { messages, ratings } from '../messages/index.js';
import { cases } from '../requests/index.js';
import { supervision, type FigureKey } from './index.js';

// The supervision dashboard on both engines: each figure equals a set of cases built here by
// hand — just inside and just outside each limit, and the same cases in another city (外市) that
// no viewer of 晋江 may count. "Today" is Tuesday 2026-06-30 in Beijing; the period is this year.

const TODAY = '2026-06-30';

describeEachEngine('supervision: each figure is the cases behind it, over the viewer’s subtree', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let t: JinjiangTree;
  let other: JinjiangTree;
  let cal: WorkCalendar;
  /** A context for `actor` on Beijing day `day` (10:00), or at an exact instant. */
  const on = (day: string, actor: Actor = systemActor('测试')): Ctx => {
    const c = testCtx(h, actor);
    c.clock.set(day.includes('T') ? day : `${day}T02:00:00Z`);
    return c;
  };
  const supervisor = () => staffActor('supervisor', t.gov, 'u-supervisor');
  const due20 = (from: string) => addWorkdays(cal, from, 20).due;
  /** The latest day whose 20th working day after is `due` (an application received then is due that day). */
  const receivedForDue = (due: string) => {
    for (let d = new Date(`${due}T00:00:00Z`); ; d = new Date(d.getTime() - 86_400_000)) {
      const day = d.toISOString().slice(0, 10);
      if (due20(day) === due) return day;
      if (due20(day) < due) throw new Error(`no day is due on ${due}`);
    }
  };
  const nextWorkday = (day: string) => addWorkdays(cal, day, 1).due;

  /** What the test built, by figure: the identifiers each viewer must see. */
  const expected = { gov: {} as Record<FigureKey, string[]>, cizao: {} as Record<FigureKey, string[]> };

  async function reply(agency: Agency, received: string, repliedOn: string) {
    const r = await aRequest(on(received, anonymous), agency);
    await cases.act(on(repliedOn, staffActor('clerk', agency)), r.id, 'replied', {
      date: repliedOn,
      outcome: 'granted',
      deliveryMode: 'pickup',
      deliveredOn: repliedOn,
    });
    return r.acceptanceNumber;
  }

  async function publishReport(agencyId: string, day: string) {
    const head = on(day, staffActor('officeHead', t.gov, 'u-head'));
    const r = await annualReports.open(head, { agencyId, year: 2025 });
    await annualReports.saveNarrative(head, r.id, {
      ...r.narrative,
      section1: r.narrative.section1.replace(/（请[^）]*）/g, '已按要求开展。'),
      section5: '无。',
    });
    const review = await annualReports.publishReview(head, r.id);
    await annualReports.publish(head, r.id, { confirmed: '1', reviewedAt: review.reviewedAt });
  }

  before(async () => {
    h = await openTestDatabase(engine);
    t = await jinjiangTree(on(TODAY));
    other = await jinjiangTree(on(TODAY), { prefix: '外市' });
    cal = await calendar.load(on(TODAY));
    const gov: Record<string, string[]> = {};
    const cz: Record<string, string[]> = {};
    const both = (k: FigureKey, id: string, inCizao: boolean) => {
      (gov[k] ??= []).push(id);
      if (inCizao) (cz[k] ??= []).push(id);
    };

    // 依申请公开, answered: on the due day (on time) or the next working day (late).
    const received = '2026-03-02';
    const due = due20(received);
    await reply(t.cizao, received, due);
    both('requestsLate', await reply(t.cizao, received, nextWorkday(due)), true);
    both('requestsLate', await reply(t.police, received, nextWorkday(due)), false);
    await reply(other.cizao, received, nextWorkday(due));
    // Answered late, but in 2025: outside this year.
    await reply(t.cizao, '2025-11-03', nextWorkday(due20('2025-11-03')));
    // Open: due today (not yet overdue) and due yesterday (overdue).
    await aRequest(on(receivedForDue(TODAY), anonymous), t.cizao);
    const overdue = await aRequest(on(receivedForDue('2026-06-29'), anonymous), t.cizao);
    both('requestsOverdue', overdue.acceptanceNumber, true);
    const overduePolice = await aRequest(on(receivedForDue('2026-06-29'), anonymous), t.police);
    both('requestsOverdue', overduePolice.acceptanceNumber, false);
    await aRequest(on(receivedForDue('2026-06-29'), anonymous), other.police);

    // 主动公开: formed 2026-04-01; published 23:59:59 in Beijing on the 20th working day (on
    // time), at 00:00 the next day (late).
    const formed = '2026-04-01';
    const last = due20(formed);
    const rec = (agency: { id: string }, at: string, title: string) =>
      aPublishedRecord(on(at), agency, { title, writtenDate: formed, dateFormedOrChanged: formed });
    await rec(t.cizao, `${last}T15:59:59Z`, '按时发布的通知');
    const late = await rec(t.cizao, `${last}T16:00:00Z`, '超期发布的通知');
    both('recordsLate', late.index_number!, true);
    const latePolice = await rec(t.police, `${last}T16:00:00Z`, '公安局超期发布的通知');
    both('recordsLate', latePolice.index_number!, false);
    const otherFinance = await agencies.create(on(TODAY), {
      parentId: other.gov.id,
      name: '外市财政局',
      level: 'county',
      kind: 'governmentDepartment',
      creditCode: composeCreditCode('11', '350582', '00350099'),
    });
    await aPublishedRecord(on(`${last}T16:00:00Z`), otherFinance, {
      title: '外市超期发布的通知',
      writtenDate: formed,
      dateFormedOrChanged: formed,
    });

    // 年度报告 on 2025: 教育局 by 31 January, 公安局 after it; the city's recorded from its
    // published text with 2 errors; 磁灶镇 not at all (due 31 March); the village has none to publish.
    await publishReport(t.education.id, '2026-01-20');
    await publishReport(t.police.id, '2026-02-05');
    both('reportsLate', t.police.name, false);
    both('reportsLate', t.cizao.name, true);
    await h.db
      .insertInto('published_report')
      .values({
        id: newId(),
        agency_id: t.gov.id,
        uploaded_by: null,
        uploaded_at: '2026-04-01T00:00:00.000Z',
        source_name: '2025年报.md',
        source_kind: 'markdown',
        read_status: 'full',
        report_year: 2025,
        report_agency: t.gov.name,
        error_count: 2,
        warning_count: 0,
        data_json: null,
        info_json: null,
        error: null,
        history_agency_id: t.gov.id,
        history_year: 2025,
        attached_at: '2026-04-01T00:00:00.000Z',
        attached_by: null,
      })
      .execute();
    both('reportsWithErrors', t.gov.name, false);

    // 来信: one past its time, dispatched to 磁灶镇; one written yesterday; one in 外市.
    const office = staffActor('clerk', t.gov);
    const old = await messages.write(on('2026-06-01', anonymous), letter(t.gov.id));
    await messages.step(on('2026-06-02', office), old.id, 'dispatch', {
      agencyId: t.cizao.id,
      kind: 'transfer',
    });
    both('lettersOverdue', old.number, true);
    await messages.write(on('2026-06-29', anonymous), letter(t.gov.id));
    await messages.write(on('2026-06-01', anonymous), letter(other.gov.id));
    // 差评: one not fixed, one fixed (回访, 整改).
    const cizaoClerk = staffActor('clerk', t.cizao);
    for (const fixed of [false, true]) {
      const w = await messages.write(on('2026-05-04', anonymous), letter(t.gov.id));
      await messages.step(on('2026-05-05', office), w.id, 'dispatch', {
        agencyId: t.cizao.id,
        kind: 'transfer',
      });
      await messages.step(on('2026-05-06', cizaoClerk), w.id, 'replied', {
        text: '经核查，路灯已安排维修。',
      });
      const writer = withProofs(anonymous, [`message:${w.id}`]);
      const r = await ratings.rateMessage(on('2026-05-07', writer), w.id, { grade: '不满意' });
      if (fixed) {
        await ratings.visit(on('2026-05-08', cizaoClerk), r.id, { note: '电话回访' });
        await ratings.resolve(on('2026-05-09', cizaoClerk), r.id, { action: 'fix', note: '已修复全部路灯' });
      } else both('ratingsUnfixed', t.cizao.name, true);
    }

    // 网站: 教育局's latest inspection has a 单项否决, 磁灶镇's passed; 外市's is vetoed too.
    const site = async (agencyId: string, name: string, url: string, vetoes: string[]) => {
      const s = await createSite(on(TODAY), {
        agencyId,
        name,
        url,
        siteCode: '',
        ownPortal: '',
        pageLimit: '50',
        columnRules: '',
      });
      await h.db
        .insertInto('inspection_run')
        .values({
          id: newId(),
          agency_id: agencyId,
          site_id: s.id,
          trigger: 'manual',
          state: 'done',
          queued_by: null,
          queued_at: '2026-06-20T01:00:00.000Z',
          started_at: '2026-06-20T01:00:00.000Z',
          finished_at: '2026-06-20T02:00:00.000Z',
          robots: null,
          pages: 10,
          links: 20,
          verdict: vetoes.length ? 'veto' : 'pass',
          score: vetoes.length ? 0 : 90,
          summary: JSON.stringify({ vetoes: vetoes.map((code) => ({ code })) }),
          error: null,
        })
        .execute();
    };
    await site(t.education.id, '晋江市教育局网站', 'https://edu.jinjiang.example/', ['homeStale']);
    both('siteVetoes', '晋江市教育局网站', false);
    await site(t.cizao.id, '磁灶镇网站', 'https://cizao.jinjiang.example/', []);
    await site(other.education.id, '外市教育局网站', 'https://edu.other.example/', ['unreachable']);

    // 政务新媒体: no post for 14 days (单项否决) and for 13 (only a warning).
    const account = (agencyId: string, name: string, platform: string) => ({
      agencyId,
      platform,
      name,
      accountRef: name,
      channels: ['comments'],
      managerName: '陈志强',
      managerPhone: '13905951234',
      filingStatus: 'filed',
      filingNo: 'FJ-1',
      status: 'open',
      occurredOn: '2025-06-01',
    });
    const post = async (id: string, day: string) =>
      mediaActivity.recordActivity(on(TODAY), id, {
        period: 'day',
        periodValue: day,
        posts: '1',
        reposts: '0',
        messagesReceived: '0',
        messagesAnswered: '0',
        reads: '1',
      });
    const stale = await media.register(on(TODAY), account(t.cizao.id, '磁灶发布', 'weibo'));
    await post(stale.id, '2026-06-16');
    both('mediaInactive', '磁灶发布', true);
    const fresh = await media.register(on(TODAY), account(t.police.id, '晋江公安', 'weibo'));
    await post(fresh.id, '2026-06-17');
    await media.register(on(TODAY), account(other.police.id, '外市公安', 'weibo'));

    // 12345 工单 (counts only): 磁灶镇 closed one in time and one late; 外市's are not ours.
    const header = '工单编号,受理时间,诉求类型,诉求内容,承办单位,办理时限,办结时间,回访时间,满意度,是否有效';
    await hotline.importTickets(
      on(TODAY),
      Buffer.from(
        [
          header,
          'GD1,2026-03-02 10:00:00,求助,路灯维修,磁灶镇人民政府,2026-03-09 18:00:00,2026-03-09 17:00:00,,未评价,是',
          'GD2,2026-03-02 10:00:00,求助,道路积水,磁灶镇人民政府,2026-03-09 18:00:00,2026-03-10 09:00:00,,未评价,是',
          'GD3,2026-03-02 10:00:00,求助,道路积水,外市磁灶镇人民政府,2026-03-09 18:00:00,2026-03-10 09:00:00,,未评价,是',
        ].join('\r\n') + '\r\n',
      ),
    );

    expected.gov = gov as Record<FigureKey, string[]>;
    expected.cizao = cz as Record<FigureKey, string[]>;
  });
  after(async () => h.cleanup());

  /** The identifying cell of each row of a figure's list (受理编号, 索引号, 机关, 来信编号 …). */
  const idsOf = async (ctx: Ctx, key: FigureKey, raw: unknown = {}) =>
    (await supervision.figureList(ctx, key, raw)).rows.map((r) => r.cells[0]!).sort();

  it('the supervisor of the city counts exactly the cases built in its tree, each figure equal to its list', async () => {
    const ctx = on(TODAY, supervisor());
    const d = await supervision.dashboard(ctx, {});
    assert.deepEqual([d.scope.period.from, d.scope.period.to], ['2026-01-01', TODAY]);
    for (const f of d.figures) {
      const want = (expected.gov[f.key] ?? []).slice().sort();
      assert.deepEqual(await idsOf(ctx, f.key), want, `${f.label}: the list`);
      assert.equal(f.count, want.length, `${f.label}: the number`);
    }
    assert.ok(
      d.figures.every((f) => f.count > 0),
      'every figure was built non-zero here',
    );
  });

  it('a clerk of 磁灶镇 sees only 磁灶镇, and may not choose another agency', async () => {
    const ctx = on(TODAY, staffActor('clerk', t.cizao));
    const d = await supervision.dashboard(ctx, {});
    for (const f of d.figures) {
      const want = (expected.cizao[f.key] ?? []).slice().sort();
      assert.deepEqual(await idsOf(ctx, f.key), want, `${f.label}: the list`);
      assert.equal(f.count, want.length, `${f.label}: the number`);
    }
    await assert.rejects(
      supervision.dashboard(ctx, { agency: t.police.id }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'agency',
    );
  });

  it('the agency filter narrows the supervisor’s figures to that agency’s subtree', async () => {
    const ctx = on(TODAY, supervisor());
    const d = await supervision.dashboard(ctx, { agency: t.cizao.id });
    for (const f of d.figures) assert.equal(f.count, (expected.cizao[f.key] ?? []).length, f.label);
  });

  it('last year and a date range move the period-bound figures', async () => {
    const ctx = on(TODAY, supervisor());
    const last = await supervision.dashboard(ctx, { period: 'lastYear' });
    const count = (d: typeof last, k: FigureKey) => d.figures.find((f) => f.key === k)!.count;
    assert.equal(count(last, 'requestsLate'), 1, 'the one answered late in 2025');
    assert.equal(count(last, 'recordsLate'), 0);
    const range = await supervision.dashboard(ctx, {
      period: 'range',
      from: '2026-01-01',
      to: due20('2026-03-02'),
    });
    assert.equal(count(range, 'requestsLate'), 0, 'the late replies came the day after the range');
    await assert.rejects(
      supervision.dashboard(ctx, { period: 'range', from: '2026-03-01' }),
      (e: unknown) => e instanceof ValidationError && e.fields.some((f) => f.field === 'to'),
    );
    await assert.rejects(
      supervision.dashboard(ctx, { period: 'range', from: '2026-03-01', to: '2026-02-01' }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.message === '截止日期应不早于起始日期',
    );
  });

  it('ranks no agency over fewer than SUPERVISION_MIN_CASES cases; with 2, 磁灶镇 is ranked', async () => {
    const d = await supervision.dashboard(on(TODAY, supervisor()), {});
    const replies = d.rankings[0]!.rows;
    assert.deepEqual(
      replies.map((r) => [r.agencyName, r.met, r.cases, r.rank, r.tooFew]),
      [
        [t.cizao.name, 1, 2, null, true],
        [t.police.name, 0, 1, null, true],
      ],
    );
    const two = testCtx(h, supervisor(), undefined, installationWith({ SUPERVISION_MIN_CASES: '2' }));
    two.clock.set(`${TODAY}T02:00:00Z`);
    const ranked = (await supervision.dashboard(two, {})).rankings;
    assert.deepEqual(
      ranked[0]!.rows.map((r) => [r.agencyName, r.rank, r.rate]),
      [
        [t.cizao.name, 1, 0.5],
        [t.police.name, null, 0],
      ],
    );
    assert.deepEqual(
      ranked[1]!.rows.map((r) => [r.agencyName, r.met, r.cases, r.rank]),
      [
        [t.cizao.name, 1, 2, 1],
        [t.police.name, 0, 1, null],
      ],
    );
    assert.deepEqual(
      ranked[2]!.rows.map((r) => [r.agencyName, r.met, r.cases, r.rank]),
      [[t.cizao.name, 1, 2, 1]],
      '12345: 磁灶镇 closed 1 of 2 in time',
    );
  });

  it('is refused to a reviewer, and nothing personal is in any list', async () => {
    await assert.rejects(supervision.dashboard(on(TODAY, staffActor('reviewer', t.gov)), {}), ForbiddenError);
    const ctx = on(TODAY, supervisor());
    for (const key of (await supervision.dashboard(ctx, {})).figures.map((f) => f.key)) {
      const text = JSON.stringify((await supervision.figureList(ctx, key, {})).rows);
      for (const personal of [
        '张三',
        '11010519491231002X',
        '13800595678',
        '李明华',
        '13905951234',
        '大埔村 8 号',
      ])
        assert.ok(!text.includes(personal), `${key} shows ${personal}`);
    }
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { jinjiangTree } from '../../../../test/harness/factories.js';
import { systemActor } from '../../../platform/access.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { workbenchPanels } from '../../accounts/index.js';
import type { Agency } from '../../agencies/index.js';
import * as reports from '../compile/annual-report.service.js';
import * as published from '../published/published-report.service.js';
import * as problems from './problems.service.js';
import * as training from './training.service.js';

/** The office head reviews what will become public, then confirms it (the page's two steps). */
async function signOff(ctx: Parameters<typeof reports.publish>[0], id: string) {
  const review = await reports.publishReview(ctx, id);
  return reports.publish(ctx, id, { confirmed: '1', reviewedAt: review.reviewedAt });
}

/** The template's remaining prompts written, as a clerk would before sign-off. */
const written = (t: string) => t.replace(/（请[^）]*）/g, '已按要求开展相关工作。');

const fieldOf = (e: unknown) => (e instanceof ValidationError ? e.fields.map((f) => f.field) : []);

describeEachEngine('培训考核与问题整改: recorded, tracked, offered to the next report', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, dept: Agency, cizao: Agency;
  const day = (d: string, role: 'clerk' | 'officeHead' = 'clerk', agency = () => dept) => {
    const c = testCtx(h, staffActor(role, agency()));
    c.clock.set(`${d}T02:00:00Z`);
    return c;
  };
  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, education: dept, cizao } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  it('records sessions, refuses bad input by field and keeps nothing of it, and counts the year', async () => {
    const c = day('2021-12-20');
    await training.record(c, dept.id, {
      kind: 'training',
      title: '条例专题培训',
      heldOn: '2021-03-02',
      attendees: '40',
      hours: '2.5',
    });
    await training.record(c, dept.id, {
      kind: '培训',
      title: '答复文书培训',
      heldOn: '2021-09-10',
      attendees: 25,
    });
    await training.record(c, dept.id, {
      kind: 'assessment',
      title: '年度考核',
      heldOn: '2021-12-01',
      attendees: 12,
    });
    // Another year, and another agency, count elsewhere.
    await training.record(c, dept.id, {
      kind: 'training',
      title: '去年的培训',
      heldOn: '2020-12-31',
      attendees: 99,
    });
    await training.record(
      day('2021-12-20', 'clerk', () => cizao),
      cizao.id,
      {
        kind: 'training',
        title: '镇培训',
        heldOn: '2021-05-05',
        attendees: 7,
      },
    );

    await assert.rejects(
      training.record(c, dept.id, {
        kind: 'party',
        title: '',
        heldOn: '2021-02-30',
        attendees: '-1',
        hours: 'x',
      }),
      (e: unknown) => {
        assert.deepEqual(fieldOf(e).sort(), ['attendees', 'heldOn', 'hours', 'kind', 'title']);
        assert.ok((e as ValidationError).fields.every((f) => /[\u4e00-\u9fff]/.test(f.message)));
        return true;
      },
    );
    await assert.rejects(
      training.record(c, dept.id, { kind: 'training', title: '未来', heldOn: '2021-12-21', attendees: 1 }),
      (e: unknown) => fieldOf(e)[0] === 'heldOn',
    );
    await assert.rejects(
      training.record(
        day('2021-12-20', 'clerk', () => cizao),
        dept.id,
        {
          kind: 'training',
          title: '越权',
          heldOn: '2021-05-05',
          attendees: 1,
        },
      ),
      ForbiddenError,
    );

    assert.deepEqual(await training.factsOf(c, dept.id, 2021, 'self'), {
      trainings: 2,
      trainees: 65,
      assessments: 1,
      assessed: 12,
    });
    const list = await training.listOf(c, dept.id, 2021);
    assert.deepEqual(
      list.map((s) => s.title),
      ['年度考核', '答复文书培训', '条例专题培训'],
      'newest first; nothing refused was kept',
    );
    assert.equal(list.find((s) => s.title === '条例专题培训')!.hours, 2.5);
    // The city's 全市 figure adds up its departments and townships.
    const head = testCtx(h, staffActor('officeHead', gov));
    assert.deepEqual(await training.factsOf(head, gov.id, 2021, 'tree'), {
      trainings: 3,
      trainees: 72,
      assessments: 1,
      assessed: 12,
    });
    assert.equal((await training.factsOf(head, gov.id, 2021, 'self')).trainings, 0);
  });

  it('offers the year’s sessions to section 五, tracks the problems it states, and shows their 整改 next year', async () => {
    const r2021 = await reports.open(day('2022-01-05'), { agencyId: dept.id, year: 2021 });
    assert.match(
      r2021.narrative.section5,
      /（三）改进措施。本年度组织政务公开培训 2 场，参训 65 人次；开展政务公开考核 1 次，参加 12 人次。/,
    );
    await reports.saveNarrative(day('2022-01-05'), r2021.id, {
      section1: written(r2021.narrative.section1),
      section5: [
        '（一）上年度报告所述问题的改进情况。无。',
        '（二）本年度存在的主要问题。一是政策解读形式较为单一；二是答复文书格式不够统一；三是基层公开栏更新不及时。',
        '（三）改进措施。加强培训。',
      ].join('\n'),
      section6: written(r2021.narrative.section6),
    });
    await signOff(day('2022-01-06', 'officeHead'), r2021.id);

    const key = { agencyId: dept.id, year: 2021, scope: 'self' as const };
    const tracked = await problems.problemsOf(day('2022-01-06'), key);
    assert.deepEqual(
      tracked.map((p) => [p.ordinal, p.text, p.status]),
      [
        [1, '政策解读形式较为单一', 'open'],
        [2, '答复文书格式不够统一', 'open'],
        [3, '基层公开栏更新不及时', 'open'],
      ],
    );
    assert.ok(tracked.every((p) => p.source === 'built' && p.reportId === r2021.id));

    // 已整改 needs its measures; a date only for what is fixed; nothing is changed by a refusal.
    await assert.rejects(
      problems.update(day('2022-03-01'), tracked[1]!.id, { text: tracked[1]!.text, status: 'fixed' }),
      (e: unknown) => fieldOf(e)[0] === 'measures',
    );
    await assert.rejects(
      problems.update(day('2022-03-01'), tracked[2]!.id, {
        text: tracked[2]!.text,
        status: 'fixing',
        fixedOn: '2022-03-01',
      }),
      (e: unknown) => fieldOf(e)[0] === 'fixedOn',
    );
    await assert.rejects(
      problems.update(
        day('2022-03-01', 'clerk', () => cizao),
        tracked[1]!.id,
        {
          text: tracked[1]!.text,
          status: 'fixing',
        },
      ),
      ForbiddenError,
    );
    assert.equal((await problems.problemsOf(day('2022-03-01'), key))[1]!.status, 'open');
    await problems.update(day('2022-06-01'), tracked[1]!.id, {
      text: tracked[1]!.text,
      status: 'fixed',
      measures: '制定统一的答复文书模板。',
      fixedOn: '2022-05-30',
    });
    await problems.update(day('2022-06-01'), tracked[2]!.id, {
      text: tracked[2]!.text,
      status: 'fixing',
      measures: '每月检查公开栏',
    });

    const r2022 = await reports.open(day('2023-01-04'), { agencyId: dept.id, year: 2022 });
    assert.deepEqual(
      r2022.trackedProblems.map((p) => p.status),
      ['open', 'fixed', 'fixing'],
    );
    assert.equal(
      r2022.narrative.section5.split('\n')[0],
      '（一）上年度报告所述问题的改进情况。' +
        '1. 政策解读形式较为单一。整改情况：尚未整改。' +
        '2. 答复文书格式不够统一。整改情况：已整改，制定统一的答复文书模板。' +
        '3. 基层公开栏更新不及时。整改情况：整改中，每月检查公开栏。' +
        '（请说明尚未整改完成的问题的进展。）',
    );
  });

  it('puts the problems not yet fixed on the 工作台 of those who write the report, and only theirs', async () => {
    const panel = async (ctx: ReturnType<typeof day>) =>
      (await workbenchPanels(ctx)).find((p) => p.key === 'annual-report/followup');
    const mine = await panel(day('2023-01-04'));
    assert.deepEqual(
      mine?.items.map((i) => [i.label, i.count]),
      [['晋江市教育局 2021年度报告（本级）', 2]],
      'one open, one under way; the fixed one is not counted',
    );
    assert.match(mine!.items[0]!.href!, /followup\?agencyId=.*&year=2021&scope=self#problems$/);
    assert.equal(await panel(day('2023-01-04', 'clerk', () => cizao)), undefined, 'not another town’s');
    const head = testCtx(h, staffActor('officeHead', gov));
    assert.equal((await panel(head))?.items.length, 1, 'the city’s head sees the departments’');
  });

  it('keeps the 整改 of unchanged problems when a correction publishes section 五 again', async () => {
    const key = { agencyId: dept.id, year: 2021, scope: 'self' as const };
    const before = await problems.problemsOf(day('2023-02-01'), key);
    const current = (await reports.open(day('2023-02-01'), { agencyId: dept.id, year: 2021 })).id;
    const draft = await reports.correct(day('2023-02-01', 'officeHead'), current, { reason: '补充问题描述' });
    await reports.saveNarrative(day('2023-02-01'), draft.id, {
      ...draft.narrative,
      section5: [
        '（一）上年度报告所述问题的改进情况。无。',
        // The first problem dropped, the third reworded, a new one added; the second unchanged.
        '（二）本年度存在的主要问题。1.答复文书格式不够统一；2.基层公开栏内容更新不及时；3.政务新媒体互动回应不够及时。',
        '（三）改进措施。加强培训。',
      ].join('\n'),
    });
    await signOff(day('2023-02-02', 'officeHead'), draft.id);
    const after = await problems.problemsOf(day('2023-02-02'), key);
    assert.deepEqual(
      after.map((p) => [p.text, p.status]),
      [
        ['答复文书格式不够统一', 'fixed'],
        ['基层公开栏内容更新不及时', 'open'],
        ['政务新媒体互动回应不够及时', 'open'],
        // Worked on, so kept though no longer stated; the untouched first one is gone.
        ['基层公开栏更新不及时', 'fixing'],
      ],
    );
    assert.equal(after[0]!.id, before[1]!.id, 'the same item, its history intact');
  });

  it('adds what the cut missed, removes what is no problem, and tracks the problems of a report recorded from its text', async () => {
    const c = day('2023-03-01');
    const key = { agencyId: dept.id, year: 2021, scope: 'self' as const };
    const added = await problems.add(c, key, { text: '依申请公开办理时间偏长' });
    assert.equal(added.ordinal, 5);
    await assert.rejects(problems.add(c, key, { text: '' }), (e: unknown) => fieldOf(e)[0] === 'text');
    await problems.remove(c, added.id);
    assert.equal((await problems.problemsOf(c, key)).length, 4);
    await assert.rejects(
      problems.add(c, { ...key, year: 2019 }, { text: '没有报告的年度' }),
      (e: unknown) => fieldOf(e)[0] === 'text',
    );

    // The seed's 2020 report, published before the platform, recorded as the city's.
    const head = testCtx(h, staffActor('officeHead', gov));
    head.clock.set('2021-04-01T02:00:00Z');
    const seed = readFileSync(
      new URL('../../../../test/fixtures/annual-report/jinjiang-2020-annual-report.md', import.meta.url),
    );
    const stored = await published.check(head, { name: 'jinjiang-2020.md', bytes: seed });
    await published.attach(head, stored.id, { agencyId: gov.id, year: 2020 });
    const seedProblems = await problems.problemsOf(head, { agencyId: gov.id, year: 2020, scope: 'self' });
    assert.equal(seedProblems.length, 1, 'prose without numbers is one item, for a person to cut');
    assert.match(
      seedProblems[0]!.text,
      /^随着基层政务公开标准化规范化工作的推进.*不利于工作经验积累和水平提升$/,
    );
    assert.equal(seedProblems[0]!.source, 'published');
    assert.equal(seedProblems[0]!.reportId, stored.id);
  });
});

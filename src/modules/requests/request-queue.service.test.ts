import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { aRequest, jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { anonymous, systemActor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { cases } from './index.js';

/**
 * The queue and the daily questions load the open cases and their events in a fixed number of
 * queries, however many cases are open (no query per case).
 */
describeEachEngine('the request queue: a constant number of queries', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  const queries: string[] = [];
  let counting = false;
  before(async () => {
    h = await openTestDatabase(engine, { onQuery: (sql) => counting && queries.push(sql) });
    tree = await jinjiangTree(testCtx(h, systemActor('测试')));
  });
  after(async () => h.cleanup());

  /** Queries made by `run` (only those `which` keeps). */
  async function count(
    run: () => Promise<unknown>,
    which: (sql: string) => boolean = () => true,
  ): Promise<number> {
    queries.length = 0;
    counting = true;
    try {
      await run();
    } finally {
      counting = false;
    }
    return queries.filter(which).length;
  }

  async function open(n: number, agency = tree.police) {
    const clerk = testCtx(h, staffActor('clerk', agency));
    for (let i = 0; i < n; i++) {
      const r = await aRequest(testCtx(h, anonymous), agency, { applicantName: `申请人${i}` });
      // Every case has events of its own to load.
      if (i % 2 === 0)
        await cases.requestExtension(clerk, r.id, { date: '2026-03-02', workdays: 5, reason: '需要核实' });
    }
  }

  it('the same count for 3 open cases as for 40, for the queue page, the approvals and the daily job (nothing due)', async (t) => {
    const head = testCtx(h, staffActor('officeHead', tree.gov));
    const measure = async () => ({
      page: await count(() => cases.queuePage(head, {})),
      filtered: await count(() => cases.queuePage(head, { state: 'open', agencyId: tree.police.id })),
      approvals: await count(() => cases.approvals(head)),
      overdue: await count(() => cases.findOverdue(head)),
      daily: await count(() =>
        cases.dailyCheck({ ...testCtx(h, systemActor('每日任务')), clock: head.clock }),
      ),
    });
    await open(3);
    const few = await measure();
    assert.equal((await cases.queuePage(head, {})).total, 3);
    await open(37, tree.cizao);
    const many = await measure();
    const q = await cases.queuePage(head, {});
    assert.equal(q.total, 40);
    assert.equal(q.items.length, 40);
    assert.deepEqual(
      many,
      few,
      `queries with 3 open cases ${JSON.stringify(few)}, with 40 ${JSON.stringify(many)}`,
    );
    assert.ok(few.page <= 6, `the queue page makes ${few.page} queries`);
    t.diagnostic(`queries, 3 or 40 open cases: ${JSON.stringify(many)}`);
  });

  it('filters by agency and state, and pages 50 at a time', async () => {
    const head = testCtx(h, staffActor('officeHead', tree.gov));
    await open(15, tree.education);
    const all = await cases.queuePage(head, {});
    assert.equal(all.total, 55);
    assert.equal(all.items.length, 50);
    assert.equal((await cases.queuePage(head, { page: '2' })).items.length, 5);
    const police = await cases.queuePage(head, { agencyId: tree.police.id });
    assert.equal(police.total, 3);
    assert.ok(police.items.every((i) => i.agencyName === tree.police.name));
    assert.deepEqual(
      all.agencies.map((a) => a.id).sort(),
      [tree.police.id, tree.education.id, tree.cizao.id].sort(),
    );
    const dues = all.items.map((i) => i.deadline.due ?? '9999');
    assert.deepEqual(dues, [...dues].sort(), 'soonest first');
    assert.equal((await cases.queuePage(head, { state: 'awaitingSupplement' })).total, 0);
    assert.deepEqual(all.allowed, ['register', 'decideExtension']);
    const clerk = testCtx(h, staffActor('clerk', tree.police));
    const own = await cases.queuePage(clerk, {});
    assert.equal(own.total, 3, 'a clerk sees their agency only');
    assert.deepEqual(own.allowed, ['register']);
  });
  it('the daily job reads as much for 55 overdue cases as for 92; it writes a notice per case it reminds about', async () => {
    const isRead = (sql: string) => /^\s*select/i.test(sql);
    const isWrite = (sql: string) => /^\s*(insert|update)/i.test(sql);
    const daily = (today: string) => {
      const c = testCtx(h, systemActor('每日任务'));
      c.clock.set(`${today}T01:00:00Z`);
      return c;
    };
    // Months later every open case of these tests is overdue: the job tells each handler, once a day.
    const reads3 = await count(() => cases.dailyCheck(daily('2026-09-01')), isRead);
    const before = (await cases.queuePage(testCtx(h, staffActor('officeHead', tree.gov)), {})).total;
    await open(37, tree.education);
    const after = (await cases.queuePage(testCtx(h, staffActor('officeHead', tree.gov)), {})).total;
    assert.equal(after - before, 37);
    const reads40 = await count(() => cases.dailyCheck(daily('2026-09-02')), isRead);
    const writes40 = await count(() => cases.dailyCheck(daily('2026-09-03')), isWrite);
    assert.equal(reads40, reads3, `reads with ${before} and ${after} overdue cases`);
    assert.ok(
      writes40 >= after,
      `a notice written for each of the ${after} overdue cases (${writes40} writes)`,
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { EXACT_COUNT_CAP, searchIndexFor } from '../../src/modules/search/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';
import { generator } from '../harness/search-corpus.js';

// A query beyond EXACT_COUNT_CAP matches is counted from the index's sample and says so: the portal
// prints “共找到约 N 条”, the API adds totalApproximate (ADR 0014). The demo's records are joined
// by 12,000 more in the index, every one of them filed under 综合政务\政务公开.
describeEachEngine('search counts beyond the exact cap', (engine) => {
  let t: TestApp;
  const extra = 12_000;
  before(async () => {
    t = await startTestApp(engine, { content: true });
    const db = t.container.database.db;
    const make = generator(11);
    const index = searchIndexFor(db);
    for (let i = 0; i < extra; i += 2000)
      await db.transaction().execute((tx) =>
        index.put(
          tx,
          Array.from({ length: 2000 }, (_, k) => ({ ...make(i + k), recordId: `extra-${i + k}` })),
        ),
      );
  });
  after(async () => t.close());

  it('prints 共找到约 N 条 for a word in most records, and an exact count for a rare one', async () => {
    const citizen = new Client(t.app);
    const common = await citizen.get(`/search?q=${encodeURIComponent('政务公开')}`);
    assert.equal(common.statusCode, 200);
    const shown = /共找到约 <strong>(\d+)<\/strong> 条信息/.exec(common.body);
    assert.ok(shown, 'the page says 约');
    const n = Number(shown[1]);
    const size = await searchIndexFor(t.container.database.db).size(t.container.database.db);
    assert.ok(n > EXACT_COUNT_CAP && n <= size, `${n} of ${size}`);
    const api = JSON.parse(
      (await citizen.get(`/api/v1/search?q=${encodeURIComponent('政务公开')}`)).body,
    ) as {
      meta: { total: number; totalApproximate: boolean };
    };
    assert.deepEqual(api.meta, { total: n, totalApproximate: true });

    // 占道经营 is in one synthetic record in 20 (about 600): counted exactly, without 约.
    const rare = await citizen.get(`/search?q=${encodeURIComponent('占道经营')}`);
    const exact = /共找到 <strong>(\d+)<\/strong> 条信息/.exec(rare.body);
    assert.ok(exact, 'an exact count');
    assert.ok(Number(exact[1]) > 100 && Number(exact[1]) < EXACT_COUNT_CAP, exact[1]);
    assert.doesNotMatch(rare.body, /共找到约/);
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { cliActor } from '../../src/app/container.js';
import { createAppWorker } from '../../src/app/worker.js';
import { createSite, startRun } from '../../src/modules/inspection/index.js';
import { runReport } from '../../src/modules/inspection/inspection-report.service.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { CHROMIUM_PATH, journeyEngines } from './browser.js';

// The portal passes its own inspector (issue 17 §4, acceptance): the demo portal, crawled by the
// platform's own crawler and judged by the 19号 indicators, has no 单项否决; Chromium with axe-core
// finds no serious or critical violation on the sampled pages in normal and in 关怀 mode, and the
// 适老化 checks (font size, line height, contrast, targets, no pop-ups or motion) all pass.

for (const engine of journeyEngines()) {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(engine, {
      listen: true,
      content: true,
      env: {
        INSPECTION_BROWSER: 'chromium',
        INSPECTION_CHROMIUM_PATH: CHROMIUM_PATH,
        INSPECTION_DELAY_MS: '0',
        INSPECTION_A11Y_PAGES: '8',
        // What a real installation configures (the footer and the 47号 SiteIDCode tag).
        GONGKAI_SITE_CODE: '3505820001',
        GONGKAI_SITE_ICP: '闽ICP备05012345号-1',
        GONGKAI_SITE_POLICE_RECORD: '闽公网安备 35058202000001号',
      },
    });
  });
  after(async () => t.close());

  it(`the demo portal passes its own inspector [${engine}]`, { timeout: 300_000 }, async () => {
    const ctx = t.container.ctx(cliActor());
    const root = await t.container.database.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '晋江市人民政府')
      .executeTakeFirstOrThrow();
    const { id: siteId } = await createSite(ctx, {
      agencyId: root.id,
      name: '晋江市人民政府门户网站',
      url: `${t.baseUrl}/`,
      siteCode: '3505820001',
      ownPortal: 'on',
      pageLimit: '60',
      columnRules: '',
    });
    const { id } = await startRun(ctx, siteId);
    await createAppWorker(t.container).drain();
    const report = await runReport(ctx, id);
    assert.equal(report.run.state, 'done', report.run.error ?? '');
    const summary = report.summary!;
    assert.deepEqual(
      summary.vetoes.map((v) => `${v.code}: ${v.message}`),
      [],
      'no 单项否决 on the portal',
    );
    assert.equal(summary.homeStale, false);
    assert.ok(summary.columns.length > 0, 'the portal has columns the inspector recognises');
    assert.deepEqual(
      summary.columns.filter((c) => c.stale || c.empty).map((c) => `${c.title} ${c.url}`),
      [],
    );
    const serious = report.results.filter(
      (r) =>
        r.outcome === 'violation' &&
        ((r.indicator === 'accessibility' && (r.impact === 'serious' || r.impact === 'critical')) ||
          r.indicator === 'agedCare' ||
          r.indicator === 'metaTags' ||
          r.indicator === 'personalData'),
    );
    assert.deepEqual(
      serious.map((r) => `${r.indicator}/${r.rule}: ${r.message} ${r.evidence.map((e) => e.url).join(' ')}`),
      [],
    );
    // Chromium ran, in both modes: axe-core's results and the 适老化 measurements are there.
    assert.ok(report.results.some((r) => r.indicator === 'accessibility' && r.outcome === 'pass'));
    assert.ok(
      report.results.some(
        (r) => r.indicator === 'agedCare' && r.rule === 'careFontSize' && r.outcome === 'pass',
      ),
    );
    assert.ok(
      report.results.some(
        (r) => r.indicator === 'agedCare' && r.rule === 'careModeMissing' && r.outcome === 'pass',
      ),
    );
  });
}

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { jinjiangTree } from '../../../../test/harness/factories.js';
import { systemActor } from '../../../platform/access.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import type { Agency } from '../../agencies/index.js';
import { checkPublishedReport } from '../published/read-and-check.js';
import * as reports from './annual-report.service.js';
import { reportFile } from './report-files.service.js';

/**
 * The report's PDF download with the installation's default settings: the built-in engine, so a
 * fresh machine serves it without Chromium; the platform's own reader reads it back.
 */
describeEachEngine('the annual report as a PDF file', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let dept: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    ({ education: dept } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  it(
    'is drawn by the built-in engine and reads back to the draft’s figures',
    { timeout: 60_000 },
    async () => {
      const ctx = testCtx(h, staffActor('clerk', dept));
      ctx.clock.set('2022-01-10T02:00:00Z');
      const r = await reports.open(ctx, { agencyId: dept.id, year: 2021 });
      const file = await reportFile(ctx, r.id, 'pdf');
      assert.equal(file.mediaType, 'application/pdf');
      assert.match(file.fileName, /^晋江市教育局2021年政府信息公开工作年度报告\.pdf$/);
      assert.match(
        file.bytes.toString('latin1'),
        /\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/,
        'pdfkit, not Chromium',
      );
      const back = await checkPublishedReport(file.fileName, file.bytes);
      assert.equal(back.data?.source.kind, 'pdf', back.error ?? '');
      // Every printed row reads back as drafted, and the 2021 （六）其他处理, a heading in print,
      // as the sum of its three rows that the draft's data carries (the contract's other-sum).
      assert.deepEqual(back.data!.requests, r.data.requests);
      const subs = (['other.supplementOverdue', 'other.feeUnpaid', 'other.other'] as const).map(
        (k) => r.data.requests[k]!,
      );
      assert.deepEqual(
        r.data.requests.other,
        subs[0]!.map((_, i) => subs.reduce((sum, row) => sum + row[i]!, 0)),
      );
      assert.deepEqual(back.data!.appeals, r.data.appeals);
    },
  );
});

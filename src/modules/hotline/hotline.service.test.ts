import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import {
  describeEachEngine,
  installationWith,
  openTestDatabase,
  testCtx,
} from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/access.js';
import { staffActor } from '../../../test/harness/actors.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError } from '../../platform/errors.js';
import { ImportRefused } from '../../platform/import/index.js';
import { hotline } from './index.js';
import { cizao2026 } from '../../../test/fixtures/hotline/expected.js';

// The 12345 import and its figures (issue 14 §5). The fixtures are the same seven tickets as
// Excel saves them in UTF-8 with a BOM (quoted cells with commas, times as 2026/3/2 9:00) and in
// GB18030; each figure below is counted by hand from test/fixtures/hotline/README.md's rows.

const fixture = (name: string) => readFileSync(`test/fixtures/hotline/${name}`);
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
const HEADER = '工单编号,受理时间,诉求类型,诉求内容,承办单位,办理时限,办结时间,回访时间,满意度,是否有效';

describeEachEngine('12345 hotline tickets and figures', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let ctx: Ctx;
  let tree: JinjiangTree;
  const count = async () =>
    Number(
      (
        await h.db
          .selectFrom('hotline_ticket')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    h = await openTestDatabase(engine);
    ctx = testCtx(h);
    tree = await jinjiangTree(ctx);
  });
  after(async () => h.cleanup());

  it('imports an Excel CSV and counts each figure by its definition, for an agency with its subtree', async () => {
    assert.deepEqual(await hotline.importTickets(ctx, fixture('tickets-excel.csv')), {
      rows: 7,
      inserted: 7,
      updated: 0,
    });
    // 磁灶镇 and its village (counted in test/fixtures/hotline/expected.ts).
    assert.deepEqual(await hotline.stats(ctx, { agency: '磁灶镇人民政府', year: 2026 }), cizao2026);
    // The whole city: ticket 3 (公安局, 不满意) and 7 (教育局, 非常满意) join.
    assert.deepEqual(await hotline.stats(ctx, { agency: tree.gov.id, year: 2026 }), {
      valid: 6,
      closed: 5,
      closedOnTime: 4,
      visited: 5,
      rated: 4,
      satisfied: 2,
      closedRate: 0.8333,
      onTimeRate: 0.8,
      visitRate: 1,
      satisfactionRate: 0.5,
    });
    // A month, by 受理时间: April holds ticket 7 (ticket 6 is not valid).
    const april = await hotline.stats(ctx, { agency: '晋江市人民政府', year: 2026, month: 4 });
    assert.equal(april.valid, 1);
    assert.equal(april.satisfactionRate, 1);
    // Nothing to count: every rate is null, not 0 and not 100%.
    assert.deepEqual(await hotline.stats(ctx, { agency: '晋江市人民政府', year: 2026, month: 2 }), {
      valid: 0,
      closed: 0,
      closedOnTime: 0,
      visited: 0,
      rated: 0,
      satisfied: 0,
      closedRate: null,
      onTimeRate: null,
      visitRate: null,
      satisfactionRate: null,
    });
  });

  it('reads the GB18030 file as the same tickets: re-imported, they update and the figures stay', async () => {
    const before = await hotline.stats(ctx, { agency: '晋江市人民政府', year: 2026 });
    assert.deepEqual(await hotline.importTickets(ctx, fixture('tickets-gb18030.csv')), {
      rows: 7,
      inserted: 0,
      updated: 7,
    });
    assert.equal(await count(), 7);
    assert.deepEqual(await hotline.stats(ctx, { agency: '晋江市人民政府', year: 2026 }), before);
  });

  it('updates a ticket imported again with new data', async () => {
    // Ticket 4 is closed, visited and rated 非常满意 since: 磁灶镇 gains a closure and a rating.
    await hotline.importTickets(
      ctx,
      csv([
        HEADER,
        'GD2026030004,2026-03-20 10:00:00,建议,建议增设公交站点,磁灶镇人民政府,2026-03-27 18:00:00,2026-03-26 17:00:00,2026-03-27 10:00:00,非常满意,是',
      ]),
    );
    const f = await hotline.stats(ctx, { agency: '磁灶镇人民政府', year: 2026 });
    assert.deepEqual(
      [f.valid, f.closed, f.closedOnTime, f.visited, f.rated, f.satisfied],
      [4, 4, 3, 4, 3, 2],
    );
    assert.equal(f.closedRate, 1);
    assert.equal(f.satisfactionRate, 0.6667);
  });

  it('counts 基本满意 as satisfied only where the installation is set to', async () => {
    const yes = installationWith({ HOTLINE_BASICALLY_SATISFIED_COUNTS: 'yes' });
    const f = await hotline.stats(testCtx(h, systemActor('测试'), undefined, yes), {
      agency: '磁灶镇人民政府',
      year: 2026,
    });
    assert.equal(f.satisfied, 3);
    assert.equal(f.satisfactionRate, 1);
  });

  it('keeps the content of a ticket encrypted', async () => {
    const row = await h.db
      .selectFrom('hotline_ticket')
      .select('content_enc')
      .where('ticket_number', '=', 'GD2026030002')
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(row.content_enc, /13800000000|噪音/);
    assert.equal(ctx.cipher.decrypt(row.content_enc), '夜间施工噪音扰民，联系电话 13800000000');
  });

  it('refuses the whole file when an agency is unknown or a cell is wrong, naming row and column', async () => {
    const stored = await count();
    const refused = await hotline
      .importTickets(
        ctx,
        csv([
          HEADER,
          'GD2026050001,2026-05-06 09:00:00,咨询,问题,磁灶镇人民政府,2026-05-13 18:00:00,,,未评价,是',
          'GD2026050002,2026-05-06 09:00:00,咨询,问题,晋江市不存在局,2026-05-13 18:00:00,,,未评价,是',
          'GD2026050003,2026-02-30 09:00:00,投诉,问题,晋江市公安局,2026-05-13 18:00:00,,,未评价,是',
          'GD2026050004,2026-05-06 09:00:00,抱怨,问题,晋江市公安局,2026-05-13 18:00:00,,,未评价,是',
          'GD2026050001,2026-05-06 09:00:00,咨询,问题,磁灶镇人民政府,2026-05-13 18:00:00,,,未评价,是',
          'GD2026050005,2026-05-06 09:00:00,咨询,问题,晋江市公安局,2026-05-13 18:00:00,,,满意,是',
        ]),
      )
      .then(
        () => assert.fail('the file should be refused'),
        (e: unknown) => e,
      );
    assert.ok(refused instanceof ImportRefused);
    const at = refused.problems.map((p) => `${p.row}${p.column ?? ''}:${p.message}`);
    assert.ok(at.includes('3E:承办单位“晋江市不存在局”不是本平台的机构'), at.join('\n'));
    assert.ok(
      at.some((a) => a.startsWith('4B:受理时间“2026-02-30 09:00:00”不是有效时间')),
      at.join('\n'),
    );
    assert.ok(
      at.some((a) => a.startsWith('5C:诉求类型应为咨询、求助、投诉、举报、建议、表扬之一')),
      at.join('\n'),
    );
    assert.ok(at.includes('7I:有满意度，但没有回访时间'), at.join('\n'));
    assert.ok(at.includes('6A:工单编号“GD2026050001”与第 2 行重复'), at.join('\n'));
    assert.equal(await count(), stored, 'nothing of a refused file is stored');
  });

  it('lets only the office import, and anyone read the figures', async () => {
    const clerk = staffActor('clerk', tree.cizao);
    // A head of a township imports nothing for the whole tree either.
    await assert.rejects(
      hotline.importTickets(testCtx(h, staffActor('officeHead', tree.cizao)), fixture('tickets-excel.csv')),
      ForbiddenError,
    );
    await assert.rejects(
      hotline.importTickets(testCtx(h, clerk), fixture('tickets-excel.csv')),
      ForbiddenError,
    );
    const f = await hotline.stats(testCtx(h, clerk), { agency: '晋江市公安局', year: 2026 });
    assert.equal(f.valid, 1);
  });

  it('turns a 工单 asking for information into an application of its 承办单位, received on its 受理时间, with the link', async () => {
    const { hotlineRequests } = await import('./index.js');
    const { cases } = await import('../requests/index.js');
    const { application } = await import('../../../test/harness/requests.js');
    const { agencyId: _a, ...fields } = application(tree.cizao.id);
    void _a;
    const clerk = testCtx(h, staffActor('clerk', tree.cizao));
    clerk.clock.set('2026-03-23T02:00:00Z');
    await assert.rejects(
      hotlineRequests.convertToRequest(testCtx(h, staffActor('clerk', tree.police)), 'GD2026030004', fields),
      ForbiddenError,
    );
    await assert.rejects(hotlineRequests.ticketForRequest(clerk, 'GD-NONE'), /未找到工单编号/);
    const t = await hotlineRequests.ticketForRequest(clerk, 'GD2026030004');
    assert.equal(t.content, '建议增设公交站点');
    const s = await hotlineRequests.convertToRequest(clerk, 'GD2026030004', fields);
    assert.equal(s.receivedOn, '2026-03-20');
    await assert.rejects(
      hotlineRequests.convertToRequest(clerk, 'GD2026030004', fields),
      /已经转为政府信息公开申请/,
    );
    assert.equal((await hotlineRequests.ticketForRequest(clerk, 'GD2026030004')).requestId, s.id);
    const page = await cases.casePage(clerk, s.id);
    assert.ok(
      page.links.some((l) => l.label === '由 12345 工单 GD2026030004 转来'),
      JSON.stringify(page.links),
    );
  });
});

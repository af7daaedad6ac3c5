import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { anonymous, systemActor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError } from '../../platform/errors.js';
import { aRequest, jinjiangTree } from '../../../test/harness/factories.js';
import type { Agency } from '../agencies/index.js';
import * as appeals from './appeal.service.js';

describeEachEngine('appeals and section 四', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, dept: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, police: dept } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  it('counts the seed’s section 四 from recorded cases, pending at year end where decided later', async () => {
    const clerk = testCtx(h, staffActor('clerk', dept));
    const rec = (kind: string, filedOn: string) =>
      appeals.record(clerk, { agencyId: dept.id, kind, filedOn });
    for (let i = 0; i < 2; i++)
      await appeals.decide(clerk, (await rec('review', '2020-03-01')).id, {
        result: 'upheld',
        decidedOn: '2020-06-01',
      });
    await appeals.decide(clerk, (await rec('litigationDirect', '2020-04-01')).id, {
      result: 'other',
      decidedOn: '2020-09-01',
    });
    for (let i = 0; i < 3; i++) await rec('litigationDirect', '2020-10-01');
    await appeals.decide(clerk, (await rec('litigationDirect', '2020-11-01')).id, {
      result: 'upheld',
      decidedOn: '2021-02-01',
    });
    await appeals.decide(clerk, (await rec('litigationAfterReview', '2020-02-01')).id, {
      result: 'upheld',
      decidedOn: '2020-05-01',
    });
    for (let i = 0; i < 2; i++)
      await appeals.decide(clerk, (await rec('litigationAfterReview', '2020-02-01')).id, {
        result: 'corrected',
        decidedOn: '2020-05-01',
      });
    for (let i = 0; i < 2; i++)
      await appeals.decide(clerk, (await rec('litigationAfterReview', '2020-02-01')).id, {
        result: 'other',
        decidedOn: '2020-05-01',
      });
    const s = await appeals.section4(testCtx(h, staffActor('supervisor', gov)), {
      agencyId: gov.id,
      scope: 'tree',
      year: 2020,
    });
    assert.deepEqual(s, {
      review: { upheld: 2, corrected: 0, other: 0, pending: 0, total: 2 },
      litigationDirect: { upheld: 0, corrected: 0, other: 1, pending: 4, total: 5 },
      litigationAfterReview: { upheld: 1, corrected: 2, other: 2, pending: 0, total: 5 },
    });
    const self = await appeals.section4(testCtx(h, staffActor('supervisor', gov)), {
      agencyId: gov.id,
      scope: 'self',
      year: 2020,
    });
    assert.equal(self.review.total, 0, 'the government itself has none; its department has them');
  });

  it('lets only the agency’s staff record one', async () => {
    await assert.rejects(
      appeals.record(testCtx(h, staffActor('supervisor', gov)), {
        agencyId: dept.id,
        kind: 'review',
        filedOn: '2026-01-05',
      }),
      ForbiddenError,
    );
    await assert.rejects(
      appeals.record(testCtx(h, staffActor('clerk', dept)), {
        agencyId: dept.id,
        kind: 'review',
        filedOn: '2026-01-05',
        requestId: '01a21d7f-6c00-7675-b984-b9a85369ac17',
      }),
      /相关申请不存在/,
    );
  });

  it('links an application of the agency, asking the requests module; lists it with its 受理编号', async () => {
    const clerk = testCtx(h, staffActor('clerk', dept));
    const application = await aRequest(testCtx(h, anonymous), dept);
    const other = await aRequest(testCtx(h, anonymous), gov);
    await assert.rejects(
      appeals.record(clerk, {
        agencyId: dept.id,
        kind: 'review',
        filedOn: '2026-03-02',
        requestId: other.id,
      }),
      /相关申请不存在或不属于该机关/,
      'an application of another agency',
    );
    const linked = await appeals.record(clerk, {
      agencyId: dept.id,
      kind: 'review',
      filedOn: '2026-03-02',
      requestId: application.id,
    });
    const listed = (await appeals.list(clerk)).find((a) => a.id === linked.id);
    assert.equal(listed?.acceptanceNumber, application.acceptanceNumber);
    assert.equal(listed?.agencyName, dept.name);
    assert.equal(listed?.kindLabel, '行政复议');
    assert.deepEqual(
      await appeals.list(testCtx(h, staffActor('clerk', gov))).then((l) => l.some((a) => a.id === linked.id)),
      true,
      'the government oversees its departments',
    );
    assert.deepEqual(await appeals.list(testCtx(h, anonymous)), [], 'the public lists none');
  });
});

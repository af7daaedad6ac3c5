import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { systemActor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import type { Agency } from '../agencies/index.js';
import * as docs from './official-document.service.js';

describeEachEngine('公开属性源头认定: every 公文 registered with its attribute', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, edu: Agency, town: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, education: edu, cizao: town } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  const doc = (agency: Agency, attribute: string, over: Record<string, unknown> = {}) => ({
    agencyId: agency.id,
    title: `${agency.name}关于某事项的通知`,
    writtenDate: '2020-06-01',
    disclosureAttribute: attribute,
    ...over,
  });

  it('requires the legal ground of a 不予公开 document, and only there', async () => {
    const clerk = testCtx(h, staffActor('clerk', edu));
    await assert.rejects(docs.register(clerk, doc(edu, 'withheld')), (e) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.fields[0]!.field, 'withheldReason');
      assert.match(e.fields[0]!.message, /第十四至十六条/);
      return true;
    });
    await assert.rejects(
      docs.register(clerk, doc(edu, 'proactiveDisclosure', { withheldReason: 'withheld.stateSecret' })),
      (e) => e instanceof ValidationError && e.fields[0]!.field === 'withheldReason',
    );
    await assert.rejects(
      docs.register(clerk, doc(edu, 'public')),
      (e) => e instanceof ValidationError && e.fields[0]!.field === 'disclosureAttribute',
    );
    await assert.rejects(docs.register(clerk, doc(town, 'proactiveDisclosure')), ForbiddenError);
    const ok = await docs.register(
      clerk,
      doc(edu, 'withheld', {
        withheldReason: 'withheld.processInformation',
        documentNumber: '晋教〔2020〕30号',
      }),
    );
    assert.equal(ok.withheld_reason, 'withheld.processInformation');
  });

  it('counts each agency’s documents of a year by attribute, within the viewer’s scope', async () => {
    const eduClerk = testCtx(h, staffActor('clerk', edu));
    const townClerk = testCtx(h, staffActor('clerk', town));
    for (let i = 0; i < 3; i++) await docs.register(eduClerk, doc(edu, 'proactiveDisclosure'));
    await docs.register(eduClerk, doc(edu, 'disclosureOnRequest'));
    await docs.register(eduClerk, doc(edu, 'proactiveDisclosure', { writtenDate: '2019-12-31' }));
    for (let i = 0; i < 2; i++) await docs.register(townClerk, doc(town, 'disclosureOnRequest'));

    const office = testCtx(h, staffActor('officeHead', gov));
    const all = await docs.yearlyCounts(office, 2020);
    const byName = Object.fromEntries(all.map((c) => [c.agencyName, c]));
    assert.deepEqual(
      { ...byName['晋江市教育局'], agencyId: undefined },
      {
        agencyId: undefined,
        agencyName: '晋江市教育局',
        total: 5,
        proactiveDisclosure: 3,
        disclosureOnRequest: 1,
        withheld: 1,
      },
    );
    assert.equal(byName['磁灶镇人民政府']!.disclosureOnRequest, 2);
    assert.equal((await docs.yearlyCounts(office, 2019))[0]!.total, 1, 'the year follows the 成文日期');
    const own = await docs.yearlyCounts(townClerk, 2020);
    assert.deepEqual(
      own.map((c) => c.agencyName),
      ['磁灶镇人民政府'],
      'a township clerk sees only their own',
    );
  });
});

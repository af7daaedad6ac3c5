import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { systemActor, type Role } from '../../../platform/access.js';
import { staffActor } from '../../../../test/harness/actors.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { jinjiangTree } from '../../../../test/harness/factories.js';
import type { Agency } from '../../agencies/index.js';
import * as reports from './published-report.service.js';

const seed = readFileSync('test/fixtures/annual-report/jinjiang-2020-annual-report.md');

/** The seed with its 2020 figures turned into a consistent 2021 report whose 上年结转 is given. */
function report2021(carriedOver: number): Buffer {
  const text = `晋江市人民政府2021年政府信息公开工作年度报告
一、总体情况
二、主动公开政府信息情况
第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 5 | 1 | 130 |
三、收到和处理政府信息公开申请情况
| 一、本年新收政府信息公开申请数量 | 10 | 0 | 0 | 0 | 0 | 0 | 10 |
| 二、上年结转政府信息公开申请数量 | ${carriedOver} | 0 | 0 | 0 | 0 | 0 | ${carriedOver} |
| （一）予以公开 | ${10 + carriedOver} | 0 | 0 | 0 | 0 | 0 | ${10 + carriedOver} |
| （七）总计 | ${10 + carriedOver} | 0 | 0 | 0 | 0 | 0 | ${10 + carriedOver} |
| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
四、政府信息公开行政复议、行政诉讼情况
| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
六、其他需要报告的事项
未收取信息处理费。
`;
  return Buffer.from(text, 'utf8');
}

describeEachEngine('published reports: check, keep, record as history', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, cizao: Agency;
  const as = (role: Role, a: Agency) => staffActor(role, a);

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, cizao } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  it('keeps a checked report for the uploader’s scope, with its findings', async () => {
    const sup = testCtx(h, as('supervisor', gov));
    const r = await reports.check(sup, { name: 'jinjiang.md', bytes: seed });
    assert.equal(r.status, 'full');
    assert.deepEqual(
      r.data!.findings.filter((f) => f.severity === 'error').map((f) => f.check),
      ['row-sum', 'balance'],
    );
    const again = await reports.get(sup, r.id);
    assert.deepEqual(again.data, r.data);
    assert.equal((await reports.list(sup))[0]!.id, r.id);
    await assert.rejects(reports.get(testCtx(h, as('clerk', cizao)), r.id), ForbiddenError);
  });

  it('refuses an empty upload with a message naming the field', async () => {
    await assert.rejects(
      reports.check(testCtx(h, as('clerk', cizao)), { name: 'x.md', bytes: new Uint8Array() }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'file',
    );
  });

  it('records a report as an agency’s history, and year-chain compares the next year with it', async () => {
    const head = testCtx(h, as('officeHead', gov));
    const y2020 = await reports.check(head, { name: '2020.md', bytes: seed });
    await assert.rejects(
      reports.attach(testCtx(h, as('supervisor', gov)), y2020.id, { agencyId: gov.id, year: 2020 }),
      ForbiddenError,
    );
    await assert.rejects(
      reports.attach(head, y2020.id, { agencyId: gov.id, year: 2019 }),
      /报告写明的年度是 2020 年/,
    );
    await reports.attach(head, y2020.id, { agencyId: gov.id, year: 2020 });

    // 2020 carried 0 forward: a 2021 report saying 3 were carried over breaks the chain.
    const bad = await reports.check(head, { name: '2021.md', bytes: report2021(3) });
    assert.ok(!bad.data!.findings.some((f) => f.check === 'year-chain'), 'no chain before it is recorded');
    const recorded = await reports.attach(head, bad.id, { agencyId: gov.id, year: 2021 });
    const chain = recorded.data!.findings.filter((f) => f.check === 'year-chain');
    assert.deepEqual(
      chain.map((f) => [f.where, f.expected, f.actual]),
      [
        ['requests.carriedOver[naturalPerson]', 0, 3],
        ['requests.carriedOver[total]', 0, 3],
      ],
    );
    // A second report for the same year needs "replace".
    const good = await reports.check(head, { name: '2021-corrected.md', bytes: report2021(0) });
    await assert.rejects(reports.attach(head, good.id, { agencyId: gov.id, year: 2021 }), /已有历史报告/);
    const replaced = await reports.attach(head, good.id, { agencyId: gov.id, year: 2021, replace: '1' });
    assert.ok(!replaced.data!.findings.some((f) => f.check === 'year-chain'));
    assert.equal((await reports.historyOf(head, gov.id, 2021))!.id, good.id);
    const audit = await h.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_type', '=', 'publishedReport')
      .execute();
    assert.ok(audit.filter((a) => a.action === 'publishedReport.attach').length >= 3);
  });

  it('uses the platform’s own level for the plausibility of 规章', async () => {
    const head = testCtx(h, as('officeHead', gov));
    const r = await reports.check(head, { name: 'seed-again.md', bytes: seed });
    assert.ok(
      r.data!.findings.some((f) => f.check === 'plausibility'),
      'county-level by its name',
    );
  });

  it('lists the recorded years for the portal, and offers the record form only to who may record', async () => {
    const anyone = testCtx(h, systemActor('门户'));
    assert.deepEqual(await reports.recordedYears(anyone, gov.id), [
      { year: 2021, name: '2021-corrected.md' },
      { year: 2020, name: '2020.md' },
    ]);
    assert.deepEqual(await reports.recordedYears(anyone, cizao.id), []);
    assert.deepEqual([...(await reports.agenciesRecordedFor(anyone, 2021))], [gov.id]);
    const head = testCtx(h, as('officeHead', gov));
    const { report, history } = await reports.checkedPage(
      head,
      (await reports.historyOf(head, gov.id, 2021))!.id,
    );
    assert.equal(report.file, '2021-corrected.md');
    assert.deepEqual(history, { name: '晋江市人民政府', year: 2021 });
    const uploaded = await reports.check(testCtx(h, as('clerk', cizao)), { name: 'x.md', bytes: seed });
    assert.deepEqual(
      (await reports.checkedPage(head, uploaded.id)).attachTargets.map((a) => a.name).slice(0, 2),
      ['晋江市人民政府', '晋江市公安局'],
      'the city’s office head may record it for the city and below',
    );
    assert.deepEqual(
      (await reports.checkedPage(testCtx(h, as('clerk', cizao)), uploaded.id)).attachTargets,
      [],
      'a clerk may not',
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { application } from '../../../../test/harness/requests.js';
import { anonymous, systemActor } from '../../../platform/access.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { jinjiangTree, type JinjiangTree } from '../../../../test/harness/factories.js';
import type { Agency } from '../../agencies/index.js';
import { appeals } from '../../appeals/index.js';
import { importRecords } from '../../records/index.js';
import { cases, requests } from '../../requests/index.js';
import { build, compile } from './report-build.service.js';
import * as figures from './report-figures.service.js';
import type { Proactive2019, Proactive2021 } from '../contract/report.js';

const sum = (rows: Array<number[] | undefined>) =>
  rows.reduce<number[]>((acc, r) => acc.map((v, i) => v + (r?.[i] ?? 0)), [0, 0, 0, 0, 0, 0, 0]);

describeEachEngine('building the annual report from the platform’s data', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let city: JinjiangTree;
  let gov: Agency, dept: Agency, town: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    const ctx = testCtx(h, systemActor('测试'));
    city = await jinjiangTree(ctx);
    ({ gov, police: dept, cizao: town } = city);
    const at = (day: string, actor = staffActor('clerk', gov)) => {
      const c = testCtx(h, actor);
      c.clock.set(`${day}T02:00:00Z`);
      return c;
    };
    // A department (公安局): received 2020-12-28, answered 2021-01-15; and one answered within 2020.
    const late = await requests.submitOnline(
      at('2020-12-28', anonymous),
      application(dept.id, { applicantType: 'commercialEnterprise', applicantName: '某公司' }),
    );
    await cases.act(at('2021-01-15', staffActor('clerk', dept)), late.id, 'replied', {
      date: '2021-01-15',
      outcome: 'granted',
      deliveryMode: 'pickup',
      deliveredOn: '2021-01-15',
    });
    const quick = await requests.submitOnline(at('2020-06-01', anonymous), application(dept.id));
    await cases.act(at('2020-06-10', staffActor('clerk', dept)), quick.id, 'replied', {
      date: '2020-06-10',
      outcome: 'unavailable.notHeld',
      reasons: '本机关不掌握该信息',
    });
    // 磁灶镇: two in 2020, one partly granted; an appeal filed in 2020, decided in 2021.
    const a = await requests.submitOnline(at('2020-03-02', anonymous), application(town.id));
    await cases.act(at('2020-03-20', staffActor('clerk', town)), a.id, 'replied', {
      date: '2020-03-20',
      outcome: 'partiallyGranted',
      reasons: '部分内容涉及第三方个人信息',
      withheldPart: '第三方的姓名和联系方式',
      deliveryMode: 'pickup',
      deliveredOn: '2020-03-20',
    });
    const appeal = await appeals.record(at('2020-05-06', staffActor('clerk', town)), {
      agencyId: town.id,
      requestId: a.id,
      kind: 'review',
      filedOn: '2020-05-06',
    });
    await appeals.decide(at('2021-02-01', staffActor('clerk', town)), appeal.id, {
      result: 'upheld',
      decidedOn: '2021-02-01',
    });
    // Two 规范性文件 of the city: one issued in 2020, one in 2021.
    await importRecords(
      ctx,
      gov.id,
      [
        {
          title: '晋江市城市管理办法',
          genre: '行政规范性文件',
          writtenAt: '2020-04-01',
          publishedAt: '2020-04-03',
        },
        {
          title: '晋江市停车管理办法',
          genre: '行政规范性文件',
          writtenAt: '2021-04-01',
          publishedAt: '2021-04-03',
        },
      ]
        .map((r) => JSON.stringify({ ...r, body: '正文' }))
        .join('\n'),
    );
  });
  after(async () => h.cleanup());
  const reader = () => testCtx(h, staffActor('supervisor', gov));

  it('counts a case received 2020-12-28 and answered 2021-01-15 in both years', async () => {
    const y2020 = await build(reader(), { agencyId: dept.id, year: 2020 });
    assert.equal(y2020.format, '2019');
    assert.deepEqual(y2020.source, { kind: 'built' });
    assert.deepEqual(y2020.requests.received, [1, 1, 0, 0, 0, 0, 2]);
    assert.deepEqual(y2020.requests.carriedForward, [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(y2020.requests['unavailable.notHeld'], [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(y2020.findings, []);
    const y2021 = await build(reader(), { agencyId: dept.id, year: 2021 });
    assert.equal(y2021.format, '2021');
    assert.deepEqual(y2021.requests.carriedOver, [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(y2021.requests.granted, [0, 1, 0, 0, 0, 0, 1]);
    assert.ok('other.supplementOverdue' in y2021.requests, 'a 2021-format year has the three （六） rows');
    assert.ok(!('other.supplementOverdue' in y2020.requests), 'a 2019-format year has one （六） row');
    assert.deepEqual(y2021.findings, [], 'year-chain against the 2020 report built from the same data holds');
  });

  it('rolls a subtree up to the sum of its agencies, appeals and documents included', async () => {
    const tree = await build(reader(), { agencyId: gov.id, year: 2020, scope: 'tree' });
    const parts = await Promise.all(
      Object.values(city).map((a) => build(reader(), { agencyId: a.id, year: 2020, scope: 'self' })),
    );
    for (const key of Object.keys(tree.requests) as Array<keyof typeof tree.requests>)
      assert.deepEqual(tree.requests[key], sum(parts.map((p) => p.requests[key])), key);
    assert.equal(tree.agency, '晋江市人民政府（含下级机关）');
    assert.deepEqual(tree.appeals.review, { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    const p2020 = tree.proactive as Proactive2019;
    assert.deepEqual(p2020.normativeDocuments, { made: 1, published: 1, totalPublished: 1 });
    const p2021 = (await build(reader(), { agencyId: gov.id, year: 2021, scope: 'tree' }))
      .proactive as Proactive2021;
    assert.deepEqual(p2021.normativeDocuments, { issued: 1, repealed: 0, inForce: 2 });
    assert.deepEqual(
      (await build(reader(), { agencyId: town.id, year: 2021 })).appeals.review,
      { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      'an appeal counts in the year it was filed (2020, 尚未审结 at its end), not again when decided',
    );
  });

  it('takes the figures of other systems as entered, summed over a subtree, money to the fen', async () => {
    const clerk = (a: Agency) => testCtx(h, staffActor('clerk', a));
    await assert.rejects(
      figures.setFigures(clerk(gov), gov.id, 2020, {
        'licensing.decisions': '12.5',
        'procurement.amountYuan': '-3',
      }),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.fields.map((f) => f.field).join() === 'licensing.decisions,procurement.amountYuan',
    );
    await figures.setFigures(clerk(gov), gov.id, 2020, {
      'licensing.decisions': '94,335',
      'licensing.change': '-8',
      'procurement.amountYuan': '249887966.42',
    });
    await figures.setFigures(clerk(town), town.id, 2020, {
      'licensing.decisions': '65',
      'procurement.amountYuan': '0.1',
    });
    const self = (await build(reader(), { agencyId: gov.id, year: 2020 })).proactive as Proactive2019;
    assert.deepEqual(self.licensing, { previousYearItems: 0, change: -8, decisions: 94335 });
    assert.equal(self.procurement?.amountYuan, 249887966.42);
    const tree = (await build(reader(), { agencyId: gov.id, year: 2020, scope: 'tree' }))
      .proactive as Proactive2019;
    assert.equal(tree.licensing?.decisions, 94400);
    assert.equal(tree.procurement?.amountYuan, 249887966.52);
    await assert.rejects(
      figures.setFigures(clerk(town), gov.id, 2020, { 'licensing.decisions': '1' }),
      /权限/,
      'a town clerk cannot enter the city’s figures',
    );
    const csv =
      '机构,年度,项目,数值\n晋江市人民政府,2021,行政许可·处理决定数量,120\n晋江市人民政府,2021,fees.amountTenThousandYuan,3.5\n';
    assert.deepEqual(await figures.importFigures(testCtx(h, systemActor('测试')), Buffer.from(csv)), {
      agencies: 1,
      figures: 2,
    });
    const y2021 = (await build(reader(), { agencyId: gov.id, year: 2021 })).proactive as Proactive2021;
    assert.deepEqual(y2021.licensing, { decisions: 120 });
    assert.deepEqual(y2021.fees, { amountTenThousandYuan: 3.5 });
    await assert.rejects(
      figures.importFigures(
        testCtx(h, systemActor('测试')),
        Buffer.from(
          '机构,年度,项目,数值\n晋江市人民政府,2021,行政许可·处理决定数量,130\n不存在的局,2021,licensing.decisions,1\n',
        ),
      ),
      // The bad cell named by row and column (第 N 行 第 X 列（列名）), through the import kit.
      (e: unknown) =>
        e instanceof ValidationError && e.fields[0]!.message.startsWith('第 3 行 第 A 列（机构）：'),
    );
    assert.equal(
      ((await build(reader(), { agencyId: gov.id, year: 2021 })).proactive as Proactive2021).licensing
        ?.decisions,
      120,
      'nothing of a refused file is kept',
    );
  });

  it('states the 信息处理费 the requests module contributes: a December notice paid in January', async () => {
    const at = (day: string) => {
      const c = testCtx(h, staffActor('clerk', town));
      c.clock.set(`${day}T02:00:00Z`);
      return c;
    };
    const r = await requests.submitOnline({ ...at('2021-12-01'), actor: anonymous }, application(town.id));
    await cases.act(at('2021-12-22'), r.id, 'processingFeeNoticeReceived', {
      date: '2021-12-22',
      method: 'perPage',
      quantity: 250,
    });
    await cases.act(at('2022-01-05'), r.id, 'processingFeePaid', { date: '2022-01-05' });
    const facts = async (agency: Agency, year: number, scope: 'self' | 'tree' = 'self') =>
      (await compile(reader(), { agencyId: agency.id, year, scope })).facts.processingFees;
    const noticed = await facts(town, 2021);
    assert.equal(noticed?.notices, 1);
    assert.ok(noticed!.noticedYuan > 0);
    assert.deepEqual(
      { paid: noticed?.paid, collectedYuan: noticed?.collectedYuan },
      { paid: 0, collectedYuan: 0 },
    );
    assert.deepEqual(await facts(town, 2022), {
      notices: 0,
      noticedYuan: 0,
      paid: 1,
      collectedYuan: noticed!.noticedYuan,
    });
    assert.deepEqual(await facts(gov, 2022, 'tree'), await facts(town, 2022), 'the city with all below it');
    assert.deepEqual(
      await facts(gov, 2022),
      { notices: 0, noticedYuan: 0, paid: 0, collectedYuan: 0 },
      '本级 only',
    );
    assert.deepEqual(await facts(dept, 2022), { notices: 0, noticedYuan: 0, paid: 0, collectedYuan: 0 });
  });

  it('refuses a year before the 条例 of 2019 by naming the field', async () => {
    await assert.rejects(
      build(reader(), { agencyId: gov.id, year: 2018 }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'year',
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { application } from '../../../../test/harness/requests.js';
import { anonymous, systemActor } from '../../../platform/access.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { jinjiangTree } from '../../../../test/harness/factories.js';
import type { Agency } from '../../agencies/index.js';
import { cases, requests } from '../../requests/index.js';
import * as reports from './annual-report.service.js';
import { build } from './report-build.service.js';
import * as figures from './report-figures.service.js';
import { REPORT_SCHEMA_ID, type ReportData } from '../contract/report.js';

/** The template's text with its prompts written: what a clerk hands the office head. */
function finished(n: reports.NarrativeText): reports.NarrativeText {
  const write = (t: string) => t.replace(/（请[^）]*）/g, '已按要求开展相关工作。');
  return { section1: write(n.section1), section5: write(n.section5), section6: write(n.section6) };
}

/** The office head reviews what will become public, then confirms it (the page's two steps). */
async function signOff(ctx: Parameters<typeof reports.publish>[0], id: string) {
  const review = await reports.publishReview(ctx, id);
  return reports.publish(ctx, id, { confirmed: '1', reviewedAt: review.reviewedAt });
}

describeEachEngine('writing, signing off and correcting the annual report', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, dept: Agency;
  const day = (d: string, actor = staffActor('clerk', dept)) => {
    const c = testCtx(h, actor);
    c.clock.set(`${d}T02:00:00Z`);
    return c;
  };
  const receive = async (on: string, outcome = 'granted') => {
    const r = await requests.submitOnline(day(on, anonymous), application(dept.id));
    await cases.act(day(on), r.id, 'replied', {
      date: on,
      outcome,
      reasons: outcome === 'granted' ? undefined : '依法作出答复',
      withheldPart: '第三方个人信息',
      deliveryMode: 'pickup',
      deliveredOn: on,
    });
  };
  before(async () => {
    h = await openTestDatabase(engine);
    const ctx = testCtx(h, systemActor('测试'));
    ({ gov, education: dept } = await jinjiangTree(ctx));
    for (const d of ['2021-03-01', '2021-05-10', '2021-09-01']) await receive(d);
  });
  after(async () => h.cleanup());
  const clerk = () => day('2022-01-10');
  const head = () => day('2022-01-10', staffActor('officeHead', dept));

  it('opens a draft whose narrative states the tables’ own figures, and shows last year’s problems', async () => {
    const r = await reports.open(clerk(), { agencyId: dept.id, year: 2021 });
    assert.equal(r.state, 'draft');
    assert.equal(r.version, 1);
    assert.equal(r.data.format, '2021');
    assert.match(
      r.narrative.section1,
      /全年共收到政府信息公开申请 3 件，上年结转 0 件，办结 3 件，结转下年度继续办理 0 件/,
    );
    assert.match(r.narrative.section6, /未发出收费通知/);
    assert.deepEqual(
      r.findings.filter((f) => f.severity === 'error' || f.check === 'narrative'),
      [],
      'the template agrees with the tables',
    );
    assert.deepEqual(
      [...new Set(r.findings.filter((f) => f.check === 'completeness').map((f) => f.where))],
      ['narrative.section1', 'narrative.section5'],
      'and says which sections still need writing',
    );
    assert.equal(
      (await reports.open(clerk(), { agencyId: dept.id, year: 2021 })).id,
      r.id,
      'one draft per year',
    );
    await assert.rejects(
      reports.open(clerk(), { agencyId: dept.id, year: 2018 }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'year',
    );
  });

  it('flags narrative text that contradicts the tables', async () => {
    const r = await reports.open(clerk(), { agencyId: dept.id, year: 2021 });
    const edited = await reports.saveNarrative(clerk(), r.id, {
      ...r.narrative,
      section1: r.narrative.section1.replace('收到政府信息公开申请 3 件', '收到政府信息公开申请 5 件'),
    });
    assert.ok(
      edited.findings.some((f) => f.check === 'narrative' && /5/.test(f.message)),
      JSON.stringify(edited.findings),
    );
    await assert.rejects(
      reports.saveNarrative(clerk(), r.id, { ...r.narrative, section5: '' }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'section5',
    );
    await reports.saveNarrative(clerk(), r.id, r.narrative);
  });

  it('gives one document for a report: the page’s draft and the document of its year and scope agree', async () => {
    const r = await reports.open(clerk(), { agencyId: dept.id, year: 2021 });
    const doc = await reports.document(clerk(), { agencyId: dept.id, year: 2021, scope: 'self' });
    assert.deepEqual(doc.findings, r.findings);
    assert.deepEqual(doc.data, r.data);
    assert.deepEqual(doc.narrative, r.narrative, 'the text being written, not the template again');
    assert.ok(
      doc.findings.some((f) => f.check === 'completeness'),
      'with every check: the unfinished sections',
    );
    assert.deepEqual(
      await reports.documentFor(clerk(), { agency: '晋江市教育局', year: '2021' }),
      doc,
      'the CLI’s and the API’s door: the agency by name',
    );
  });

  it('offers each viewer the steps they may take on the report in its state', async () => {
    const r = await reports.open(clerk(), { agencyId: dept.id, year: 2021 });
    assert.deepEqual((await reports.reportPage(clerk(), r.id)).allowed, ['editNarrative']);
    assert.deepEqual((await reports.reportPage(head(), r.id)).allowed, ['editNarrative', 'publish']);
    assert.deepEqual(
      (await reports.reportPage(day('2022-01-10', staffActor('supervisor', gov)), r.id)).allowed,
      [],
    );
  });

  it('refuses the office head a report whose text still holds a prompt or an unfinished paragraph, naming the section', async () => {
    const r = await reports.open(clerk(), { agencyId: dept.id, year: 2021 });
    const review = await reports.publishReview(head(), r.id);
    assert.deepEqual(review.allowed, [], 'the confirmation page offers no publish button');
    assert.deepEqual(
      [...new Set(review.blocking.map((f) => f.where))],
      ['narrative.section1', 'narrative.section5'],
    );
    const refused = (e: unknown) =>
      e instanceof ValidationError &&
      e.fields[0]!.field === 'findings' &&
      /“一、总体情况”第 2 段（“（一）主动公开。[^”]*”）仍有提示“（请填写主动公开的主要内容和渠道。）”/.test(
        e.message,
      ) &&
      /“五、存在的主要问题及改进情况”/.test(e.message);
    await assert.rejects(
      reports.publish(head(), r.id, { confirmed: '1', reviewedAt: review.reviewedAt }),
      refused,
    );
    // One paragraph cut off is enough to refuse it.
    await reports.saveNarrative(clerk(), r.id, {
      ...finished(r.narrative),
      section5: '（一）存在的问题。基层人员更迭较快，',
    });
    await assert.rejects(
      signOff(head(), r.id),
      (e: unknown) =>
        e instanceof ValidationError && /“五、存在的主要问题及改进情况”第 1 段.*段落没有写完/.test(e.message),
    );
    assert.equal((await reports.get(clerk(), r.id)).state, 'draft');
    await reports.saveNarrative(clerk(), r.id, finished(r.narrative));
  });

  it('publishes only what the office head confirmed: without confirmation, or after a later change, it is refused', async () => {
    const r = await reports.open(clerk(), { agencyId: dept.id, year: 2021 });
    await reports.saveNarrative(clerk(), r.id, finished(r.narrative));
    const review = await reports.publishReview(head(), r.id);
    assert.deepEqual(review.blocking, []);
    assert.deepEqual(review.allowed, ['publish']);
    await assert.rejects(
      reports.publish(head(), r.id, { reviewedAt: review.reviewedAt }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'confirmed',
    );
    const later = day('2022-01-11');
    await reports.saveNarrative(later, r.id, {
      ...finished(r.narrative),
      section6: '本年度未收取信息处理费，无其他需要报告的事项。',
    });
    await assert.rejects(
      reports.publish(head(), r.id, { confirmed: '1', reviewedAt: review.reviewedAt }),
      (e: unknown) => e instanceof ConflictError && /重新核对/.test(e.message),
    );
    await reports.saveNarrative(clerk(), r.id, finished(r.narrative));
  });

  it('publishes only by the office head, only without errors, and keeps the published tables', async () => {
    const r = await reports.open(clerk(), { agencyId: dept.id, year: 2021 });
    await assert.rejects(reports.publishReview(clerk(), r.id), ForbiddenError);
    await assert.rejects(
      reports.publish(clerk(), r.id, { confirmed: '1', reviewedAt: r.id }),
      ForbiddenError,
    );
    const published = await signOff(head(), r.id);
    assert.equal(published.state, 'published');
    await assert.rejects(reports.saveNarrative(clerk(), r.id, r.narrative), ConflictError);
    // A late edit touches the period: a case of 2021 entered afterwards.
    await receive('2021-11-15', 'unavailable.notHeld');
    const live = await build(clerk(), { agencyId: dept.id, year: 2021 });
    assert.equal(live.requests.received?.[6], 4, 'the data now says 4');
    const kept = await reports.get(clerk(), r.id);
    assert.equal(kept.data.requests.received?.[6], 3, 'the published report still says 3');
    const portal = await reports.publicView(testCtx(h, anonymous), r.id);
    assert.equal(portal?.data.requests.received?.[6], 3);
    assert.deepEqual(
      (await reports.publishedOf(testCtx(h, anonymous), dept.id)).map((p) => [p.year, p.version]),
      [[2021, 1]],
    );
  });

  it('corrects a published report with a new version and its reason', async () => {
    const v1 = (await reports.publishedOf(testCtx(h, anonymous), dept.id))[0]!;
    await assert.rejects(
      reports.correct(head(), v1.id, { reason: '' }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'reason',
    );
    const v2 = await reports.correct(head(), v1.id, { reason: '补录 11 月漏登的申请' });
    assert.equal(v2.version, 2);
    assert.equal(v2.data.requests.received?.[6], 4, 'a correction is built afresh');
    assert.match(
      v2.narrative.section1,
      /收到政府信息公开申请 3 件/,
      'its narrative is last version’s, to be brought up to date',
    );
    assert.ok(
      v2.findings.some((f) => f.check === 'narrative'),
      'and the stale figure is flagged',
    );
    const brought = await reports.saveNarrative(clerk(), v2.id, {
      ...v2.narrative,
      section1: v2.narrative.section1
        .replace('收到政府信息公开申请 3 件', '收到政府信息公开申请 4 件')
        .replace('办结 3 件', '办结 4 件'),
    });
    assert.ok(!brought.findings.some((f) => f.check === 'narrative'));
    await signOff(head(), v2.id);
    const list = await reports.publishedOf(testCtx(h, anonymous), dept.id);
    assert.deepEqual(
      list.map((p) => [p.version, p.correctionReason]),
      [[2, '补录 11 月漏登的申请']],
    );
    assert.equal((await reports.get(clerk(), v1.id)).state, 'superseded');
    assert.deepEqual((await reports.reportPage(head(), v2.id)).allowed, ['correct']);
    assert.deepEqual(
      (await reports.reportPage(head(), v1.id)).allowed,
      [],
      'a superseded version is history',
    );
  });

  it('refuses to sign off a report with an error finding, naming it', async () => {
    // Last year's report as recorded (published before the platform): it carried 2 forward.
    const recorded: ReportData = {
      schema: REPORT_SCHEMA_ID,
      format: '2021',
      year: 2021,
      agency: '晋江市人民政府',
      source: { kind: 'markdown' },
      proactive: {},
      requests: { carriedForward: [2, 0, 0, 0, 0, 0, 2] },
      appeals: {},
      narrative: {},
      findings: [],
    };
    await h.db
      .insertInto('published_report')
      .values({
        id: newId(),
        agency_id: gov.id,
        uploaded_by: null,
        uploaded_at: '2022-03-01T00:00:00.000Z',
        source_name: '2021年报.md',
        source_kind: 'markdown',
        read_status: 'full',
        report_year: 2021,
        report_agency: '晋江市人民政府',
        error_count: 0,
        warning_count: 0,
        data_json: JSON.stringify(recorded),
        info_json: null,
        error: null,
        history_agency_id: gov.id,
        history_year: 2021,
      })
      .execute();
    const govHead = day('2023-01-10', staffActor('officeHead', gov));
    const r = await reports.open(govHead, { agencyId: gov.id, year: 2022 });
    assert.ok(r.findings.some((f) => f.check === 'year-chain' && f.severity === 'error'));
    await reports.saveNarrative(govHead, r.id, finished(r.narrative));
    await assert.rejects(
      signOff(govHead, r.id),
      (e: unknown) =>
        e instanceof ValidationError && e.fields[0]!.field === 'findings' && /上年结转/.test(e.message),
    );
  });
});

describeEachEngine('annual report: what the public saw, fees across the new year, and races', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let office: Agency;
  const at = (d: string, actor = staffActor('clerk', office)) => {
    const c = testCtx(h, actor);
    c.clock.set(`${d}T02:00:00Z`);
    return c;
  };
  before(async () => {
    h = await openTestDatabase(engine);
    const ctx = testCtx(h, systemActor('测试'));
    ({ police: office } = await jinjiangTree(ctx));
  });
  after(async () => h.cleanup());
  const head = (d: string) => at(d, staffActor('officeHead', office));

  it('states fees by the year of the notice and the year of payment, and checks the year-chain against what was signed off', async () => {
    // A case noticed a fee on 2021-12-22, paid on 2022-01-05, answered on 2022-01-10.
    const r = await requests.submitOnline(at('2021-12-01', anonymous), application(office.id));
    await cases.act(at('2021-12-22'), r.id, 'processingFeeNoticeReceived', {
      date: '2021-12-22',
      method: 'perPage',
      quantity: 250,
    });
    const v2021 = await reports.open(at('2022-01-04'), { agencyId: office.id, year: 2021 });
    assert.match(
      v2021.narrative.section6,
      /发出收费通知 1 件，总金额 \d+(\.\d+)? 元；实际收取信息处理费 0 元（0 件）/,
    );
    assert.deepEqual(v2021.data.requests.carriedForward?.[6], 1);
    await reports.saveNarrative(at('2022-01-04'), v2021.id, {
      ...finished(v2021.narrative),
      section5: '依申请公开答复文书格式不够统一。',
    });
    await signOff(head('2022-01-04'), v2021.id);
    await cases.act(at('2022-01-05'), r.id, 'processingFeePaid', { date: '2022-01-05' });
    await cases.act(at('2022-01-10'), r.id, 'replied', {
      date: '2022-01-10',
      outcome: 'granted',
      deliveryMode: 'pickup',
      deliveredOn: '2022-01-10',
    });
    // A 2021 application registered late, after the 2021 report was signed off.
    await requests.registerByClerk(at('2022-01-12'), {
      ...application(office.id),
      submissionChannel: 'inPerson',
      receivedOn: '2021-12-29',
    });
    const v2022 = await reports.open(at('2023-01-05'), { agencyId: office.id, year: 2022 });
    assert.match(
      v2022.narrative.section6,
      /发出收费通知 0 件，总金额 0 元；实际收取信息处理费 \d+(\.\d+)? 元（1 件）/,
    );
    assert.equal(v2022.previousProblems, '依申请公开答复文书格式不够统一。');
    assert.match(
      v2022.narrative.section5,
      /（一）上年度报告所述问题的改进情况。1\. 依申请公开答复文书格式不够统一。整改情况：尚未整改。/,
      'the problem the 2021 report stated is tracked, with its 整改 so far',
    );
    const chain = v2022.findings.filter((f) => f.check === 'year-chain');
    assert.ok(chain.length > 0, 'carried over 2 now, but the signed-off 2021 report carried forward 1');
    assert.ok(chain.every((f) => f.severity === 'error'));
  });

  it('lets two people open the same report at once without a duplicate or a crash', async () => {
    const results = await Promise.allSettled([
      reports.open(at('2025-01-05'), { agencyId: office.id, year: 2024 }),
      reports.open(at('2025-01-05'), { agencyId: office.id, year: 2024 }),
    ]);
    assert.ok(results.some((r) => r.status === 'fulfilled'));
    for (const r of results)
      if (r.status === 'rejected') assert.ok(r.reason instanceof ConflictError, String(r.reason));
    const rows = await h.db
      .selectFrom('annual_report')
      .select('id')
      .where('agency_id', '=', office.id)
      .where('year', '=', 2024)
      .execute();
    assert.equal(rows.length, 1);
    // Two clerks saving the same figure at once: both succeed, one value stands.
    await Promise.all([
      figures.setFigures(at('2025-01-05'), office.id, 2024, { 'licensing.decisions': '10' }),
      figures.setFigures(at('2025-01-05'), office.id, 2024, { 'licensing.decisions': '12' }),
    ]);
    const stored = await figures.figuresOf(at('2025-01-05'), office.id, 2024);
    assert.ok([10, 12].includes(stored['licensing.decisions']!));
  });
});

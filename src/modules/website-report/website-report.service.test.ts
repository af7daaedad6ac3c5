import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, recordRow, type JinjiangTree } from '../../../test/harness/factories.js';
import { letter } from '../../../test/harness/letters.js';
import { anonymous, type Actor } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { media, mediaActivity } from '../media/index.js';
import { messages } from '../messages/index.js';
import { websiteReportWorkbench } from './website-report.workbench.js';
import { tableRows } from './website-report.js';
import * as websiteReports from './website-report.service.js';

// The 政府网站工作年度报表 (issue 18 deliverable 6) on both engines: the figures the platform
// computes equal hand-built data (records, letters, new-media accounts in and out of 2025), bad
// entries are refused field by field and nothing stored, an override needs its reason, publishing
// freezes the table, a clerk cannot publish, the 工作台 reminds until it is published.

const fields = (v: websiteReports.ReportView) =>
  Object.fromEntries(Object.entries(v.data.fields).map(([k, f]) => [k, f.value]));

/** Every field the office fills, valid. */
const complete: Record<string, string> = {
  uniqueVisitors: '1000',
  pageViews: '5000',
  columnsMaintained: '3',
  columnsNew: '1',
  interpretProducts: '4',
  interpretComments: '2',
  hotspotResponses: '1',
  serviceCatalog: '是',
  serviceUsers: '10',
  serviceItems: '20',
  serviceOnline: '15',
  casesPersons: '7',
  casesLegal: '5',
  unifiedPlatform: '是',
  surveyIssues: '2',
  surveyOpinions: '30',
  surveyResults: '2',
  interviewIssues: '1',
  interviewQuestions: '12',
  interviewAnswers: '12',
  smartQa: '否',
  securityChecks: '4',
  securityIssues: '3',
  securityFixed: '3',
  securityMonitoring: '是',
  securityDrills: '是',
  securityOfficer: '是',
  searchService: '是',
  multilingual: '否',
  accessibility: '是',
  personalized: '否',
  headOfUnit: '林志远',
  checkedBy: '陈丽华',
  filledBy: '王晓敏',
  contactPhone: '0595-85682345',
  filledOn: '2026-01-20',
  homeUrlOverride: 'https://www.jinjiang.gov.cn',
  homeUrlReason: '未配置站点地址',
  siteCodeOverride: '3505820001',
  siteCodeReason: '网站设置未填写',
  icpNumberOverride: '闽ICP备05008432号',
  icpNumberReason: '网站设置未填写',
  policeNumberOverride: '闽公网安备 35058202000101号',
  policeNumberReason: '网站设置未填写',
};

describeEachEngine('政府网站工作年度报表: computed figures, form, sign-off, freezing', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  let office: Actor;
  let head: Actor;
  /** A context for `actor` at a UTC instant. */
  const at = (instant: string, actor: Actor): Ctx => {
    const c = testCtx(h, actor);
    c.clock.set(instant);
    return c;
  };
  /** Beijing day `day`, 10:00. */
  const on = (day: string, actor: Actor) => at(`${day}T02:00:00Z`, actor);

  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h));
    office = staffActor('clerk', tree.gov, 'u-office');
    head = staffActor('officeHead', tree.gov, 'u-head');

    // Records: 2025 in Beijing time runs from 2024-12-31T16:00Z to 2025-12-31T16:00Z.
    const rows = [
      recordRow(tree.gov.id, { genre: '工作动态', published_at: '2025-03-01T02:00:00.000Z' }),
      recordRow(tree.gov.id, { genre: '工作动态', published_at: '2025-12-31T15:59:59.999Z' }),
      recordRow(tree.gov.id, { genre: '机构职能', published_at: '2025-05-01T02:00:00.000Z' }),
      recordRow(tree.gov.id, { genre: '通知', published_at: '2024-12-31T16:00:00.000Z' }),
      recordRow(tree.gov.id, { genre: '政策解读', published_at: '2025-07-01T02:00:00.000Z' }),
      recordRow(tree.police.id, {
        genre: '公告',
        published_at: '2025-08-01T02:00:00.000Z',
        state: 'withdrawn',
      }),
      // Out of the year, or never published: not counted.
      recordRow(tree.gov.id, { genre: '工作动态', published_at: '2024-12-31T15:59:59.999Z' }),
      recordRow(tree.gov.id, { genre: '机构职能', published_at: '2025-12-31T16:00:00.000Z' }),
    ];
    const policy = rows[3]!;
    // A 解读 of the 通知, filed under another 体裁: counted as a 解读 through its link.
    rows.push(
      recordRow(tree.cizao.id, {
        genre: '图解',
        interprets_record_id: policy.id,
        published_at: '2025-09-01T02:00:00.000Z',
      }),
    );
    const draft = recordRow(tree.gov.id, { genre: '工作动态', state: 'draft' });
    rows.push({ ...draft, published_at: null, index_number: null });
    await h.db.insertInto('record').values(rows).execute();

    // Letters through the 信箱: 10 days, 3 days (not published), one answered only in 2026, one of 2024.
    const write = async (day: string) => (await messages.write(on(day, anonymous), letter(tree.gov.id))).id;
    const a = await write('2025-03-03');
    await messages.step(on('2025-03-13', office), a, 'replied', {
      text: '经核查，路灯已于 3 月 12 日修复。',
    });
    await messages.publish(
      on('2025-03-14', office),
      a,
      await messages.publicationDraft(on('2025-03-14', office), a),
    );
    const b = await write('2025-06-02');
    await messages.step(on('2025-06-05', office), b, 'replied', { text: '经核查，已安排维修。' });
    const c = await write('2025-12-29');
    await messages.step(on('2026-01-05', office), c, 'replied', { text: '经核查，已安排维修。' });
    await write('2024-12-30');
    // 12345 and post are not the website's 留言, answered or not.
    for (const channel of ['hotline', 'post']) {
      const r = await messages.register(on('2025-04-01', office), {
        ...letter(tree.gov.id, { channel, regime: 'mailbox', receivedOn: '2025-04-01' }),
      });
      await messages.step(on('2025-04-02', office), r.id, 'replied', { text: '经核查，已安排维修。' });
    }

    // New media: 本级's 微博 with posts in and out of 2025; another agency's account is not the site's.
    const gov = on('2025-01-02', office);
    const weibo = await media.register(gov, {
      agencyId: tree.gov.id,
      platform: 'weibo',
      name: '晋江发布',
      accountRef: '1234567890',
      channels: ['comments'],
      filingStatus: 'filed',
      filingNo: 'FJ-1',
      status: 'open',
      occurredOn: '2024-06-01',
    });
    const entering = on('2026-01-10', office);
    const month = (periodValue: string, posts: string, followers: string) => ({
      period: 'month',
      periodValue,
      lastPostOn: `${periodValue}-20`,
      posts,
      reposts: '0',
      messagesReceived: '0',
      messagesAnswered: '0',
      followers,
      reads: '0',
    });
    await mediaActivity.recordActivity(entering, weibo.id, month('2025-03', '30', '1000'));
    await mediaActivity.recordActivity(entering, weibo.id, month('2025-11', '20', '1500'));
    await mediaActivity.recordActivity(entering, weibo.id, month('2024-11', '99', '900'));
    await media.register(on('2025-01-02', staffActor('clerk', tree.police)), {
      agencyId: tree.police.id,
      platform: 'weibo',
      name: '晋江公安',
      accountRef: '2375086267',
      channels: ['comments'],
      filingStatus: 'filed',
      filingNo: 'FJ-2',
      status: 'open',
      occurredOn: '2024-06-01',
    });
  });
  after(async () => h.cleanup());

  it('computes 信息发布, 解读, 留言办理 and 移动新媒体 for 2025 from the data, in and out of the year', async () => {
    const p = await websiteReports.formPage(on('2026-01-10', office), '2025', null);
    const v = fields(p.report);
    assert.deepEqual(
      [v.infoTotal, v.infoOverview, v.infoNews, v.infoCatalog, v.interpretMaterials],
      ['7', '1', '3', '3', '2'],
    );
    assert.deepEqual([v.msgReceived, v.msgClosed, v.msgAvgDays, v.msgPublished], ['3', '2', '6.5', '1']);
    assert.deepEqual(p.report.data.accounts, [
      { kind: 'weibo', name: '晋江发布', posts: 50, followers: 1500 },
    ]);
    assert.equal(v.hasMobile, '是');
    assert.equal(v.siteName, '晋江市人民政府');
    assert.equal(v.siteType, '政府门户网站');
    assert.equal(v.homeUrl, null, 'no address configured');
    assert.equal(p.report.state, 'none');
    assert.match(p.report.data.fields.infoNews!.basis!, /工作动态/);
  });

  it('refuses bad entries field by field in Chinese and stores nothing; an override needs its reason', async () => {
    const ctx = on('2026-01-10', office);
    await assert.rejects(
      websiteReports.save(
        ctx,
        '2025',
        {
          pageViews: '-3',
          smartQa: '可能',
          filledOn: '2026-02-30',
          infoTotalOverride: '9',
          contactPhone: '139 0595 1234',
        },
        null,
      ),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(e.fields.map((f) => f.field).sort(), [
          'contactPhone',
          'filledOn',
          'infoTotalReason',
          'pageViews',
          'smartQa',
        ]);
        assert.match(e.message, /“网站总访问量（次）”应为不小于 0 的整数/);
        assert.match(e.message, /更改平台计算的信息发布“总数（条）”须写明理由/);
        assert.match(e.message, /“联系电话”应填写办公电话，报表公开发布，不能填写个人手机号码/);
        return true;
      },
    );
    assert.equal((await websiteReports.formPage(ctx, '2025', null)).report.state, 'none', 'nothing stored');
    await assert.rejects(
      websiteReports.save(ctx, '2025', { infoTotalReason: '多算了' }, null),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'infoTotalOverride',
    );
    // 办结 above 收到 is named at publication.
    const saved = await websiteReports.save(
      ctx,
      '2025',
      { ...complete, msgClosedOverride: '5', msgClosedReason: '含电话答复' },
      null,
    );
    assert.equal(saved.state, 'draft');
    assert.deepEqual(
      saved.problems.map((p) => p.message),
      ['互动交流·留言办理“办结留言数量（条）”（5）不能大于互动交流·留言办理“收到留言数量（条）”（3）'],
    );
  });

  it('a clerk cannot publish; the office head publishes, freezing the table; a correction is a new version', async () => {
    const saved = await websiteReports.save(
      on('2026-01-12', office),
      '2025',
      { ...complete, infoNewsOverride: '4', infoNewsReason: '另有 1 条动态发布在旧网站' },
      null,
    );
    assert.deepEqual(saved.problems, []);
    const news = saved.data.fields.infoNews!;
    assert.deepEqual([news.value, news.source, news.computed], ['4', 'override', '3']);
    assert.ok(tableRows(saved.data).some((r) => r.note === '人工填报：另有 1 条动态发布在旧网站'));
    assert.equal(saved.data.fields.casesTotal!.value, '12', 'a sum of its parts');

    await assert.rejects(websiteReports.publish(on('2026-01-20', office), '2025', null), ForbiddenError);
    await assert.rejects(websiteReports.publish(on('2026-01-20', head), '2026', null), /2026年尚未结束/);
    const published = await websiteReports.publish(on('2026-01-20', head), '2025', null);
    assert.equal(published.state, 'published');
    await assert.rejects(
      websiteReports.save(on('2026-01-21', office), '2025', complete, null),
      ConflictError,
    );

    // A record published later into 2025 (a back-dated import) changes the draft figures, not the report.
    await h.db
      .insertInto('record')
      .values(recordRow(tree.gov.id, { genre: '机构职能', published_at: '2025-10-01T02:00:00.000Z' }))
      .execute();
    const pub = (await websiteReports.publicView(on('2026-02-01', anonymous), '2025'))!;
    assert.equal(pub.data.fields.infoOverview!.value, '1');
    assert.equal(pub.data.fields.infoTotal!.value, '7');

    await assert.rejects(
      websiteReports.correct(on('2026-02-02', head), '2025', { reason: ' ' }, null),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'reason',
    );
    const v2 = await websiteReports.correct(
      on('2026-02-02', head),
      '2025',
      { reason: '补录一条机构职能信息' },
      null,
    );
    assert.deepEqual([v2.version, v2.state, v2.correctionReason], [2, 'draft', '补录一条机构职能信息']);
    assert.equal(v2.data.fields.infoOverview!.value, '2', 'the new version is computed afresh');
    assert.equal(v2.data.fields.pageViews!.value, '5000', 'with the entries kept');
    // Until the correction is published, the portal shows the first version.
    assert.equal((await websiteReports.publicView(on('2026-02-03', anonymous), '2025'))!.version, 1);
    await websiteReports.publish(on('2026-02-03', head), '2025', null);
    const shown = (await websiteReports.publicView(on('2026-02-04', anonymous), '2025'))!;
    assert.deepEqual([shown.version, shown.correctionReason], [2, '补录一条机构职能信息']);
    assert.deepEqual(
      (await websiteReports.publishedList(on('2026-02-04', anonymous))).reports.map((r) => [
        r.year,
        r.version,
      ]),
      [[2025, 2]],
    );
  });

  it('the 工作台 reminds the office from 1 January until last year’s report is published, overdue after 31 January', async () => {
    // 2026's report (due 2027-01-31) is not published.
    const jan = await websiteReportWorkbench(on('2027-01-10', office));
    assert.equal(jan.length, 1);
    assert.equal(jan[0]!.title, '2026年政府网站工作年度报表');
    assert.match(jan[0]!.items[0]!.detail!, /未开始 · 还有 21 天/);
    assert.equal(jan[0]!.items[0]!.urgent, false);
    const feb = await websiteReportWorkbench(on('2027-02-02', head));
    assert.match(feb[0]!.items[0]!.detail!, /已逾期 2 天/);
    assert.equal(feb[0]!.items[0]!.urgent, true);
    // 2025's is published: nothing in 2026; a 磁灶镇 clerk never sees the site's report.
    assert.deepEqual(await websiteReportWorkbench(on('2026-01-25', office)), []);
    assert.deepEqual(await websiteReportWorkbench(on('2027-02-02', staffActor('clerk', tree.cizao))), []);
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { staffActor } from '../../../test/harness/actors.js';
import type { Actor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { ImportRefused } from '../../platform/import/index.js';
import { notifications } from '../accounts/index.js';
import { media, mediaActivity, mediaFigures } from './index.js';

// jsqr is CommonJS whose function is also its `default`: typed as the default, called as the module.
const jsQR = jsqr as unknown as typeof jsqr.default;

// The 政务新媒体 registry, its QR codes, the 19号 rules and the figures (issue 16 §4–6), on both
// engines. The clock stands at 2026-03-02 09:00 in Beijing: "today" is 2026-03-02.

const csv = (lines: string[]) => Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
const HEADER =
  '主办单位,平台,账号名称,统计周期,日期或月份,发布数,转载数,收到留言,回复留言,粉丝数,阅读量,最近发布日期';

const account = (agencyId: string, fields: Record<string, unknown> = {}) => ({
  agencyId,
  platform: 'weibo',
  name: '晋江公安',
  accountRef: '2375086267',
  channels: ['comments', 'messages'],
  managerName: '陈志强',
  managerPhone: '13905951234',
  filingStatus: 'filed',
  filingNo: 'FJ-QZ-2019-0012',
  status: 'open',
  occurredOn: '2019-06-01',
  ...fields,
});

describeEachEngine('政务新媒体 registry, QR codes, the 2-week rule and figures', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let ctx: Ctx;
  let tree: JinjiangTree;
  const clock = new FixedClock('2026-03-02T01:00:00Z');
  const as = (actor: Actor) => testCtx(h, actor, clock);
  let policeClerk: Ctx;

  before(async () => {
    h = await openTestDatabase(engine);
    ctx = testCtx(h, undefined, clock);
    tree = await jinjiangTree(ctx);
    policeClerk = as(staffActor('clerk', tree.police, 'u-police'));
  });
  after(async () => h.cleanup());

  it('keeps one account per agency per platform, naming the one already there, until it is 注销', async () => {
    const weibo = await media.register(policeClerk, account(tree.police.id));
    const second = media.register(policeClerk, account(tree.police.id, { name: '晋江公安发布' }));
    await assert.rejects(second, (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.fields[0]!.field, 'platform');
      assert.match(e.message, /晋江市公安局在微博上已有账号“晋江公安”（已开设）/);
      return true;
    });
    // Another platform, or another agency on the same platform, is fine.
    await media.register(
      policeClerk,
      account(tree.police.id, { platform: 'douyin', name: '晋江公安', accountRef: 'jjga110' }),
    );
    // A clerk of 磁灶镇 registers for its own town only.
    const cizaoClerk = as(staffActor('clerk', tree.cizao));
    await assert.rejects(
      media.register(cizaoClerk, account(tree.police.id, { platform: 'toutiao' })),
      /您不能为该机构登记/,
    );
    await media.register(
      cizaoClerk,
      account(tree.cizao.id, { name: '磁灶发布', url: 'https://weibo.com/cizao' }),
    );
    // A bad field is named, in Chinese, and nothing is stored.
    await assert.rejects(
      media.register(
        cizaoClerk,
        account(tree.cizao.id, {
          platform: 'wechatSubscription',
          url: 'weixin.qq.com/x',
          occurredOn: '2026-02-30',
        }),
      ),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(e.fields.map((f) => f.field).sort(), ['occurredOn', 'url']);
        assert.match(e.message, /账号地址应以 http:\/\/ 或 https:\/\/ 开头/);
        return true;
      },
    );
    assert.equal((await media.listForStaff(cizaoClerk)).length, 1);
    // 关停 with its notice, then 注销: it leaves the matrix, stays in the registry, frees the platform.
    assert.ok((await media.matrix(ctx)).groups.some((g) => g.accounts.some((a) => a.id === weibo.id)));
    await media.addEvent(policeClerk, weibo.id, {
      kind: 'closeNotice',
      occurredOn: '2026-02-01',
      note: '已发布关停提示公告',
    });
    await assert.rejects(
      media.addEvent(policeClerk, weibo.id, { kind: 'open', occurredOn: '2026-02-02' }),
      /当前为“已关停/,
    );
    await media.addEvent(policeClerk, weibo.id, {
      kind: 'cancel',
      occurredOn: '2026-02-20',
      approvalNo: '晋政新〔2026〕3号',
    });
    const m = await media.matrix(ctx);
    assert.ok(!m.groups.some((g) => g.accounts.some((a) => a.id === weibo.id)));
    assert.equal(m.total, 2);
    const kept = (await media.listForStaff(policeClerk)).find((a) => a.id === weibo.id)!;
    assert.equal(kept.status, 'closed');
    assert.equal(kept.closedOn, '2026-02-20');
    const page = await media.accountPage(policeClerk, weibo.id);
    assert.deepEqual(
      page.events.map((e) => e.kind),
      ['open', 'closeNotice', 'cancel'],
    );
    const again = await media.register(policeClerk, account(tree.police.id, { name: '晋江公安发布' }));
    assert.equal(again.status, 'open');
  });

  it('counts 订阅号 and 服务号 as one platform, 微信公众号, naming the account already there', async () => {
    const wx = await media.register(
      policeClerk,
      account(tree.police.id, {
        platform: 'wechatSubscription',
        name: '晋江公安微讯',
        accountRef: 'gh_000000000001',
        occurredOn: '2026-02-25',
      }),
    );
    const refused = (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.fields[0]!.field, 'platform');
      assert.match(
        e.message,
        /晋江市公安局在微信公众号（订阅号、服务号）上已有账号“晋江公安微讯”（微信公众号，已开设）/,
      );
      return true;
    };
    await assert.rejects(
      media.register(
        policeClerk,
        account(tree.police.id, { platform: 'wechatService', name: '晋江公安服务', accountRef: 'gh_2' }),
      ),
      refused,
    );
    // Nor by correcting another account's platform to 服务号.
    const douyin = (await media.listForStaff(policeClerk)).find(
      (a) => a.platform === 'douyin' && a.agencyId === tree.police.id,
    )!;
    const edit = await media.editPage(policeClerk, douyin.id);
    await assert.rejects(
      media.update(policeClerk, douyin.id, { ...edit.values, platform: 'wechatService' }),
      refused,
    );
    // The 服务号 of another agency, and 视频号 (another platform) of the same one, are fine.
    await media.register(
      as(staffActor('clerk', tree.cizao)),
      account(tree.cizao.id, {
        platform: 'wechatService',
        name: '磁灶服务',
        accountRef: 'gh_3',
        occurredOn: '2026-02-25',
      }),
    );
    const row = await h.db
      .selectFrom('media_account')
      .select(['platform', 'platform_group'])
      .where('id', '=', wx.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { platform: 'wechatSubscription', platform_group: 'wechatOfficial' });
  });

  it('keeps the 负责人 encrypted, in full for the keepers and masked for readers', async () => {
    const row = await h.db
      .selectFrom('media_account')
      .selectAll()
      .where('name', '=', '磁灶发布')
      .executeTakeFirstOrThrow();
    assert.ok(row.manager_phone_enc && !row.manager_phone_enc.includes('13905951234'));
    const keeper = await media.accountPage(as(staffActor('clerk', tree.cizao)), row.id);
    assert.equal(keeper.view.managerPhone, '13905951234');
    const reader = await media.accountPage(as(staffActor('supervisor', tree.gov)), row.id);
    assert.equal(reader.view.managerPhone, '139****1234');
    assert.equal(reader.view.managerName, '陈＊＊');
    const audit = await h.db
      .selectFrom('audit_event')
      .select(['after_json'])
      .where('subject_id', '=', row.id)
      .execute();
    assert.ok(audit.length > 0 && audit.every((a) => !(a.after_json ?? '').includes('1390595')));
  });

  it('makes a QR code whose PNG decodes to the account’s address', async () => {
    const m = await media.matrix(ctx);
    const cizao = m.groups.flatMap((g) => g.accounts).find((a) => a.name === '磁灶发布')!;
    assert.match(cizao.qr!, /^<svg role="img" aria-label="[^"]*磁灶发布[^"]*"/);
    const decode = async (id: string) => {
      const png = PNG.sync.read(await media.qrCodePng(ctx, id));
      return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
    };
    assert.equal(await decode(cizao.id), 'https://weibo.com/cizao');
    // Only a UID: 微博's profile address made from it.
    const police = m.groups
      .flatMap((g) => g.accounts)
      .find((a) => a.agencyId === tree.police.id && a.platform === 'weibo')!;
    assert.equal(await decode(police.id), 'https://weibo.com/u/2375086267');
  });

  it('flags an open account 14 days without a post as 单项否决, warns at 10, not at 9', async () => {
    const edu = as(staffActor('clerk', tree.education));
    const open = async (platform: string, name: string, lastPost: string) => {
      const a = await media.register(
        edu,
        account(tree.education.id, { platform, name, accountRef: name, occurredOn: '2025-01-01' }),
      );
      await mediaActivity.recordActivity(edu, a.id, {
        period: 'day',
        periodValue: lastPost,
        posts: '2',
        reposts: '1',
        messagesReceived: '0',
        messagesAnswered: '0',
        reads: '300',
      });
      return a.id;
    };
    const d14 = await open('wechatSubscription', '晋江教育14', '2026-02-16');
    const d10 = await open('douyin', '晋江教育10', '2026-02-20');
    const d9 = await open('toutiao', '晋江教育9', '2026-02-21');
    const checks = new Map(
      (await mediaActivity.check(ctx, [tree.education.path])).map((c) => [c.account.id, c]),
    );
    assert.deepEqual([checks.get(d14)!.days, checks.get(d14)!.level], [14, 'veto']);
    assert.deepEqual([checks.get(d10)!.days, checks.get(d10)!.level], [10, 'warning']);
    assert.deepEqual([checks.get(d9)!.days, checks.get(d9)!.level], [9, 'ok']);
    // The daily job records the findings of the day; the 工作台 of the agency's clerk shows them.
    await mediaActivity.dailyCheck(ctx);
    const found = await h.db
      .selectFrom('media_finding')
      .select(['account_id', 'kind', 'measured'])
      .where('checked_on', '=', '2026-03-02')
      .execute();
    assert.deepEqual(
      found.filter((f) => f.account_id === d14 && f.kind === 'veto').map((f) => f.measured),
      [14],
    );
    assert.ok(found.some((f) => f.account_id === d10 && f.kind === 'warning'));
    assert.ok(!found.some((f) => f.account_id === d9 && (f.kind === 'veto' || f.kind === 'warning')));
    const [panel] = await mediaActivity.mediaWorkbench(edu);
    const line = (label: string) => panel!.items.find((i) => i.label === label)!.count;
    assert.equal(line('超期未更新（单项否决）'), 1);
    assert.equal(line('即将超期未更新'), 1);
    // The office head of the city hears of both on the 工作台, by name, with the days and what to do;
    // a clerk gets no agency notices (the panel's counts are theirs).
    const head = as(staffActor('officeHead', tree.gov, 'u-city-head'));
    const notices = async (who: Ctx = head) =>
      (await notifications.unreadForMe(who))
        .map((n) => n.message)
        .filter((m) => m.includes('晋江教育'))
        .sort();
    assert.deepEqual(await notices(), [
      '晋江市教育局的微信公众号“晋江教育14”已 14 天未发布信息（最近一次发布于 2026-02-16），达到 14 天，已构成“超期未更新（单项否决）”。请立即督促运维人员发布信息，并在后台“政务新媒体”中填报运营数据；账号确已停止使用的，请办理关停、注销。',
      '晋江市教育局的抖音“晋江教育10”已 10 天未发布信息（最近一次发布于 2026-02-20），即将超期未更新：满 14 天将被单项否决。请督促运维人员最迟于 2026-03-05 发布信息，并在后台“政务新媒体”中填报运营数据。',
    ]);
    assert.deepEqual(await notices(as(staffActor('clerk', tree.education, 'u-edu-clerk'))), []);
    // Once when an account reaches a line, not every day it stays there: a second run the same day
    // and the next day's run add only 晋江教育9, which reaches 10 days then.
    assert.match(await mediaActivity.dailyCheck(ctx), /发出提醒 0 条/);
    const tomorrow = testCtx(h, undefined, new FixedClock('2026-03-03T01:00:00Z'));
    await mediaActivity.dailyCheck(tomorrow);
    const later = await notices();
    assert.equal(later.length, 3);
    assert.ok(later.some((m) => m.startsWith('晋江市教育局的今日头条“晋江教育9”已 10 天未发布信息')));
    // A post entered today clears the veto; a clerk elsewhere has nothing of 教育局's on the 工作台.
    await mediaActivity.recordActivity(edu, d14, {
      period: 'day',
      periodValue: '2026-03-02',
      posts: '1',
      reposts: '0',
      messagesReceived: '3',
      messagesAnswered: '1',
      reads: '10',
    });
    const after = (await mediaActivity.check(ctx, [tree.education.path])).find((c) => c.account.id === d14)!;
    assert.deepEqual([after.days, after.level, after.unanswered], [0, 'ok', 2]);
    assert.ok(after.findings.includes('unanswered'));
    assert.deepEqual(await mediaActivity.mediaWorkbench(as(staffActor('clerk', tree.village))), []);
  });

  it('recomputes the last post from the activity kept: a day corrected to 0 posts flags the account again', async () => {
    const edu = as(staffActor('clerk', tree.education));
    const d10 = (await media.listForStaff(edu)).find((a) => a.name === '晋江教育10')!;
    const level = async () => {
      const c = (await mediaActivity.check(ctx, [tree.education.path])).find((x) => x.account.id === d10.id)!;
      return [c.days, c.level];
    };
    assert.deepEqual(await level(), [10, 'warning']);
    const day = (periodValue: string, posts: string) => ({
      period: 'day',
      periodValue,
      posts,
      reposts: '0',
      messagesReceived: '0',
      messagesAnswered: '0',
      reads: '0',
    });
    // A post entered on the wrong day, then corrected to 0: back to 2026-02-20.
    await mediaActivity.recordActivity(edu, d10.id, day('2026-03-01', '2'));
    assert.deepEqual(await level(), [1, 'ok']);
    await mediaActivity.recordActivity(edu, d10.id, day('2026-03-01', '0'));
    assert.deepEqual(await level(), [10, 'warning']);
    // The same through the import.
    const row = (posts: number) =>
      csv([HEADER, `晋江市教育局,抖音,晋江教育10,日,2026-02-28,${posts},0,0,0,,0,`]);
    await mediaActivity.importActivity(ctx, row(3));
    assert.deepEqual(await level(), [2, 'ok']);
    await mediaActivity.importActivity(ctx, row(0));
    assert.deepEqual(await level(), [10, 'warning']);
    // A month with posts tells its last post date, or it is refused, naming the field.
    await assert.rejects(
      mediaActivity.recordActivity(edu, d10.id, { ...day('2026-02', '5'), period: 'month' }),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(
          e.fields.map((f) => f.field),
          ['lastPostOn'],
        );
        assert.match(e.message, /请填写最近发布日期/);
        return true;
      },
    );
    await mediaActivity.recordActivity(edu, d10.id, {
      ...day('2026-02', '5'),
      period: 'month',
      lastPostOn: '2026-02-24',
    });
    assert.deepEqual(await level(), [6, 'ok']);
    // A month without posts needs no date; correcting the month to 0 brings the warning back.
    await mediaActivity.recordActivity(edu, d10.id, { ...day('2026-02', '0'), period: 'month' });
    assert.deepEqual(await level(), [10, 'warning']);
  });

  it('imports activity all or nothing, naming row and column, and counts the year’s figures', async () => {
    const bad = csv([
      HEADER,
      '晋江市教育局,微信公众号,晋江教育14,月,2025-11,30,12,5,5,12000,40000,2025-11-28',
      '晋江市教育局,抖音,晋江教育10,日,2025-13-01,1,0,0,0,,100,',
      '晋江市教育局,抖音,没有这个号,月,2025-11,1,0,0,0,,100,',
      '晋江市教育局,抖音,晋江教育10,月,2025-10,5,0,0,0,,100,',
    ]);
    await assert.rejects(mediaActivity.importActivity(ctx, bad), (e: unknown) => {
      assert.ok(e instanceof ImportRefused);
      assert.match(e.message, /第 3 行 第 E 列（日期或月份）：日期“2025-13-01”不是有效日期/);
      assert.match(e.message, /第 4 行 第 C 列（账号名称）：晋江市教育局在抖音上没有名为“没有这个号”的账号/);
      assert.match(
        e.message,
        /第 5 行 第 L 列（最近发布日期）：按月填报且本月发布数大于 0 时，请填写最近发布日期/,
      );
      return true;
    });
    const stored = await h.db
      .selectFrom('media_activity')
      .select('id')
      .where('period_start', '<', '2026-01-01')
      .execute();
    assert.equal(stored.length, 0);
    const good = csv([
      HEADER,
      '晋江市教育局,微信公众号,晋江教育14,月,2025-11,30,12,5,5,12000,40000,2025-11-28',
      '晋江市教育局,微信公众号,晋江教育14,月,2025-12,20,8,4,3,12500,30000,2025-12-30',
      // Days of a month entered as a month are not counted twice.
      '晋江市教育局,微信公众号,晋江教育14,日,2025/12/5,2,1,0,0,,500,',
      '晋江市教育局,抖音,晋江教育10,日,2025-12-06,3,2,1,1,800,900,',
    ]);
    assert.deepEqual(await mediaActivity.importActivity(ctx, good), { rows: 4, inserted: 4, updated: 0 });
    const f = await mediaFigures.figures(as(staffActor('officeHead', tree.gov)), 2025);
    const wx = f.accounts.find((a) => a.name === '晋江教育14')!;
    assert.deepEqual(
      [wx.posts, wx.reposts, wx.messagesAnswered, wx.followers, wx.reads],
      [50, 20, 8, 12500, 70000],
    );
    const edu = f.agencies.find((g) => g.agencyId === tree.education.id)!;
    assert.deepEqual([edu.posts, edu.reposts, edu.followers, edu.reads], [53, 22, 13300, 70900]);
    const facts = await mediaFigures.reportFacts(ctx, { agencyId: tree.gov.id, scope: 'tree', year: 2025 });
    assert.equal(facts.reposts, 22);
    assert.equal(facts.followers, 13300);
    // 2025: the accounts opened by then and not 注销 before it (the 注销 weibo was closed in 2026).
    assert.equal(facts.accounts, 7);
    assert.equal(
      (await mediaFigures.reportFacts(ctx, { agencyId: tree.education.id, scope: 'self', year: 2025 }))
        .accounts,
      3,
    );
    // The annual report asks the installed module for the same facts.
    const [contribution] = ctx.modules.extensions('reportContribution').filter((c) => c.name === 'media');
    const got = await contribution!.contribute(ctx, {
      agencyId: tree.gov.id,
      scope: 'tree',
      year: 2025,
      format: '2021',
    });
    assert.deepEqual(got.facts?.newMedia, facts);
    const { year, bytes: xlsx } = await mediaFigures.annualReportWorkbook(
      as(staffActor('officeHead', tree.gov)),
      '2025',
    );
    assert.equal(year, 2025);
    // Without a year: this year (the file is named by it).
    assert.equal(
      (await mediaFigures.annualReportWorkbook(as(staffActor('officeHead', tree.gov)), undefined)).year,
      2026,
    );
    const { Workbook } = (await import('exceljs')).default;
    const wb = new Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('政务新媒体')!;
    const note = String(sheet.getRow(2).getCell(1).value);
    assert.match(note, /按本单位的配置列出；报送前请对照上级下发的当年报表模板核对栏目/);
    assert.ok(!/[A-Z_]{4,}|未经核实/.test(note));
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), [
      '平台',
      '名称',
      '信息发布量',
      '关注量',
    ]);
    const rows = sheet
      .getSheetValues()
      .slice(4)
      .map((r) => (r as unknown[]).slice(1));
    assert.ok(
      rows.some((r) => r[0] === '微信公众号' && r[1] === '晋江教育14' && r[2] === 50 && r[3] === 12500),
    );
  });
});

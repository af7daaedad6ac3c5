import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { jinjiangCreditCodes, jinjiangTree } from '../../../test/harness/factories.js';
import { accounts } from '../accounts/index.js';
import { agencies, composeCreditCode, type Agency } from '../agencies/index.js';
import { documentNumberProblem, sanitizeBody } from './record.js';
import * as records from './record.service.js';
import { section2Documents } from './record.stats.js';

const fieldOf = (e: unknown) => (e instanceof ValidationError ? e.fields.map((f) => f.field) : []);

describeEachEngine('主动公开 records: metadata, 保密审查, publication and 索引号', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  /** The department publishing here, another one, and a village (which has no 统一社会信用代码). */
  let gov: Agency, dept: Agency, otherDept: Agency, village: Agency;
  const credit = jinjiangCreditCodes.education;
  before(async () => {
    h = await openTestDatabase(engine);
    ({
      gov,
      education: dept,
      police: otherDept,
      village,
    } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  const at = (iso: string, role: 'clerk' | 'reviewer' | 'officeHead' = 'clerk', agency?: Agency) =>
    testCtx(h, staffActor(role, agency ?? dept), new FixedClock(iso));
  const draft = (over: Record<string, unknown> = {}) => ({
    agencyId: dept.id,
    title: '晋江市教育局关于印发2020年义务教育招生工作方案的通知',
    documentNumber: '晋教〔2020〕12号',
    writtenDate: '2020-03-02',
    dateFormedOrChanged: '2020-03-02',
    subjectCategory: '科技、教育\\教育',
    genre: '通知',
    keywords: '招生 义务教育',
    body: '<p>各镇（街道）教育办：</p><p>现将方案印发给你们。</p>',
    ...over,
  });
  const throughApproval = async (iso: string, over: Record<string, unknown> = {}, agency = dept) => {
    const r = await records.createDraft(at(iso, 'clerk', agency), draft({ agencyId: agency.id, ...over }));
    await records.submitForReview(at(iso, 'clerk', agency), r.id);
    await records.review(at(iso, 'reviewer', agency), r.id, { result: 'passed' });
    await records.approve(at(iso, 'officeHead', agency), r.id);
    return r;
  };

  it('refuses a bad 文号 or date by naming the field, and stores nothing', async () => {
    const before = await h.db.selectFrom('record').select('id').execute();
    for (const [over, field, message] of [
      [{ documentNumber: '晋教[2020]12号' }, 'documentNumber', /晋教〔2020〕12号/],
      [{ documentNumber: '晋教〔2020〕012号' }, 'documentNumber', /不编虚位/],
      [{ documentNumber: '晋教〔2021〕3号' }, 'documentNumber', /晚于成文日期/],
      [{ title: '' }, 'title', /请填写标题/],
      [{ subjectCategory: '科技、教育\\学前教育' }, 'subjectCategory', /科技、教育\\教育/],
      [{ subjectCategory: '教育' }, 'subjectCategory', /综合政务\\政务公开/],
      [{ writtenDate: '2020-02-30' }, 'writtenDate', /成文日期/],
      [{ dateFormedOrChanged: '2020-04-01' }, 'dateFormedOrChanged', /不能晚于今天/],
    ] as const) {
      await assert.rejects(records.createDraft(at('2020-03-03T02:00:00Z'), draft(over)), (e) => {
        assert.deepEqual(fieldOf(e), [field]);
        assert.match((e as ValidationError).fields[0]!.message, message);
        return true;
      });
    }
    assert.equal((await h.db.selectFrom('record').select('id').execute()).length, before.length);
  });

  it('publishes nothing without 保密审查 and the office head’s approval', async () => {
    const r = await records.createDraft(at('2020-03-03T02:00:00Z'), draft());
    await assert.rejects(records.publish(at('2020-03-03T02:00:00Z'), r.id), ConflictError, 'a draft');
    await records.submitForReview(at('2020-03-03T02:00:00Z'), r.id);
    await assert.rejects(records.publish(at('2020-03-03T02:00:00Z'), r.id), ConflictError, 'in review');
    await assert.rejects(
      records.review(at('2020-03-03T02:00:00Z'), r.id, { result: 'passed' }),
      ForbiddenError,
      'a clerk is not a reviewer',
    );
    await assert.rejects(
      records.review(at('2020-03-03T02:00:00Z', 'reviewer'), r.id, { result: 'returned' }),
      (e) => fieldOf(e).includes('note'),
      'a return needs its reason',
    );
    await records.review(at('2020-03-03T02:00:00Z', 'reviewer'), r.id, {
      result: 'returned',
      note: '删去第三段',
    });
    await assert.rejects(records.approve(at('2020-03-03T02:00:00Z', 'officeHead'), r.id), ConflictError);
    await records.submitForReview(at('2020-03-03T02:00:00Z'), r.id);
    await records.review(at('2020-03-03T02:00:00Z', 'reviewer'), r.id, { result: 'passed' });
    await assert.rejects(records.publish(at('2020-03-03T02:00:00Z'), r.id), ConflictError, 'not approved');
    await assert.rejects(records.approve(at('2020-03-03T02:00:00Z'), r.id), ForbiddenError);
    await records.approve(at('2020-03-03T02:00:00Z', 'officeHead'), r.id);
    const p = await records.publish(at('2020-03-03T02:00:00Z'), r.id);
    assert.match(p.index_number!, new RegExp(`^${credit}/2020-\\d{5}$`));
    const { events } = await records.get(at('2020-03-03T02:00:00Z', 'reviewer'), r.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['drafted', 'submitted', 'reviewReturned', 'submitted', 'reviewPassed', 'approved', 'published'],
    );
    assert.equal(events[2]!.note, '删去第三段');
    await assert.rejects(records.get(at('2020-03-03T02:00:00Z', 'clerk', otherDept), r.id), ForbiddenError);
  });

  it('gives 100 simultaneous publications distinct, gapless 索引号 of the year of publication', async () => {
    const ids = [];
    for (let i = 0; i < 100; i++)
      ids.push((await throughApproval('2021-01-05T02:00:00Z', { title: `通知${i}` })).id);
    const published = await Promise.all(ids.map((id) => records.publish(at('2021-01-05T02:00:00Z'), id)));
    const serials = published.map((p) => Number(p.index_number!.split('-').at(-1))).sort((a, b) => a - b);
    assert.deepEqual(
      serials,
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    assert.ok(published.every((p) => p.index_number!.startsWith(`${credit}/2021-`)));
  });

  it('lets only one of two clerks publishing the same record at once take a 索引号', async () => {
    const r = await throughApproval('2021-02-01T02:00:00Z');
    const results = await Promise.allSettled([
      records.publish(at('2021-02-01T02:00:00Z'), r.id),
      records.publish(at('2021-02-01T02:00:00Z'), r.id),
    ]);
    assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
    const next = await throughApproval('2021-02-01T02:00:00Z');
    const p = await records.publish(at('2021-02-01T02:00:00Z'), next.id);
    assert.equal(p.index_number, `${credit}/2021-00102`, 'no serial was lost to the refused attempt');
  });

  it('publishes at the set Beijing time, once, even with two workers running the minute job', async () => {
    const r = await throughApproval('2021-06-01T01:00:00Z', { title: '关于端午节假期安排的通知' });
    const clerk = at('2021-06-01T01:00:00Z');
    await assert.rejects(
      records.schedule(clerk, r.id, { at: '2021-06-01 08:59' }),
      (e: unknown) => fieldOf(e).includes('at'),
      'a time already past (09:00 Beijing now) is refused',
    );
    await assert.rejects(records.schedule(clerk, r.id, { at: '2021/06/02 9点' }), (e: unknown) =>
      fieldOf(e).includes('at'),
    );
    const draftOnly = await records.createDraft(clerk, draft({ title: '未审核的信息' }));
    await assert.rejects(records.schedule(clerk, draftOnly.id, { at: '2021-06-02 10:00' }), ConflictError);
    const set = await records.schedule(clerk, r.id, { at: '2021-06-02 10:00' });
    assert.equal(set.scheduled_at, '2021-06-02T02:00:00.000Z');

    const system = (iso: string) => testCtx(h, systemActor('定时发布'), new FixedClock(iso));
    assert.equal(await records.publishDue(system('2021-06-02T01:59:00Z')), '定时发布 0 条');
    const results = await Promise.all([
      records.publishDue(system('2021-06-02T02:00:30Z')),
      records.publishDue(system('2021-06-02T02:00:30Z')),
    ]);
    assert.deepEqual(results.sort(), ['定时发布 0 条', '定时发布 1 条']);
    const { record, events } = await records.get(at('2021-06-02T03:00:00Z'), r.id);
    assert.equal(record.state, 'published');
    assert.equal(record.published_at, '2021-06-02T02:00:30.000Z');
    assert.equal(record.scheduled_at, null);
    assert.equal(events.filter((e) => e.type === 'published').length, 1);
    assert.deepEqual(events.map((e) => e.type).slice(-2), ['scheduled', 'published']);

    const later = await throughApproval('2021-06-01T01:00:00Z', { title: '另一条定时信息' });
    await records.schedule(clerk, later.id, { at: '2021-06-03 10:00' });
    await records.unschedule(clerk, later.id);
    assert.equal(
      await records.publishDue(system('2021-06-04T00:00:00Z')),
      '定时发布 0 条',
      'cancelled: stays approved',
    );
  });

  it('flags a publication later than 20 working days after formation, counted across the National Day holiday', async () => {
    // Formed 2020-09-25: 20 working days, with 10-01…10-08 off and 09-27/10-10 worked, end on 2020-10-29.
    const onTime = await throughApproval('2020-10-29T02:00:00Z', {
      dateFormedOrChanged: '2020-09-25',
      writtenDate: '2020-09-25',
    });
    const p1 = await records.publish(at('2020-10-29T02:00:00Z'), onTime.id);
    assert.equal(p1.publishDeadline, '2020-10-29');
    assert.equal(p1.late, false);
    const late = await throughApproval('2020-10-30T02:00:00Z', {
      dateFormedOrChanged: '2020-09-25',
      writtenDate: '2020-09-25',
    });
    const p2 = await records.publish(at('2020-10-30T02:00:00Z'), late.id);
    assert.equal(p2.late, true);
  });

  it('refuses to publish for an agency without a 统一社会信用代码, and loses no serial', async () => {
    const r = await throughApproval('2021-03-01T02:00:00Z', {}, village);
    await assert.rejects(records.publish(at('2021-03-01T02:00:00Z', 'clerk', village), r.id), (e) =>
      fieldOf(e).includes('agencyId'),
    );
    const row = await h.db
      .selectFrom('record')
      .select(['state', 'index_number'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'approved', index_number: null });
  });

  it('marks a published document repealed with its date, and refuses what makes no sense', async () => {
    const r = await throughApproval('2021-04-01T02:00:00Z', {
      writtenDate: '2021-03-30',
      dateFormedOrChanged: '2021-03-30',
    });
    const now = at('2021-06-01T02:00:00Z');
    await assert.rejects(
      records.changeValidity(now, r.id, { validity: 'repealed', date: '2021-06-01' }),
      ConflictError,
      'not yet published',
    );
    await records.publish(at('2021-04-01T02:00:00Z'), r.id);
    await assert.rejects(
      records.changeValidity(now, r.id, { validity: 'inForce', date: '2021-06-01' }),
      (e) => fieldOf(e).includes('validity'),
    );
    await assert.rejects(
      records.changeValidity(now, r.id, { validity: 'repealed', date: '2021-03-01' }),
      (e) => fieldOf(e).includes('date'),
    );
    await assert.rejects(
      records.changeValidity(now, r.id, { validity: 'repealed', date: '2021-06-02' }),
      (e) => fieldOf(e).includes('date'),
    );
    const repealed = await records.changeValidity(now, r.id, {
      validity: 'repealed',
      date: '2021-05-31',
      note: '被晋教〔2021〕20号废止',
    });
    assert.deepEqual([repealed.validity, repealed.validity_date], ['repealed', '2021-05-31']);
    const { events } = await records.get(now, r.id);
    assert.equal(events.at(-1)!.note, '废止（2021-05-31）：被晋教〔2021〕20号废止');
    const view = await records.publicView(now, r.id);
    assert.equal(view!.validity, 'repealed', 'a repealed document stays public, marked as such');
  });

  it('lists for staff only the records of their subtree, filtered in SQL', async () => {
    const mine = await records.createDraft(at('2021-07-01T02:00:00Z'), draft({ title: '教育局的草稿' }));
    const theirs = await records.createDraft(
      at('2021-07-01T02:00:00Z', 'clerk', otherDept),
      draft({ agencyId: otherDept.id, title: '公安局的草稿', documentNumber: null }),
    );
    const ids = async (ctx: ReturnType<typeof at>, state?: 'draft' | 'published') =>
      (await records.list(ctx, state ? { state } : {})).map((r) => r.id);
    const edu = await ids(at('2021-07-01T02:00:00Z'));
    assert.ok(edu.includes(mine.id) && !edu.includes(theirs.id));
    const police = await ids(at('2021-07-01T02:00:00Z', 'clerk', otherDept));
    assert.deepEqual(police, [theirs.id]);
    const city = await ids(testCtx(h, staffActor('supervisor', gov)));
    assert.ok(
      city.includes(mine.id) && city.includes(theirs.id),
      'the city’s supervisor sees the whole tree',
    );
    assert.ok(!(await ids(at('2021-07-01T02:00:00Z'), 'published')).includes(mine.id));
    const listed = (await records.list(at('2021-07-01T02:00:00Z'))).find((r) => r.id === mine.id)!;
    assert.deepEqual(
      { state: listed.state, agencyName: listed.agencyName, indexNumber: listed.indexNumber },
      { state: 'draft', agencyName: '晋江市教育局', indexNumber: null },
    );
    await assert.rejects(
      records.list(testCtx(h, { ...staffActor('clerk', dept), grants: [] })),
      ForbiddenError,
    );
  });

  it('offers on the record’s page exactly the steps the viewer may take now', async () => {
    const iso = '2021-07-02T02:00:00Z';
    const drafter = await accounts.create(testCtx(h, systemActor('测试')), {
      agencyId: dept.id,
      username: 'drafter',
      displayName: '起草人',
      password: 'Gongkai@2020',
      role: 'clerk',
    });
    const clerk = testCtx(h, staffActor('clerk', dept, drafter.id), new FixedClock(iso));
    const r = await records.createDraft(clerk, draft({ title: '页面上的办理按钮' }));
    const allowed = async (role: 'clerk' | 'reviewer' | 'officeHead' | 'supervisor' | 'admin', id?: string) =>
      (await records.recordPage(testCtx(h, staffActor(role, dept, id ?? null), new FixedClock(iso)), r.id))
        .allowed;
    assert.deepEqual((await records.recordPage(clerk, r.id)).allowed, ['submit', 'attach']);
    assert.deepEqual(await allowed('reviewer'), []);
    assert.deepEqual(await allowed('supervisor'), []);
    await records.submitForReview(clerk, r.id);
    assert.deepEqual(await allowed('clerk'), []);
    assert.deepEqual(await allowed('reviewer'), ['review']);
    assert.deepEqual(
      await allowed('admin', drafter.id),
      [],
      'the drafter is not offered the review, whatever their roles',
    );
    await records.review(at(iso, 'reviewer'), r.id, { result: 'passed' });
    assert.deepEqual(await allowed('officeHead'), ['approve']);
    await records.approve(at(iso, 'officeHead'), r.id);
    assert.deepEqual(await allowed('clerk'), ['publish', 'schedule']);
    await records.schedule(clerk, r.id, { at: '2021-07-03 10:00' });
    assert.deepEqual(await allowed('clerk'), ['publish', 'schedule', 'unschedule']);
    await records.publish(clerk, r.id);
    assert.deepEqual(await allowed('clerk'), ['changeValidity']);
    assert.deepEqual(await allowed('officeHead'), ['changeValidity', 'withdraw']);
    const page = await records.recordPage(clerk, r.id);
    assert.deepEqual(
      page.events.map((e) => e.type),
      ['drafted', 'submitted', 'reviewPassed', 'approved', 'scheduled', 'published'],
    );
    assert.equal(page.today, '2021-07-02');
    await assert.rejects(records.recordPage(at(iso, 'clerk', otherDept), r.id), ForbiddenError);
  });

  it('counts section 二’s 规章 and 规范性文件 rows, in both formats and for a subtree', async () => {
    const town = await agencies.create(testCtx(h, systemActor('测试')), {
      parentId: dept.id,
      name: '晋江市教育局直属单位',
      level: 'county',
      kind: 'other',
      creditCode: composeCreditCode('12', '350582', '00350003'),
    });
    const publishAt = async (iso: string, genre: string, written: string, agency = dept) => {
      const r = await throughApproval(
        iso,
        { genre, writtenDate: written, dateFormedOrChanged: written, documentNumber: null },
        agency,
      );
      await records.publish(at(iso, 'clerk', agency), r.id);
      return r;
    };
    // Made in 2020, published 2021-01-04: made in 2020, published in 2021.
    await publishAt('2021-01-04T02:00:00Z', '行政规范性文件', '2020-12-28');
    const repealed = await publishAt('2021-03-01T02:00:00Z', '行政规范性文件', '2021-02-20');
    await records.changeValidity(at('2021-09-01T02:00:00Z'), repealed.id, {
      validity: 'repealed',
      date: '2021-08-31',
    });
    await publishAt('2021-05-01T02:00:00Z', '规章', '2021-04-20');
    await publishAt('2021-05-01T02:00:00Z', '通知', '2021-04-20');
    await publishAt('2021-06-01T02:00:00Z', '规范性文件', '2021-05-20', town);
    const office = testCtx(h, staffActor('officeHead', gov));
    const self2021 = await section2Documents(office, {
      agencyId: dept.id,
      scope: 'self',
      year: 2021,
      format: '2021',
    });
    assert.deepEqual(self2021, {
      rules: { issued: 1, repealed: 0, inForce: 1 },
      normativeDocuments: { issued: 1, repealed: 1, inForce: 1 },
    });
    const tree2021 = await section2Documents(office, {
      agencyId: dept.id,
      scope: 'tree',
      year: 2021,
      format: '2021',
    });
    assert.deepEqual(tree2021.normativeDocuments, { issued: 2, repealed: 1, inForce: 2 });
    const self2020 = await section2Documents(office, {
      agencyId: dept.id,
      scope: 'self',
      year: 2020,
      format: '2019',
    });
    assert.deepEqual(self2020.normativeDocuments, { made: 1, published: 0, totalPublished: 0 });
    await assert.rejects(
      section2Documents(at('2021-06-01T02:00:00Z', 'clerk', town), {
        agencyId: dept.id,
        scope: 'tree',
        year: 2021,
        format: '2021',
      }),
      ForbiddenError,
    );
  });
});

it('文号 rules and body sanitizing', () => {
  assert.equal(documentNumberProblem('晋政文〔2020〕12号'), null);
  assert.equal(documentNumberProblem('国办公开办函〔2021〕30号'), null);
  assert.match(documentNumberProblem('晋政文(2020)12号')!, /晋政文〔2020〕12号/);
  assert.match(documentNumberProblem('晋政文【2020】12号')!, /六角括号/);
  assert.match(documentNumberProblem('二〇二〇年十二号')!, /机关代字〔年份〕序号号/);
  const clean = sanitizeBody(
    '<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p><table><tr><td colspan="2">表</td></tr></table>',
  );
  assert.doesNotMatch(clean, /script|onclick|javascript/);
  assert.match(clean, /<td colspan="2">表<\/td>/);
});

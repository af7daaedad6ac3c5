import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { application } from '../../../test/harness/requests.js';
import { anonymous, systemActor, type Actor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { staffActor } from '../../../test/harness/actors.js';
import { cases, requests } from './index.js';
import { receiptView } from './request.presenter.js';

/**
 * The 受理回执 and the applicant's lookup: the due date (暂定 when its year's 放假安排 is not
 * entered), the 受理编号 and 查询码 enough on their own, and errors that name the field.
 */
describeEachEngine('the receipt and the lookup', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h, systemActor('测试')));
  });
  after(async () => h.cleanup());

  const at = (day: string, actor: Actor = anonymous) => {
    const ctx = testCtx(h, actor);
    ctx.clock.set(`${day}T02:00:00Z`);
    return ctx;
  };
  const fieldsOf = (e: unknown) => (e instanceof ValidationError ? e.fields : []);

  it('gives the due date on the receipt and in the receipt letter, marked 暂定 in a provisional year', async () => {
    // Received Monday 21 December 2026: 20 working days run into 2027, whose notice is not entered;
    // 元旦 (Friday 1 January 2027) is skipped by law.
    const r = await requests.submitOnline(at('2026-12-21'), application(tree.gov.id));
    assert.equal(r.receivedOn, '2026-12-21');
    assert.equal(r.due, '2027-01-19');
    assert.equal(r.dueProvisional, true);
    const shown = receiptView(r);
    assert.equal(shown.dueText, '2027-01-19（暂定）');
    assert.equal(shown.acceptanceNumber, r.acceptanceNumber);
    assert.equal(shown.lookupCode, r.lookupCode);
    const letter = await h.db
      .selectFrom('request_letter')
      .select('body')
      .where('request_id', '=', r.id)
      .where('kind', '=', 'receipt')
      .executeTakeFirstOrThrow();
    assert.match(letter.body, /即2027年1月19日（暂定）前，予以答复/);
    assert.match(
      letter.body,
      /凭受理编号和提交申请时获得的查询码/,
      'the letter says how to look the case up',
    );
    assert.ok(!letter.body.includes(r.lookupCode), 'the 查询码 itself is never stored');
    const { page } = await requests.findForApplicant(at('2026-12-22'), {
      number: r.acceptanceNumber,
      lookupCode: r.lookupCode,
    });
    assert.equal(page.case.dueText, '2027-01-19（暂定）');
    const clerkPage = await cases.casePage(at('2026-12-22', staffActor('clerk', tree.gov)), r.id);
    assert.equal(clerkPage.deadline.provisional, true);
    assert.match(clerkPage.drafts.extension ?? '', /（暂定）/, 'the letters drafted on the case page too');
  });

  it('gives a firm due date when the year is official', async () => {
    const r = await requests.submitOnline(at('2026-03-02'), application(tree.gov.id));
    assert.equal(r.due, '2026-03-30');
    assert.equal(r.dueProvisional, false);
    assert.equal(receiptView(r).dueText, '2026-03-30');
  });

  it('opens a case with the 受理编号 and the 查询码 alone, in any agency, however the number is written', async () => {
    // Two agencies' first applications share the number 〔2026〕第0001号; the code tells them apart.
    const police = await requests.submitOnline(at('2026-03-02'), application(tree.police.id));
    const education = await requests.submitOnline(at('2026-03-02'), application(tree.education.id));
    assert.equal(police.acceptanceNumber, education.acceptanceNumber);
    for (const [r, agency] of [
      [police, tree.police],
      [education, tree.education],
    ] as const) {
      for (const number of [r.acceptanceNumber, '2026 1', '［2026］第1号', '2026-0001'])
        assert.equal(
          (await requests.findForApplicant(at('2026-03-03'), { number, lookupCode: r.lookupCode })).page.case
            .id,
          r.id,
          number,
        );
      const withAgency = await requests.findForApplicant(at('2026-03-03'), {
        agencyId: agency.id,
        number: r.acceptanceNumber,
        lookupCode: r.lookupCode.replace(/-/g, ' ').toLowerCase(),
      });
      assert.equal(withAgency.page.case.id, r.id);
    }
    await assert.rejects(
      requests.findForApplicant(at('2026-03-03'), {
        agencyId: tree.education.id,
        number: police.acceptanceNumber,
        lookupCode: police.lookupCode,
      }),
      NotFoundError,
      'an agency given must be the right one',
    );
  });

  it('names the missing or malformed field, in Chinese', async () => {
    const lookup = (input: Record<string, string>) => requests.findForApplicant(at('2026-03-03'), input);
    const both = await lookup({}).catch((e: unknown) => e);
    assert.deepEqual(
      fieldsOf(both).map((f) => f.field),
      ['number', 'lookupCode'],
    );
    assert.match(fieldsOf(both)[0]!.message, /^请填写受理编号/);
    assert.match(fieldsOf(both)[1]!.message, /^请填写查询码/);
    const noCode = await lookup({ number: '〔2026〕第0001号', lookupCode: '  ' }).catch((e: unknown) => e);
    assert.deepEqual(
      fieldsOf(noCode).map((f) => [f.field, f.message.slice(0, 6)]),
      [['lookupCode', '请填写查询码']],
    );
    const badNumber = await lookup({ number: '第一号', lookupCode: 'ABCD-EFGH-JK' }).catch((e: unknown) => e);
    assert.deepEqual(
      fieldsOf(badNumber).map((f) => f.field),
      ['number'],
    );
    assert.match(fieldsOf(badNumber)[0]!.message, /受理编号格式不正确/);
    const badCode = await lookup({ number: '2026 1', lookupCode: 'ABCD-EFGH-J0' }).catch((e: unknown) => e);
    assert.deepEqual(
      fieldsOf(badCode).map((f) => f.field),
      ['lookupCode'],
    );
    assert.match(fieldsOf(badCode)[0]!.message, /查询码格式不正确/);
  });

  it('does not tell whether a 受理编号 exists to someone without its 查询码', async () => {
    const r = await requests.submitOnline(at('2026-03-04'), application(tree.gov.id));
    const message = async (number: string) =>
      requests.findForApplicant(at('2026-03-05'), { number, lookupCode: 'AAAA-BBBB-CC' }).then(
        () => 'opened',
        (e: unknown) => (e instanceof NotFoundError ? e.message : String(e)),
      );
    const existing = await message(r.acceptanceNumber);
    const missing = await message('〔2026〕第9999号');
    assert.equal(existing, missing);
    assert.match(existing, /受理编号与查询码不相符/);
  });
});

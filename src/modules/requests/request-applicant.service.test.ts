import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { aRequest, jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { anonymous, systemActor, withProofs } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError } from '../../platform/errors.js';
import { cases, requests } from './index.js';

describeEachEngine('the applicant as an actor: a case opens only to who proved it', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  let mine: Awaited<ReturnType<typeof aRequest>>;
  let theirs: Awaited<ReturnType<typeof aRequest>>;
  let letterOfMine: string;
  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h, systemActor('测试')));
    mine = await aRequest(testCtx(h, anonymous), tree.police);
    theirs = await aRequest(testCtx(h, anonymous), tree.police, { applicantName: '李四' });
    await cases.requestSupplement(testCtx(h, staffActor('clerk', tree.police)), mine.id, {
      date: '2026-03-02',
      supplementDueDate: '2026-03-16',
      letter: '请补正',
    });
    const page = await cases.casePage(testCtx(h, staffActor('clerk', tree.police)), mine.id);
    letterOfMine = page.letters.find((l) => l.kind === 'supplement')!.id;
  });
  after(async () => h.cleanup());

  const as = (proofs: string[]) => testCtx(h, withProofs(anonymous, proofs));
  const proven = () => as([requests.proofOf(mine)]);

  it('refuses an anonymous actor without the proof, whatever id it names', async () => {
    await assert.rejects(cases.applicantCasePage(testCtx(h, anonymous), mine.id), ForbiddenError);
    await assert.rejects(
      cases.supplementByApplicant(testCtx(h, anonymous), mine.id, { text: '所需为 2025 年的验收文件' }),
      ForbiddenError,
    );
    assert.equal(await cases.applicantLetter(testCtx(h, anonymous), letterOfMine), null);
    assert.equal(await cases.applicantCasePage(testCtx(h, anonymous)), null, 'nothing proven, nothing shown');
  });

  it('refuses the proof of one case for another', async () => {
    const other = as([requests.proofOf(theirs)]);
    await assert.rejects(cases.applicantCasePage(other, mine.id), ForbiddenError);
    await assert.rejects(
      cases.supplementByApplicant(other, mine.id, { text: '所需为 2025 年的验收文件' }),
      ForbiddenError,
    );
    await assert.rejects(cases.applicantLetter(other, letterOfMine), ForbiddenError);
    assert.equal((await cases.applicantCasePage(other))!.case.id, theirs.id, 'their own opens');
  });

  it('with the proof: sees the case masked, downloads its letters, sends the 补正', async () => {
    const page = (await cases.applicantCasePage(proven(), mine.id))!;
    assert.equal(page.case.acceptanceNumber, mine.acceptanceNumber);
    assert.equal(page.case.idNumber, '1101**********002X');
    assert.equal(page.case.stateLabel, '等待补正');
    assert.equal(page.canSupplement, true);
    assert.deepEqual(
      page.letters.map((l) => l.kind),
      ['receipt', 'supplement'],
    );
    assert.equal((await cases.applicantCasePage(proven()))!.case.id, mine.id, 'the last proven case');
    const letter = await cases.applicantLetter(proven(), letterOfMine);
    assert.equal(letter?.title, '政府信息公开申请补正告知书');
    assert.ok(letter!.docx.length > 1000);
    const after = await cases.supplementByApplicant(proven(), undefined, {
      text: '所需为 2025 年的验收文件',
    });
    assert.equal(after?.state, 'open');
  });

  it('the lookup gives the proof only for the right 查询码', async () => {
    const opened = await requests.findForApplicant(testCtx(h, anonymous), {
      agencyId: tree.police.id,
      number: theirs.acceptanceNumber,
      lookupCode: theirs.lookupCode,
    });
    assert.equal(opened.proof, requests.proofOf(theirs));
    assert.equal(opened.page.case.applicantName, '李四');
  });
});

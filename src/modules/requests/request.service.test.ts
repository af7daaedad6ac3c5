import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { application } from '../../../test/harness/requests.js';
import { anonymous, systemActor } from '../../platform/access.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import type { Agency } from '../agencies/index.js';
import * as requests from './request.service.js';

describeEachEngine('applications: intake and 受理编号', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, police: Agency, education: Agency, village: Agency;
  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, police, education, village } = await jinjiangTree(testCtx(h, systemActor('测试'))));
  });
  after(async () => h.cleanup());

  it('gives an online application a 受理编号 and a lookup code, and keeps personal data encrypted', async () => {
    const r = await requests.submitOnline(testCtx(h, anonymous), application(gov.id));
    assert.equal(r.acceptanceNumber, '〔2026〕第0001号');
    assert.equal(r.receivedOn, '2026-03-02');
    assert.match(r.lookupCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    const row = await h.db.selectFrom('request').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    for (const secret of ['11010519491231002X', '13800595678', '某路 1 号'])
      assert.ok(!stored.includes(secret), `${secret} is not stored in the clear`);
    const audit = await h.db.selectFrom('audit_event').selectAll().where('subject_id', '=', r.id).execute();
    assert.ok(!JSON.stringify(audit).includes('1101051949'), 'no personal data in the audit log');
    const { page: seen } = await requests.findForApplicant(testCtx(h, anonymous), {
      agencyId: gov.id,
      number: r.acceptanceNumber,
      lookupCode: r.lookupCode.toLowerCase(),
    });
    assert.equal(seen.case.idNumber, '1101**********002X');
    assert.equal(seen.case.phone, '138****5678');
    await assert.rejects(
      requests.findForApplicant(testCtx(h, anonymous), {
        agencyId: gov.id,
        number: r.acceptanceNumber,
        lookupCode: 'AAAA-BBBB-CC',
      }),
      NotFoundError,
    );
  });

  it('refuses a bad 身份证号 naming the position, and keeps nothing', async () => {
    const before = await h.db
      .selectFrom('request')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      requests.submitOnline(testCtx(h, anonymous), application(gov.id, { idNumber: '110105194912310021' })),
      (e: unknown) =>
        e instanceof ValidationError && e.fields[0]!.field === 'idNumber' && /第 18 位/.test(e.message),
    );
    await assert.rejects(
      requests.submitOnline(
        testCtx(h, anonymous),
        application(gov.id, { deliveryMethod: 'mail', address: '' }),
      ),
      /请填写通讯地址/,
    );
    await assert.rejects(
      requests.submitOnline(testCtx(h, anonymous), application(village.id)),
      /不是政府信息公开申请的受理机关/,
    );
    const afterCount = await h.db
      .selectFrom('request')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(afterCount.n, before.n);
  });

  it('lets a clerk of the agency register a posted application with its day of receipt; others may not', async () => {
    const clerk = testCtx(h, staffActor('clerk', police));
    const r = await requests.registerByClerk(
      clerk,
      application(police.id, { submissionChannel: 'registeredMail', receivedOn: '2026-02-27' }),
    );
    assert.equal(r.acceptanceNumber, '〔2026〕第0001号', 'numbered per agency');
    await assert.rejects(
      requests.registerByClerk(
        testCtx(h, staffActor('clerk', village)),
        application(police.id, { submissionChannel: 'inPerson', receivedOn: '2026-03-02' }),
      ),
      ForbiddenError,
    );
    await assert.rejects(
      requests.registerByClerk(
        clerk,
        application(police.id, { submissionChannel: 'inPerson', receivedOn: '2026-03-03' }),
      ),
      /不能晚于今天/,
    );
  });

  it('numbers 200 simultaneous online applications 1…200 without gaps or duplicates', async () => {
    const dept = education;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        requests.submitOnline(testCtx(h, anonymous), application(dept.id, { applicantName: `申请人${i}` })),
      ),
    );
    const seqs = results.map((r) => Number(/第(\d+)号/.exec(r.acceptanceNumber)![1])).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    const rows = await h.db.selectFrom('request').select('seq').where('agency_id', '=', dept.id).execute();
    assert.equal(new Set(rows.map((r) => r.seq)).size, 200);
  });
});

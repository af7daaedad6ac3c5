import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import {
  describeEachEngine,
  openTestDatabase,
  testCtx,
  testInstallation,
} from '../../../../test/harness/engines.js';
import { jinjiangTree } from '../../../../test/harness/factories.js';
import { systemActor } from '../../../platform/access.js';
import { migrateToLatest, type DatabaseHandle } from '../../../platform/db/database.js';
import { down, up } from './0020-request-glossary-names.js';

const NAME = '0020-request-glossary-names';

describeEachEngine('migration 0020: the glossary names in stored applications', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let agencyId: string;
  before(async () => {
    const before = Object.fromEntries(
      Object.entries(testInstallation.migrations).filter(([n]) => n !== NAME),
    );
    h = await openTestDatabase(engine, { installation: { ...testInstallation, migrations: before } });
    agencyId = (await jinjiangTree(testCtx(h, systemActor('测试')))).police.id;
    // An application as the code before 0020 stored it, with a step of each renamed kind.
    await sql`insert into request (id, agency_id, year, seq, acceptance_number, channel, applicant_type,
        applicant_name, id_type, id_number_enc, id_number_index, phone_enc, description, provision_form,
        delivery_method, received_on, submitted_at, lookup_hash, created_at, updated_at)
      values ('r1', ${agencyId}, 2026, 1, '〔2026〕第0001号', 'inPerson', 'naturalPerson', '张三',
        'residentIdCard', 'x', 'x', 'x', '道路工程文件', 'paper', 'mail', '2026-03-02',
        '2026-03-02T01:00:00Z', 'x', '2026-03-02T01:00:00Z', '2026-03-02T01:00:00Z')`.execute(h.db);
    const events: Array<[string, string, string, unknown]> = [
      ['e1', 'supplementRequested', '2026-03-03', { deadline: '2026-03-17' }],
      ['e2', 'supplemented', '2026-03-04', { text: '补正内容', channel: 'online' }],
      ['e3', 'consultationStarted', '2026-03-05', { party: 'thirdParty' }],
      ['e4', 'consultationEnded', '2026-03-06', null],
      ['e5', 'consultationStarted', '2026-03-09', { party: 'coMaker' }],
      ['e6', 'feeNoticeReceived', '2026-03-10', { method: 'perPage', quantity: 40, fee: { total: 100 } }],
      ['e7', 'feePaid', '2026-03-11', null],
    ];
    for (const [id, type, on, data] of events)
      await sql`insert into request_event (id, request_id, agency_id, type, occurred_on, at, data_json)
        values (${id}, 'r1', ${agencyId}, ${type}, ${on}, ${`${on}T01:00:00Z`},
                ${data === null ? null : JSON.stringify(data)})`.execute(h.db);
    const letters: Array<[string, string, string]> = [
      ['l1', 'consultation', '2026-03-05'],
      ['l2', 'consultation', '2026-03-09'],
      ['l3', 'fee', '2026-03-10'],
      ['l4', 'reply', '2026-03-12'],
    ];
    for (const [id, kind, on] of letters)
      await sql`insert into request_letter (id, request_id, agency_id, kind, title, body, issued_on, created_at)
        values (${id}, 'r1', ${agencyId}, ${kind}, '原标题', '原文', ${on}, ${`${on}T01:00:00Z`})`.execute(
        h.db,
      );
    await migrateToLatest(h.db, testInstallation.migrations);
  });
  after(async () => h.cleanup());

  const stored = async () => ({
    request: (await sql<Record<string, unknown>>`select * from request where id = 'r1'`.execute(h.db))
      .rows[0]!,
    events: Object.fromEntries(
      (
        await sql<{ id: string; type: string; data_json: string | null }>`
          select id, type, data_json from request_event where request_id = 'r1'`.execute(h.db)
      ).rows.map((e) => [e.id, { type: e.type, data: e.data_json && JSON.parse(e.data_json) }]),
    ),
    letters: Object.fromEntries(
      (
        await sql<{ id: string; kind: string; title: string }>`
          select id, kind, title from request_letter where request_id = 'r1'`.execute(h.db)
      ).rows.map((l) => [l.id, `${l.kind}:${l.title}`]),
    ),
  });

  it('renames the columns, the event types and keys, and the letter kinds; keeps letters as sent', async () => {
    const s = await stored();
    assert.equal(s.request.submission_channel, 'inPerson');
    assert.equal(s.request.delivery_format, 'paper');
    assert.ok(!('channel' in s.request) && !('provision_form' in s.request));
    assert.deepEqual(s.events, {
      e1: { type: 'supplementRequested', data: { supplementDueDate: '2026-03-17' } },
      e2: { type: 'supplemented', data: { text: '补正内容', submissionChannel: 'online' } },
      e3: { type: 'consultationStarted', data: { kind: 'thirdPartyConsultation' } },
      e4: { type: 'consultationEnded', data: null },
      e5: { type: 'consultationStarted', data: { kind: 'agencyConsultation' } },
      e6: {
        type: 'processingFeeNoticeReceived',
        data: { method: 'perPage', quantity: 40, processingFee: { total: 100 } },
      },
      e7: { type: 'processingFeePaid', data: null },
    });
    assert.deepEqual(s.letters, {
      l1: 'thirdPartyConsultation:原标题',
      l2: 'agencyConsultation:原标题',
      l3: 'processingFee:原标题',
      l4: 'reply:原标题',
    });
  });

  it('goes back down and up again to the same data', async () => {
    const migrated = await stored();
    await down(h.db as unknown as Kysely<unknown>);
    const old = await stored();
    assert.equal(old.request.channel, 'inPerson');
    assert.equal(old.request.provision_form, 'paper');
    assert.deepEqual(old.events.e1!.data, { deadline: '2026-03-17' });
    assert.deepEqual(old.events.e5!.data, { party: 'coMaker' });
    assert.equal(old.events.e6!.type, 'feeNoticeReceived');
    assert.deepEqual(old.events.e6!.data.fee, { total: 100 });
    assert.equal(old.letters.l2, 'consultation:原标题');
    await up(h.db as unknown as Kysely<unknown>);
    assert.deepEqual(await stored(), migrated);
  });
});

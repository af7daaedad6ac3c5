import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql, type SqlBool } from 'kysely';
import { describeEachEngine, openTestDatabase, testCtx } from '../../test/harness/engines.js';
import { systemActor } from './access.js';
import { countAuditEvents, findAuditEvents, recordAudit, type AuditQuery } from './audit.js';
import { inTransaction } from './context.js';
import type { DatabaseHandle } from './db/database.js';

// The platform knows no agency tree: these tests scope with plain conditions on agency_id, as a
// module's helper (agencies' withinSubtrees) would build them.
const inAgencies = (...ids: string[]) =>
  sql<SqlBool>`audit_event.agency_id in (${sql.join(ids.map((id) => sql`${id}`))})`;
const everything = sql<SqlBool>`1 = 1`;

describeEachEngine('the audit log', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  const ctx = () => testCtx(h);

  before(async () => {
    h = await openTestDatabase(engine);
    const write = async (at: string, label: string, agencyId: string | null, action: string, extra = {}) => {
      const c = testCtx(h, { ...systemActor('测试'), label });
      c.clock.set(at);
      await inTransaction(c, (tx) =>
        recordAudit(tx, { action, subjectType: 'thing', subjectId: `s-${action}`, agencyId, ...extra }),
      );
    };
    await write('2026-01-01T00:00:00Z', '张三（zhangsan）', 'a', 'thing.create', { after: { n: 1 } });
    await write('2026-01-02T00:00:00Z', '李四（lisi）', 'b', 'thing.update', {
      before: { n: 1 },
      after: { n: 2 },
    });
    await write('2026-01-03T00:00:00Z', '王_五（wang%）', 'c', 'thing.update');
    await write('2026-01-04T00:00:00Z', '系统：日历', null, 'thing.calendar');
  });
  after(async () => h.cleanup());

  const query = (q: Partial<AuditQuery> = {}): AuditQuery => ({
    agencyScope: everything,
    withoutAgency: false,
    ...q,
  });

  it('reads the events the caller’s scope allows, newest first, with their snapshots', async () => {
    const q = query({ agencyScope: inAgencies('a', 'b') });
    assert.equal(await countAuditEvents(ctx(), q), 2);
    const events = await findAuditEvents(ctx(), q, { limit: 10, offset: 0 });
    assert.deepEqual(
      events.map((e) => [e.action, e.agencyId, e.actorLabel]),
      [
        ['thing.update', 'b', '李四（lisi）'],
        ['thing.create', 'a', '张三（zhangsan）'],
      ],
    );
    assert.deepEqual(events[0]!.before, { n: 1 });
    assert.deepEqual(events[0]!.after, { n: 2 });
    assert.equal(events[1]!.before, null);
    assert.equal(events[0]!.at, '2026-01-02T00:00:00.000Z');
  });

  it('adds the events of no agency only when asked', async () => {
    const scoped = query({ agencyScope: inAgencies('a') });
    assert.equal(await countAuditEvents(ctx(), scoped), 1);
    const withSystem = await findAuditEvents(
      ctx(),
      { ...scoped, withoutAgency: true },
      { limit: 10, offset: 0 },
    );
    assert.deepEqual(
      withSystem.map((e) => e.action),
      ['thing.calendar', 'thing.create'],
    );
  });

  it('filters by action, subject and a half-open span of instants', async () => {
    assert.equal(await countAuditEvents(ctx(), query({ action: 'thing.update' })), 2);
    assert.equal(await countAuditEvents(ctx(), query({ subjectId: 's-thing.create' })), 1);
    const span = query({ from: '2026-01-02T00:00:00.000Z', until: '2026-01-04T00:00:00.000Z' });
    assert.deepEqual(
      (await findAuditEvents(ctx(), span, { limit: 10, offset: 0 })).map((e) => e.actorLabel),
      ['王_五（wang%）', '李四（lisi）'],
    );
  });

  it('matches the operator literally and without regard to case', async () => {
    assert.equal(await countAuditEvents(ctx(), query({ actorContains: '（LISI）' })), 1);
    assert.equal(await countAuditEvents(ctx(), query({ actorContains: '_' })), 1, '_ is not a wildcard');
    assert.equal(await countAuditEvents(ctx(), query({ actorContains: '%' })), 1, '% is not a wildcard');
  });

  it('pages through the events', async () => {
    const page2 = await findAuditEvents(ctx(), query({ withoutAgency: true }), { limit: 2, offset: 2 });
    assert.deepEqual(
      page2.map((e) => e.action),
      ['thing.update', 'thing.create'],
    );
  });
});

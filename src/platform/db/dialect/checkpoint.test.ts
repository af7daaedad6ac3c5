import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine, openTestDatabase } from '../../../../test/harness/engines.js';
import type { DatabaseHandle, Executor } from '../database.js';
import { checkpointAfterCommit } from './sqlite.js';

// A large write's checkpoint is left to a thread after the commit (ADR 0014): on SQLite the WAL
// reaches the database file without the connection doing it, and the connection's own
// checkpoints resume; on PostgreSQL the server's checkpointer does it and there is nothing to do.

const ROWS = 4000;
const payload = 'x'.repeat(4000);

describeEachEngine('the checkpoint after a large commit', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  before(async () => {
    h = await openTestDatabase(engine);
    await sql`create table bulk_probe (id integer primary key, body text not null)`.execute(h.db);
  });
  after(async () => h.cleanup());

  const file = () => h.url.slice('sqlite:'.length);
  const autocheckpoint = async (db: Executor = h.db) =>
    Number(
      (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]!
        .wal_autocheckpoint,
    );

  it('copies a committed write into the database file from a thread, then checkpoints as before', async () => {
    const before = engine === 'sqlite' ? statSync(file()).size : 0;
    let done: Promise<void> = Promise.resolve();
    await h.db.transaction().execute(async (tx) => {
      for (let i = 0; i < ROWS; i += 500)
        await sql`insert into bulk_probe (id, body) values ${sql.join(
          Array.from({ length: 500 }, (_, k) => sql`(${i + k}, ${payload})`),
        )}`.execute(tx);
      done = (await checkpointAfterCommit(tx)).done;
      if (engine === 'sqlite') assert.equal(await autocheckpoint(tx), 0, 'no checkpoint inside the commit');
    });
    await done;
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from bulk_probe`.execute(h.db);
    assert.equal(Number(rows[0]!.n), ROWS);
    if (engine === 'sqlite') {
      assert.equal(await autocheckpoint(), 1000, 'the connection checkpoints by itself again');
      // 16 MB written: in the file itself now, not only in the WAL.
      assert.ok(statSync(file()).size - before > ROWS * payload.length, 'the WAL was copied into the file');
    }
  });

  it('resumes the connection’s own checkpoints after a transaction that rolled back', async () => {
    let done: Promise<void> = Promise.resolve();
    await assert.rejects(
      h.db.transaction().execute(async (tx) => {
        await sql`insert into bulk_probe (id, body) values (${ROWS + 1}, ${payload})`.execute(tx);
        done = (await checkpointAfterCommit(tx)).done;
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await done;
    if (engine === 'sqlite') assert.equal(await autocheckpoint(), 1000);
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from bulk_probe`.execute(h.db);
    assert.equal(Number(rows[0]!.n), ROWS);
  });
});

/**
 * The crash test of issue 12: citizens apply concurrently through the real server, the server is
 * killed with SIGKILL while applications are being committed, restarted on the same database,
 * and then every application whose receipt came back is there and opens with its 受理编号 and
 * 查询码, and the numbers are exactly 1…n: no duplicate, no gap.
 *
 * "No gap" is what the numbering promises (src/platform/db/sequence.ts): the serial is taken in
 * the application's own transaction, so a transaction the crash cut short gives its number back
 * with its row. After a crash the counter therefore equals the number of applications stored, and
 * the stored numbers are 1…counter. An application stored whose reply never left the server
 * (killed between commit and reply) is counted and reported, not a failure: the applicant was
 * told nothing, and the lost-receipt door gives the number again.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { openDatabase } from '../../src/platform/db/database.js';
import type { Engine } from '../../src/platform/db/database.js';
import { describeEachEngine, freshDatabaseUrl } from '../harness/engines.js';
import { application } from '../harness/requests.js';
import { Browser, seedDemo, startServer, type ServerProcess } from './server-process.js';

/** Rounds of apply → kill -9 → restart on one database, each checked on the whole table. */
const ROUNDS = 3;
/** Applications started per round at most; the kill comes once half of them were acknowledged. */
const PER_ROUND = 200;
const CONCURRENCY = 30;
/** After the last restart, applications that must be numbered straight on. */
const AFTER_RESTART = 10;
const serverEnv = { PUBLIC_FORM_RATE_LIMIT: '10000' };

interface Acknowledged {
  acceptanceNumber: string;
  lookupCode: string;
}

interface Numbering {
  rows: number;
  counter: number;
  duplicates: string[];
  gaps: number[];
}

/** One citizen: opens the form, sends it, and keeps the receipt the reply hands over. */
async function applyOnce(base: string, agencyId: string, n: number): Promise<Acknowledged> {
  const citizen = new Browser(base);
  const form = await citizen.get('/apply');
  if (form.status !== 200) throw new Error(`GET /apply: ${form.status}`);
  const res = await citizen.post('/apply', {
    _csrf: Browser.csrfOf(form.body),
    ...application(agencyId, { description: `崩溃测试第 ${n} 件：本镇道路改造工程的立项批复文件` }),
  });
  if (res.status !== 303) throw new Error(`POST /apply: ${res.status} ${res.body.slice(0, 300)}`);
  const receipt = citizen.signedCookie('gk_receipt');
  if (!receipt) throw new Error('POST /apply: 303 without the receipt');
  const { acceptanceNumber, lookupCode } = JSON.parse(receipt) as Acknowledged;
  return { acceptanceNumber, lookupCode };
}

/** The applicant opens the case with the two, as the receipt tells them to. */
async function opens(base: string, a: Acknowledged): Promise<boolean> {
  const citizen = new Browser(base);
  const page = await citizen.get('/cases');
  const res = await citizen.post('/cases', {
    _csrf: Browser.csrfOf(page.body),
    number: a.acceptanceNumber,
    lookupCode: a.lookupCode,
  });
  return res.status === 200 && res.body.includes(a.acceptanceNumber);
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

describeEachEngine('kill -9 during concurrent applications', (engine: Engine) => {
  const { url, cleanup } = freshDatabaseUrl(engine);
  let server: ServerProcess | undefined;
  let agencyId = '';

  /** The agency's stored numbers, read from the database itself. */
  const numbering = async (): Promise<Numbering & { numbers: Set<string> }> => {
    const handle = await openDatabase(url);
    try {
      const rows = await handle.db
        .selectFrom('request')
        .select(['year', 'seq', 'acceptance_number'])
        .where('agency_id', '=', agencyId)
        .execute();
      const counters = await handle.db
        .selectFrom('request_sequence')
        .select(['year', 'last_value'])
        .where('agency_id', '=', agencyId)
        .execute();
      const seen = new Map<string, number>();
      for (const r of rows) seen.set(r.acceptance_number, (seen.get(r.acceptance_number) ?? 0) + 1);
      const gaps: number[] = [];
      let counter = 0;
      for (const c of counters) {
        const last = Number(c.last_value);
        counter += last;
        const seqs = new Set(rows.filter((r) => Number(r.year) === Number(c.year)).map((r) => Number(r.seq)));
        for (let s = 1; s <= last; s++) if (!seqs.has(s)) gaps.push(s);
        for (const s of seqs) if (s > last || s < 1) gaps.push(s);
      }
      return {
        rows: rows.length,
        counter,
        duplicates: [...seen].filter(([, n]) => n > 1).map(([k]) => k),
        gaps,
        numbers: new Set(seen.keys()),
      };
    } finally {
      await handle.close();
    }
  };

  before(async () => {
    await seedDemo(url);
    const handle = await openDatabase(url);
    try {
      agencyId = (
        await handle.db
          .selectFrom('agency')
          .select('id')
          .where('short_name', '=', '磁灶镇')
          .executeTakeFirstOrThrow()
      ).id;
    } finally {
      await handle.close();
    }
  });
  after(async () => {
    await server?.kill9();
    await cleanup();
  });

  it(
    'loses no acknowledged application and leaves no duplicate or gap in the 受理编号',
    { timeout: 240_000 },
    async (t) => {
      const started = Date.now();
      server = await startServer(url, serverEnv);
      const acknowledged: Acknowledged[] = [];
      let n = 0;
      let previous = await numbering();
      for (let round = 1; round <= ROUNDS; round++) {
        const roundStart = Date.now();
        const s: ServerProcess = server;
        const acked: Acknowledged[] = [];
        const errors: string[] = [];
        let killed = false;
        let cut = 0;
        let sent = 0;
        let killAfterMs = 0;
        const killAt = PER_ROUND / 2;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (!killed && sent < PER_ROUND) {
              sent++;
              try {
                // A reply that came back is an acknowledgement, even if it came after the kill.
                acked.push(await applyOnce(s.base, agencyId, ++n));
                if (!killed && acked.length >= killAt) {
                  killed = true;
                  killAfterMs = Date.now() - roundStart;
                  s.child.kill('SIGKILL');
                }
              } catch (e) {
                if (killed) cut++;
                else errors.push(String((e as Error).cause ?? e));
              }
            }
          }),
        );
        await s.kill9();
        assert.deepEqual(errors, [], `round ${round}: applications failed before the kill\n${s.output()}`);
        assert.ok(killed, `round ${round}: the server was never killed (${acked.length} acknowledged)`);

        const restartStart = Date.now();
        server = await startServer(url, serverEnv);
        const restartMs = Date.now() - restartStart;
        acknowledged.push(...acked);

        const now = await numbering();
        const missing = acknowledged.filter((a) => !now.numbers.has(a.acceptanceNumber));
        const stored = now.rows - previous.rows;
        const figures = {
          engine,
          round,
          sent,
          acknowledged: acked.length,
          cutByKill: cut,
          stored,
          storedWithoutReceipt: stored - acked.length,
          acknowledgedMissing: missing.length,
          duplicates: now.duplicates.length,
          gaps: now.gaps.length,
          counter: now.counter,
          killAfterMs,
          restartMs,
        };
        t.diagnostic(JSON.stringify(figures));
        assert.deepEqual(missing, [], `round ${round}: acknowledged applications lost`);
        assert.deepEqual(now.duplicates, [], `round ${round}: duplicate 受理编号`);
        const handedOut = new Set(acknowledged.map((a) => a.acceptanceNumber));
        assert.equal(handedOut.size, acknowledged.length, `round ${round}: one 受理编号 on two receipts`);
        assert.deepEqual(now.gaps, [], `round ${round}: gaps in the 受理编号 (counter ${now.counter})`);
        assert.equal(now.counter, now.rows, `round ${round}: the counter runs ahead of the stored numbers`);
        assert.ok(stored >= acked.length);

        // Each receipt of the round still opens its case on the restarted server.
        const closed = (
          await pool(acked, 10, async (a) => ((await opens(server!.base, a)) ? null : a))
        ).filter((a) => a !== null);
        assert.deepEqual(closed, [], `round ${round}: receipts that no longer open their case`);
        previous = now;
      }

      // The restarted server takes applications again, numbered straight on.
      const more = await pool(
        Array.from({ length: AFTER_RESTART }, () => ++n),
        5,
        (i) => applyOnce(server!.base, agencyId, i),
      );
      const last = await numbering();
      assert.equal(last.rows, previous.rows + AFTER_RESTART);
      assert.deepEqual(last.duplicates, []);
      assert.deepEqual(last.gaps, []);
      const seqOf = (a: Acknowledged) => Number(/第0*(\d+)号/.exec(a.acceptanceNumber)![1]);
      assert.deepEqual(
        more.map(seqOf).sort((a, b) => a - b),
        Array.from({ length: AFTER_RESTART }, (_, i) => previous.rows + i + 1),
      );
      t.diagnostic(
        JSON.stringify({
          engine,
          rounds: ROUNDS,
          acknowledged: acknowledged.length + AFTER_RESTART,
          stored: last.rows,
          duplicates: 0,
          gaps: 0,
          seconds: Math.round((Date.now() - started) / 100) / 10,
        }),
      );
    },
  );
});

// A worker in its own process, for the job kit's tests (src/platform/jobs/job.worker.test.ts):
//   node --import tsx test/harness/job-worker-process.ts <database url> <instant> <worker id>
// Its clock stands at <instant>. It prints `ready` once polling, and `started <job id>` when a
// `test.hang` job begins (which then never ends, until the process is killed). `test.count`
// appends (job id, worker id) to `job_test_effect`, so the test can count how often each ran.
// SIGTERM stops it gracefully.
import { sql } from 'kysely';
import { systemActor } from '../../src/platform/access.js';
import { FixedClock } from '../../src/platform/clock.js';
import { FieldCipher } from '../../src/platform/crypto.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { createWorker, defineJob } from '../../src/platform/jobs/index.js';
import { testInstallation } from './engines.js';

const [url, at, workerId] = process.argv.slice(2);
if (!url || !at || !workerId) throw new Error('usage: job-worker-process <url> <instant> <worker id>');

const handle = await openDatabase(url);
const clock = new FixedClock(at);
const cipher = new FieldCipher('gongkai-test-data-key-not-for-production');

const worker = createWorker({
  context: (label) => ({
    actor: systemActor(label),
    clock,
    db: handle.db,
    ip: null,
    cipher,
    modules: testInstallation,
  }),
  definitions: [
    defineJob({
      name: 'test.count',
      label: '测试：计数',
      async run(ctx, _payload, info) {
        // Let the other jobs of this process and the other process interleave.
        await new Promise((resolve) => setTimeout(resolve, 1));
        await sql`insert into job_test_effect (job_id, worker) values (${info.id}, ${workerId})`.execute(
          ctx.db,
        );
      },
    }),
    defineJob({
      name: 'test.hang',
      label: '测试：挂起',
      async run(_ctx, _payload, info) {
        process.stdout.write(`started ${info.id}\n`);
        await new Promise(() => undefined);
      },
    }),
  ],
  workerId,
  concurrency: 4,
  pollMs: 10,
  leaseMs: 60_000,
  pruneAfterDays: null,
  logger: {
    info: () => undefined,
    warn: (o, m) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`),
    error: (o, m) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`),
  },
});
worker.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => handle.close())
    .then(() => process.exit(0));
});

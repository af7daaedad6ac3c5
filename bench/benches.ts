import { performance } from 'node:perf_hooks';
import { freshDatabaseUrl, testInstallation } from '../test/harness/engines.js';
import { systemActor } from '../src/platform/access.js';
import { systemClock } from '../src/platform/clock.js';
import { FieldCipher } from '../src/platform/crypto.js';
import { migrateToLatest, openDatabase, type Engine } from '../src/platform/db/database.js';
import { auth } from '../src/modules/accounts/index.js';
import { demo, DEMO_PASSWORD } from '../src/modules/demo/index.js';
import { reportCheck } from './report-check.js';
import { deadlines } from './deadlines.js';
import { search } from './search.js';
import { report } from './report.js';
import { portal } from './portal.js';
import { memory } from './memory.js';
import { push } from './push.js';
import { inspection } from './inspection.js';
import { api } from './api.js';

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - t0) / n;
}

/**
 * session: what every back-office request pays to turn its cookie into an actor (session,
 * account and role look-ups), against the floor of one primary-key read of the session row.
 */
async function session(engine: Engine): Promise<void> {
  const { url, cleanup } = freshDatabaseUrl(engine);
  const h = await openDatabase(url);
  try {
    await migrateToLatest(h.db, testInstallation.migrations);
    const ctx = {
      actor: systemActor('bench'),
      clock: systemClock,
      db: h.db,
      ip: null,
      cipher: new FieldCipher('gongkai-bench-data-key-not-for-production'),
      modules: testInstallation,
    };
    await demo.load(ctx);
    const settings = {
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
    };
    const { token } = await auth.login(ctx, { username: 'clerk', password: DEMO_PASSWORD }, settings, {
      userAgent: 'bench',
    });
    const id = auth.sessionIdOf(token);
    const n = 2000;
    const floor = await timeIt(n, () =>
      h.db.selectFrom('staff_session').selectAll().where('id', '=', id).executeTakeFirst(),
    );
    const full = await timeIt(n, () => auth.authenticate(ctx, token, settings));
    const heapMb = process.memoryUsage().heapUsed / 1048576;
    console.log(
      `session [${engine}]: authenticate ${(1000 / full).toFixed(0)}/s (${(full * 1000).toFixed(0)} µs), floor ${(1000 / floor).toFixed(0)}/s (${(floor * 1000).toFixed(0)} µs), ratio ${(full / floor).toFixed(2)}×, heap ${heapMb.toFixed(0)} MB`,
    );
  } finally {
    await h.close();
    await cleanup();
  }
}

/** Benches that do not touch a database run once, whatever the engine list says. */
let reportCheckDone = false;
async function reportCheckOnce(): Promise<void> {
  if (reportCheckDone) return;
  reportCheckDone = true;
  await reportCheck();
}

let deadlinesDone = false;
async function deadlinesOnce(): Promise<void> {
  if (deadlinesDone) return;
  deadlinesDone = true;
  await deadlines();
}

export const benches: Record<string, (engine: Engine) => Promise<void>> = {
  deadlines: deadlinesOnce,
  session,
  'report-check': reportCheckOnce,
  search,
  report,
  portal,
  memory,
  push,
  inspection,
  api,
};

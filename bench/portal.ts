import http from 'node:http';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../src/platform/db/database.js';
import { startTestApp } from '../test/harness/app.js';

/**
 * portal: a published record's portal page under `--connections` keep-alive connections (default
 * 200) for `--seconds` (default 10, in `--rounds` alternating with the floor, default 3), against the floor of a bare Node `http` server sending the
 * same bytes and headers from memory; both driven by the same load generator (a thread of its
 * own, bench/load-worker.mjs) in one run. Prints requests per second, p99 and how many took more
 * than a second, and the server's memory before and after.
 */

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Phase {
  latencies: Float64Array;
  seconds: number;
  errors: number;
}

function drive(url: string, connections: number, seconds: number): Promise<Phase> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { url, connections, durationMs: seconds * 1000, warmupMs: 500, headers: {} },
    });
    w.once('message', (m: Phase) => resolve(m));
    w.once('error', reject);
  });
}

/** Requests per second, percentiles and slow requests over several phases of one target. */
function summary(phases: Phase[]) {
  const all = Float64Array.from(phases.flatMap((p) => [...p.latencies])).sort();
  const at = (q: number) => all[Math.min(all.length - 1, Math.floor(q * all.length))] ?? 0;
  const seconds = phases.reduce((s, p) => s + p.seconds, 0);
  return {
    rps: all.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: all[all.length - 1] ?? 0,
    over1s: all.filter((x) => x > 1000).length,
    errors: phases.reduce((s, p) => s + p.errors, 0),
  };
}

export async function portal(engine: Engine): Promise<void> {
  const connections = arg('connections', 200);
  const seconds = arg('seconds', 10);
  const rounds = arg('rounds', 3);
  const t = await startTestApp(engine, { listen: true, content: true });
  try {
    const row = await t.container.database.db
      .selectFrom('record')
      .select('id')
      .where('state', '=', 'published')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const url = `${t.baseUrl}/records/${row.id}`;
    const first = await fetch(url);
    if (first.status !== 200) throw new Error(`record page answered ${first.status}`);
    const bytes = Buffer.from(await first.arrayBuffer());
    const headers: Record<string, string> = {};
    first.headers.forEach((v, k) => {
      if (!['set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k))
        headers[k] = v;
    });
    const floorServer = http.createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(bytes);
    });
    await new Promise<void>((r) => floorServer.listen(0, '127.0.0.1', r));
    const address = floorServer.address();
    const floorUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    try {
      const rssBefore = process.memoryUsage().rss / 1048576;
      // Alternating rounds, so that other work on the machine disturbs both sides alike.
      const floorPhases: Phase[] = [];
      const appPhases: Phase[] = [];
      for (let i = 0; i < rounds; i++) {
        floorPhases.push(await drive(floorUrl, connections, seconds / rounds));
        appPhases.push(await drive(url, connections, seconds / rounds));
      }
      const floor = summary(floorPhases);
      const app = summary(appPhases);
      const rssAfter = process.memoryUsage().rss / 1048576;
      console.log(
        `portal record_rps=${app.rps.toFixed(0)} floor_rps=${floor.rps.toFixed(0)} p99=${app.p99.toFixed(1)} ms`,
      );
      // The line above, exactly; the rest on a line of its own, with the engine.
      console.log(
        `  [${engine}] ratio=${(app.rps / floor.rps).toFixed(2)} floor_p99=${floor.p99.toFixed(1)} ms p50=${app.p50.toFixed(1)} ms` +
          ` max=${app.max.toFixed(0)} ms over_1s=${app.over1s} errors=${app.errors} bytes=${bytes.length}` +
          ` connections=${connections} seconds=${seconds}×2 rounds=${rounds} rss=${rssBefore.toFixed(0)}→${rssAfter.toFixed(0)} MB`,
      );
    } finally {
      await new Promise((r) => floorServer.close(r));
    }
  } finally {
    await t.close();
  }
}

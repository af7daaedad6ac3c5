// The load generator of the portal bench, in a thread of its own so that it does not share an
// event loop with the server it measures: `connections` keep-alive connections, each sending GET
// requests back to back for `durationMs`, every latency kept.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, connections, durationMs, warmupMs, headers } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const target = new URL(url);

function get() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers },
      (res) => {
        let bytes = 0;
        res.on('data', (c) => (bytes += c.length));
        res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode, bytes }));
        res.on('error', () => resolve({ ms: performance.now() - t0, status: 0, bytes }));
      },
    );
    req.on('error', () => resolve({ ms: performance.now() - t0, status: 0, bytes: 0 }));
    req.end();
  });
}

async function phase(ms, keep) {
  const until = performance.now() + ms;
  const latencies = [];
  let errors = 0;
  let bytes = 0;
  const loop = async () => {
    while (performance.now() < until) {
      const r = await get();
      if (!keep) continue;
      latencies.push(r.ms);
      bytes += r.bytes;
      if (r.status !== 200) errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  return { latencies, errors, bytes, seconds: (performance.now() - t0) / 1000 };
}

await phase(warmupMs, false);
const r = await phase(durationMs, true);
agent.destroy();
const latencies = Float64Array.from(r.latencies);
parentPort.postMessage({ latencies, seconds: r.seconds, errors: r.errors, bytes: r.bytes }, [
  latencies.buffer,
]);

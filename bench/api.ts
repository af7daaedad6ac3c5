import { performance } from 'node:perf_hooks';
import * as services from '../src/modules/accounts/service-account.service.js';
import { DEMO_PASSWORD } from '../src/modules/demo/index.js';
import { systemActor } from '../src/platform/access.js';
import type { Engine } from '../src/platform/db/database.js';
import { startTestApp } from '../test/harness/app.js';
import { Client } from '../test/harness/http.js';

/**
 * api: what a call with an API token pays at the gate (the token's look-up by hash, its rate
 * counter, the audit row every token call writes) against the same read made anonymously (the
 * floor: the route's own work) and with a staff session, in one process through `inject`, one
 * call after another. Prints calls per second and the ratios.
 */

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export async function api(engine: Engine): Promise<void> {
  const n = arg('calls', 1000);
  const t = await startTestApp(engine);
  try {
    const ctx = t.container.ctx(systemActor('bench'));
    await services.addServiceAccount(ctx, { name: '压测系统', agency: '晋江市人民政府' });
    const { token } = await services.issueToken(ctx, '压测系统', {
      scopes: 'agencies:read',
      ratePerMinute: 1_000_000,
    });
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const cookie = [...head.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const agency = (await t.app.inject({ method: 'GET', url: '/api/v1/agencies' })).json().data[0].id;
    const url = `/api/v1/agencies/${agency}`;
    const run = async (headers: Record<string, string>) => {
      for (let i = 0; i < 50; i++) await t.app.inject({ method: 'GET', url, headers });
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const r = await t.app.inject({ method: 'GET', url, headers });
        if (r.statusCode !== 200) throw new Error(`answered ${r.statusCode}`);
      }
      return (performance.now() - t0) / n;
    };
    // Alternating, so that other work on the machine disturbs each alike.
    const times = { anonymous: 0, session: 0, token: 0 };
    for (let round = 0; round < 2; round++) {
      times.anonymous += await run({});
      times.session += await run({ cookie });
      times.token += await run({ authorization: `Bearer ${token}` });
    }
    const perSecond = (ms: number) => (2000 / ms).toFixed(0);
    console.log(
      `api [${engine}] calls=${n} token=${perSecond(times.token)}/s session=${perSecond(times.session)}/s floor_anonymous=${perSecond(times.anonymous)}/s token_ratio=${(times.token / times.anonymous).toFixed(2)}× session_ratio=${(times.session / times.anonymous).toFixed(2)}×`,
    );
  } finally {
    await t.close();
  }
}

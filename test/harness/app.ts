import type { FastifyInstance } from 'fastify';
import { createContainer, cliActor, type Container } from '../../src/app/container.js';
import { buildWeb } from '../../src/app/web.js';
import { demo } from '../../src/modules/demo/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Engine } from '../../src/platform/db/database.js';
import { freshMigratedDatabaseUrl } from './engines.js';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  /** http://127.0.0.1:<port> once `listen` was asked for. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The whole web application on a fresh database of `engine`, with the demo dataset loaded.
 * `listen: true` binds a real port (for browser journeys); otherwise use `app.inject`.
 */
export async function startTestApp(
  engine: Engine,
  opts: {
    listen?: boolean;
    clock?: Clock;
    env?: Record<string, string>;
    operations2020?: boolean;
    /** The demo's full content (all 26 domains, their records, the 2020 report published). */
    content?: boolean;
  } = {},
): Promise<TestApp> {
  // Already migrated when the run has a template (createContainer's migration then has nothing to do).
  const { url, cleanup } = await freshMigratedDatabaseUrl(engine);
  const container = await createContainer({
    env: {
      DATABASE_URL: url,
      GONGKAI_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'silent',
      ...opts.env,
    },
    clock: opts.clock,
  });
  // The city's 2020 operations (231 applications) only where a test needs them: they take seconds.
  // The demo's content likewise: most tests count what they add themselves.
  await demo.load(container.ctx(cliActor()), {
    operations2020: opts.operations2020 ?? false,
    content: opts.content ?? false,
  });
  const app = await buildWeb(container, { logger: false });
  let baseUrl = '';
  if (opts.listen) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  } else {
    await app.ready();
  }
  return {
    app,
    container,
    baseUrl,
    close: async () => {
      await app.close();
      await container.close();
      await cleanup();
    },
  };
}

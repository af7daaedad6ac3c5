import type { FastifyInstance } from 'fastify';
import { createContainer, cliActor, type Container } from '../../src/app/container.js';
import { buildWeb } from '../../src/app/web.js';
import { demo } from '../../src/modules/demo/index.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Engine } from '../../src/platform/db/database.js';
import { beijingDate } from '../../src/platform/clock.js';
import { demoTemplateOf, TEST_APP_SECRET } from './db-template.js';
import { copyOfTemplate, freshMigratedDatabaseUrl } from './engines.js';

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
  // The whole demo, loaded today at the system's clock, is a copy of the run's demo template when
  // it has one (db-template.ts); otherwise the database is already migrated when the run has a
  // template (createContainer's migration then has nothing to do), and the demo is loaded below.
  const wholeDemo = opts.operations2020 === true && opts.content === true && !opts.clock;
  const demoTemplate = wholeDemo ? demoTemplateOf(engine, beijingDate(new Date())) : undefined;
  const { url, cleanup } = demoTemplate
    ? await copyOfTemplate(engine, demoTemplate)
    : await freshMigratedDatabaseUrl(engine);
  const container = await createContainer({
    env: {
      DATABASE_URL: url,
      GONGKAI_SECRET: TEST_APP_SECRET,
      LOG_LEVEL: 'silent',
      ...opts.env,
    },
    clock: opts.clock,
  });
  // The city's 2020 operations (231 applications) only where a test needs them: they take seconds.
  // The demo's content likewise: most tests count what they add themselves.
  if (!demoTemplate)
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

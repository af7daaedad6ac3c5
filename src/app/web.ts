import type { FastifyInstance } from 'fastify';
import { createServer } from '../platform/http/server.js';
import type { Container } from './container.js';

/** Composition root of the web server: the platform's server plus every installed module's doors. */
export async function buildWeb(c: Container, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { capabilities } = c.installation;
  const { authenticateStaff, siteInfo } = capabilities;
  if (!authenticateStaff || !siteInfo)
    throw new Error('the web server needs the accounts and agencies modules installed');
  const app = await createServer({
    config: c.config,
    db: c.database.db,
    clock: c.clock,
    secret: c.secret,
    cipher: c.cipher,
    modules: c.installation,
    logger: opts.logger,
    authenticate: authenticateStaff,
    site: siteInfo,
  });
  const web = { config: c.config, capabilities, settingsOf: c.installation.settingsOf };
  for (const m of c.installation.modules) {
    m.routes?.(app, web);
    m.api?.(app, web);
  }
  return app;
}

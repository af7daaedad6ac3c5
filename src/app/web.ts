import type { FastifyInstance } from 'fastify';
import { createServer } from '../platform/http/server.js';
import { registerAccountRoutes, auth } from '../modules/accounts/index.js';
import { agencies, registerAgencyApi, registerAgencyRoutes } from '../modules/agencies/index.js';
import { registerPortalRoutes } from '../modules/portal/index.js';
import { registerAnnualReportRoutes, registerReportRoutes } from '../modules/annual-report/index.js';
import { registerCalendarRoutes } from '../modules/calendar/index.js';
import { registerAppealRoutes } from '../modules/appeals/index.js';
import { registerRecordRoutes } from '../modules/records/index.js';
import { catalogs, domainTemplates, registerCatalogRoutes } from '../modules/catalog/index.js';
import { registerRequestApi, registerRequestRoutes } from '../modules/requests/index.js';
import type { Container } from './container.js';

/** Composition root of the web server: the platform's server plus every module's routes. */
export async function buildWeb(c: Container, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = await createServer({
    config: c.config,
    db: c.database.db,
    clock: c.clock,
    secret: c.secret,
    cipher: c.cipher,
    logger: opts.logger,
    authenticate: async (ctx, token) => {
      const a = await auth.authenticate(ctx, token, c.authSettings);
      return a && { actor: a.actor, user: a.user, sessionId: a.session.id };
    },
    site: async (ctx) => {
      const root = await agencies.root(ctx);
      return {
        name: root?.name ?? 'Gongkai 政务公开平台',
        phone: root?.phone ?? null,
        address: root?.address ?? null,
      };
    },
  });
  registerPortalRoutes(app);
  registerAgencyRoutes(app);
  registerAgencyApi(app);
  registerReportRoutes(app);
  registerAnnualReportRoutes(app);
  registerCalendarRoutes(app);
  registerAppealRoutes(app);
  registerRecordRoutes(app, {
    catalogItemChoices: (ctx) => catalogs.itemChoices(ctx),
    searchDomains: domainTemplates.map((d) => ({ value: d.code, label: d.name })),
  });
  registerCatalogRoutes(app);
  registerRequestApi(app, { publicFormRateLimitPerMinute: c.config.publicFormRateLimitPerMinute });
  registerRequestRoutes(app, {
    publicFormRateLimitPerMinute: c.config.publicFormRateLimitPerMinute,
    cookieSecure: c.config.cookieSecure,
  });
  registerAccountRoutes(app, {
    settings: c.authSettings,
    cookieSecure: c.config.cookieSecure,
    loginRateLimitPerMinute: c.config.loginRateLimitPerMinute,
  });
  return app;
}

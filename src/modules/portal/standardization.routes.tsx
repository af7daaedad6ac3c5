import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../../platform/module.js';
import { portalSettings } from './portal.settings.js';
import { standardizationColumns } from './portal.js';
import * as portal from './portal.service.js';
import {
  NormsView,
  RulesView,
  ServiceColumnView,
  StandardizationIndex,
  StandardsView,
} from './views/standardization.js';

const home = { label: '首页', href: '/' };
const column = { label: '标准化规范化专栏', href: '/standardization' };
const labelOf = (key: string) => standardizationColumns.find((c) => c.key === key)!;
const crumbs = (key: string) => [home, column, { label: labelOf(key).label }];

/**
 * The 基层政务公开标准化规范化专栏 with its five columns (the seed report's “五化并举”): 制度化,
 * 标准化, 规范化, 便民化, 信息化.
 */
export function registerStandardizationRoutes(app: FastifyInstance, web: WebContext): void {
  const links = web.settingsOf(portalSettings);

  app.get('/standardization', async (req, reply) => {
    const root = await portal.siteOwner(req.ctx);
    return reply.page(
      { title: '基层政务公开标准化规范化专栏', area: 'portal', crumbs: [home, { label: column.label }] },
      <StandardizationIndex siteName={root?.name ?? '本级人民政府'} />,
    );
  });

  app.get('/standardization/rules', async (req, reply) => {
    const p = await portal.rulesColumn(req.ctx, links.ruleLinks);
    return reply.page(
      { title: '制度化', area: 'portal', crumbs: crumbs('rules') },
      <RulesView root={p.root} groups={p.groups} />,
    );
  });

  app.get('/standardization/standards', async (req, reply) =>
    reply.page(
      { title: '标准化', area: 'portal', crumbs: crumbs('standards') },
      <StandardsView p={await portal.standardsColumn(req.ctx, links.guideLinks)} />,
    ),
  );

  app.get<{ Querystring: { domain?: string } }>('/standardization/norms', async (req, reply) => {
    const p = await portal.normsColumn(req.ctx, req.query.domain || undefined);
    return reply.page(
      { title: '规范化', area: 'portal', crumbs: crumbs('norms') },
      <NormsView root={p.root} catalogs={p.catalogs} selected={p.selected} />,
    );
  });

  for (const key of ['convenience', 'digital'] as const)
    app.get(`/standardization/${key}`, async (req, reply) => {
      const c = labelOf(key);
      const p = portal.serviceColumn(req.ctx, key);
      return reply.page(
        { title: c.label, area: 'portal', crumbs: crumbs(key) },
        <ServiceColumnView
          label={c.label}
          lead={c.text}
          current={key}
          entries={p.entries}
          coming={p.coming}
        />,
      );
    });
}

import type { FastifyInstance } from 'fastify';
import * as catalogs from './catalog-public.service.js';
import { PortalAgency, PortalIndex, PortalItem } from './views/portal.js';

const home = { label: '首页', href: '/' };

/** The portal: who has a catalog, an agency's catalogs, one item with its records. */
export function registerCatalogPortalRoutes(app: FastifyInstance): void {
  app.nav.push({ href: '/catalogs', label: '标准目录', area: 'portal', order: 25 });

  app.get('/catalogs', async (req, reply) =>
    reply.page(
      { title: '基层政务公开标准目录', area: 'portal', crumbs: [home, { label: '标准目录' }] },
      <PortalIndex list={await catalogs.publicIndex(req.ctx)} />,
    ),
  );

  app.get<{ Params: { agencyId: string } }>('/catalogs/:agencyId', async (req, reply) => {
    const { agency, catalogs: list } = await catalogs.publicCatalogs(req.ctx, req.params.agencyId);
    return reply.page(
      {
        title: `${agency.name}标准目录`,
        area: 'portal',
        crumbs: [home, { label: '标准目录', href: '/catalogs' }, { label: agency.name }],
      },
      <PortalAgency agency={agency} catalogs={list} />,
    );
  });

  app.get<{ Params: { itemId: string } }>('/catalogs/item/:itemId', async (req, reply) => {
    const p = await catalogs.publicItem(req.ctx, req.params.itemId);
    return reply.page(
      {
        title: p.item.name,
        area: 'portal',
        crumbs: [
          home,
          { label: '标准目录', href: '/catalogs' },
          { label: `${p.agency.name} · ${p.catalog.domainName}`, href: `/catalogs/${p.agency.id}` },
          ...p.ancestors.map((a) => ({ label: a.name, href: `/catalogs/item/${a.id}` })),
          { label: p.item.name },
        ],
      },
      <PortalItem
        page={p}
        links={req.ctx.modules.extensions('catalogItemPublicLinks').flatMap((f) => f(p.item.id))}
      />,
    );
  });
}

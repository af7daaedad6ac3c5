import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebContext } from '../../platform/module.js';
import { siteSettings } from '../../platform/ui/site.settings.js';
import { registerColumnRoutes } from './column.routes.js';
import { interpretationGenres, policyDocumentGenres } from './portal.js';
import * as portal from './portal.service.js';
import { registerStandardizationRoutes } from './standardization.routes.js';
import { HomeView } from './views/home.js';
import { RecordList } from './views/lists.js';
import { PrivacyView, SitemapView } from './views/site-pages.js';
import { Pagination } from '../../platform/ui/components.js';

const home = { label: '首页', href: '/' };

function pageOf(req: FastifyRequest<{ Querystring: { page?: string } }>): number {
  const n = Number(req.query.page ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}

/** The portal's home page, its lists of 政策文件 and 政策解读, the 网站地图 and the 隐私声明. */
export function registerPortalRoutes(app: FastifyInstance, web: WebContext): void {
  app.nav.push({ href: '/', label: '首页', area: 'portal', order: 10 });
  app.nav.push({ href: '/standardization', label: '标准化规范化专栏', area: 'portal', order: 27 });
  registerColumnRoutes(app, web);
  registerStandardizationRoutes(app, web);

  app.get('/', async (req, reply) =>
    reply.page(
      { title: '政府信息公开', tags: { columnName: '首页', columnType: '首页' } },
      <HomeView p={await portal.homePage(req.ctx)} />,
    ),
  );

  for (const [path, label, genres] of [
    ['/policies', '政策文件', policyDocumentGenres],
    ['/interpretations', '政策解读', interpretationGenres],
  ] as const)
    app.get<{ Querystring: { page?: string } }>(path, async (req, reply) => {
      const page = pageOf(req);
      const list = await portal.genreList(req.ctx, genres, page);
      return reply.page(
        {
          title: label,
          area: 'portal',
          crumbs: [home, { label }],
          tags: { columnName: label, columnType: label },
        },
        <>
          <h1 class="gk-title">{label}</h1>
          <RecordList rows={list.rows} withAgency />
          <Pagination page={page} pageSize={20} total={list.total} href={(n) => `${path}?page=${n}`} />
        </>,
      );
    });

  app.get('/sitemap', async (req, reply) => {
    const p = await portal.sitemap(req.ctx);
    const nav = app.nav
      .filter((n) => n.area === 'portal')
      .sort((a, b) => a.order - b.order)
      .map((n) => ({ href: n.href, label: n.label }));
    return reply.page(
      { title: '网站地图', area: 'portal', crumbs: [home, { label: '网站地图' }] },
      <SitemapView root={p.root} agencies={p.agencies} nav={nav} />,
    );
  });

  const site = web.settingsOf(siteSettings);
  app.get('/privacy', async (req, reply) => {
    const root = await portal.siteOwner(req.ctx);
    return reply.page(
      { title: '隐私声明', area: 'portal', crumbs: [home, { label: '隐私声明' }] },
      <PrivacyView
        siteName={site.sponsor || root?.name || '本网站'}
        root={root}
        years={site.personalDataYears}
      />,
    );
  });
}

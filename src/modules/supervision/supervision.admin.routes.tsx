import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { requireStaff } from '../../platform/http/server.js';
import { figureLabels, isFigureKey, toCsv } from './supervision.js';
import { dashboard, figureList } from './supervision.service.js';
import { mayView } from './supervision.policy.js';
import { DashboardView, FigureListView } from './views/supervision.js';

const home = { label: '监督统计', href: '/admin/supervision' };
type Figure = { Params: { figure: string }; Querystring: Record<string, string> };

function figureOf(key: string) {
  if (!isFigureKey(key)) throw new NotFoundError('没有这项监督统计');
  return key;
}

/** Back office of the supervision dashboard: the figures, each figure's list, and its CSV. */
export function registerSupervisionAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/supervision',
    label: '监督统计',
    area: 'admin',
    order: 66,
    visibleTo: mayView,
  });

  app.get<{ Querystring: Record<string, string> }>('/admin/supervision', async (req, reply) => {
    requireStaff(req);
    return reply.page(
      { title: '监督统计', crumbs: [{ label: '工作台', href: '/admin' }, { label: '监督统计' }] },
      <DashboardView d={await dashboard(req.ctx, req.query)} />,
    );
  });

  app.get<Figure>('/admin/supervision/:figure', async (req, reply) => {
    requireStaff(req);
    const key = figureOf(req.params.figure);
    return reply.page(
      {
        title: figureLabels[key].label,
        crumbs: [{ label: '工作台', href: '/admin' }, home, { label: figureLabels[key].label }],
      },
      <FigureListView l={await figureList(req.ctx, key, req.query)} />,
    );
  });

  app.get<Figure>('/admin/supervision/:figure.csv', async (req, reply) => {
    requireStaff(req);
    const key = figureOf(req.params.figure);
    const l = await figureList(req.ctx, key, req.query);
    const name = `${l.label}（${l.scope.period.from}至${l.scope.period.to}）.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header(
        'content-disposition',
        `attachment; filename="supervision-${key}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .send(
        toCsv(
          l.head,
          l.rows.map((r) => r.cells),
        ),
      );
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { ValidationError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { importOutcome } from './catalog.presenter.js';
import * as catalogs from './catalog-use-cases.js';
import { CatalogPageView } from './views/admin-catalog.js';
import { CompareView } from './views/admin-compare.js';
import { CatalogIndex } from './views/admin-index.js';
import { ItemPageView } from './views/admin-item.js';
import { str, type Values } from './views/catalog-parts.js';
import { scopesOf } from './catalog.policy.js';

type Params = { id: string };

const adminCrumbs = (...rest: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  { label: '标准目录', href: '/admin/catalogs' },
  ...rest,
];

function uploaded(body: Values): Uint8Array | null {
  const file = body.file as { bytes?: Buffer } | undefined;
  return file?.bytes && file.bytes.length > 0 ? file.bytes : null;
}

/** The back office: the list of catalogs, one catalog, its versions compared, one item. */
export function registerCatalogAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/catalogs',
    label: '标准目录',
    area: 'admin',
    order: 27,
    visibleTo: (actor) => scopesOf(actor, 'read').length > 0,
  });

  const renderIndex = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const page = await catalogs.indexPage(req.ctx);
    return reply.page(
      { title: '标准目录', crumbs: adminCrumbs() },
      <CatalogIndex page={page} values={values} errors={errors} csrf={reply.csrf()} />,
    );
  };
  app.get('/admin/catalogs', async (req, reply) => renderIndex(req, reply, {}, []));

  const indexAction = (
    path: string,
    run: (req: FastifyRequest<{ Body: Values }>) => Promise<{ id: string }>,
    done: string,
  ) =>
    app.post<{ Body: Values }>(path, async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const c = await run(req);
          return reply.flash('success', done).redirect(`/admin/catalogs/${c.id}`, 303);
        },
        (errors) => renderIndex(req, reply, req.body, errors),
      );
    });
  indexAction(
    '/admin/catalogs/adopt',
    (req) => catalogs.adoptTemplate(req.ctx, str(req.body.agencyId), str(req.body.domainCode)),
    '已采用标准指引模板，请按本地实际修改',
  );
  indexAction(
    '/admin/catalogs/local',
    (req) => catalogs.addLocalDomain(req.ctx, str(req.body.agencyId), req.body),
    '已新增本地领域',
  );
  indexAction(
    '/admin/catalogs/derive',
    (req) => catalogs.deriveTownship(req.ctx, str(req.body.agencyId), str(req.body.fromCatalogId)),
    '已从上级目录派生本级目录',
  );

  const renderCatalog = async (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    values: Values,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const page = await catalogs.catalogPage(req.ctx, req.params.id);
    const title = `${page.agency.name} · ${page.catalog.domainName}`;
    return reply.page(
      { title, crumbs: adminCrumbs({ label: title }) },
      <CatalogPageView page={page} values={values} errors={errors} csrf={reply.csrf()} />,
    );
  };
  app.get<{ Params: Params }>('/admin/catalogs/:id', async (req, reply) => renderCatalog(req, reply, {}, []));

  app.post<{ Params: Params; Body: Values }>('/admin/catalogs/:id/items', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const item = await catalogs.addItem(req.ctx, req.params.id, req.body);
        return reply
          .flash('success', `已新增“${item.name}”`)
          .redirect(`/admin/catalogs/${req.params.id}`, 303);
      },
      (errors) => renderCatalog(req, reply, req.body, errors),
    );
  });

  app.get<{ Params: Params }>('/admin/catalogs/:id/export.xlsx', async (req, reply) => {
    requireStaff(req);
    const { filename, bytes } = await catalogs.exportExcel(req.ctx, req.params.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="catalog.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      )
      .send(bytes);
  });

  app.post<{ Params: Params; Body: Values }>('/admin/catalogs/:id/import', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const bytes = uploaded(req.body ?? {});
        if (!bytes) throw ValidationError.one('file', '请选择要导入的 Excel 工作簿');
        const { diff } = await catalogs.importExcel(req.ctx, req.params.id, bytes);
        return reply.flash('success', importOutcome(diff)).redirect(`/admin/catalogs/${req.params.id}`, 303);
      },
      (errors) => renderCatalog(req, reply, {}, errors),
    );
  });

  app.get<{ Params: Params; Querystring: { from?: string; to?: string } }>(
    '/admin/catalogs/:id/compare',
    async (req, reply) => {
      requireStaff(req);
      const page = await catalogs.comparePage(req.ctx, req.params.id, req.query.from, req.query.to);
      const title = `${page.agencyName} · ${page.catalog.domainName}`;
      return reply.page(
        {
          title: `版本比较 - ${title}`,
          crumbs: adminCrumbs(
            { label: title, href: `/admin/catalogs/${page.catalog.id}` },
            { label: '版本比较' },
          ),
        },
        <CompareView page={page} />,
      );
    },
  );

  const renderItem = async (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    values: Values | null,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const page = await catalogs.itemPage(req.ctx, req.params.id);
    const back = `/admin/catalogs/${page.catalog.id}`;
    return reply.page(
      {
        title: page.item.name,
        crumbs: adminCrumbs({ label: page.catalog.domainName, href: back }, { label: page.item.name }),
      },
      <ItemPageView page={page} values={values} errors={errors} csrf={reply.csrf()} />,
    );
  };
  app.get<{ Params: Params }>('/admin/catalogs/items/:id', async (req, reply) =>
    renderItem(req, reply, null, []),
  );

  /** A form on the item page: back to the item, or to its catalog when the item moved or went. */
  const itemAction = (
    action: string,
    run: (req: FastifyRequest<{ Params: Params; Body: Values }>) => Promise<{ catalogId: string } | void>,
    done: string,
  ) =>
    app.post<{ Params: Params; Body: Values }>(`/admin/catalogs/items/:id${action}`, async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const moved = await run(req);
          return reply
            .flash('success', done)
            .redirect(
              moved ? `/admin/catalogs/${moved.catalogId}` : `/admin/catalogs/items/${req.params.id}`,
              303,
            );
        },
        (errors) => renderItem(req, reply, action === '' ? req.body : null, errors),
      );
    });
  itemAction(
    '',
    async (req) => {
      await catalogs.updateItem(req.ctx, req.params.id, req.body);
    },
    '已保存修改',
  );
  itemAction('/move', (req) => catalogs.moveItem(req.ctx, req.params.id, req.body), '已调整位置');
  itemAction('/remove', (req) => catalogs.removeItem(req.ctx, req.params.id), '已删除');
  itemAction('/link', (req) => catalogs.linkRecord(req.ctx, req.params.id, req.body.recordId), '已关联');
  itemAction(
    '/unlink',
    (req) => catalogs.unlinkRecord(req.ctx, req.params.id, str(req.body.recordId)),
    '已取消关联',
  );
}

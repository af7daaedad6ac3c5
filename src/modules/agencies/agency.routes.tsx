import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../platform/clock.js';
import type { FieldError } from '../../platform/errors.js';
import { withForm, requireStaff } from '../../platform/http/server.js';
import { Summary, Table } from '../../platform/ui/components.js';
import { agencyChangeLabels, agencyKindLabels, agencyLevelLabels, type Agency } from './agency.js';
import { toTree, type AgencyNode } from './agency.presenter.js';
import * as agencies from './agency.service.js';
import { DissolveForm, MoveForm, RenameForm } from './views/agency-change.js';
import { AgencyForm } from './views/agency-form.js';
import { ContactSummary } from './views/contact-summary.js';
import { scopes } from './agency.policy.js';

type Body = Record<string, string>;
type Params = { id: string };

function formValues(a: Agency): Record<string, string | number | null> {
  return { ...a };
}

function Tree({ nodes, href }: { nodes: AgencyNode[]; href: (a: Agency) => string }) {
  return (
    <ul class="gk-tree">
      {nodes.map((n) => (
        <li>
          <a href={href(n.agency)}>{n.agency.name}</a>{' '}
          <span class="gk-tag">{agencyKindLabels[n.agency.kind]}</span>
          {n.children.length ? <Tree nodes={n.children} href={href} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** 工作台 › 机构 › <agency> › <step>: the crumbs of a page about one agency. */
const agencyCrumbs = (a: Agency, step: string) => [
  { label: '工作台', href: '/admin' },
  { label: '机构', href: '/admin/agencies' },
  { label: a.name, href: `/admin/agencies/${a.id}` },
  { label: step },
];

export function registerAgencyRoutes(app: FastifyInstance): void {
  app.nav.push(
    { href: '/agencies', label: '机构导航', area: 'portal', order: 20 },
    {
      href: '/admin/agencies',
      label: '机构',
      area: 'admin',
      order: 20,
      visibleTo: (actor) => scopes(actor, 'read').length > 0,
    },
  );

  // Portal: the directory and each agency's 政府信息公开指南 contact block.
  app.get('/agencies', async (req, reply) => {
    const tree = toTree(await agencies.listPublic(req.ctx));
    return reply.page(
      { title: '机构导航', crumbs: [{ label: '首页', href: '/' }, { label: '机构导航' }] },
      <>
        <h1 class="gk-title">机构导航</h1>
        <p class="gk-lead">各机构的政府信息公开工作机构、办公地址、办公时间和联系方式。</p>
        <Tree nodes={tree} href={(a) => `/agencies/${a.id}`} />
      </>,
    );
  });

  app.get<{ Params: Params }>('/agencies/:id', async (req, reply) => {
    const a = await agencies.getPublic(req.ctx, req.params.id);
    const children = (await agencies.listPublic(req.ctx)).filter((c) => c.parentId === a.id);
    return reply.page(
      {
        title: a.name,
        crumbs: [{ label: '首页', href: '/' }, { label: '机构导航', href: '/agencies' }, { label: a.name }],
      },
      <>
        <h1 class="gk-title">{a.name}</h1>
        <section class="gk-section">
          <h2 class="gk-section__title">政府信息公开工作机构联系方式</h2>
          <ContactSummary a={a} />
        </section>
        {children.length ? (
          <section class="gk-section">
            <h2 class="gk-section__title">下属机构</h2>
            <ul>
              {children.map((c) => (
                <li>
                  <a href={`/agencies/${c.id}`}>{c.name}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>,
    );
  });

  // Back office.
  app.get('/admin/agencies', async (req, reply) => {
    requireStaff(req);
    const { list, canCreate } = await agencies.listPage(req.ctx);
    return reply.page(
      { title: '机构管理', crumbs: [{ label: '工作台', href: '/admin' }, { label: '机构' }] },
      <>
        <h1 class="gk-title">机构</h1>
        {canCreate ? (
          <p class="gk-actions">
            <a class="gk-button" href="/admin/agencies/new">
              新增机构
            </a>
          </p>
        ) : null}
        {list.length ? (
          <Tree nodes={toTree(list)} href={(a) => `/admin/agencies/${a.id}`} />
        ) : (
          <p class="gk-muted">您的账号没有可查看的机构。</p>
        )}
      </>,
    );
  });

  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | null | undefined>,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const parents = await agencies.parentChoices(req.ctx, { create: true });
    return reply.page(
      {
        title: '新增机构',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '机构', href: '/admin/agencies' },
          { label: '新增机构' },
        ],
      },
      <>
        <h1 class="gk-title">新增机构</h1>
        <AgencyForm
          action="/admin/agencies"
          csrf={reply.csrf()}
          values={values}
          errors={errors}
          parents={parents}
          mode="create"
          structural
        />
      </>,
    );
  };

  app.get<{ Querystring: { parentId?: string } }>('/admin/agencies/new', async (req, reply) =>
    renderNew(
      req,
      reply,
      { parentId: req.query.parentId, level: 'county', kind: 'governmentDepartment' },
      [],
    ),
  );

  app.post<{ Body: Body }>('/admin/agencies', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const a = await agencies.create(req.ctx, req.body);
        return reply.flash('success', `已新增机构“${a.name}”`).redirect(`/admin/agencies/${a.id}`, 303);
      },
      (errors) => renderNew(req, reply, req.body, errors),
    );
  });

  app.get<{ Params: Params }>('/admin/agencies/:id', async (req, reply) => {
    requireStaff(req);
    const { agency: a, parentName, history, allowed } = await agencies.adminPage(req.ctx, req.params.id);
    return reply.page(
      {
        title: a.name,
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '机构', href: '/admin/agencies' },
          { label: a.name },
        ],
      },
      <>
        <h1 class="gk-title">
          {a.name}
          {a.dissolvedAt ? <span class="gk-tag gk-tag--warn">已撤销</span> : null}
        </h1>
        <div class="gk-actions">
          {allowed.includes('updateContacts') ? (
            <a class="gk-button" href={`/admin/agencies/${a.id}/edit`}>
              修改信息
            </a>
          ) : null}
          {allowed.includes('rename') ? (
            <a class="gk-button gk-button--secondary" href={`/admin/agencies/${a.id}/rename`}>
              更名
            </a>
          ) : null}
          {allowed.includes('move') ? (
            <a class="gk-button gk-button--secondary" href={`/admin/agencies/${a.id}/move`}>
              调整隶属关系
            </a>
          ) : null}
          {allowed.includes('create') ? (
            <a class="gk-button gk-button--secondary" href={`/admin/agencies/new?parentId=${a.id}`}>
              新增下级机构
            </a>
          ) : null}
          {allowed.includes('dissolve') ? (
            <a class="gk-button gk-button--danger" href={`/admin/agencies/${a.id}/dissolve`}>
              撤销机构
            </a>
          ) : null}
        </div>
        <section class="gk-section">
          <h2 class="gk-section__title">基本信息</h2>
          <Summary
            rows={[
              ['简称', a.shortName],
              ['上级机构', parentName],
              ['层级', agencyLevelLabels[a.level]],
              ['类型', agencyKindLabels[a.kind]],
              ['统一社会信用代码', a.creditCode],
              ['行政区划代码', a.regionCode],
              ['排序号', String(a.sortOrder)],
              ['最后修改', formatDateTime(a.updatedAt)],
            ]}
          />
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">公开指南联系方式</h2>
          <ContactSummary a={a} withCode={false} />
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">沿革</h2>
          <Table head={['变更', '名称', '上级机构', '起', '止', '依据或原因']}>
            {history.map((h) => (
              <tr>
                <td>{agencyChangeLabels[h.change]}</td>
                <td>{h.name}</td>
                <td>{h.parentName}</td>
                <td>{h.validFrom}</td>
                <td>{h.validTo ?? '至今'}</td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </Table>
        </section>
      </>,
    );
  });

  const renderEdit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: Agency,
    values: Record<string, string | number | null | undefined>,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    return reply.page(
      {
        title: `修改：${a.name}`,
        crumbs: agencyCrumbs(a, '修改信息'),
      },
      <>
        <h1 class="gk-title">修改：{a.name}</h1>
        <AgencyForm
          action={`/admin/agencies/${a.id}`}
          csrf={reply.csrf()}
          values={values}
          errors={errors}
          mode="edit"
          structural={agencies.mayUpdateStructure(req.ctx, a)}
        />
      </>,
    );
  };

  app.get<{ Params: Params }>('/admin/agencies/:id/edit', async (req, reply) => {
    const a = await agencies.get(req.ctx, req.params.id);
    return renderEdit(req, reply, a, formValues(a), []);
  });

  app.post<{ Params: Params; Body: Body }>('/admin/agencies/:id', async (req, reply) => {
    requireStaff(req);
    const a = await agencies.get(req.ctx, req.params.id);
    return withForm(
      reply,
      async () => {
        await agencies.update(req.ctx, a.id, req.body);
        return reply.flash('success', '已保存').redirect(`/admin/agencies/${a.id}`, 303);
      },
      (errors) => renderEdit(req, reply, a, req.body, errors),
    );
  });

  const renderRename = async (reply: FastifyReply, a: Agency, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: `更名：${a.name}`, crumbs: agencyCrumbs(a, '更名') },
      <RenameForm agency={a} csrf={reply.csrf()} values={values} errors={errors} />,
    );

  app.get<{ Params: Params }>('/admin/agencies/:id/rename', async (req, reply) => {
    requireStaff(req);
    const a = await agencies.get(req.ctx, req.params.id);
    return renderRename(
      reply,
      a,
      { name: a.name, shortName: a.shortName ?? '', effectiveDate: agencies.localDate(req.ctx) },
      [],
    );
  });

  app.post<{ Params: Params; Body: Body }>('/admin/agencies/:id/rename', async (req, reply) => {
    requireStaff(req);
    const a = await agencies.get(req.ctx, req.params.id);
    return withForm(
      reply,
      async () => {
        const after = await agencies.rename(req.ctx, a.id, req.body);
        return reply.flash('success', `已更名为“${after.name}”`).redirect(`/admin/agencies/${a.id}`, 303);
      },
      (errors) => renderRename(reply, a, req.body, errors),
    );
  });

  const renderMove = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: Agency,
    values: Body,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const parents = await agencies.parentChoices(req.ctx, { move: a.id });
    return reply.page(
      { title: `调整隶属关系：${a.name}`, crumbs: agencyCrumbs(a, '调整隶属关系') },
      <MoveForm agency={a} parents={parents} csrf={reply.csrf()} values={values} errors={errors} />,
    );
  };

  app.get<{ Params: Params }>('/admin/agencies/:id/move', async (req, reply) => {
    const a = await agencies.get(req.ctx, req.params.id);
    return renderMove(
      req,
      reply,
      a,
      { parentId: a.parentId ?? '', effectiveDate: agencies.localDate(req.ctx) },
      [],
    );
  });

  app.post<{ Params: Params; Body: Body }>('/admin/agencies/:id/move', async (req, reply) => {
    requireStaff(req);
    const a = await agencies.get(req.ctx, req.params.id);
    return withForm(
      reply,
      async () => {
        await agencies.move(req.ctx, a.id, req.body);
        return reply.flash('success', '已调整隶属关系').redirect(`/admin/agencies/${a.id}`, 303);
      },
      (errors) => renderMove(req, reply, a, req.body, errors),
    );
  });

  const renderDissolve = async (reply: FastifyReply, a: Agency, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: `撤销：${a.name}`, crumbs: agencyCrumbs(a, '撤销机构') },
      <DissolveForm agency={a} csrf={reply.csrf()} values={values} errors={errors} />,
    );

  app.get<{ Params: Params }>('/admin/agencies/:id/dissolve', async (req, reply) => {
    requireStaff(req);
    const a = await agencies.get(req.ctx, req.params.id);
    return renderDissolve(reply, a, { effectiveDate: agencies.localDate(req.ctx) }, []);
  });

  app.post<{ Params: Params; Body: Body }>('/admin/agencies/:id/dissolve', async (req, reply) => {
    requireStaff(req);
    const a = await agencies.get(req.ctx, req.params.id);
    return withForm(
      reply,
      async () => {
        await agencies.dissolve(req.ctx, a.id, req.body);
        return reply.flash('success', `已撤销“${a.name}”`).redirect(`/admin/agencies/${a.id}`, 303);
      },
      (errors) => renderDissolve(reply, a, req.body, errors),
    );
  });
}

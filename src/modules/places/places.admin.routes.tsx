import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import * as admin from './places-admin.service.js';
import { scopes } from './places.policy.js';
import { mapCsp } from './places.portal.routes.js';
import { tiandituBasemap } from './places.service.js';
import { PhotoSection, PlaceForm, PlacesAdminList } from './views/admin.js';

type Body = Record<string, unknown>;
const title = '查阅点和公开栏';
const crumbs = [{ label: '工作台', href: '/admin' }];
const asValues = (b: Body) => b as Record<string, string | string[] | undefined>;

/** Back office: each agency keeps its 查阅点 and 公开栏 (point, hours, photos); the office imports a sheet. */
export function registerPlacesAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/places',
    label: '查阅点和公开栏',
    area: 'admin',
    order: 67,
    visibleTo: (actor) => scopes(actor, 'read').length > 0,
  });

  const list = async (req: FastifyRequest, reply: FastifyReply, importErrors: FieldError[]) => {
    requireStaff(req);
    const p = await admin.adminList(req.ctx, {});
    return reply.page(
      { title, crumbs: [...crumbs, { label: title }] },
      <>
        <h1 class="gk-title">{title}</h1>
        <p class="gk-lead">
          政府信息公开查阅点、政务公开专区、公开栏、便民服务站和综合便民服务中心的地址、坐标、开放时间和照片。登记后即出现在门户网站的地图和列表上，群众可在手机上导航前往。
        </p>
        <PlacesAdminList
          rows={p.places}
          csrf={reply.csrf()}
          mayAdd={p.manageable.length > 0}
          importErrors={importErrors}
        />
      </>,
    );
  };
  app.get('/admin/places', async (req, reply) => list(req, reply, []));
  app.post<{ Body: Body }>('/admin/places/import', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const file = req.body.file as { bytes?: Buffer } | undefined;
        const r = await admin.importPlaces(req.ctx, file?.bytes ?? new Uint8Array());
        return reply
          .flash('success', `已导入 ${r.rows} 个地点：新增 ${r.inserted} 个，更新 ${r.updated} 个`)
          .redirect('/admin/places', 303);
      },
      (errors) => list(req, reply, errors),
    );
  });

  const key = (req: FastifyRequest) => tiandituBasemap(req.ctx)?.key ?? '';

  const newForm = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) => {
    requireStaff(req);
    const p = await admin.adminList(req.ctx, {});
    mapCsp(reply, key(req) !== '');
    return reply.page(
      {
        title: '新增地点',
        crumbs: [...crumbs, { label: title, href: '/admin/places' }, { label: '新增地点' }],
      },
      <>
        <h1 class="gk-title">新增查阅点或公开栏</h1>
        <PlaceForm
          action="/admin/places/new"
          csrf={reply.csrf()}
          values={{
            followCalendar: 'true',
            weekly: '周一至周五 08:30-12:00,14:30-17:30',
            ...asValues(values),
          }}
          errors={errors}
          agencies={p.manageable}
          tiandituKey={key(req)}
          reference={p.places.filter((x) => x.open)}
          submit="保存"
        />
      </>,
    );
  };
  app.get('/admin/places/new', async (req, reply) => newForm(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/places/new', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const agency = typeof req.body.agency === 'string' ? req.body.agency : '';
        const r = await admin.create(req.ctx, agency, req.body);
        return reply
          .flash('success', '已保存，门户网站的地图和列表已更新')
          .redirect(`/admin/places/${r.id}`, 303);
      },
      (errors) => newForm(req, reply, req.body, errors),
    );
  });

  const editForm = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: Body | null,
    errors: FieldError[],
    photoErrors: FieldError[] = [],
  ) => {
    requireStaff(req);
    const f = await admin.formOf(req.ctx, req.params.id);
    const reference = (await admin.adminList(req.ctx, {})).places.filter((x) => x.open && x.id !== f.id);
    mapCsp(reply, key(req) !== '');
    return reply.page(
      {
        title: f.values.name as string,
        crumbs: [...crumbs, { label: title, href: '/admin/places' }, { label: f.values.name as string }],
      },
      <>
        <h1 class="gk-title">{f.values.name}</h1>
        <p class="gk-muted">
          {f.agencyName} · {f.open ? '开放中' : '已撤销'}
          {f.open ? (
            <>
              {' · '}
              <a href={`/places/${f.id}`}>门户页面</a>
            </>
          ) : null}
        </p>
        <PlaceForm
          action={`/admin/places/${f.id}`}
          csrf={reply.csrf()}
          values={values ? asValues(values) : f.values}
          errors={errors}
          tiandituKey={key(req)}
          reference={reference}
          submit="保存修改"
        />
        <PhotoSection id={f.id} csrf={reply.csrf()} photos={f.photos} errors={photoErrors} />
        <section class="gk-section">
          <h2 class="gk-section__title">{f.open ? '撤销' : '恢复'}</h2>
          <p class="gk-hint">
            {f.open
              ? '地点已不再提供服务时撤销：门户网站不再显示，登记信息保留。'
              : '恢复后重新在门户网站显示。'}
          </p>
          <form
            class="gk-inline"
            method="post"
            action={`/admin/places/${f.id}/${f.open ? 'close' : 'reopen'}`}
          >
            <input type="hidden" name="_csrf" value={reply.csrf()} />
            <button class={`gk-button ${f.open ? 'gk-button--danger' : ''}`} type="submit">
              {f.open ? '撤销这个地点' : '恢复这个地点'}
            </button>
          </form>
        </section>
      </>,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/places/:id', async (req, reply) =>
    editForm(req, reply, null, []),
  );
  app.post<{ Params: { id: string }; Body: Body }>('/admin/places/:id', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await admin.update(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已保存修改').redirect(`/admin/places/${req.params.id}`, 303);
      },
      (errors) => editForm(req, reply, req.body, errors),
    );
  });
  for (const [path, open] of [
    ['close', false],
    ['reopen', true],
  ] as const)
    app.post<{ Params: { id: string } }>(`/admin/places/:id/${path}`, async (req, reply) => {
      requireStaff(req);
      await admin.setOpen(req.ctx, req.params.id, open);
      return reply
        .flash('success', open ? '已恢复，门户网站重新显示这个地点' : '已撤销，门户网站不再显示这个地点')
        .redirect(`/admin/places/${req.params.id}`, 303);
    });
  app.post<{ Params: { id: string }; Body: Body }>('/admin/places/:id/photos', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await admin.addPhoto(
          req.ctx,
          req.params.id,
          req.body.photo as { bytes?: Uint8Array } | undefined,
          typeof req.body.caption === 'string' ? req.body.caption : '',
        );
        return reply.flash('success', '照片已上传').redirect(`/admin/places/${req.params.id}`, 303);
      },
      (errors) => editForm(req, reply, null, [], errors),
    );
  });
  app.post<{ Params: { id: string; photo: string } }>(
    '/admin/places/:id/photos/:photo/delete',
    async (req, reply) => {
      requireStaff(req);
      await admin.removePhoto(req.ctx, req.params.id, req.params.photo);
      return reply.flash('success', '照片已删除').redirect(`/admin/places/${req.params.id}`, 303);
    },
  );
}

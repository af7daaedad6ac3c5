import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/errors.js';
import { requireStaff, withForm } from '../../../platform/http/server.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import * as reportFigures from './report-figures.service.js';

type Body = Record<string, string>;
type Query = { agencyId?: string; year?: string };

/** Back office: section 二's figures from other systems, per agency and year, by form or file. */
export function registerReportFigureRoutes(app: FastifyInstance): void {
  const renderFigures = async (
    req: FastifyRequest<{ Querystring: Query }>,
    reply: FastifyReply,
    values: Body | null,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const { agencies, agencyId, year, defs, current } = await reportFigures.figuresPage(req.ctx, req.query);
    return reply.page(
      {
        title: '年报数据录入',
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '年度报告', href: '/admin/annual-reports' },
          { label: '数据录入' },
        ],
      },
      <>
        <h1 class="gk-title">年报第二部分：其他系统的数据</h1>
        <form class="gk-form gk-filters" method="get" action="/admin/annual-reports/figures">
          <SelectField
            name="agencyId"
            label="机构"
            value={agencyId}
            errors={[]}
            options={agencyOptions(agencies)}
          />
          <TextField name="year" label="年度" type="number" value={String(year)} errors={[]} />
          <button class="gk-button gk-button--secondary" type="submit">
            选择
          </button>
        </form>
        {defs.length ? (
          <form
            class="gk-form"
            method="post"
            action={`/admin/annual-reports/figures?agencyId=${agencyId}&year=${year}`}
            novalidate
          >
            <CsrfField token={reply.csrf()} />
            <ErrorSummary errors={errors} />
            {defs.map((d) => (
              <TextField
                name={d.key}
                label={d.label}
                hint={d.signed ? '减少用负数，如 -8' : d.money ? '可有两位小数' : undefined}
                value={values ? values[d.key] : current[d.key] !== undefined ? String(current[d.key]) : ''}
                errors={errors}
              />
            ))}
            <button class="gk-button" type="submit">
              保存
            </button>
          </form>
        ) : (
          <p class="gk-muted">请选择 2019 年或以后的年度。</p>
        )}
        <section class="gk-section" id="csv">
          <h2 class="gk-section__title">从其他系统导入（CSV 或 Excel）</h2>
          <p class="gk-hint">
            列为“机构、年度、项目、数值”；项目写上表中的名称（如 行政许可·处理决定数量）。Excel、WPS 另存的
            CSV 和 .xlsx 工作簿都可以。有一行出错则全部不导入。
          </p>
          <form
            class="gk-form gk-filters"
            method="post"
            action="/admin/annual-reports/figures/import"
            enctype="multipart/form-data"
            novalidate
          >
            <CsrfField token={reply.csrf()} />
            <input class="gk-input" type="file" name="file" accept=".csv,.xlsx,text/csv" />
            <button class="gk-button gk-button--secondary" type="submit">
              导入
            </button>
          </form>
        </section>
      </>,
    );
  };
  app.get<{ Querystring: Query }>('/admin/annual-reports/figures', async (req, reply) =>
    renderFigures(req, reply, null, []),
  );
  app.post<{ Querystring: Query; Body: Body }>('/admin/annual-reports/figures', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const values = Object.fromEntries(Object.entries(req.body).filter(([k]) => k !== '_csrf'));
        await reportFigures.setFigures(req.ctx, req.query.agencyId ?? '', Number(req.query.year), values);
        return reply
          .flash('success', '已保存')
          .redirect(
            `/admin/annual-reports/figures?agencyId=${req.query.agencyId}&year=${req.query.year}`,
            303,
          );
      },
      (errors) => renderFigures(req, reply, req.body, errors),
    );
  });

  app.post<{ Querystring: Query; Body: Record<string, unknown> }>(
    '/admin/annual-reports/figures/import',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          // The upload's bytes as they came: the import kit tells the encoding and the kind of file.
          const file = req.body.file as { bytes?: Buffer } | undefined;
          const r = await reportFigures.importFigures(req.ctx, file?.bytes ?? new Uint8Array());
          return reply
            .flash('success', `已导入 ${r.agencies} 个机构的 ${r.figures} 项数据`)
            .redirect('/admin/annual-reports/figures', 303);
        },
        (errors) => renderFigures(req, reply, null, errors),
      );
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { beijingDate, formatDateTime } from '../../../platform/clock.js';
import { NotFoundError, type FieldError } from '../../../platform/errors.js';
import { requireStaff, withForm } from '../../../platform/http/server.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { agencies, agencyOptions } from '../../agencies/index.js';
import * as annualReports from './annual-report.service.js';
import {
  render,
  renderFormats,
  renderHtmlFragment,
  type RenderedReport,
  type RenderFormat,
} from '../render/index.js';
import { build as buildReport } from './report-build.service.js';
import { figureDefs, figuresOf, importFiguresCsv, setFigures } from './report-figures.service.js';
import { formatForYear } from '../contract/report.js';

type Body = Record<string, string>;

const stateLabels = { draft: '编写中', published: '已发布', superseded: '已被更正版本替代' } as const;
const formatLabels: Record<RenderFormat, string> = {
  html: '网页',
  md: 'Markdown',
  docx: 'Word',
  xlsx: 'Excel',
  pdf: 'PDF',
  json: '数据（JSON）',
};

/** The name a report goes by: a 含下级机关 report is titled as such. */
function titleAgency(view: annualReports.AnnualReportView): string {
  return view.scope === 'tree' ? (view.data.agency ?? view.agencyName) : view.agencyName;
}

function inputOf(view: annualReports.AnnualReportView) {
  return { data: view.data, agency: titleAgency(view), year: view.year, narrative: view.narrative };
}

// A published report never changes, so its files are made once and kept (a few dozen at most);
// PDFs are printed one at a time, so a burst of downloads cannot start a browser per request.
const cache = new Map<string, RenderedReport>();
let printing: Promise<unknown> = Promise.resolve();

async function renderedFile(
  view: annualReports.AnnualReportView,
  format: RenderFormat,
): Promise<RenderedReport> {
  const key = `${view.id}:${format}`;
  const frozen = view.state !== 'draft';
  const hit = frozen ? cache.get(key) : undefined;
  if (hit) return hit;
  const make = () => render(inputOf(view), format);
  const out = format === 'pdf' ? await (printing = printing.catch(() => undefined).then(make)) : await make();
  if (frozen) {
    if (cache.size >= 48) cache.delete(cache.keys().next().value!);
    cache.set(key, out as RenderedReport);
  }
  return out as RenderedReport;
}

async function send(reply: FastifyReply, view: annualReports.AnnualReportView, format: string) {
  if (!(renderFormats as readonly string[]).includes(format)) throw new NotFoundError('没有这种格式');
  const out = await renderedFile(view, format as RenderFormat);
  const name = `${titleAgency(view)}${view.year}年政府信息公开工作年度报告${view.version > 1 ? `（第${view.version}版）` : ''}.${out.extension}`;
  return reply
    .type(out.mediaType)
    .header(
      'content-disposition',
      `attachment; filename="report.${out.extension}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(out.bytes);
}

/** Back office: write, check, sign off and correct the agency's own annual report; portal: read it. */
export function registerAnnualReportRoutes(app: FastifyInstance): void {
  app.nav.push({ href: '/admin/annual-reports', label: '年度报告', area: 'admin', order: 38 });

  const renderIndex = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const scope = await agencies.listForStaff(req.ctx);
    const lastYear = Number(beijingDate(req.ctx.clock.now()).slice(0, 4)) - 1;
    const rows = await req.ctx.db
      .selectFrom('annual_report as r')
      .innerJoin('agency as a', 'a.id', 'r.agency_id')
      .select([
        'r.id',
        'r.year',
        'r.scope',
        'r.version',
        'r.state',
        'r.updated_at',
        'a.name',
        'a.id as agencyId',
      ])
      .where('r.agency_id', 'in', scope.map((a) => a.id).concat(['']))
      .orderBy('r.year', 'desc')
      .orderBy('a.path')
      .orderBy('r.version', 'desc')
      .execute();
    return reply.page(
      { title: '年度报告', crumbs: [{ label: '工作台', href: '/admin' }, { label: '年度报告' }] },
      <>
        <h1 class="gk-title">政府信息公开工作年度报告</h1>
        <p class="gk-lead">
          表格由平台数据生成（依申请公开、复议诉讼、主动公开和录入的其他数据），文字部分在此编写；没有错误时由公开办负责人发布。
        </p>
        <form class="gk-form gk-filters" method="post" action="/admin/annual-reports" novalidate>
          <CsrfField token={reply.csrf()} />
          <ErrorSummary errors={errors} />
          <SelectField
            name="agencyId"
            label="机构"
            value={values.agencyId}
            errors={errors}
            options={agencyOptions(scope)}
          />
          <TextField
            name="year"
            label="年度"
            type="number"
            value={values.year ?? String(lastYear)}
            errors={errors}
          />
          <SelectField
            name="scope"
            label="范围"
            value={values.scope ?? 'self'}
            errors={errors}
            options={[
              { value: 'self', label: '本级' },
              { value: 'tree', label: '含下级机关（全市各级各部门）' },
            ]}
          />
          <button class="gk-button" type="submit">
            编写或查看
          </button>
        </form>
        <p>
          <a href={`/admin/annual-reports/figures?year=${lastYear}`}>
            录入其他系统的数据（行政许可、处罚、强制、收费、采购）
          </a>
        </p>
        {rows.length ? (
          <Table head={['年度', '机构', '范围', '版本', '状态', '更新时间']}>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/annual-reports/${r.id}`}>{r.year}年</a>
                </td>
                <td>{r.name}</td>
                <td>{annualReports.scopeLabels[r.scope as 'self']}</td>
                <td>第{r.version}版</td>
                <td>{stateLabels[r.state as 'draft']}</td>
                <td>{formatDateTime(r.updated_at)}</td>
              </tr>
            ))}
          </Table>
        ) : null}
      </>,
    );
  };
  app.get('/admin/annual-reports', async (req, reply) => renderIndex(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/annual-reports', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await annualReports.open(req.ctx, req.body);
        return reply.redirect(`/admin/annual-reports/${r.id}`, 303);
      },
      (errors) => renderIndex(req, reply, req.body, errors),
    );
  });

  // Figures from other systems, per agency and year.
  const renderFigures = async (
    req: FastifyRequest<{ Querystring: { agencyId?: string; year?: string } }>,
    reply: FastifyReply,
    values: Body | null,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const scope = await agencies.listForStaff(req.ctx);
    const agencyId = req.query.agencyId ?? scope[0]?.id ?? '';
    const year = Number(req.query.year ?? Number(beijingDate(req.ctx.clock.now()).slice(0, 4)) - 1);
    const defs = Number.isInteger(year) && year >= 2019 ? figureDefs(formatForYear(year)) : [];
    const current = agencyId && defs.length ? await figuresOf(req.ctx, agencyId, year) : {};
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
            options={agencyOptions(scope)}
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
          <h2 class="gk-section__title">从其他系统导入（CSV）</h2>
          <p class="gk-hint">
            表头“机构,年度,项目,数值”；项目写名称（如
            行政许可·处理决定数量）或键（licensing.decisions）。有一行出错则全部不导入。
          </p>
          <form
            class="gk-form gk-filters"
            method="post"
            action="/admin/annual-reports/figures/import"
            enctype="multipart/form-data"
            novalidate
          >
            <CsrfField token={reply.csrf()} />
            <input class="gk-input" type="file" name="file" accept=".csv,text/csv" />
            <button class="gk-button gk-button--secondary" type="submit">
              导入
            </button>
          </form>
        </section>
      </>,
    );
  };
  app.get<{ Querystring: { agencyId?: string; year?: string } }>(
    '/admin/annual-reports/figures',
    async (req, reply) => renderFigures(req, reply, null, []),
  );
  app.post<{ Querystring: { agencyId?: string; year?: string }; Body: Body }>(
    '/admin/annual-reports/figures',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const values = Object.fromEntries(Object.entries(req.body).filter(([k]) => k !== '_csrf'));
          await setFigures(req.ctx, req.query.agencyId ?? '', Number(req.query.year), values);
          return reply
            .flash('success', '已保存')
            .redirect(
              `/admin/annual-reports/figures?agencyId=${req.query.agencyId}&year=${req.query.year}`,
              303,
            );
        },
        (errors) => renderFigures(req, reply, req.body, errors),
      );
    },
  );

  app.post<{ Body: Record<string, unknown> }>('/admin/annual-reports/figures/import', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const file = req.body.file as { bytes?: Buffer } | undefined;
        const r = await importFiguresCsv(req.ctx, Buffer.from(file?.bytes ?? []).toString('utf8'));
        return reply
          .flash('success', `已导入 ${r.agencies} 个机构的 ${r.figures} 项数据`)
          .redirect('/admin/annual-reports/figures', 303);
      },
      (errors) =>
        renderFigures(
          req as unknown as FastifyRequest<{ Querystring: { agencyId?: string; year?: string } }>,
          reply,
          null,
          errors,
        ),
    );
  });

  const renderReport = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: Body | null,
    errors: FieldError[],
  ) => {
    const me = requireStaff(req);
    const r = await annualReports.get(req.ctx, req.params.id);
    const path = await agencies.pathOf(req.ctx, r.agencyId);
    const holds = (roles: string[]) =>
      me.actor.grants.some((g) => roles.includes(g.role) && path.startsWith(g.agencyPath));
    const csrf = reply.csrf();
    const errorCount = r.findings.filter((f) => f.severity === 'error').length;
    const n = values ?? r.narrative;
    return reply.page(
      {
        title: `${r.agencyName}${r.year}年度报告`,
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '年度报告', href: '/admin/annual-reports' },
          { label: `${r.year}年 ${r.agencyName}` },
        ],
      },
      <>
        <h1 class="gk-title">
          {r.agencyName}
          {r.year}年政府信息公开工作年度报告（{annualReports.scopeLabels[r.scope]}，第{r.version}版）
        </h1>
        <p>
          状态：<strong id="report-state">{stateLabels[r.state]}</strong>
          {r.publishedAt ? ` · 发布于 ${formatDateTime(r.publishedAt)}` : ''}
          {r.correctionReason ? ` · 更正理由：${r.correctionReason}` : ''}
        </p>
        <ErrorSummary errors={errors} />
        <section class="gk-section" id="findings">
          <h2 class="gk-section__title">检查结果</h2>
          {r.findings.length ? (
            <ul>
              {r.findings.map((f) => (
                <li class={f.severity === 'error' ? 'gk-error-message' : ''}>
                  {f.severity === 'error' ? '错误' : '提示'}：{f.message}
                </li>
              ))}
            </ul>
          ) : (
            <p>全部勾稽关系和文字一致性检查通过。</p>
          )}
          {r.state === 'draft' && holds(['officeHead', 'admin']) ? (
            errorCount ? (
              <p class="gk-muted">还有 {errorCount} 处错误，改正后才能发布。</p>
            ) : (
              <PostButton
                action={`/admin/annual-reports/${r.id}/publish`}
                csrf={csrf}
                label="审核通过并发布"
              />
            )
          ) : null}
          {r.state === 'published' && holds(['officeHead', 'admin']) ? (
            <form
              class="gk-form gk-filters"
              method="post"
              action={`/admin/annual-reports/${r.id}/correct`}
              novalidate
            >
              <CsrfField token={csrf} />
              <TextField name="reason" label="更正理由" value="" errors={errors} />
              <button class="gk-button gk-button--secondary" type="submit">
                创建更正版本
              </button>
            </form>
          ) : null}
        </section>
        <p class="gk-actions">
          下载：
          {renderFormats.map((f) => (
            <>
              {' '}
              <a href={`/admin/annual-reports/${r.id}/download.${f}`}>{formatLabels[f]}</a>
            </>
          ))}
        </p>
        {r.state === 'draft' && holds(['clerk', 'officeHead', 'admin']) ? (
          <form class="gk-form" method="post" action={`/admin/annual-reports/${r.id}/narrative`} novalidate>
            <CsrfField token={csrf} />
            <TextArea
              name="section1"
              label="一、总体情况"
              value={n.section1}
              errors={errors}
              rows={14}
              hint="数字由平台按表格预填；修改后如与表格不一致，检查结果会提示"
            />
            {r.previousProblems ? (
              <div class="gk-record-link">
                <strong>上年度报告所述问题：</strong>
                {r.previousProblems}
              </div>
            ) : null}
            <TextArea
              name="section5"
              label="五、存在的主要问题及改进情况"
              value={n.section5}
              errors={errors}
            />
            <TextArea
              name="section6"
              label="六、其他需要报告的事项"
              value={n.section6}
              errors={errors}
              rows={5}
              hint="信息处理费的收取情况已按收费记录预填"
            />
            <button class="gk-button" type="submit">
              保存文字部分
            </button>
          </form>
        ) : null}
        <section class="gk-section">
          <h2 class="gk-section__title">预览</h2>
          <div
            dangerouslySetInnerHTML={{
              __html: renderHtmlFragment(inputOf(r)),
            }}
          />
        </section>
      </>,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/annual-reports/:id', async (req, reply) =>
    renderReport(req, reply, null, []),
  );
  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/annual-reports/:id/narrative',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          await annualReports.saveNarrative(req.ctx, req.params.id, req.body);
          return reply.flash('success', '已保存').redirect(`/admin/annual-reports/${req.params.id}`, 303);
        },
        (errors) => renderReport(req, reply, req.body, errors),
      );
    },
  );
  app.post<{ Params: { id: string } }>('/admin/annual-reports/:id/publish', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await annualReports.publish(req.ctx, req.params.id);
        return reply.flash('success', '已发布').redirect(`/admin/annual-reports/${req.params.id}`, 303);
      },
      (errors) => renderReport(req, reply, null, errors),
    );
  });
  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/annual-reports/:id/correct',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const next = await annualReports.correct(req.ctx, req.params.id, req.body);
          return reply.flash('info', '已创建更正版本').redirect(`/admin/annual-reports/${next.id}`, 303);
        },
        (errors) => renderReport(req, reply, null, errors),
      );
    },
  );
  app.get<{ Params: { id: string; format: string } }>(
    '/admin/annual-reports/:id/download.:format',
    async (req, reply) => {
      requireStaff(req);
      return send(reply, await annualReports.get(req.ctx, req.params.id), req.params.format);
    },
  );

  // REST: the built data of any year and scope, and an agency's report with its narrative.
  const tags = ['年度报告'];
  app.get<{ Querystring: { agency?: string; year?: string; scope?: string } }>(
    '/api/v1/annual-reports/build',
    {
      schema: {
        tags,
        summary: '用平台数据生成年度报告数据（gongkai.annual-report/1），含全部检查结果；需登录',
        querystring: {
          type: 'object',
          properties: {
            agency: { type: 'string', description: '机构（ID、全称或简称）' },
            year: { type: 'string', description: '年度' },
            scope: { type: 'string', enum: ['self', 'tree'], description: '本级或含下级机关' },
          },
        },
      },
    },
    async (req) => {
      requireStaff(req);
      const agency = await agencies.resolve(req.ctx, req.query.agency ?? '');
      const scope = req.query.scope === 'tree' ? 'tree' : 'self';
      return buildReport(req.ctx, { agencyId: agency.id, year: Number(req.query.year), scope });
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/annual-reports/:id',
    { schema: { tags, summary: '本机关年度报告（草稿或已发布）：数据、文字部分和检查结果；需登录' } },
    async (req) => {
      requireStaff(req);
      return annualReports.get(req.ctx, req.params.id);
    },
  );

  // Portal.
  app.get<{ Params: { id: string } }>('/annual-reports/:id', async (req, reply) => {
    const r = await annualReports.publicView(req.ctx, req.params.id);
    if (!r) throw new NotFoundError('未找到该年度报告');
    return reply.page(
      {
        title: `${r.agencyName}${r.year}年政府信息公开工作年度报告`,
        area: 'portal',
        crumbs: [
          { label: '首页', href: '/' },
          { label: '政府信息公开', href: `/xxgk/${r.agencyId}` },
          { label: '年度报告', href: `/xxgk/${r.agencyId}/reports` },
          { label: `${r.year}年` },
        ],
      },
      <>
        {r.state === 'superseded' ? <p class="gk-record-link">本报告已有更正版本。</p> : null}
        {r.correctionReason ? (
          <p class="gk-record-link">
            更正版本（第{r.version}版），更正理由：{r.correctionReason}
          </p>
        ) : null}
        <div
          dangerouslySetInnerHTML={{
            __html: renderHtmlFragment(inputOf(r)),
          }}
        />
        <p class="gk-actions">
          下载：
          {(['pdf', 'docx', 'xlsx'] as const).map((f) => (
            <>
              {' '}
              <a href={`/annual-reports/${r.id}/download.${f}`}>{formatLabels[f]}</a>
            </>
          ))}
        </p>
      </>,
    );
  });
  app.get<{ Params: { id: string; format: string } }>(
    '/annual-reports/:id/download.:format',
    async (req, reply) => {
      const r = await annualReports.publicView(req.ctx, req.params.id);
      if (!r) throw new NotFoundError('未找到该年度报告');
      return send(reply, r, req.params.format);
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import { requireStaff, withForm } from '../../../platform/http/server.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  Summary,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { renderFormats, renderHtmlFragment } from '../render/index.js';
import {
  findingItems,
  formatLabels,
  publicationSummary,
  renderInputOf,
  stateLabels,
} from './annual-report.presenter.js';
import { scopeLabels } from './annual-report.schemas.js';
import * as annualReports from './annual-report.service.js';
import type { ReportFile } from './report-files.service.js';
import * as reportFiles from './report-files.service.js';
import { readScopes } from './annual-report.policy.js';
import { problemStatusLabels } from '../followup/followup.schemas.js';

type Body = Record<string, string>;

/** A report file as a download, saved under its Chinese name. */
export function sendFile(reply: FastifyReply, file: ReportFile) {
  return reply
    .type(file.mediaType)
    .header(
      'content-disposition',
      `attachment; filename="report.${file.extension}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(file.bytes);
}

/** The findings of a report, each in Chinese (what, where, why), errors and unfinished text marked. */
function Findings({ report }: { report: Parameters<typeof findingItems>[0] }) {
  const items = findingItems(report);
  if (!items.length) return <p>全部勾稽关系和文字一致性检查通过。</p>;
  return (
    <ul class="gk-findings">
      {items.map((f) => (
        <li class={f.blocking ? 'gk-error-message' : undefined}>{f.line}</li>
      ))}
    </ul>
  );
}

/** Back office: write, check, sign off and correct the agency's own annual report. */
export function registerAnnualReportRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/annual-reports',
    label: '年度报告',
    area: 'admin',
    order: 38,
    visibleTo: (actor) => readScopes(actor).length > 0,
  });

  const renderIndex = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const { agencies, reports, lastYear } = await annualReports.indexPage(req.ctx);
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
            options={agencyOptions(agencies)}
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
        <p>
          <a href={`/admin/annual-reports/followup?year=${lastYear}`}>
            培训考核与问题整改：登记培训和考核，跟踪年报所述问题的整改
          </a>
        </p>
        <p>
          <a href="/admin/annual-reports/compare">年度报告对比：各机构、各年度的指标、趋势图和跨年度检查</a>
        </p>
        {reports.length ? (
          <Table head={['年度', '机构', '范围', '版本', '状态', '更新时间']}>
            {reports.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/annual-reports/${r.id}`}>{r.year}年</a>
                </td>
                <td>{r.agencyName}</td>
                <td>{scopeLabels[r.scope]}</td>
                <td>第{r.version}版</td>
                <td>{stateLabels[r.state]}</td>
                <td>{formatDateTime(r.updatedAt)}</td>
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

  const renderReport = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: Body | null,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const { report: r, allowed } = await annualReports.reportPage(req.ctx, req.params.id);
    const csrf = reply.csrf();
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
          {r.year}年政府信息公开工作年度报告（{scopeLabels[r.scope]}，第{r.version}版）
        </h1>
        <p>
          状态：<strong id="report-state">{stateLabels[r.state]}</strong>
          {r.publishedAt ? ` · 发布于 ${formatDateTime(r.publishedAt)}` : ''}
          {r.correctionReason ? ` · 更正理由：${r.correctionReason}` : ''}
        </p>
        <ErrorSummary errors={errors} />
        <section class="gk-section" id="findings">
          <h2 class="gk-section__title">检查结果</h2>
          <Findings report={r} />
          {allowed.includes('publish') && !allowed.includes('editNarrative') ? (
            <p>
              <a class="gk-button" href={`/admin/annual-reports/${r.id}/publish`}>
                核对并发布…
              </a>
            </p>
          ) : null}
          {allowed.includes('correct') ? (
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
        {allowed.includes('editNarrative') ? (
          <form
            class="gk-form"
            method="post"
            action={`/admin/annual-reports/${r.id}/narrative`}
            data-unsaved-warning="文字部分还没有保存，离开本页将丢失所作的修改。"
            novalidate
          >
            <CsrfField token={csrf} />
            <TextArea
              name="section1"
              label="一、总体情况"
              value={n.section1}
              errors={errors}
              rows={14}
              hint="数字由平台按表格预填；修改后如与表格不一致，检查结果会提示"
            />
            {r.trackedProblems.length ? (
              <div class="gk-record-link">
                <strong>上年度报告所述问题的整改情况：</strong>
                <ol>
                  {r.trackedProblems.map((p) => (
                    <li>
                      {p.text}（{problemStatusLabels[p.status]}
                      {p.measures ? `：${p.measures}` : ''}）
                    </li>
                  ))}
                </ol>
                <a
                  href={`/admin/annual-reports/followup?agencyId=${r.agencyId}&year=${r.year - 1}&scope=${r.scope}#problems`}
                >
                  更新整改情况
                </a>
              </div>
            ) : r.previousProblems ? (
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
            <p class="gk-actions">
              <button class="gk-button" type="submit">
                保存文字部分
              </button>
              {allowed.includes('publish') ? (
                <button
                  class="gk-button gk-button--secondary"
                  type="submit"
                  formaction={`/admin/annual-reports/${r.id}/review`}
                >
                  保存并核对发布…
                </button>
              ) : null}
            </p>
            {allowed.includes('publish') ? (
              <p class="gk-hint">
                发布前先保存文字部分，再在核对页面确认将要向社会公开的内容；有错误或未写完的段落时不能发布。
              </p>
            ) : null}
          </form>
        ) : null}
        <script src="/static/unsaved-warning.js" defer></script>
        <section class="gk-section">
          <h2 class="gk-section__title">预览</h2>
          <div
            dangerouslySetInnerHTML={{
              __html: renderHtmlFragment(renderInputOf(r)),
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
  // Publishing, in two steps and without JavaScript: the narrative form's second button saves the
  // text and opens the confirmation page, which shows what will become public; its button posts
  // the confirmation with the fingerprint of what was shown.
  app.post<{ Params: { id: string }; Body: Body }>('/admin/annual-reports/:id/review', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await annualReports.saveNarrative(req.ctx, req.params.id, req.body);
        return reply.redirect(`/admin/annual-reports/${req.params.id}/publish`, 303);
      },
      (errors) => renderReport(req, reply, req.body, errors),
    );
  });

  const renderReview = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const {
      report: r,
      blocking,
      reviewedAt,
      allowed,
    } = await annualReports.publishReview(req.ctx, req.params.id);
    const summary = publicationSummary(r);
    return reply.page(
      {
        title: `核对并发布${r.year}年度报告`,
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '年度报告', href: '/admin/annual-reports' },
          { label: `${r.year}年 ${r.agencyName}`, href: `/admin/annual-reports/${r.id}` },
          { label: '核对并发布' },
        ],
      },
      <>
        <h1 class="gk-title">核对将要公开的内容</h1>
        <p class="gk-lead">
          发布后，以下报告将在门户网站“政府信息公开年报”栏目向社会公开，并提供网页、Word、PDF
          等格式下载；发布后如需修改，只能创建更正版本并说明理由。
        </p>
        <ErrorSummary errors={errors} />
        <section class="gk-section" id="publication">
          <h2 class="gk-section__title">将要公开的报告</h2>
          <Summary
            rows={[
              ['标题', summary.title],
              [
                '文字部分',
                <ul>
                  {summary.sections.map((s) => (
                    <li>
                      {s.heading}：{s.paragraphs} 段，{s.characters} 字
                    </li>
                  ))}
                </ul>,
              ],
              [
                '表格',
                <ul>
                  {summary.tables.map((t) => (
                    <li>{t}</li>
                  ))}
                </ul>,
              ],
            ]}
          />
        </section>
        <section class="gk-section" id="findings">
          <h2 class="gk-section__title">检查结果</h2>
          <Findings report={r} />
          {allowed.includes('publish') ? (
            <form class="gk-form" method="post" action={`/admin/annual-reports/${r.id}/publish`} novalidate>
              <CsrfField token={reply.csrf()} />
              <input type="hidden" name="reviewedAt" value={reviewedAt} />
              <label class="gk-checkbox">
                <input type="checkbox" name="confirmed" value="1" required /> 我已核对以上内容，同意向社会公开
              </label>
              <p class="gk-actions">
                <button class="gk-button" type="submit">
                  确认发布
                </button>{' '}
                <a href={`/admin/annual-reports/${r.id}`}>返回修改</a>
              </p>
            </form>
          ) : (
            <p class="gk-error-message" id="blocking">
              还有 {blocking.length} 处须改正（错误或未写完的段落），改正后才能发布。
              <a href={`/admin/annual-reports/${r.id}`}>返回修改</a>
            </p>
          )}
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">全文</h2>
          <div
            dangerouslySetInnerHTML={{
              __html: renderHtmlFragment(renderInputOf(r)),
            }}
          />
        </section>
      </>,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/annual-reports/:id/publish', async (req, reply) =>
    renderReview(req, reply, []),
  );
  app.post<{ Params: { id: string }; Body: Body }>(
    '/admin/annual-reports/:id/publish',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          await annualReports.publish(req.ctx, req.params.id, req.body);
          return reply.flash('success', '已发布').redirect(`/admin/annual-reports/${req.params.id}`, 303);
        },
        (errors) => renderReview(req, reply, errors),
      );
    },
  );
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
      return sendFile(reply, await reportFiles.reportFile(req.ctx, req.params.id, req.params.format));
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../platform/errors.js';
import { requireStaff, withForm } from '../../../platform/http/server.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  Summary,
  Table,
  TextField,
} from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { cellMarks, FindingList, MarkedTables } from '../render/marked-tables.js';
import { uploaded } from './published-report.schemas.js';
import * as reports from './published-report.service.js';
import { readStatusLabels } from './read-and-check.js';
import { scopes } from './published-report.policy.js';

type Body = Record<string, unknown>;
const crumbs = (...rest: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  { label: '年报检查', href: '/admin/reports' },
  ...rest,
];

/** Back office: the checker of published reports (年报检查), and recording one as an agency's history. */
export function registerPublishedReportRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/reports',
    label: '年报检查',
    area: 'admin',
    order: 40,
    visibleTo: (actor) => scopes(actor).length > 0,
  });

  const renderIndex = async (req: FastifyRequest, reply: FastifyReply, errors: FieldError[]) => {
    const list = await reports.list(req.ctx);
    return reply.page(
      { title: '年报检查', crumbs: crumbs() },
      <>
        <h1 class="gk-title">政府信息公开工作年度报告检查</h1>
        <p class="gk-lead">
          上传已发布的年度报告（PDF、Word、网页、Markdown
          或文本），或直接粘贴全文：系统读取表二、表三、表四，核对勾稽关系，并把正文中的数字与表格比对。
        </p>
        <form class="gk-form" method="post" action="/admin/reports" enctype="multipart/form-data" novalidate>
          <CsrfField token={reply.csrf()} />
          <ErrorSummary errors={errors} />
          <div class={`gk-field${errors.some((e) => e.field === 'file') ? ' gk-field--error' : ''}`}>
            <label class="gk-label" for="f-file">
              报告文件
            </label>
            <p class="gk-hint">
              支持 .pdf .docx .html .md .txt，不超过 20 MB；扫描版 PDF 没有文字层，无法读取。
            </p>
            {errors.find((e) => e.field === 'file') ? (
              <p class="gk-error-message">{errors.find((e) => e.field === 'file')!.message}</p>
            ) : null}
            <input
              class="gk-input"
              id="f-file"
              name="file"
              type="file"
              accept=".pdf,.docx,.html,.htm,.md,.txt"
            />
          </div>
          <div class="gk-field">
            <label class="gk-label" for="f-text">
              或粘贴报告全文
            </label>
            <textarea class="gk-textarea" id="f-text" name="text" rows={8}></textarea>
          </div>
          <div class="gk-actions">
            <button class="gk-button" type="submit">
              检查
            </button>
          </div>
        </form>
        <section class="gk-section">
          <h2 class="gk-section__title">最近检查的报告</h2>
          <Table head={['文件', '机构', '年度', '读取', '错误', '提示', '历史报告', '检查时间']}>
            {list.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/reports/${r.id}`}>{r.sourceName}</a>
                </td>
                <td>{r.agency}</td>
                <td>{r.year}</td>
                <td>{r.read}</td>
                <td class="gk-num">{r.errors}</td>
                <td class="gk-num">{r.warnings}</td>
                <td>{r.recordedAs}</td>
                <td>{r.checkedAt}</td>
              </tr>
            ))}
          </Table>
        </section>
      </>,
    );
  };

  app.get('/admin/reports', async (req, reply) => {
    requireStaff(req);
    return renderIndex(req, reply, []);
  });

  app.post<{ Body: Body }>('/admin/reports', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await reports.check(req.ctx, uploaded(req.body ?? {}));
        return reply.redirect(`/admin/reports/${r.id}`, 303);
      },
      (errors) => renderIndex(req, reply, errors),
    );
  });

  const renderReport = async (req: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[]) => {
    requireStaff(req);
    const { report: r, history, attachTargets: targets } = await reports.checkedPage(req.ctx, id);
    const d = r.data;
    const marks = d ? cellMarks(d, r.info?.blankCells ?? []) : new Map<string, number[]>();
    const errorsCount = d?.findings.filter((f) => f.severity === 'error').length ?? 0;
    return reply.page(
      { title: r.file, crumbs: crumbs({ label: r.file }) },
      <>
        <h1 class="gk-title">{d ? `${d.agency ?? '（未写明机构）'} ${d.year ?? ''} 年度报告` : r.file}</h1>
        <ErrorSummary errors={errors} />
        <Summary
          rows={[
            ['文件', r.file],
            ['读取', `${readStatusLabels[r.status]}${r.error ? `：${r.error}` : ''}`],
            ['格式', d ? `${d.format} 年格式` : null],
            ['问题', d ? `${errorsCount} 处错误、${d.findings.length - errorsCount} 处提示` : null],
            ['历史报告', history ? `已记录为 ${history.name} ${history.year} 年度报告` : '未记录'],
          ]}
        />
        {d ? (
          <>
            <section class="gk-section">
              <h2 class="gk-section__title">发现的问题</h2>
              <FindingList findings={d.findings} />
            </section>
            <section class="gk-section">
              <MarkedTables data={d} marks={marks} />
            </section>
            {targets.length ? (
              <section class="gk-section">
                <h2 class="gk-section__title">记录为机构的历史报告</h2>
                <p class="gk-hint">记录后，下一年度报告的“年度衔接”检查以此为准。</p>
                <form
                  class="gk-form gk-filters"
                  method="post"
                  action={`/admin/reports/${r.id}/attach`}
                  novalidate
                >
                  <CsrfField token={reply.csrf()} />
                  <SelectField
                    name="agencyId"
                    label="机构"
                    errors={errors}
                    options={agencyOptions(targets)}
                    value={r.history?.agencyId ?? targets.find((a) => a.name === d.agency)?.id}
                  />
                  <TextField
                    name="year"
                    label="年度"
                    errors={errors}
                    value={r.history?.year ?? d.year ?? ''}
                    inputmode="numeric"
                  />
                  <label class="gk-checkbox">
                    <input type="checkbox" name="replace" value="1" /> 替换该年度已有的历史报告
                  </label>
                  <button class="gk-button gk-button--secondary" type="submit">
                    记录
                  </button>
                </form>
              </section>
            ) : null}
          </>
        ) : null}
      </>,
    );
  };

  app.get<{ Params: { id: string } }>('/admin/reports/:id', async (req, reply) =>
    renderReport(req, reply, req.params.id, []),
  );

  app.post<{ Params: { id: string }; Body: Body }>('/admin/reports/:id/attach', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await reports.attach(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已记录为历史报告').redirect(`/admin/reports/${req.params.id}`, 303);
      },
      (errors) => renderReport(req, reply, req.params.id, errors),
    );
  });
}

import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../platform/errors.js';
import { renderHtmlFragment } from '../render/index.js';
import { formatLabels, renderInputOf } from './annual-report.presenter.js';
import { sendFile } from './annual-report.routes.js';
import * as annualReports from './annual-report.service.js';
import * as reportFiles from './report-files.service.js';

/** Portal: an agency's published report, as signed off, and its files. */
export function registerAnnualReportPortalRoutes(app: FastifyInstance): void {
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
        tags: {
          columnName: '政府信息公开工作年度报告',
          columnType: '信息公开年报',
          article: r.publishedAt
            ? { title: r.title, publishedAt: r.publishedAt, source: r.agencyName }
            : undefined,
        },
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
            __html: renderHtmlFragment(renderInputOf(r)),
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
    async (req, reply) =>
      sendFile(reply, await reportFiles.publicReportFile(req.ctx, req.params.id, req.params.format)),
  );
}

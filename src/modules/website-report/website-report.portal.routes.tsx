import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { PubDate } from '../../platform/ui/components.js';
import * as websiteReports from './website-report.service.js';
import { ReportTable } from './views/report-table.js';

const crumbs = (...more: Array<{ label: string; href?: string }>) => [
  { label: '首页', href: '/' },
  { label: '政府网站工作年度报表', href: '/website-report' },
  ...more,
];

/** Portal: the site's published 政府网站工作年度报表, each year as a table and as XLSX. */
export function registerWebsiteReportPortalRoutes(app: FastifyInstance): void {
  app.get('/website-report', async (req, reply) => {
    const l = await websiteReports.publishedList(req.ctx);
    return reply.page(
      { title: '政府网站工作年度报表', area: 'portal', crumbs: crumbs() },
      <>
        <h1 class="gk-title">政府网站工作年度报表</h1>
        <p class="gk-lead">
          依国办函〔2018〕12号，本网站每年 1 月 31 日前公布上一年度的政府网站工作年度报表。
        </p>
        {l.reports.length ? (
          <ul class="gk-record-list">
            {l.reports.map((r) => (
              <li>
                <a href={`/website-report/${r.year}`}>{r.year}年度政府网站工作年度报表</a>
                <span class="gk-hit-meta">
                  {' '}
                  <PubDate at={r.publishedAt} />
                  {r.correctionReason ? '（更正版本）' : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="gk-muted">暂无已发布的年度报表。</p>
        )}
      </>,
    );
  });

  app.get<{ Params: { year: string } }>('/website-report/:year', async (req, reply) => {
    const r = await websiteReports.publicView(req.ctx, req.params.year);
    if (!r) throw new NotFoundError('未找到该年度的政府网站工作年度报表');
    return reply.page(
      {
        title: r.title,
        area: 'portal',
        crumbs: crumbs({ label: `${r.year}年度` }),
        tags: {
          columnName: '政府网站工作年度报表',
          columnType: '网站年度报表',
          article: { title: r.title, publishedAt: r.publishedAt, source: r.sponsor },
        },
      },
      <>
        <h1 class="gk-title">{r.title}</h1>
        <p class="gk-hit-meta">
          发布日期：
          <PubDate at={r.publishedAt} />
          {r.correctionReason ? ` · 更正版本（第 ${r.version} 版），更正理由：${r.correctionReason}` : ''}
        </p>
        <ReportTable title={r.title} rows={r.rows} />
        <p class="gk-hint">
          “人工填报”的数值由主办单位填报并说明了理由；其余标注计算口径的数值由本平台的数据算出，见下。
        </p>
        <details>
          <summary>计算口径</summary>
          <ul>
            {r.bases.map((b) => (
              <li>
                {b.label}：{b.basis}
              </li>
            ))}
            <li>移动新媒体：{r.data.accountsBasis}</li>
          </ul>
        </details>
        <p class="gk-actions">
          下载：<a href={`/website-report/${r.year}/download.xlsx`}>Excel 表格</a>
        </p>
      </>,
    );
  });

  app.get<{ Params: { year: string } }>('/website-report/:year/download.xlsx', async (req, reply) => {
    const f = await websiteReports.publicWorkbook(req.ctx, req.params.year);
    if (!f) throw new NotFoundError('未找到该年度的政府网站工作年度报表');
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="website-report-${req.params.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      )
      .send(f.bytes);
  });
}

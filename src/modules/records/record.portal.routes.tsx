import type { FastifyInstance } from 'fastify';
import { attachmentLine, publicRecord } from './record.presenter.js';
import * as records from './record.service.js';
import * as attachments from './record-attachment.service.js';
import { searchPage } from './record-search.service.js';
import { PublicRecord } from './views/public-record.js';
import { SearchPage, type Query } from './views/search-page.js';

/** The first words of a record's body as plain text, for the page's Description tag. */
function excerpt(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** The portal's side of 主动公开: a record's page, its files, and full-text search. */
export function registerRecordPortalRoutes(app: FastifyInstance): void {
  app.nav.push({ href: '/search', label: '全文检索', area: 'portal', order: 30 });

  // The portal's record page, with the metadata block of legal.md §7.
  app.get<{ Params: { id: string } }>('/records/:id', async (req, reply) => {
    const page = await records.publicRecordPage(req.ctx, req.params.id);
    const r = publicRecord(page.record);
    return reply.page(
      {
        title: r.title,
        area: 'portal',
        crumbs: [{ label: '首页', href: '/' }, { label: '政府信息公开' }, { label: r.title }],
        // 47号 网页标签 of an article: inspectors read PubDate to judge freshness.
        tags: {
          columnName: '政府信息公开',
          columnType: '信息公开',
          article: r.publishedAt
            ? {
                title: r.title,
                publishedAt: r.publishedAt,
                source: r.agencyName,
                keywords: r.keywords,
                description: page.record.summary || excerpt(r.bodyHtml),
              }
            : undefined,
        },
      },
      <PublicRecord r={r} files={page.attachments.map(attachmentLine)} links={page.links} />,
    );
  });

  app.get<{ Params: { id: string } }>('/attachments/:id', async (req, reply) => {
    const f = await attachments.download(req.ctx, req.params.id);
    // Images and PDFs open in the browser; anything else downloads under its own name.
    const disposition =
      f.mediaType.startsWith('image/') || f.mediaType === 'application/pdf' ? 'inline' : 'attachment';
    return reply
      .type(f.mediaType)
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        `${disposition}; filename="file.${f.fileName.split('.').at(-1)}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
      )
      .send(Buffer.from(f.content));
  });

  app.get<{ Querystring: Query }>('/search', async (req, reply) => {
    const page = await searchPage(req.ctx, req.query);
    const q = req.query.q;
    return reply.page(
      {
        title: q ? `检索：${q}` : '全文检索',
        area: 'portal',
        crumbs: [{ label: '首页', href: '/' }, { label: '全文检索' }],
      },
      <SearchPage page={page} query={req.query} />,
    );
  });
}

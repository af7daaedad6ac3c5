import type { FastifyInstance } from 'fastify';
import { beijingDate, formatDateTime } from '../../platform/clock.js';
import { ValidationError } from '../../platform/errors.js';
import { ErrorSummary, SelectField, TextField } from '../../platform/ui/components.js';
import { agencies, agencyOptions } from '../agencies/index.js';
import type { SnippetPart } from '../search/index.js';
import { validityLabels, validities } from './record.js';
import { searchRecords, searchResultJson, searchSchema, type SearchResult } from './record.search.js';
import { subjectCategoryTree } from './subject-category.js';

type Query = Record<string, string | undefined>;

const filterNames = ['q', 'agency', 'domain', 'subject', 'year', 'validity', 'sort'] as const;

function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <p class="gk-hit-snippet">{parts.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}</p>;
}

/** The query string of this search on another page (or with another sort). */
function href(query: Query, over: Query): string {
  const params = new URLSearchParams();
  for (const n of [...filterNames, 'page'] as const) {
    const v = n in over ? over[n] : query[n];
    if (v) params.set(n, v);
  }
  return `/search?${params.toString()}`;
}

function Pager({ result, query }: { result: SearchResult; query: Query }) {
  const pages = Math.ceil(result.total / result.pageSize);
  if (pages <= 1) return null;
  const near = [
    ...new Set([1, result.page - 2, result.page - 1, result.page, result.page + 1, result.page + 2, pages]),
  ]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="gk-pager" aria-label="分页">
      {result.page > 1 ? <a href={href(query, { page: String(result.page - 1) })}>上一页</a> : null}
      {near.map((p) =>
        p === result.page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={href(query, { page: String(p) })}>{p}</a>
        ),
      )}
      {result.page < pages ? <a href={href(query, { page: String(result.page + 1) })}>下一页</a> : null}
    </nav>
  );
}

/** Portal search (全文检索) and its JSON twin. */
export function registerRecordSearchRoutes(
  app: FastifyInstance,
  domains: ReadonlyArray<{ value: string; label: string }>,
): void {
  app.nav.push({ href: '/search', label: '全文检索', area: 'portal', order: 30 });
  app.get<{ Querystring: Query }>(
    '/api/v1/search',
    {
      schema: {
        tags: ['检索'],
        summary:
          '检索已发布的政府信息：{"total", "hits": [{indexNumber, title, docNumber, snippet, score}]}，按相关度（完全匹配的文号、索引号、短语在前）或发布日期排序',
        querystring: searchSchema.json(),
      },
    },
    async (req) => searchResultJson(await searchRecords(req.ctx, req.query)),
  );

  app.get<{ Querystring: Query }>('/search', async (req, reply) => {
    const query = req.query;
    let result: SearchResult | null = null;
    let errors: ValidationError['fields'] = [];
    if (query.q !== undefined) {
      try {
        result = await searchRecords(req.ctx, query);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        errors = e.fields;
      }
    }
    const agencyList = await agencies.listPublic(req.ctx);
    const years = Array.from({ length: 8 }, (_, i) =>
      String(Number(beijingDate(req.ctx.clock.now()).slice(0, 4)) - i),
    );
    return reply.page(
      {
        title: query.q ? `检索：${query.q}` : '全文检索',
        area: 'portal',
        crumbs: [{ label: '首页', href: '/' }, { label: '全文检索' }],
      },
      <section class="gk-search">
        <h1 class="gk-title">全文检索</h1>
        <ErrorSummary errors={errors} />
        <form method="get" action="/search" role="search" class="gk-search-form">
          <TextField
            name="q"
            label="检索词"
            value={query.q ?? ''}
            errors={errors}
            hint="可输入标题或正文中的词句、文号（如 晋政文〔2020〕12号）或索引号"
          />
          <details
            class="gk-search-filters"
            open={Boolean(query.agency || query.domain || query.subject || query.year || query.validity)}
          >
            <summary>筛选条件</summary>
            <SelectField
              name="agency"
              label="发布机构（含下级）"
              value={query.agency ?? ''}
              placeholder="全部机构"
              options={agencyOptions(agencyList)}
              errors={errors}
            />
            {domains.length ? (
              <SelectField
                name="domain"
                label="公开领域（标准目录）"
                value={query.domain ?? ''}
                placeholder="全部领域"
                options={[...domains]}
                errors={errors}
              />
            ) : null}
            <SelectField
              name="subject"
              label="主题分类"
              value={query.subject ?? ''}
              placeholder="全部分类"
              options={subjectCategoryTree.flatMap((c) => [
                { value: c.name, label: c.name },
                ...c.children.map((s) => ({ value: `${c.name}\\${s}`, label: `\u3000${s}` })),
              ])}
              errors={errors}
            />
            <SelectField
              name="year"
              label="发布年份"
              value={query.year ?? ''}
              placeholder="全部年份"
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              errors={errors}
            />
            <SelectField
              name="validity"
              label="有效性"
              value={query.validity ?? ''}
              placeholder="全部"
              options={validities.map((v) => ({ value: v, label: validityLabels[v] }))}
              errors={errors}
            />
          </details>
          <input type="hidden" name="sort" value={query.sort ?? ''} />
          <button class="gk-button" type="submit">
            检索
          </button>
        </form>
        {result ? (
          <div class="gk-search-results">
            <p class="gk-search-count" role="status">
              共找到 <strong>{result.total}</strong> 条信息
              {result.total > 1 ? (
                <span class="gk-search-sort">
                  {' · '}
                  {query.sort === 'date' ? (
                    <a href={href(query, { sort: '', page: '' })}>按相关度排序</a>
                  ) : (
                    '按相关度排序'
                  )}
                  {' | '}
                  {query.sort === 'date' ? (
                    '按发布日期排序'
                  ) : (
                    <a href={href(query, { sort: 'date', page: '' })}>按发布日期排序</a>
                  )}
                </span>
              ) : null}
            </p>
            {result.total === 0 ? <p>没有找到相关信息。可以换一个词，或减少筛选条件。</p> : null}
            <ol class="gk-hits" start={(result.page - 1) * result.pageSize + 1}>
              {result.hits.map((h) => (
                <li class="gk-hit">
                  <a class="gk-hit-title" href={`/records/${h.id}`}>
                    {h.title}
                  </a>
                  <Snippet parts={h.snippet} />
                  <p class="gk-hit-meta">
                    {h.agencyName} · {formatDateTime(h.publishedAt).slice(0, 10)}
                    {h.docNumber ? ` · ${h.docNumber}` : ''} · 索引号 {h.indexNumber}
                    {h.validity !== 'inForce' ? ` · ${validityLabels[h.validity]}` : ''}
                  </p>
                </li>
              ))}
            </ol>
            <Pager result={result} query={query} />
          </div>
        ) : null}
      </section>,
    );
  });
}

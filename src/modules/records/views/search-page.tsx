import { ErrorSummary, PubDate, SelectField, TextField } from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import type { SnippetPart } from '../../search/index.js';
import { validities, validityLabels } from '../record.js';
import type { SearchPage as Page, SearchResult } from '../record-search.service.js';
import { subjectCategoryTree } from '../subject-category.js';

export type Query = Record<string, string | undefined>;

const filterNames = ['q', 'agency', 'domain', 'subject', 'year', 'validity', 'sort'] as const;

/** 主题分类 as the filter offers it: each class, then its sub-classes indented. */
const subjectOptions = subjectCategoryTree.flatMap((c) => [
  { value: c.name, label: c.name },
  ...c.children.map((s) => ({ value: `${c.name}\\${s}`, label: `\u3000${s}` })),
]);

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

/** Portal search (全文检索): the form with its filters, and the hits with their snippets. */
export function SearchPage({ page, query }: { page: Page; query: Query }) {
  const { result, errors } = page;
  return (
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
            options={agencyOptions(page.agencies)}
            errors={errors}
          />
          {page.domains.length ? (
            <SelectField
              name="domain"
              label="公开领域（标准目录）"
              value={query.domain ?? ''}
              placeholder="全部领域"
              options={[...page.domains]}
              errors={errors}
            />
          ) : null}
          <SelectField
            name="subject"
            label="主题分类"
            value={query.subject ?? ''}
            placeholder="全部分类"
            options={subjectOptions}
            errors={errors}
          />
          <SelectField
            name="year"
            label="发布年份"
            value={query.year ?? ''}
            placeholder="全部年份"
            options={page.years.map((y) => ({ value: y, label: `${y}年` }))}
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
            {result.totalApproximate ? '共找到约 ' : '共找到 '}
            <strong>{result.total}</strong> 条信息
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
                  {h.agencyName} · <PubDate at={h.publishedAt} />
                  {h.docNumber ? ` · ${h.docNumber}` : ''} · 索引号 {h.indexNumber}
                  {h.validity !== 'inForce' ? ` · ${validityLabels[h.validity]}` : ''}
                </p>
              </li>
            ))}
          </ol>
          <Pager result={result} query={query} />
        </div>
      ) : null}
    </section>
  );
}

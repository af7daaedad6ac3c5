import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { PubDate } from '../../platform/ui/components.js';
import { agencies, ContactSummary, type Agency } from '../agencies/index.js';
import { annualReports, scopeLabels } from '../annual-report/index.js';
import { catalogs } from '../catalog/index.js';
import type { Config } from '../../platform/config/config.js';
import type { WebContext } from '../../platform/module.js';
import { records, subjectCategoryTree } from '../records/index.js';
import { disclosureRuleGenres } from './portal.js';
import { RecordList } from './views/lists.js';

/**
 * The 政府信息公开 专栏 of each agency (国办公开办函〔2019〕61号, legal.md §6.3): 公开指南, 公开制度,
 * 法定主动公开内容 (by 标准目录 and by 主题分类), 公开年报, 依申请公开 — and Atom feeds per agency and
 * per catalog domain, so a reader or another site can follow what is published.
 */

type Params = { agencyId: string };

const sections = [
  {
    path: 'guide',
    label: '政府信息公开指南',
    text: '公开的方式、申请的渠道和答复期限、信息处理费、救济途径和联系方式。',
  },
  { path: 'rules', label: '政府信息公开制度', text: '本机关政府信息公开的工作制度和规定。' },
  {
    path: 'content',
    label: '法定主动公开内容',
    text: '按基层政务公开标准目录和按主题分类浏览主动公开的政府信息。',
  },
  { path: 'reports', label: '政府信息公开工作年度报告', text: '历年政府信息公开工作年度报告。' },
] as const;

function crumbs(a: Agency, label?: string) {
  return [
    { label: '首页', href: '/' },
    { label: '政府信息公开', href: `/xxgk/${a.id}` },
    ...(label ? [{ label: a.name, href: `/xxgk/${a.id}` }, { label }] : [{ label: a.name }]),
  ];
}

function pageOf(req: FastifyRequest<{ Querystring: { page?: string } }>): number {
  const n = Number(req.query.page ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}

function xml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/**
 * The site's own address for absolute links (feeds): PUBLIC_URL, or http://localhost:PORT where
 * none is configured — never the request's Host header, which the client chooses.
 */
export function publicBase(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** An Atom 1.0 feed (RFC 4287) of published records. */
function atom(
  base: string,
  reply: FastifyReply,
  feed: { id: string; title: string; alternate: string },
  rows: Array<{
    id: string;
    title: string;
    publishedAt: string | null;
    agencyName: string;
    summary?: string | null;
  }>,
) {
  const updated = rows[0]?.publishedAt ?? new Date(0).toISOString();
  const entries = rows
    .map(
      (r) => `  <entry>
    <id>${xml(`${base}/records/${r.id}`)}</id>
    <title>${xml(r.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(`${base}/records/${r.id}`)}"/>
    <updated>${xml(r.publishedAt ?? updated)}</updated>
    <published>${xml(r.publishedAt ?? updated)}</published>
    <author><name>${xml(r.agencyName)}</name></author>${r.summary ? `\n    <summary>${xml(r.summary)}</summary>` : ''}
  </entry>`,
    )
    .join('\n');
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(`${base}${feed.id}`)}</id>
  <title>${xml(feed.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}${feed.id}`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${base}${feed.alternate}`)}"/>
  <updated>${xml(updated)}</updated>
${entries}
</feed>
`;
  return reply.type('application/atom+xml; charset=utf-8').send(body);
}

export function registerColumnRoutes(app: FastifyInstance, web: WebContext): void {
  const base = publicBase(web.config);
  app.nav.push({ href: '/xxgk', label: '政府信息公开', area: 'portal', order: 15 });

  app.get('/xxgk', async (req, reply) => {
    const root = await agencies.root(req.ctx);
    if (!root) throw new NotFoundError('尚未设立机构');
    return reply.redirect(`/xxgk/${root.id}`, 302);
  });

  app.get<{ Params: Params }>('/xxgk/:agencyId', async (req, reply) => {
    const a = await agencies.getPublic(req.ctx, req.params.agencyId);
    const all = await agencies.listPublic(req.ctx);
    const children = all.filter((c) => c.parentId === a.id);
    const latest = await records.publicList(req.ctx, { agencyPath: a.path, pageSize: 10 });
    return reply.page(
      {
        title: `${a.name}政府信息公开`,
        area: 'portal',
        crumbs: crumbs(a),
        tags: { columnName: `${a.name}政府信息公开`, columnType: '信息公开' },
      },
      <>
        <h1 class="gk-title">{a.name}政府信息公开</h1>
        <div class="gk-grid">
          {sections.map((s) => (
            <section class="gk-card">
              <h2 class="gk-card__title">
                <a href={`/xxgk/${a.id}/${s.path}`}>{s.label}</a>
              </h2>
              <p>{s.text}</p>
            </section>
          ))}
          <section class="gk-card">
            <h2 class="gk-card__title">
              <a href={`/apply?agencyId=${a.id}`}>依申请公开</a>
            </h2>
            <p>向本机关在线提交政府信息公开申请，并查询办理进度。</p>
          </section>
        </div>
        <section class="gk-section">
          <h2 class="gk-section__title">
            最新信息{' '}
            <a class="gk-feed" href={`/feeds/agencies/${a.id}.atom`}>
              订阅（Atom）
            </a>
          </h2>
          <RecordList rows={latest.rows} />
        </section>
        {children.length ? (
          <section class="gk-section">
            <h2 class="gk-section__title">下级机关</h2>
            <ul class="gk-columns">
              {children.map((c) => (
                <li>
                  <a href={`/xxgk/${c.id}`}>{c.name}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>,
    );
  });

  // 政府信息公开指南, written from the agency's own data and the 条例 (第十二条 requires one).
  app.get<{ Params: Params }>('/xxgk/:agencyId/guide', async (req, reply) => {
    const a = await agencies.getPublic(req.ctx, req.params.agencyId);
    return reply.page(
      {
        title: `${a.name}政府信息公开指南`,
        area: 'portal',
        crumbs: crumbs(a, '政府信息公开指南'),
        tags: { columnName: '政府信息公开指南', columnType: '信息公开指南' },
      },
      <article class="gk-guide">
        <h1 class="gk-title">{a.name}政府信息公开指南</h1>
        <p>
          为方便公民、法人和其他组织获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。
        </p>
        <h2>一、主动公开</h2>
        <p>
          （一）公开范围：本机关依照《条例》第十九条、第二十条的规定主动公开政府信息，具体见本网站“法定主动公开内容”和本机关的
          <a href={`/catalogs/${a.id}`}>基层政务公开标准目录</a>。
        </p>
        <p>（二）公开方式：本网站政府信息公开专栏，以及政务新媒体、政府公报、政府信息查阅场所和公告栏等。</p>
        <p>
          （三）公开时限：属于主动公开范围的政府信息，自该信息形成或者变更之日起 20
          个工作日内予以公开（《条例》第二十六条）。
        </p>
        <h2>二、依申请公开</h2>
        <p>
          （一）受理机构：{a.name}。申请人可以
          <a href={`/apply?agencyId=${a.id}`}>在线提交申请</a>
          ，也可以通过信函或者当面提交书面申请（《条例》第二十九条）。
        </p>
        <p>
          （二）申请内容：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求。
        </p>
        <p>
          （三）答复期限：能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20
          个工作日内答复；需要延长的，经负责人同意并告知申请人，延长期限最长不超过 20
          个工作日。需要补正的，答复期限自收到补正的申请之日起计算；征求第三方意见所需时间不计算在内（《条例》第三十条至第三十三条）。
        </p>
        <p>
          （四）收费：行政机关依申请提供政府信息，不收取费用；申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费（《条例》第四十二条）。
        </p>
        <h2>三、监督和救济</h2>
        <p>
          公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。
        </p>
        <h2>四、联系方式</h2>
        <ContactSummary a={a} withCode={false} />
      </article>,
    );
  });

  app.get<{ Params: Params; Querystring: { page?: string } }>('/xxgk/:agencyId/rules', async (req, reply) => {
    const a = await agencies.getPublic(req.ctx, req.params.agencyId);
    const list = await records.publicList(req.ctx, {
      agencyPath: a.path,
      genres: disclosureRuleGenres,
      page: pageOf(req),
    });
    return reply.page(
      {
        title: `${a.name}政府信息公开制度`,
        area: 'portal',
        crumbs: crumbs(a, '政府信息公开制度'),
        tags: { columnName: '政府信息公开制度', columnType: '信息公开' },
      },
      <>
        <h1 class="gk-title">政府信息公开制度</h1>
        <RecordList rows={list.rows} />
      </>,
    );
  });

  app.get<{ Params: Params; Querystring: { subject?: string; page?: string } }>(
    '/xxgk/:agencyId/content',
    async (req, reply) => {
      const a = await agencies.getPublic(req.ctx, req.params.agencyId);
      const subject = req.query.subject;
      const counts = new Map(
        (await records.subjectCounts(req.ctx, a.path)).map((c) => [c.category, c.count]),
      );
      const classTotal = (name: string) =>
        [...counts].filter(([k]) => k === name || k.startsWith(`${name}\\`)).reduce((s, [, n]) => s + n, 0);
      const list = subject
        ? await records.publicList(req.ctx, {
            agencyPath: a.path,
            subjectCategory: subject,
            page: pageOf(req),
          })
        : null;
      const catalogsHere = await catalogs.publicCatalogs(req.ctx, a.id);
      return reply.page(
        {
          title: `${a.name}法定主动公开内容`,
          area: 'portal',
          crumbs: crumbs(a, '法定主动公开内容'),
          tags: { columnName: '法定主动公开内容', columnType: '信息公开' },
        },
        <>
          <h1 class="gk-title">法定主动公开内容</h1>
          <section class="gk-section">
            <h2 class="gk-section__title">按基层政务公开标准目录</h2>
            {catalogsHere.catalogs.length ? (
              <ul class="gk-columns">
                {catalogsHere.catalogs.map(({ catalog }) => (
                  <li>
                    <a href={`/catalogs/${a.id}#catalog-${catalog.id}`}>{catalog.domainName}</a>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="gk-muted">本机关尚未发布标准目录。</p>
            )}
          </section>
          <section class="gk-section">
            <h2 class="gk-section__title">按主题分类</h2>
            <ul class="gk-columns">
              {subjectCategoryTree
                .filter((c) => classTotal(c.name) > 0)
                .map((c) => (
                  <li>
                    <a href={`/xxgk/${a.id}/content?subject=${encodeURIComponent(c.name)}`}>{c.name}</a>（
                    {classTotal(c.name)}）
                  </li>
                ))}
            </ul>
          </section>
          {list && subject ? (
            <section class="gk-section" id="list">
              <h2 class="gk-section__title">
                {subject.replace('\\', ' › ')}（{list.total}）
              </h2>
              <RecordList rows={list.rows} />
            </section>
          ) : null}
        </>,
      );
    },
  );

  app.get<{ Params: Params }>('/xxgk/:agencyId/reports', async (req, reply) => {
    const a = await agencies.getPublic(req.ctx, req.params.agencyId);
    // Reports published on the platform, and those published before it as recorded (年报检查).
    const { published: own, before: older } = await annualReports.portalList(req.ctx, a.id);
    return reply.page(
      {
        title: `${a.name}政府信息公开工作年度报告`,
        area: 'portal',
        crumbs: crumbs(a, '政府信息公开工作年度报告'),
        tags: { columnName: '政府信息公开工作年度报告', columnType: '信息公开年报' },
      },
      <>
        <h1 class="gk-title">政府信息公开工作年度报告</h1>
        {own.length || older.length ? (
          <ul class="gk-record-list" id="annual-reports">
            {own.map((r) => (
              <li>
                <a href={`/annual-reports/${r.id}`}>
                  {a.name}
                  {r.year}年政府信息公开工作年度报告{r.scope === 'tree' ? `（${scopeLabels.tree}）` : ''}
                </a>
                <span class="gk-hit-meta">
                  {' '}
                  <PubDate at={r.publishedAt} />
                  {r.version > 1 ? ` · 第${r.version}版（更正）` : ''}
                </span>
              </li>
            ))}
            {older.map((r) => (
              <li>
                {r.year}年：{r.name}
                <span class="gk-hit-meta">（平台启用前发布）</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="gk-muted">暂无年度报告。</p>
        )}
      </>,
    );
  });

  app.get<{ Params: { file: string } }>('/feeds/agencies/:file', async (req, reply) => {
    const id = req.params.file.replace(/\.atom$/, '');
    const a = await agencies.getPublic(req.ctx, id);
    const list = await records.publicList(req.ctx, { agencyPath: a.path, pageSize: 50 });
    return atom(
      base,
      reply,
      { id: `/feeds/agencies/${a.id}.atom`, title: `${a.name}政府信息公开`, alternate: `/xxgk/${a.id}` },
      list.rows,
    );
  });

  app.get<{ Params: { file: string } }>('/feeds/domains/:file', async (req, reply) => {
    const code = req.params.file.replace(/\.atom$/, '');
    const found = await catalogs.publishedRecordsForDomain(req.ctx, code, 50);
    if (!found) throw new NotFoundError('没有这个公开领域');
    return atom(
      base,
      reply,
      { id: `/feeds/domains/${code}.atom`, title: `${found.domainName}领域政府信息`, alternate: '/catalogs' },
      found.records,
    );
  });
}

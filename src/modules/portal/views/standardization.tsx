import type { Agency } from '../../agencies/index.js';
import type { PublishedByItem } from '../../catalog/index.js';
import type { LeveledGroup, StandardsColumn } from '../portal.service.js';
import { standardizationColumns, type PortalColumnEntry, type PortalLink } from '../portal.js';
import { RecordList } from './lists.js';

/** The 专栏's own navigation between its five columns. */
export function ColumnTabs({ current }: { current?: string }) {
  return (
    <nav class="gk-tabs" aria-label="专栏栏目">
      <ul>
        <li>
          <a href="/standardization" aria-current={current ? undefined : 'page'}>
            专栏首页
          </a>
        </li>
        {standardizationColumns.map((c) => (
          <li>
            <a href={`/standardization/${c.key}`} aria-current={c.key === current ? 'page' : undefined}>
              {c.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function StandardizationIndex({ siteName }: { siteName: string }) {
  return (
    <>
      <h1 class="gk-title">基层政务公开标准化规范化专栏</h1>
      <p class="gk-lead">
        {siteName}
        按照《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号），以“制度化、标准化、规范化、便民化、信息化”五化并举展示基层政务公开标准化规范化工作成果。
      </p>
      <ColumnTabs />
      <ul class="gk-five gk-five--large">
        {standardizationColumns.map((c) => (
          <li>
            <a href={`/standardization/${c.key}`}>
              <strong>{c.label}</strong>
              <span>{c.text}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

function LinkItems({ links }: { links: PortalLink[] }) {
  return (
    <>
      {links.map((l) => (
        <li>
          {l.url ? (
            <a href={l.url} rel={l.url.startsWith('/') ? undefined : 'noopener'}>
              {l.title}
            </a>
          ) : (
            l.title
          )}
        </li>
      ))}
    </>
  );
}

function Levels({ groups, ownLabel }: { groups: LeveledGroup[]; ownLabel: string }) {
  return (
    <>
      {groups.map((g) => (
        <section class="gk-section">
          <h2 class="gk-section__title">{g.level === '本级' ? ownLabel : g.level}</h2>
          {g.links.length ? (
            <ul class="gk-record-list">
              <LinkItems links={g.links} />
            </ul>
          ) : null}
          {g.records.length ? <RecordList rows={g.records} /> : null}
        </section>
      ))}
    </>
  );
}

export function RulesView({ root, groups }: { root: Agency; groups: LeveledGroup[] }) {
  return (
    <>
      <h1 class="gk-title">制度化</h1>
      <p class="gk-lead">国家、省、市和本级政务公开、政府网站、政务新媒体相关制度。</p>
      <ColumnTabs current="rules" />
      <Levels groups={groups} ownLabel={`本级（${root.name}）`} />
    </>
  );
}

export function StandardsView({ p }: { p: StandardsColumn }) {
  const domains = p.ownCatalogs.filter((c) => c.kind === 'domain');
  const local = p.ownCatalogs.filter((c) => c.kind === 'local');
  return (
    <>
      <h1 class="gk-title">标准化</h1>
      <p class="gk-lead">
        政务公开标准化指引，本级“{domains.length}+{local.length}
        ”政务公开事项标准目录，以及镇（街道）标准化目录。
      </p>
      <ColumnTabs current="standards" />
      <Levels groups={p.guides} ownLabel={`本级（${p.root.name}）`} />
      <section class="gk-section" id="guides">
        <h2 class="gk-section__title">国务院有关部门试点领域标准指引（{p.domainGuides.length} 个领域）</h2>
        <ul class="gk-columns">
          {p.domainGuides.map((d) => (
            <li>
              {d.name}
              <span class="gk-hit-meta">（{d.ministry}）</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="gk-section" id="own-catalogs">
        <h2 class="gk-section__title">
          {p.root.name}政务公开事项标准目录（{domains.length} 个试点领域
          {local.length ? ` + ${local.length} 个本级创新领域` : ''}）
        </h2>
        {p.ownCatalogs.length ? (
          <ul class="gk-columns">
            {p.ownCatalogs.map((c) => (
              <li>
                <a href={`/catalogs/${p.root.id}#catalog-${c.id}`}>{c.name}</a>
                <span class="gk-hit-meta">
                  （{c.items} 项{c.kind === 'local' ? '，本级创新' : ''}）
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="gk-muted">本级标准目录正在编制，编制完成后在此发布。</p>
        )}
      </section>
      <section class="gk-section" id="township-catalogs">
        <h2 class="gk-section__title">镇（街道）标准化目录</h2>
        {p.townships.length ? (
          <ul class="gk-record-list">
            {p.townships.map((t) => (
              <li>
                <a href={`/catalogs/${t.agencyId}`}>{t.agencyName}</a>
                <span class="gk-hit-meta">
                  {' '}
                  {t.domains.length} 个领域：{t.domains.join('、')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="gk-muted">镇（街道）标准目录正在编制，编制完成后在此发布。</p>
        )}
      </section>
    </>
  );
}

export function NormsView({
  root,
  catalogs,
  selected,
}: {
  root: Agency;
  catalogs: PublishedByItem[];
  selected: PublishedByItem | null;
}) {
  const shown = selected ?? catalogs.find((c) => c.total > 0) ?? catalogs[0] ?? null;
  return (
    <>
      <h1 class="gk-title">规范化</h1>
      <p class="gk-lead">按标准目录的公开事项规范发布政府信息：每个事项下列出已发布的信息。</p>
      <ColumnTabs current="norms" />
      {catalogs.length ? (
        <>
          <ul class="gk-columns" id="domains">
            {catalogs.map((c) => (
              <li>
                <a
                  href={`/standardization/norms?domain=${encodeURIComponent(c.catalog.domainCode)}#items`}
                  aria-current={shown?.catalog.id === c.catalog.id ? 'true' : undefined}
                >
                  {c.catalog.domainName}
                </a>
                <span class="gk-hit-meta">
                  （{c.items.length} 项，{c.total} 条信息）
                </span>
              </li>
            ))}
          </ul>
          {shown ? (
            <section class="gk-section" id="items">
              <h2 class="gk-section__title">
                {shown.catalog.domainName}{' '}
                <a
                  class="gk-feed"
                  href={`/feeds/domains/${encodeURIComponent(shown.catalog.domainCode)}.atom`}
                >
                  订阅（Atom）
                </a>
              </h2>
              <ul class="gk-item-tree">
                {shown.items.map(({ item, records }) => (
                  <li class={`gk-item-tree__level${item.level}`}>
                    <a href={`/catalogs/item/${item.id}`}>{item.name}</a>
                    {records.length ? (
                      <RecordList rows={records.slice(0, 5)} />
                    ) : item.contentElements ? (
                      <p class="gk-hit-meta">
                        公开内容：{item.contentElements}；公开时限：{item.timeLimit || '—'}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : (
        <p class="gk-muted">{root.name}的标准目录正在编制，编制完成后按事项在此发布信息。</p>
      )}
    </>
  );
}

export function ServiceColumnView(p: {
  label: string;
  lead: string;
  current: string;
  entries: PortalColumnEntry[];
  coming: Array<{ title: string; text: string }>;
}) {
  return (
    <>
      <h1 class="gk-title">{p.label}</h1>
      <p class="gk-lead">{p.lead}</p>
      <ColumnTabs current={p.current} />
      <section class="gk-section">
        <h2 class="gk-section__title">已开通</h2>
        <div class="gk-grid">
          {p.entries.map((e) => (
            <section class="gk-card">
              <h3 class="gk-card__title">
                <a href={e.href}>{e.title}</a>
              </h3>
              <p>{e.text}</p>
            </section>
          ))}
        </div>
      </section>
      {p.coming.length ? (
        <section class="gk-section" id="coming">
          <h2 class="gk-section__title">建设中</h2>
          <p>以下功能正在建设，开通后在本栏目提供：</p>
          <ul class="gk-record-list">
            {p.coming.map((c) => (
              <li>
                <strong>{c.title}</strong>：{c.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

import { PubDate, Summary, Table } from '../../../platform/ui/components.js';
import type { Agency } from '../../agencies/index.js';
import { columnLabels, itemLevelLabels, type Catalog, type CatalogItem } from '../catalog.js';
import { cellText, detailColumns } from '../catalog.presenter.js';
import type { PublicIndexEntry, PublicItemPage } from '../catalog-public.service.js';
import { Indented } from './catalog-parts.js';

/** Who has a catalog, and of which domains. */
export function PortalIndex({ list }: { list: PublicIndexEntry[] }) {
  return (
    <>
      <h1 class="gk-title">基层政务公开标准目录</h1>
      <Table head={['机关', '领域']}>
        {list.map((a) => (
          <tr>
            <td>
              <a href={`/catalogs/${a.agencyId}`}>{a.agencyName}</a>
            </td>
            <td>{a.domains.join('、')}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

/** An agency's catalogs, each as the published catalogue reads. */
export function PortalAgency(p: {
  agency: Agency;
  catalogs: Array<{ catalog: Catalog; items: CatalogItem[] }>;
}) {
  return (
    <>
      <h1 class="gk-title">{p.agency.name}基层政务公开标准目录</h1>
      {p.catalogs.length === 0 ? <p class="gk-muted">该机关尚未发布标准目录。</p> : null}
      {p.catalogs.map(({ catalog, items }) => (
        <section class="gk-section" id={`catalog-${catalog.id}`}>
          <h2 class="gk-section__title">{catalog.domainName}</h2>
          <Table head={['公开事项', '公开内容（要素）', '公开时限', '公开主体', '公开方式', '公开层级']}>
            {items.map((i) => (
              <tr>
                <td>
                  <Indented item={i} href={`/catalogs/item/${i.id}`} />
                </td>
                <td>{i.contentElements}</td>
                <td>{i.timeLimit}</td>
                <td>{i.subject}</td>
                <td>{i.method ?? ''}</td>
                <td>{i.tiers.join('、')}</td>
              </tr>
            ))}
          </Table>
        </section>
      ))}
    </>
  );
}

/** One item: its columns, where it sits, the items under it and the records filed under it. */
export function PortalItem({
  page: p,
  links = [],
}: {
  page: PublicItemPage;
  links?: Array<{ label: string; href: string }>;
}) {
  return (
    <>
      <h1 class="gk-title">{p.item.name}</h1>
      <Summary
        rows={[
          [
            '公开事项',
            `${itemLevelLabels[p.item.level]}${p.ancestors.length ? `（属于${p.ancestors.map((a) => a.name).join(' › ')}）` : ''}`,
          ],
          ...detailColumns.map((k) => [columnLabels[k], cellText(p.item, k)] as [string, string]),
        ]}
      />
      {p.children.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">下级事项</h2>
          <ul>
            {p.children.map((c) => (
              <li>
                <a href={`/catalogs/item/${c.id}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="gk-section" id="item-records">
        <h2 class="gk-section__title">已公开的信息</h2>
        {p.records.length === 0 ? <p class="gk-muted">暂无关联的公开信息。</p> : null}
        <ul>
          {p.records.map((r) => (
            <li>
              <a href={`/records/${r.id}`}>{r.title}</a>{' '}
              <span class="gk-muted">
                {r.agencyName} <PubDate at={r.publishedAt} withTime />
              </span>
            </li>
          ))}
        </ul>
      </section>
      {links.length ? (
        <p>
          {links.map((l) => (
            <a class="gk-button gk-button--secondary" href={l.href}>
              {l.label}
            </a>
          ))}
        </p>
      ) : null}
    </>
  );
}

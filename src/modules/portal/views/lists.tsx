import type { Child } from 'hono/jsx';
import { PubDate } from '../../../platform/ui/components.js';

/** A published record as the portal's lists show it. */
export interface ListedRecord {
  id: string;
  title: string;
  publishedAt: string | null;
  documentNumber?: string | null;
  agencyName?: string;
}

/** A list of published records: title, date (YYYY-MM-DD), 文号; `empty` says why there is none. */
export function RecordList({
  rows,
  empty = '暂无信息。',
  withAgency = false,
}: {
  rows: ListedRecord[];
  empty?: string;
  withAgency?: boolean;
}) {
  if (!rows.length) return <p class="gk-muted">{empty}</p>;
  return (
    <ul class="gk-record-list">
      {rows.map((r) => (
        <li>
          <a href={`/records/${r.id}`}>{r.title}</a>
          <span class="gk-hit-meta">
            {' '}
            <PubDate at={r.publishedAt} />
            {r.documentNumber ? ` · ${r.documentNumber}` : ''}
            {withAgency && r.agencyName ? ` · ${r.agencyName}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A titled block of the home page with a “更多” link. */
export function Panel(p: { id: string; title: string; more?: string; children: Child }) {
  return (
    <section class="gk-panel" id={p.id} aria-labelledby={`${p.id}-title`}>
      <h2 class="gk-panel__title" id={`${p.id}-title`}>
        <span>{p.title}</span>
        {p.more ? (
          <a class="gk-panel__more" href={p.more}>
            更多
          </a>
        ) : null}
      </h2>
      {p.children}
    </section>
  );
}

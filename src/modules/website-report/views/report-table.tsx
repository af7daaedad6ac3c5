import type { TableRow } from '../website-report.js';
import { gridColumns, gridOf } from '../website-report.layout.js';

const columnWidths = ['12%', '12%', '30%', '26%', '20%'];

/**
 * The same figures as a list, section by section, for a phone (shown below 40rem, where the
 * national table needs sideways scrolling to reach its values): label, then value.
 */
function ReportList({ rows }: { rows: readonly TableRow[] }) {
  const sections: { title: string | null; rows: TableRow[] }[] = [];
  for (const r of rows) {
    const last = sections[sections.length - 1];
    if (last && last.title === r.section) last.rows.push(r);
    else sections.push({ title: r.section, rows: [r] });
  }
  return (
    <div class="gk-wr-list">
      {sections.map((s) => (
        <section>
          {s.title ? <h2 class="gk-section__title">{s.title}</h2> : null}
          <dl class="gk-summary">
            {s.rows.map((r) => (
              <>
                <dt>{[r.group, r.label].filter(Boolean).join(' · ')}</dt>
                <dd>
                  {r.value === '' ? <span class="gk-muted">（空）</span> : r.value}
                  {r.note ? <span class="gk-muted">（{r.note}）</span> : null}
                </dd>
              </>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

/**
 * The 报表 in the national layout (the same grid as the XLSX file). On a phone the table keeps its
 * layout and scrolls sideways inside its own frame, a region reached with Tab.
 */
export function ReportTable({ title, rows }: { title: string; rows: readonly TableRow[] }) {
  return (
    <>
      <ReportList rows={rows} />
      <p class="gk-hint gk-wr-phone-only">以下为国家规定格式的表格，在手机上可左右滑动查看数值和说明。</p>
      <div class="gk-annual-report">
        <div class="gk-ar-scroll" tabindex={0} role="region" aria-label={title}>
          <table>
            <caption class="gk-visually-hidden">{title}</caption>
            {/* The labels narrow, the values wide enough for an address (a width attribute: the
              Content-Security-Policy blocks style attributes). */}
            <colgroup>
              {columnWidths.map((w) => (
                <col width={w} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {gridColumns.map((h) => (
                  <th scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {gridOf(rows).map((cells) => (
                <tr>
                  {cells.map((c) =>
                    c.kind === 'heading' ? (
                      <th
                        scope={c.rowspan > 1 ? 'rowgroup' : 'row'}
                        class="gk-ar-label"
                        rowspan={c.rowspan > 1 ? c.rowspan : undefined}
                        colspan={c.colspan > 1 ? c.colspan : undefined}
                      >
                        {c.text}
                      </th>
                    ) : (
                      <td>{c.text}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

import { Table } from '../../../platform/ui/components.js';
import type { SnapshotItem } from '../catalog.js';
import { changedCells } from '../catalog.presenter.js';
import type { ComparePage } from '../catalog-versions.service.js';
import { Indented } from './catalog-parts.js';

function Items({ items }: { items: SnapshotItem[] }) {
  return (
    <Table head={['公开事项', '公开内容（要素）', '公开时限', '公开主体']}>
      {items.map((i) => (
        <tr>
          <td>
            <Indented item={i} />
          </td>
          <td>{i.contentElements}</td>
          <td>{i.timeLimit}</td>
          <td>{i.subject}</td>
        </tr>
      ))}
    </Table>
  );
}

/** Two versions of a catalog side by side: items added, removed, and each changed cell. */
export function CompareView({ page }: { page: ComparePage }) {
  const { from: a, to: b, diff } = page;
  return (
    <>
      <h1 class="gk-title">
        第 {a} 版与第 {b} 版比较
      </h1>
      <p class="gk-lead">{`${page.agencyName} · ${page.catalog.domainName}`}</p>
      <section class="gk-section" id="diff-added">
        <h2 class="gk-section__title">新增事项（{diff.added.length}）</h2>
        <Items items={diff.added} />
      </section>
      <section class="gk-section" id="diff-removed">
        <h2 class="gk-section__title">删除事项（{diff.removed.length}）</h2>
        <Items items={diff.removed} />
      </section>
      <section class="gk-section" id="diff-changed">
        <h2 class="gk-section__title">修改事项（{diff.changed.length}）</h2>
        <Table head={['公开事项', '修改的栏目', `第 ${a} 版`, `第 ${b} 版`]}>
          {changedCells(diff).map((row) => (
            <tr>
              <td>{row.first ? <Indented item={row.item} /> : ''}</td>
              <td>{row.column}</td>
              <td>{row.before}</td>
              <td>{row.after}</td>
            </tr>
          ))}
        </Table>
      </section>
    </>
  );
}
